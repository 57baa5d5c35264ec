"""Hostile links for `kindred check-links`: addresses that reach the runner's own services or the cloud's metadata
service, directly, through DNS or through a redirect, and tokens that would end up in the public report.

No test here sends a packet anywhere but 127.0.0.1: host names are answered by a fake resolver, and a tripwire
fails the test if anything tries to connect elsewhere.
"""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.review.links import LinkChecker, LinkRef, LinkReport, check_urls, render_report

FAST = {"host_delay": 0, "backoff": 0.01, "timeout": 2, "retries": 0}
SECRET = "s3cr3t-T0KEN"
HITS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _serve(self):
        HITS.append(self.path)
        port = self.server.server_port
        redirects = {
            "/to-metadata": f"http://169.254.169.254/latest/meta-data/iam/?token={SECRET}",
            "/to-ipv6-loopback": f"http://[::1]:{port}/ok",
            "/to-mapped-loopback": f"http://[::ffff:127.0.0.1]:{port}/ok",
            "/to-other-loopback": f"http://127.0.0.2:{port}/ok",
            "/to-private-name": "https://intranet.example.org/admin",
            "/to-metadata-name": "http://metadata.google.internal/computeMetadata/v1/",
            "/to-credentials": f"http://admin:{SECRET}@127.0.0.1:{port}/ok",
            "/to-token": f"/ok?access_token={SECRET}#id_token={SECRET}",
        }
        path = self.path.split("?")[0]
        status = 302 if path in redirects else 200 if path == "/ok" else 404
        self.send_response(status)
        if status == 302:
            self.send_header("Location", redirects[path])
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _serve


@pytest.fixture(scope="module")
def base():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch):
    """No proxy, a fake DNS, and a tripwire on every outgoing connection but 127.0.0.1."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    attempts: list = []
    connect = socket.socket.connect

    def tripwire(sock, address):
        if address[0] != "127.0.0.1":
            attempts.append(address)
            raise AssertionError(f"connected to {address}")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", tripwire)
    HITS.clear()
    yield attempts
    assert attempts == [], f"something tried to connect to {attempts}"


def fake_dns(monkeypatch, answers: dict[str, list[str]]):
    """Names resolve to the given addresses (in turn, one list per lookup if a list of lists); IP literals as
    the system parses them; any other name does not resolve."""
    real = socket.getaddrinfo
    calls: dict[str, int] = {}

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            turn = calls[host] = calls.get(host, -1) + 1
            found = answers[host]
            chosen = found[min(turn, len(found) - 1)] if isinstance(found[0], list) else found
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                     (a, port, 0, 0) if ":" in a else (a, port)) for a in chosen]
        try:
            return real(host, port, *args, **{**kwargs, "flags": socket.AI_NUMERICHOST})
        except socket.gaierror:
            if host in ("0x7f.1",):  # inet_aton's old notations, which the C resolver accepts
                return real(host, port, *args, **kwargs)
            raise

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


# -- the refusals -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("url", "why"), [
    ("http://127.0.0.1:{port}/ok", "127.0.0.1 is a loopback address"),
    ("http://0x7f.1:{port}/ok", "0x7f.1 resolves to 127.0.0.1, a loopback address"),
    ("http://[::ffff:127.0.0.1]:{port}/ok", "::ffff:127.0.0.1 is a loopback address (127.0.0.1) written as IPv6"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address"),
    ("http://[fd00:ec2::254]/latest/", "fd00:ec2::254 is a cloud metadata address"),
    ("http://10.1.2.3/", "10.1.2.3 is a private address"),
    ("http://0.0.0.0:{port}/ok", "0.0.0.0 is an unspecified address"),
    ("http://224.0.0.1/", "224.0.0.1 is a multicast address"),
    ("http://100.100.100.200/", "100.100.100.200 is a cloud metadata address"),
    ("http://100.64.0.1/", "100.64.0.1 is not a public address"),
    ("https://localhost.example.org/", "localhost.example.org resolves to 127.0.0.1, a loopback address"),
    ("https://mixed.example.org/", "mixed.example.org resolves to 10.0.0.7, a private address"),
    ("https://metadata.google.internal/", "metadata.google.internal is a cloud metadata service"),
])
def test_addresses_that_are_not_public_are_refused_before_any_request(base, monkeypatch, url, why):
    fake_dns(monkeypatch, {"localhost.example.org": ["127.0.0.1"],
                           "mixed.example.org": ["93.184.215.14", "10.0.0.7"]})
    url = url.format(port=base.rsplit(":", 1)[1])
    result = check_urls([url], **FAST)[url]  # no allow list: the default
    assert result.broken and result.error == f"refused: {why}"
    assert result.attempts == 0 and HITS == []


@pytest.mark.parametrize(("path", "why"), [
    ("/to-metadata", "169.254.169.254 is a cloud metadata address"),
    ("/to-ipv6-loopback", "::1 is a loopback address"),
    ("/to-mapped-loopback", "::ffff:127.0.0.1 is a loopback address (127.0.0.1) written as IPv6"),
    ("/to-other-loopback", "127.0.0.2 is a loopback address"),  # allowed is 127.0.0.1 alone
    ("/to-private-name", "intranet.example.org resolves to 192.168.4.20, a private address"),
    ("/to-metadata-name", "metadata.google.internal is a cloud metadata service"),
])
def test_every_redirect_is_vetted_like_the_first_address(base, monkeypatch, path, why):
    fake_dns(monkeypatch, {"intranet.example.org": ["192.168.4.20"]})
    # The test server itself is the one network this checker may reach, as tests must.
    result = check_urls([base + path], **FAST, allow_networks=["127.0.0.1/32"])[base + path]
    assert result.broken and result.error == f"refused: {why}"
    assert HITS == [path], "the redirect was never followed"
    assert SECRET not in json.dumps(result.to_json())


def test_a_name_that_changes_its_answer_between_the_check_and_the_connection_is_refused(monkeypatch):
    # DNS rebinding: public when vetted, loopback when connecting. The connection is made to vetted answers only.
    fake_dns(monkeypatch, {"rebind.example.org": [["93.184.215.14"], ["127.0.0.1"]]})
    result = check_urls(["http://rebind.example.org/"], **FAST)["http://rebind.example.org/"]
    assert result.broken and result.error == "refused: rebind.example.org resolves to 127.0.0.1, a loopback address"
    assert HITS == []


# -- nothing secret in the report ------------------------------------------------------------------------------------
def test_no_credentials_query_or_fragment_reaches_the_report(base, monkeypatch):
    fake_dns(monkeypatch, {})
    listed = [f"{base}/to-token", f"{base}/to-credentials", f"http://someone:{SECRET}@127.0.0.1:1/private",
              f"{base}/missing?api_key={SECRET}", f"{base}/to-metadata"]
    results = check_urls(listed, **FAST, allow_networks=["127.0.0.1/32"])

    assert results[f"{base}/to-token"].ok
    assert results[f"{base}/to-token"].redirects == [(302, f"{base}/ok?…")]
    assert results[f"{base}/to-credentials"].error == "refused: the address carries a user name or password"
    assert results[f"{base}/to-credentials"].redirects == [(302, f"{base}/ok")]
    assert results[listed[2]].error == "refused: the address carries a user name or password"
    assert "/private" not in HITS, "an address with a password is never fetched"

    refs = [LinkRef(url, "helplines/leaky", "Leaky Line", "website", "directory/helplines/leaky.yaml", n)
            for n, url in enumerate(listed, 3)]
    report = LinkReport(refs, results)
    for fmt in ("text", "markdown", "json"):
        text = render_report(report, fmt)
        assert SECRET not in text and "someone" not in text and "admin" not in text, (fmt, text)
    markdown = render_report(report, "markdown")
    assert f"`{base}/missing?…`" in markdown
    assert "refused: 169.254.169.254 is a cloud metadata address" in markdown


def test_a_hostile_location_header_cannot_write_to_the_terminal(base):
    class Escaping(Handler):
        def _serve(self):
            self.send_response(301)
            self.send_header("Location", "/ok\x1b]0;pwned\x07\x9b")
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_HEAD = do_GET = _serve

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Escaping)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_port}/start"
        result = LinkChecker(**FAST, allow_networks=["127.0.0.1/32"]).check_one(url)
    finally:
        httpd.shutdown()
        httpd.server_close()
    shown = result.redirects[0][1]
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert shown.endswith("/ok\\x1b]0;pwned\\x07\\x9b")
    assert "\x1b" not in result.error and "\x07" not in result.error


# -- the command -------------------------------------------------------------------------------------------------------
LISTING = """\
name: Leaky Line
summary: A listing whose website resolves to the cloud metadata service.
website: https://health.example.org/welcome?session={secret}
countries: [GB]
languages: [en]
topics: [anxiety]
cost: free
contacts:
  - method: phone
    number: "116 123"
"""


def test_check_links_refuses_a_listing_that_resolves_to_the_metadata_service(make_directory, tmp_path, monkeypatch):
    fake_dns(monkeypatch, {"health.example.org": ["169.254.169.254"]})
    root = make_directory({"helplines/leaky-line.yaml": LISTING.format(secret=SECRET)})
    result = CliRunner().invoke(main, ["check-links", "--directory", str(root), "--cache",
                                       str(tmp_path / "cache.json"), "--delay", "0", "--format", "markdown"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "### Broken links (1)" in result.stdout
    assert "leaky-line.yaml:3`" in result.stdout
    assert "`https://health.example.org/welcome?…`" in result.stdout
    assert "refused: health.example.org resolves to 169.254.169.254, a cloud metadata address" in result.stdout
    assert SECRET not in result.output
    assert "Traceback" not in result.output
