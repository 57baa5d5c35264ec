"""`kindred check-links` on a directory whose links point at a local server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from generator.cli import main

pytestmark = pytest.mark.usefixtures("loopback_urls")  # listings point at the local test server

HITS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _serve(self):
        HITS.append(self.path)
        status = {"/ok": 200, "/moved": 301}.get(self.path, 404)
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _serve


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def base():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


LISTING = """\
name: Local Line
summary: Links on the local test server.
website: {base}/ok
organization: {{name: Local, url: "{base}/moved"}}
countries: [GB]
languages: [en]
topics: [anxiety]
cost: free
contacts:
  - method: chat
    url: {base}/{chat}
"""


def check(root, tmp_path, *extra):
    return CliRunner().invoke(main, ["check-links", "--directory", str(root), "--cache",
                                     str(tmp_path / "cache.json"), "--delay", "0", "--timeout", "5",
                                     "--allow-network", "127.0.0.1", *extra])


def test_a_broken_link_exits_1_and_names_file_and_line(base, make_directory, tmp_path):
    root = make_directory({"helplines/local-line.yaml": LISTING.format(base=base, chat="gone")})
    result = check(root, tmp_path, "--format", "markdown")
    assert result.exit_code == 1, result.output
    assert "### Broken links (1)" in result.stdout
    assert "#### `helplines/local-line` — Local Line" in result.stdout
    assert "local-line.yaml:11`" in result.stdout and "404 Not Found" in result.stdout
    assert "### Redirected (1)" in result.stdout
    assert "Checking links" not in result.output, "no progress bar when stderr is not a terminal"


def test_all_good_exits_0_and_uses_the_cache(base, make_directory, tmp_path):
    root = make_directory({"helplines/local-line.yaml": LISTING.format(base=base, chat="ok")})
    HITS.clear()
    first = check(root, tmp_path, "--format", "json")
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data["broken"] == 0 and len(data["links"]) == 2
    assert sorted(HITS) == ["/moved", "/ok", "/ok"], "the chat link is the website: fetched once"
    assert json.loads((tmp_path / "cache.json").read_text())["results"]

    HITS.clear()
    second = check(root, tmp_path, "--format", "text")
    assert second.exit_code == 0
    assert HITS == [] and "(2 from the cache)" in second.stdout
    HITS.clear()
    check(root, tmp_path, "--no-cache")
    assert HITS, "--no-cache fetches again"


def test_an_invalid_directory_is_not_checked(make_directory, valid_listings, tmp_path):
    listings = dict(valid_listings)
    listings["helplines/samaritans.yaml"] = listings["helplines/samaritans.yaml"].replace("cost: free", "cost: gratis")
    result = check(make_directory(listings), tmp_path)
    assert result.exit_code == 1
    assert "error:" in result.stderr and result.stdout == ""
