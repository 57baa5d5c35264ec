"""The link checker against a local HTTP server on 127.0.0.1 (no other host is ever contacted)."""

from __future__ import annotations

import itertools
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.directory import load_directory
from generator.review.links import (
    LinkChecker,
    LinkReport,
    LinkResult,
    check_urls,
    collect_links,
    load_cache,
    render_report,
    save_cache,
)

pytestmark = pytest.mark.usefixtures("loopback_urls")  # listings point at the local test server

LOCAL = {"allow_networks": ["127.0.0.1/32"]}  # the test server; nothing but public addresses by default
FAST = {"host_delay": 0, "backoff": 0.01, "timeout": 2, "retries": 2, **LOCAL}


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.hits: dict[str, list[str]] = {}
        self.active = 0
        self.max_active = 0
        self.starts: list[float] = []

    def count(self, path: str) -> int:
        return len(self.hits.get(path, []))


def _handler(current):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args):  # keep test output clean
            pass

        def _send(self, status: int, headers: dict | None = None, body: bytes = b"") -> None:
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _serve(self) -> None:
            recorder = current.recorder
            path = self.path.split("?")[0]
            with recorder.lock:
                calls = recorder.hits.setdefault(path, [])
                calls.append(self.command)
                count = len(calls)
                recorder.active += 1
                recorder.max_active = max(recorder.max_active, recorder.active)
                recorder.starts.append(time.monotonic())
            try:
                if path == "/ok":
                    self._send(200, body=b"fine")
                elif path == "/moved":
                    self._send(301, {"Location": "/ok"})
                elif path == "/found-elsewhere":
                    self._send(302, {"Location": f"http://127.0.0.1:{self.server.server_port}/ok"})
                elif path == "/to-mail":
                    self._send(302, {"Location": "mailto:help@example.org"})
                elif path == "/loop":
                    self._send(301, {"Location": "/loop"})
                elif path == "/missing":
                    self._send(404)
                elif path == "/error":
                    self._send(500)
                elif path == "/flaky":
                    self._send(500 if count == 1 else 200)
                elif path == "/no-head":
                    self._send(405 if self.command == "HEAD" else 200)
                elif path == "/forbidden":
                    self._send(403)
                elif path == "/slow":
                    time.sleep(1.0)
                    self._send(200)
                elif path.startswith("/pause"):
                    time.sleep(0.2)
                    self._send(200)
                else:
                    self._send(404)
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with recorder.lock:
                    recorder.active -= 1

        do_HEAD = _serve
        do_GET = _serve

    return Handler


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


class _Current:
    recorder = Recorder()


@pytest.fixture(scope="module")
def _running_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(_Current))
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def server(_running_server):
    """(base URL, a fresh Recorder of what the server saw in this test)."""
    _Current.recorder = Recorder()
    return _running_server, _Current.recorder


def test_statuses_redirects_and_fallbacks(server):
    base, recorder = server
    urls = [f"{base}/{p}" for p in ("ok", "moved", "missing", "no-head", "forbidden", "loop", "to-mail")]
    results = check_urls(urls, **FAST)

    assert results[f"{base}/ok"].ok and results[f"{base}/ok"].status == 200
    assert results[f"{base}/ok"].method == "HEAD"

    moved = results[f"{base}/moved"]
    assert moved.ok and moved.redirects == [(301, f"{base}/ok")]
    assert moved.final_url == f"{base}/ok" and moved.permanent_redirect

    missing = results[f"{base}/missing"]
    assert missing.broken and missing.status == 404 and missing.problem() == "404 Not Found"
    assert missing.attempts == 1, "a 404 is not retried"

    no_head = results[f"{base}/no-head"]
    assert no_head.ok and no_head.method == "GET"
    assert recorder.hits["/no-head"] == ["HEAD", "GET"]

    forbidden = results[f"{base}/forbidden"]
    assert forbidden.outcome == "blocked" and not forbidden.broken
    assert recorder.hits["/forbidden"] == ["HEAD", "GET"], "403 on HEAD is tried again with GET"

    loop = results[f"{base}/loop"]
    assert loop.broken and "loop" in loop.error
    to_mail = results[f"{base}/to-mail"]
    assert to_mail.broken and "not a web address" in to_mail.error and to_mail.attempts == 1


def test_retries_a_server_error_then_succeeds(server):
    base, recorder = server
    result = check_urls([f"{base}/flaky"], **FAST)[f"{base}/flaky"]
    assert result.ok and result.status == 200
    assert result.attempts == 2
    assert recorder.count("/flaky") == 2


def test_gives_up_on_a_persistent_server_error_after_the_retries(server):
    base, recorder = server
    result = check_urls([f"{base}/error"], **{**FAST, "retries": 2})[f"{base}/error"]
    assert result.broken and result.status == 500
    # HEAD, two retries, then one GET in case only HEAD is broken.
    assert recorder.hits["/error"] == ["HEAD", "HEAD", "HEAD", "GET"]


def test_backoff_waits_longer_each_time(server):
    base, _ = server
    started = time.monotonic()
    check_urls([f"{base}/error"], **{**FAST, "backoff": 0.1, "retries": 2})
    # 0.1 s after the first failure, 0.2 s after the second.
    assert time.monotonic() - started >= 0.3


def test_a_slow_server_times_out(server):
    base, recorder = server
    started = time.monotonic()
    result = check_urls([f"{base}/slow"], **{**FAST, "timeout": 0.3, "retries": 1})[f"{base}/slow"]
    assert result.broken and result.status is None
    assert "timed out" in result.error
    assert result.attempts == 2, "a timeout is retried"
    assert recorder.count("/slow") == 2
    assert time.monotonic() - started < 2.5


def test_per_host_limit_is_respected(server):
    base, recorder = server
    urls = [f"{base}/pause/{i}" for i in range(6)]
    results = check_urls(urls, concurrency=6, per_host=2, host_delay=0, timeout=5, retries=0, **LOCAL)
    assert all(r.ok for r in results.values())
    assert recorder.max_active == 2, f"at most 2 requests at once to one host, saw {recorder.max_active}"


def test_overall_concurrency_is_bounded_too(server):
    base, recorder = server
    urls = [f"{base}/pause/{i}" for i in range(4)]
    check_urls(urls, concurrency=1, per_host=4, host_delay=0, timeout=5, retries=0, **LOCAL)
    assert recorder.max_active == 1


def test_minimum_delay_between_requests_to_one_host(server):
    base, recorder = server
    urls = [f"{base}/ok?{i}" for i in range(3)]
    check_urls(urls, concurrency=3, per_host=3, host_delay=0.15, timeout=5, retries=0, **LOCAL)
    starts = sorted(recorder.starts)
    assert len(starts) == 3
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.12, gaps


def test_only_web_addresses_are_fetched():
    result = check_urls(["ftp://example.org/file"], **FAST)["ftp://example.org/file"]
    assert result.broken and "not a web address" in result.error


def test_cache_skips_recent_good_results(server, tmp_path):
    base, recorder = server
    cache_file = tmp_path / "cache" / "links.json"
    urls = [f"{base}/ok", f"{base}/missing"]
    first = check_urls(urls, **FAST)
    save_cache(cache_file, first)
    assert recorder.count("/ok") == 1 and recorder.count("/missing") == 1

    cache = load_cache(cache_file)
    second = check_urls(urls, **FAST, cache=cache, cache_hours=24)
    assert second[f"{base}/ok"].from_cache and second[f"{base}/ok"].ok
    assert recorder.count("/ok") == 1, "a link that was fine an hour ago is not fetched again"
    assert recorder.count("/missing") == 2, "a broken link is always checked again"

    later = time.time() + 25 * 3600
    check_urls(urls, **FAST, cache=load_cache(cache_file), cache_hours=24, now=later)
    assert recorder.count("/ok") == 2, "an expired cache entry is fetched again"


def test_a_damaged_cache_is_ignored(tmp_path):
    broken = tmp_path / "links.json"
    broken.write_text("{not json", encoding="utf-8")
    assert load_cache(broken) == {}
    assert load_cache(tmp_path / "absent.json") == {}


def test_progress_is_reported_for_every_url(server):
    base, _ = server
    seen: list[LinkResult] = []
    LinkChecker(**FAST).check([f"{base}/ok", f"{base}/missing", f"{base}/ok"], progress=seen.append)
    assert sorted(r.url for r in seen) == [f"{base}/missing", f"{base}/ok"]


LISTING = """\
name: Local Line
summary: A listing whose links point at the test server.
website: {base}/ok
organization: {{name: Local, url: "{base}/moved"}}
countries: [GB]
languages: [en]
topics: [anxiety]
cost: free
contacts:
  - method: phone
    number: "116 123"
  - method: chat
    url: {base}/missing
"""


def test_collect_links_and_report_broken_links_with_file_and_line(server, make_directory):
    base, _ = server
    text = LISTING.format(base=base)
    root = make_directory({"helplines/local-line.yaml": text})
    directory = load_directory(root)
    assert directory.ok, directory.problems.sorted()
    refs = collect_links(directory)
    assert [(r.field, r.url, r.line) for r in refs] == [
        ("website", f"{base}/ok", 3),
        ("organization.url", f"{base}/moved", 4),
        ("contacts[1].url", f"{base}/missing", 13),
    ]
    report = LinkReport(refs, check_urls([r.url for r in refs], **FAST))
    assert report.has_broken
    assert list(report.broken) == ["helplines/local-line"]
    assert list(report.redirected) == ["helplines/local-line"]

    text_report = render_report(report, "text")
    path = str(Path(refs[0].path))
    assert f"{path}:13: contacts[1].url {base}/missing -> 404 Not Found" in text_report
    assert "1 broken, 1 redirected" in text_report

    markdown = render_report(report, "markdown")
    assert "### Broken links (1)" in markdown
    assert f"`{path}:13`" in markdown and "404 Not Found" in markdown
    assert f"301 {base}/ok" in markdown
