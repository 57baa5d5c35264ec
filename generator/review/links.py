"""Check every link in the directory: websites, organisation pages, community
rules, verification sources and contact links.

Standard library only (urllib in a thread pool): no new dependency for a job
that runs once a week. Politeness and robustness:

- bounded concurrency overall, at most `per_host` requests at once to one
  host, and at least `host_delay` seconds between request starts to one host;
- a timeout per request, retries with exponential backoff on 5xx, 429,
  timeouts and dropped connections;
- HEAD first, then GET where servers refuse HEAD (405, 501, and 400/403,
  which some servers send for HEAD only);
- redirects followed one hop at a time, so the report shows each 301 and the
  final address;
- a JSON cache: links that were fine within `cache_hours` are not fetched again.

Safety, since the report is posted publicly and the job runs on a cloud machine:

- only public addresses are visited: every host, the first and each redirect's, is resolved and
  refused if it is loopback, private, link-local, metadata and the like (see addresses.py);
- addresses with a user name or password are not fetched at all;
- every URL the report shows has its user name, password, query and fragment taken out (tokens
  travel there), its control characters escaped and its length capped.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import ssl
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..directory import Directory
from ..validation_messages import field_label
from .addresses import AddressGuard, RefusedAddress

USER_AGENT = f"Mozilla/5.0 (compatible; kindred-link-check/{__version__}; checks a directory of support services)"
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
PERMANENT_REDIRECTS = (301, 308)
GET_FALLBACK_STATUSES = (400, 403, 405, 501)
# Statuses that mean "the site would not answer a robot", not "the page is gone".
BLOCKED_STATUSES = (401, 403, 429, 999)
CACHE_VERSION = 2  # 2: redirect addresses are stored as shown (no tokens)
CACHE_KEEP_DAYS = 90


# --------------------------------------------------------------------------- what to check


@dataclass(frozen=True)
class LinkRef:
    """One place a URL is written in the directory."""

    url: str
    listing: str  # kind/id
    name: str
    field: str  # website, organization.url, contacts[2].url, ...
    path: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def collect_links(directory: Directory) -> list[LinkRef]:
    """Every URL in the published listings, with the file and line it is written on."""
    refs: list[LinkRef] = []
    for record in directory.published:
        listing = record.listing
        found: list[tuple[tuple, str | None]] = [(("website",), listing.website)]
        if listing.organization is not None:
            found.append((("organization", "url"), listing.organization.url))
        found.append((("rules_url",), getattr(listing, "rules_url", None)))
        if listing.verified is not None:
            found.append((("verified", "source"), listing.verified.source))
        for index, contact in enumerate(listing.contacts):
            found.append((("contacts", index, "url"), getattr(contact, "url", None)))
        for path, url in found:
            if url:
                refs.append(
                    LinkRef(
                        url, record.key, listing.name, field_label(path), record.display_path, record.line_of(*path)
                    )
                )
    return refs


# --------------------------------------------------------------------------- what may be printed

SHOWN_URL_LENGTH = 200
_AUTHORITY_END = re.compile(r"[/\\]")  # browsers end the host at a backslash too
_QUERY_LIKE = re.compile(r"[?#][^\s'\"<>]*")
_USERINFO_LIKE = re.compile(r"(//)[^\s/\\'\"<>@]*@")


def _visible(text: str) -> str:
    """Control, format (bidi) and other invisible characters as escapes: nothing reaches a terminal raw."""
    return "".join(
        ch if ch.isprintable() else (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}") for ch in text
    )


def shown_url(url: str) -> str:
    """A URL as the report may show it: no user name or password, no query or fragment (tokens ride there,
    and the report is public), control characters escaped, at most SHOWN_URL_LENGTH characters."""
    tail = re.search(r"[?#]", url)
    text, cut = (url[: tail.start()], tail.group()) if tail else (url, "")
    scheme, separator, rest = text.partition("://")
    if separator:
        end = _AUTHORITY_END.search(rest)
        authority, path = (rest[: end.start()], rest[end.start() :]) if end else (rest, "")
        text = f"{scheme}://{authority.rpartition('@')[2]}{path}"
    if cut:
        text += f"{cut}…"
    text = _visible(text)
    return text if len(text) <= SHOWN_URL_LENGTH else text[: SHOWN_URL_LENGTH - 1] + "…"


def scrubbed(message: str) -> str:
    """An error message with anything that looks like credentials, a query or a fragment taken out."""
    message = _USERINFO_LIKE.sub(r"\1", message)
    message = _QUERY_LIKE.sub(lambda m: m.group()[0] + "…", message)
    return _visible(message)


# --------------------------------------------------------------------------- results


@dataclass
class LinkResult:
    url: str
    outcome: str  # ok | broken | blocked
    status: int | None = None
    final_url: str | None = None
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (status, next URL) for each hop
    error: str | None = None
    attempts: int = 0
    method: str | None = None
    checked_at: float = 0.0  # seconds since the epoch
    from_cache: bool = False

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    @property
    def broken(self) -> bool:
        return self.outcome == "broken"

    @property
    def redirected(self) -> bool:
        return bool(self.redirects)

    @property
    def permanent_redirect(self) -> bool:
        return any(status in PERMANENT_REDIRECTS for status, _ in self.redirects)

    def problem(self) -> str:
        """`404 Not Found`, `timed out after 10 s`, ..."""
        if self.error:
            return self.error
        if self.status is None:
            return "no answer"
        try:
            phrase = HTTPStatus(self.status).phrase
        except ValueError:
            phrase = ""
        text = f"{self.status} {phrase}".strip()
        if self.redirects:
            text += f" (after redirects to {self.final_url})"
        return text

    def to_json(self) -> dict:
        data = asdict(self)
        data["redirects"] = [list(hop) for hop in self.redirects]
        data.pop("from_cache")
        return data

    @classmethod
    def from_json(cls, data: dict) -> LinkResult:
        return cls(
            url=data["url"],
            outcome=data["outcome"],
            status=data.get("status"),
            final_url=data.get("final_url"),
            redirects=[(int(s), str(u)) for s, u in data.get("redirects", [])],
            error=data.get("error"),
            attempts=int(data.get("attempts", 0)),
            method=data.get("method"),
            checked_at=float(data.get("checked_at", 0)),
            from_cache=True,
        )


# --------------------------------------------------------------------------- the cache


def load_cache(path: Path | None) -> dict[str, LinkResult]:
    if path is None or not Path(path).is_file():
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION:
            return {}
        return {url: LinkResult.from_json(item) for url, item in data.get("results", {}).items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}  # a damaged cache is only a slower run


def save_cache(path: Path, results: dict[str, LinkResult], *, now: float | None = None) -> None:
    now = time.time() if now is None else now
    keep = {url: r.to_json() for url, r in sorted(results.items()) if now - r.checked_at <= CACHE_KEEP_DAYS * 86400}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as tmp:
        json.dump({"version": CACHE_VERSION, "results": keep}, tmp, indent=1, sort_keys=True)
    os.replace(tmp.name, path)


# --------------------------------------------------------------------------- checking


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as HTTPError, so each hop is seen, rate-limited, vetted and reported."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _guarded(connection_class: type, guard: AddressGuard) -> type:
    class Guarded(connection_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._create_connection = guard.create_connection  # what http.client connects with

    return Guarded


def _through_proxy(request: urllib.request.Request) -> bool:
    return request.has_proxy() or bool(getattr(request, "_tunnel_host", None))


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    """Connects to vetted addresses only. Through a proxy (the operator's own choice) the proxy connects,
    and check_one has vetted the host already."""

    def __init__(self, guard: AddressGuard) -> None:
        super().__init__()
        self.connection = _guarded(http.client.HTTPConnection, guard)

    def http_open(self, req):
        return self.do_open(http.client.HTTPConnection if _through_proxy(req) else self.connection, req)


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, guard: AddressGuard) -> None:
        super().__init__()
        self.connection = _guarded(http.client.HTTPSConnection, guard)

    def https_open(self, req):
        return self.do_open(http.client.HTTPSConnection if _through_proxy(req) else self.connection, req)


class _HostGate:
    """At most `limit` requests at once to a host, and starts at least `delay` seconds apart."""

    def __init__(self, limit: int, delay: float):
        self.slots = threading.BoundedSemaphore(limit)
        self.lock = threading.Lock()
        self.delay = delay
        self.next_start = 0.0

    def __enter__(self):
        self.slots.acquire()
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.delay
        if start > now:
            time.sleep(start - now)
        return self

    def __exit__(self, *exc):
        self.slots.release()


@dataclass
class _Answer:
    status: int | None
    location: str | None = None
    retry_after: float | None = None
    error: str | None = None
    retryable: bool = False


def _host(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or "").lower() + (f":{parts.port}" if parts.port else "")


class LinkChecker:
    def __init__(
        self,
        *,
        concurrency: int = 8,
        per_host: int = 2,
        timeout: float = 10.0,
        retries: int = 2,
        host_delay: float = 0.5,
        backoff: float = 1.0,
        max_redirects: int = 10,
        user_agent: str = USER_AGENT,
        allow_networks: Iterable[str] = (),
    ):
        """`allow_networks`: networks that may be visited although they are not public, for tests that
        serve pages on 127.0.0.1. Empty by default: then only public addresses are visited."""
        self.concurrency = max(1, concurrency)
        self.per_host = max(1, per_host)
        self.timeout = timeout
        self.retries = max(0, retries)
        self.host_delay = max(0.0, host_delay)
        self.backoff = max(0.0, backoff)
        self.max_redirects = max_redirects
        self.user_agent = user_agent
        self._gates: dict[str, _HostGate] = {}
        self._gates_lock = threading.Lock()
        self.guard = AddressGuard(allow_networks)
        # Built here, so proxies from the environment are read when the check starts.
        self._opener = urllib.request.build_opener(
            _NoRedirects(), _GuardedHTTPHandler(self.guard), _GuardedHTTPSHandler(self.guard)
        )

    def _gate(self, url: str) -> _HostGate:
        host = _host(url)
        with self._gates_lock:
            if host not in self._gates:
                self._gates[host] = _HostGate(self.per_host, self.host_delay)
            return self._gates[host]

    def _request(self, method: str, url: str) -> _Answer:
        request = urllib.request.Request(
            url,
            method=method,
            headers={
                "User-Agent": self.user_agent,
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                "Accept-Language": "en;q=0.8, *;q=0.5",
            },
        )
        with self._gate(url):
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    return _Answer(response.status)
            except urllib.error.HTTPError as exc:
                try:
                    location = exc.headers.get("Location") if exc.headers else None
                    retry_after = exc.headers.get("Retry-After") if exc.headers else None
                finally:
                    exc.close()
                seconds = float(retry_after) if retry_after and retry_after.strip().isdigit() else None
                return _Answer(exc.code, location, seconds, retryable=exc.code >= 500 or exc.code == 429)
            except TimeoutError:
                return _Answer(None, error=f"timed out after {self.timeout:g} s", retryable=True)
            except urllib.error.URLError as exc:
                reason = exc.reason
                if isinstance(reason, RefusedAddress):
                    return _Answer(None, error=f"refused: {reason}")
                if isinstance(reason, (TimeoutError, socket.timeout)):
                    return _Answer(None, error=f"timed out after {self.timeout:g} s", retryable=True)
                if isinstance(reason, ssl.SSLError):
                    return _Answer(None, error=f"TLS/certificate problem: {reason}")
                if isinstance(reason, socket.gaierror):
                    return _Answer(None, error=f"the host name does not resolve ({urlsplit(url).hostname})")
                if isinstance(reason, ConnectionRefusedError):
                    return _Answer(None, error="connection refused", retryable=True)
                return _Answer(None, error=f"could not connect: {reason}", retryable=True)
            except (http.client.HTTPException, ConnectionError, OSError) as exc:
                return _Answer(
                    None, error=f"connection failed: {type(exc).__name__}: {exc}".rstrip(": "), retryable=True
                )
            except RefusedAddress as exc:
                return _Answer(None, error=f"refused: {exc}")
            except ValueError as exc:  # a URL urllib cannot request at all
                return _Answer(None, error=f"not a URL that can be fetched: {exc}")

    def _with_retries(self, method: str, url: str) -> tuple[_Answer, int]:
        attempts = 0
        while True:
            answer = self._request(method, url)
            attempts += 1
            if not answer.retryable or attempts > self.retries:
                return answer, attempts
            wait = self.backoff * (2 ** (attempts - 1))
            if answer.retry_after is not None:
                wait = max(wait, min(answer.retry_after, 30.0))
            time.sleep(wait)

    def _hop(self, url: str) -> tuple[_Answer, int, str]:
        answer, attempts = self._with_retries("HEAD", url)
        needs_get = answer.status in GET_FALLBACK_STATUSES or (answer.status is not None and answer.status >= 500)
        if needs_get:
            # Some servers refuse or break on HEAD only. After HEAD already failed with 5xx and was
            # retried, one GET is enough.
            if answer.status in GET_FALLBACK_STATUSES:
                get_answer, more = self._with_retries("GET", url)
            else:
                get_answer, more = self._request("GET", url), 1
            return get_answer, attempts + more, "GET"
        return answer, attempts, "HEAD"

    def refusal(self, url: str) -> str | None:
        """Why this URL will not be fetched (credentials, a host that is not public, ...), or None.

        Vets the host by DNS before any request, for every hop: also where a proxy does the connecting.
        """
        try:
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        except ValueError as exc:
            return f"not a URL that can be fetched: {exc}"
        if "@" in parts.netloc:
            return "refused: the address carries a user name or password"
        if not parts.hostname:
            return "not a URL that can be fetched: no host"
        try:
            self.guard.vetted(parts.hostname, port)
        except RefusedAddress as exc:
            return f"refused: {exc}"
        except (socket.gaierror, UnicodeError):
            return f"the host name does not resolve ({parts.hostname})"
        except OSError as exc:
            return f"could not look up the host name {parts.hostname}: {exc}"
        return None

    def check_one(self, url: str) -> LinkResult:
        result = LinkResult(url, "broken", checked_at=time.time())
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            result.error = scrubbed(f"not a web address (scheme `{scheme or 'none'}`)")
            return result
        current, seen = url, {url}
        for _ in range(self.max_redirects + 1):
            result.final_url = shown_url(current)
            refusal = self.refusal(current)
            if refusal:
                result.error = scrubbed(refusal)
                return result
            answer, attempts, method = self._hop(current)
            result.attempts += attempts
            result.method = method
            result.status = answer.status
            if answer.error:
                result.error = scrubbed(answer.error)
                return result
            if answer.status in REDIRECT_STATUSES:
                if not answer.location:
                    result.error = f"{answer.status} redirect without a Location header"
                    return result
                following = urljoin(current, answer.location)
                result.redirects.append((answer.status, shown_url(following)))
                if urlsplit(following).scheme.lower() not in ("http", "https"):
                    result.error = (
                        f"{answer.status} redirect to something that is not a web address: {shown_url(following)}"
                    )
                    return result
                if following in seen:
                    result.error = f"redirect loop back to {shown_url(following)}"
                    return result
                seen.add(following)
                current = following
                continue
            if answer.status is not None and 200 <= answer.status < 300:
                result.outcome = "ok"
            elif answer.status in BLOCKED_STATUSES:
                result.outcome = "blocked"
            return result
        result.error = f"more than {self.max_redirects} redirects"
        return result

    def check(
        self,
        urls: Iterable[str],
        *,
        cache: dict[str, LinkResult] | None = None,
        cache_hours: float = 24,
        progress: Callable[[LinkResult], None] | None = None,
        now: float | None = None,
    ) -> dict[str, LinkResult]:
        """Results for every distinct URL; fresh OK results from `cache` are reused, not fetched."""
        now = time.time() if now is None else now
        results: dict[str, LinkResult] = {}
        to_fetch: list[str] = []
        for url in dict.fromkeys(urls):
            cached = (cache or {}).get(url)
            if cached is not None and cached.ok and now - cached.checked_at <= cache_hours * 3600:
                cached.from_cache = True
                results[url] = cached
                if progress:
                    progress(cached)
            else:
                to_fetch.append(url)
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="kindred-links") as pool:
            futures = {pool.submit(self.check_one, url): url for url in _interleave_hosts(to_fetch)}
            for future in as_completed(futures):
                result = future.result()
                results[futures[future]] = result
                if progress:
                    progress(result)
        return {url: results[url] for url in dict.fromkeys(urls)}


def _interleave_hosts(urls: list[str]) -> list[str]:
    """Round-robin over hosts, so workers don't queue behind one host's limit."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[_host(url)].append(url)
    queues = list(by_host.values())
    ordered: list[str] = []
    while queues:
        for queue in list(queues):
            ordered.append(queue.pop(0))
            if not queue:
                queues.remove(queue)
    return ordered


def check_urls(urls: Iterable[str], **options) -> dict[str, LinkResult]:
    """Check URLs directly. Options: LinkChecker's, plus cache, cache_hours, progress, now."""
    run = {key: options.pop(key) for key in ("cache", "cache_hours", "progress", "now") if key in options}
    return LinkChecker(**options).check(urls, **run)


# --------------------------------------------------------------------------- the report


@dataclass
class LinkReport:
    refs: list[LinkRef]
    results: dict[str, LinkResult]

    def _grouped(self, outcome: Callable[[LinkResult], bool]) -> dict[str, list[tuple[LinkRef, LinkResult]]]:
        grouped: dict[str, list[tuple[LinkRef, LinkResult]]] = {}
        for ref in self.refs:
            result = self.results.get(ref.url)
            if result is not None and outcome(result):
                grouped.setdefault(ref.listing, []).append((ref, result))
        return dict(sorted(grouped.items()))

    @property
    def broken(self) -> dict[str, list[tuple[LinkRef, LinkResult]]]:
        return self._grouped(lambda r: r.broken)

    @property
    def blocked(self) -> dict[str, list[tuple[LinkRef, LinkResult]]]:
        return self._grouped(lambda r: r.outcome == "blocked")

    @property
    def redirected(self) -> dict[str, list[tuple[LinkRef, LinkResult]]]:
        return self._grouped(lambda r: r.ok and r.redirected)

    @property
    def has_broken(self) -> bool:
        return any(r.broken for r in self.results.values())

    def summary(self) -> str:
        results = list(self.results.values())
        cached = sum(1 for r in results if r.from_cache)

        def count(outcome: str) -> int:
            return sum(1 for r in results if r.outcome == outcome)

        redirected = sum(1 for r in results if r.ok and r.redirected)
        return (
            f"Checked {len(results)} link(s) ({cached} from the cache): {count('broken')} broken, "
            f"{redirected} redirected, {count('blocked')} could not be checked."
        )


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>|#!" else ch for ch in " ".join(str(text).split()))


def _code(text: str) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def _redirect_chain(result: LinkResult) -> str:
    return " → ".join(f"{status} {url}" for status, url in result.redirects)


def render_report(report: LinkReport, fmt: str) -> str:
    if fmt == "json":
        by_url: dict[str, list[LinkRef]] = defaultdict(list)
        for ref in report.refs:
            by_url[ref.url].append(ref)
        links = []
        for url, result in report.results.items():
            item = result.to_json()
            item["url"] = shown_url(url)
            item["from_cache"] = result.from_cache
            item["problem"] = None if result.ok else result.problem()
            item["found_in"] = [
                {"listing": r.listing, "field": r.field, "path": r.path, "line": r.line} for r in by_url.get(url, [])
            ]
            links.append(item)
        return (
            json.dumps(
                {
                    "summary": report.summary(),
                    "broken": sum(1 for r in report.results.values() if r.broken),
                    "links": links,
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    sections = [
        (
            "Broken links",
            report.broken,
            (
                "These links do not work. Find the new address on the "
                "service's own website, or mark the listing `closed`."
            ),
        ),
        ("Could not check", report.blocked, "The site refused an automated request. Open these by hand."),
        (
            "Redirected",
            report.redirected,
            (
                "These work, but point somewhere else now. Permanent "
                "redirects (301, 308) are worth updating in the listing."
            ),
        ),
    ]
    if fmt == "markdown":
        lines = [f"**{report.summary()}**", ""]
        for title, grouped, advice in sections:
            if not grouped:
                continue
            total = sum(len(items) for items in grouped.values())
            lines += [f"### {title} ({total})", "", advice, ""]
            for listing, items in grouped.items():
                lines += [
                    f"#### `{listing}` — {_md(items[0][0].name)}",
                    "",
                    "| where | field | link | result |",
                    "|---|---|---|---|",
                ]
                for ref, result in items:
                    outcome = _md(_redirect_chain(result)) if title == "Redirected" else _md(result.problem())
                    lines.append(f"| {_code(ref.where)} | {ref.field} | {_code(shown_url(ref.url))} | {outcome} |")
                lines.append("")
        return "\n".join(lines).rstrip() + "\n"
    lines = [report.summary()]
    for title, grouped, advice in sections:
        if not grouped:
            continue
        lines += ["", f"{title}: {advice}"]
        for listing, items in grouped.items():
            lines.append(f"  {listing} ({items[0][0].name})")
            for ref, result in items:
                outcome = _redirect_chain(result) if title == "Redirected" else result.problem()
                lines.append(f"    {ref.where}: {ref.field} {shown_url(ref.url)} -> {outcome}")
    return "\n".join(lines) + "\n"
