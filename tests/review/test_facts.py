"""`kindred check-facts` core against pages served on 127.0.0.1: every listing host is mapped to the local server,
so no other host is ever contacted."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from generator.directory import load_directory
from generator.review.facts import PageReader, check_facts, number_forms, render_report
from generator.review.page_text import digit_strings, has_keyword, page_text

HOSTS = ("facts.example.org", "www.facts.example.org", "other.example.org")

PAGES = {
    # as the listing writes it
    "/found": ("text/html", "<html><body><p>Call 0800 1111, free, any time.</p></body></html>"),
    # the same number written otherwise: international, dashes, a non-breaking space, a tel: link
    "/reformatted": ("text/html; charset=utf-8",
                     "<p>From abroad: +44&nbsp;800-11-11.</p><p><a href='tel:+18005224700'>Call the US line</a></p>"
                     "<p>Text <b>SHOUT</b> to 85&#8239;258.</p>"),
    "/vanity": ("text/html", "<p>Call 1-800-GAMBLER or text 800GAM.</p>"),
    "/none": ("text/html", "<p>We are here for you. Call 0800 2222 (a different number), or 19880 apples.</p>"
                           "<script>var phone = '08001111';</script>"),
    "/json": ("application/json", json.dumps({"phone": "0800\u00a01111"})),
    "/latin1": ("text/html; charset=iso-8859-1", "<p>Téléphone : 0800 1111</p>"),
    "/pdf": ("application/pdf", "%PDF-1.4 0800 1111"),
}


class _Server:
    hits: list[str] = []


def _handler():
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args):
            pass

        def _send(self, status, headers=None, body=b""):
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            path = self.path.split("?")[0]
            _Server.hits.append(f"{self.headers.get('Host')}{path}")
            try:
                if path in PAGES:
                    kind, text = PAGES[path]
                    encoding = "iso-8859-1" if "8859" in kind else "utf-8"
                    self._send(200, {"Content-Type": kind}, text.encode(encoding))
                elif path == "/moved":
                    self._send(301, {"Location": "/found"})
                elif path == "/moved-to-other-host":
                    self._send(302, {"Location": "https://other.example.org/found"})
                elif path == "/moved-to-a-private-address":
                    self._send(302, {"Location": f"http://127.0.0.1:{self.server.server_port}/found"})
                elif path == "/slow":
                    time.sleep(1.5)
                    self._send(200, {"Content-Type": "text/html"}, b"<p>0800 1111</p>")
                else:
                    self._send(404)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler())
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def reader(server):
    return PageReader(host_delay=0, backoff=0.01, timeout=0.5, retries=0,
                      resolve={host: ("127.0.0.1", server) for host in HOSTS})


LISTING = """\
name: {name}
summary: A listing for the fact check.
website: https://facts.example.org{website}
countries: [{country}]
languages: [en]
topics: [anxiety]
cost: free
contacts:
{contacts}
{sources}"""

GB_PHONE = '  - method: phone\n    number: "0800 1111"\n'


def listing(name, website, contacts=GB_PHONE, country="GB", sources=()):
    block = ""
    if sources:
        block = "sources:\n" + "".join(f"  - url: https://facts.example.org{path}\n    read: 2026-01-10\n"
                                       f"    supports: [contacts]\n" for path in sources)
    return LISTING.format(name=name, website=website, contacts=contacts.rstrip("\n"), country=country,
                          sources=block)


def run(make_directory, reader, files):
    directory = load_directory(make_directory(files))
    assert directory.ok, directory.problems.sorted()
    return {(r.fact.listing, r.fact.field): r for r in check_facts(directory, reader)}


# -- the page text, unit by unit ---------------------------------------------------------------------------------
def test_digit_strings_start_and_end_on_group_boundaries():
    found = digit_strings("Call 1 (800) 522-4700 now, or 988.")
    assert {"18005224700", "8005224700", "988"} <= found
    assert "0052" not in found  # never from the middle of a group
    assert "988" not in digit_strings("19880 apples")


def test_vanity_letters_are_keypad_digits_and_capital_words_alone_are_not_numbers():
    assert "18004262537" in digit_strings("Call 1-800-GAMBLER today")
    assert "800426" in digit_strings("text 800GAM")
    assert digit_strings("Text HOME to us") == set()


def test_scripts_are_not_page_text_but_tel_links_and_structured_data_are():
    page = page_text("<p>Hi</p><script>x='08001111'</script>"
                     "<script type='application/ld+json'>{\"telephone\": \"+44 800 1111\"}</script>"
                     "<a href='tel:%2B1-800-522-4700'>call</a>")
    assert "08001111" not in page.digits
    assert "448001111" in page.digits and "18005224700" in page.digits


def test_keywords_match_whole_words_in_the_listings_capitals():
    assert has_keyword("Text SHOUT to 85258", "SHOUT")
    assert not has_keyword("Shout out loud", "SHOUT")
    assert not has_keyword("SHOUTING", "SHOUT")
    assert has_keyword("text START\u00a0NOW", "START NOW")


def test_number_forms_cover_national_international_and_written():
    from generator.phones import parse_number

    forms = number_forms("0800 1111", parse_number("0800 1111", ("GB",)))
    assert {"08001111", "448001111", "00448001111", "8001111"} <= forms


# -- against local pages -----------------------------------------------------------------------------------------
def test_found_as_written(make_directory, reader):
    results = run(make_directory, reader, {"helplines/plain.yaml": listing("Plain Line", "/found")})
    result = results[("helplines/plain", "contacts[0].number")]
    assert result.outcome == "found"
    assert result.found_on == ("https://facts.example.org/found",)


def test_found_when_the_page_formats_it_differently(make_directory, reader):
    contacts = (GB_PHONE + '  - method: phone\n    number: "+1 800 522 4700"\n    international: true\n'
                '    note: An international call.\n'
                '  - method: sms\n    number: "85258"\n    keyword: SHOUT\n')
    results = run(make_directory, reader, {"helplines/formats.yaml": listing("Formats Line", "/reformatted",
                                                                            contacts)})
    assert {field: r.outcome for (_, field), r in results.items()} == {
        "contacts[0].number": "found", "contacts[1].number": "found",
        "contacts[2].number": "found", "contacts[2].keyword": "found"}


def test_vanity_numbers_and_text_codes(make_directory, reader):
    contacts = ('  - method: phone\n    number: "1-800-522-4700"\n'
                '  - method: phone\n    number: "1-800-GAMBLER"\n')
    results = run(make_directory, reader, {"helplines/vanity.yaml": listing("Vanity Line", "/vanity", contacts,
                                                                           country="US")})
    assert results[("helplines/vanity", "contacts[1].number")].outcome == "found"  # 1-800-426-2537
    assert results[("helplines/vanity", "contacts[0].number")].outcome == "missing"  # not on that page


def test_missing_is_reported_with_file_and_line(make_directory, reader):
    text = listing("Missing Line", "/none", GB_PHONE + '  - method: sms\n    number: "85258"\n    keyword: SHOUT\n')
    results = run(make_directory, reader, {"helplines/missing.yaml": text})
    phone = results[("helplines/missing", "contacts[0].number")]
    keyword = results[("helplines/missing", "contacts[1].keyword")]
    assert phone.outcome == "missing" and keyword.outcome == "missing"
    lines = text.splitlines()
    assert phone.fact.line == lines.index('    number: "0800 1111"') + 1
    assert keyword.fact.line == lines.index("    keyword: SHOUT") + 1
    report = render_report(list(results.values()), "text")
    assert f"missing.yaml:{phone.fact.line}: contacts[0].number phone number 0800 1111" in report
    assert "Not found on the listing's pages" in report


def test_found_on_any_source_when_the_website_lacks_it(make_directory, reader):
    results = run(make_directory, reader, {
        "helplines/sourced.yaml": listing("Sourced Line", "/none", sources=["/json", "/latin1"])})
    result = results[("helplines/sourced", "contacts[0].number")]
    assert result.outcome == "found"
    assert set(result.found_on) == {"https://facts.example.org/json", "https://facts.example.org/latin1"}
    assert [(url.rsplit("/", 1)[1], field) for url, field, _ in result.pages] == [
        ("json", "sources[0]"), ("latin1", "sources[1]"), ("none", "website")]


def test_redirects_are_followed(make_directory, reader):
    results = run(make_directory, reader, {
        "helplines/moved.yaml": listing("Moved Line", "/moved"),
        "helplines/elsewhere.yaml": listing("Elsewhere Line", "/moved-to-other-host",
                                            '  - method: phone\n    number: "0808 800 5000"\n')})
    assert results[("helplines/moved", "contacts[0].number")].outcome == "found"
    # the other host's page is read (and lacks 0808 800 5000)
    assert results[("helplines/elsewhere", "contacts[0].number")].outcome == "missing"
    assert "other.example.org/found" in _Server.hits


def test_a_redirect_to_a_private_address_is_not_followed(make_directory, reader):
    results = run(make_directory, reader, {"helplines/sneaky.yaml": listing("Sneaky Line",
                                                                           "/moved-to-a-private-address")})
    result = results[("helplines/sneaky", "contacts[0].number")]
    assert result.outcome == "unchecked"
    assert result.pages[0][2].startswith("refused: 127.0.0.1 is a loopback address")


def test_a_timeout_leaves_the_number_unchecked_not_missing(make_directory, reader):
    results = run(make_directory, reader, {"helplines/slow.yaml": listing("Slow Line", "/slow")})
    result = results[("helplines/slow", "contacts[0].number")]
    assert result.outcome == "unchecked"
    assert result.pages[0][2] == "timed out after 0.5 s"
    assert "Could not check" in render_report([result], "markdown")


def test_a_page_that_is_not_text_and_a_missing_page_are_unreadable(make_directory, reader):
    results = run(make_directory, reader, {"helplines/pdf.yaml": listing("Pdf Line", "/pdf", sources=["/gone"])})
    result = results[("helplines/pdf", "contacts[0].number")]
    assert result.outcome == "unchecked"
    assert [error for _, _, error in result.pages] == ["404 answer from the server",
                                                       "not a text page (application/pdf); read it by hand"]


def test_each_page_is_fetched_once_however_many_listings_name_it(make_directory, reader):
    _Server.hits.clear()
    run(make_directory, reader, {
        "helplines/one.yaml": listing("One Line", "/found"),
        "helplines/two.yaml": listing("Two Line", "/found", '  - method: phone\n    number: "0808 800 5000"\n')})
    assert _Server.hits.count("facts.example.org/found") == 1


def test_json_and_markdown_reports(make_directory, reader):
    results = list(run(make_directory, reader, {"helplines/missing.yaml": listing("Missing Line", "/none")}).values())
    data = json.loads(render_report(results, "json"))
    assert data["missing"] == 1
    [fact] = data["facts"]
    assert fact["outcome"] == "missing" and fact["value"] == "0800 1111" and fact["line"] == 10
    assert fact["pages"] == [{"url": "https://facts.example.org/none", "field": "website", "error": None}]
    markdown = render_report(results, "markdown")
    assert "#### `helplines/missing` — Missing Line" in markdown
    assert "| `" in markdown and "missing.yaml:10` | contacts[0].number | phone number `0800 1111` |" in markdown


def test_without_a_mapping_a_local_host_is_refused_before_any_request():
    page = PageReader(host_delay=0, timeout=0.5).read("https://localhost/found")
    assert not page.read and page.error.startswith("refused: localhost resolves to") and "loopback" in page.error
