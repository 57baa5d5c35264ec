"""`kindred check-facts` as the weekly workflow runs it, with the listings' host mapped to a server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from generator.cli import main

PAGES = {"/contact": b"<p>Call <a href='tel:+448088005000'>0808 800 5000</a>.</p>",
         "/about": b"<p>About us. Phone 0808-800-5000.</p>"}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        body = PAGES.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def port():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield httpd.server_port
    httpd.shutdown()
    httpd.server_close()


LISTING = """\
name: Local Line
summary: Numbers on the local test server.
website: https://line.example.org/about
countries: [GB]
languages: [en]
topics: [anxiety]
cost: free
sources:
  - url: https://line.example.org/contact
    read: 2026-01-10
    supports: [contacts]
contacts:
  - method: phone
    number: "0808 800 5000"
  - method: sms
    number: "85258"
    keyword: LOCAL
"""


def check(root, port, *args):
    return CliRunner().invoke(main, ["check-facts", "--directory", str(root), "--delay", "0", "--timeout", "2",
                                     "--resolve", f"line.example.org=127.0.0.1:{port}", *args])


def test_reports_what_no_page_states_with_file_and_line_and_exits_1(make_directory, port):
    root = make_directory({"helplines/local-line.yaml": LISTING})
    result = check(root, port)
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("Checked 3 number(s) and keyword(s) in 1 listing(s): 1 found")
    assert "local-line.yaml:16: contacts[1].number text number 85258" in result.stdout
    assert "local-line.yaml:17: contacts[1].keyword keyword LOCAL" in result.stdout
    assert "local-line.yaml:14:" not in result.stdout  # the phone number is on both pages


def test_markdown_for_the_health_issue_and_json(make_directory, port):
    root = make_directory({"helplines/local-line.yaml": LISTING})
    markdown = check(root, port, "--format", "markdown").stdout
    assert markdown.startswith("**Checked 3 number(s)")
    assert "### Not found on the listing's pages (2)" in markdown
    data = json.loads(check(root, port, "--format", "json").stdout)
    assert {f["field"]: f["outcome"] for f in data["facts"]} == {
        "contacts[0].number": "found", "contacts[1].number": "missing", "contacts[1].keyword": "missing"}
    assert data["facts"][0]["found_on"] == ["https://line.example.org/contact", "https://line.example.org/about"]


def test_all_found_exits_0(make_directory, port):
    text = LISTING[:LISTING.index("  - method: sms")]
    result = check(make_directory({"helplines/local-line.yaml": text}), port)
    assert result.exit_code == 0, result.output
    assert "1 found on the listing's own pages, 0 not found" in result.stdout


def test_a_bad_resolve_value_is_a_usage_error(make_directory, port):
    result = CliRunner().invoke(main, ["check-facts", "--directory", str(make_directory({})),
                                       "--resolve", "nonsense"])
    assert result.exit_code == 2 and "HOST=ADDRESS:PORT" in result.output
