"""`kindred check-facts`: is every phone number, text number and keyword stated on the listing's own pages?

For each published listing, its `sources` and `website` are fetched (GET, redirects followed one hop at a time,
at most MAX_BODY_BYTES read, text pages only), and each number is looked for in every form it could be written
in: as the listing writes it, nationally with the trunk prefix, internationally with or without `+`/`00`, as a
`tel:` link, with any spacing or punctuation, and with a vanity number's letters as keypad digits. A number or
keyword found on none of the pages that could be read is reported with the file and line it is written on.

Politeness comes from the link checker (generator/review/links.py): its per-host gate and host interleaving.
A listing is a stranger's text, so every request (each redirect too) goes through the link checker's address
guard (review/addresses.py): the host must resolve only to public addresses, and the connection is made to exactly
those. `resolve` maps chosen hosts to local test servers instead (like curl's --resolve); nothing else is allowed.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import phonenumbers
from phonenumbers import PhoneNumberFormat

from .. import __version__
from ..directory import Directory, ListingRecord
from ..validation_messages import field_label
from .addresses import AddressGuard, RefusedAddress
from .links import (
    REDIRECT_STATUSES,
    _code,
    _GuardedHTTPHandler,
    _GuardedHTTPSHandler,
    _HostGate,
    _interleave_hosts,
    _md,
    _NoRedirects,
)
from .page_text import PageText, has_keyword, keypad_digits, page_text

USER_AGENT = f"Mozilla/5.0 (compatible; kindred-fact-check/{__version__}; checks a directory of support services)"
MAX_BODY_BYTES = 3 * 1024 * 1024
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/json", "application/ld+json")
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


# --------------------------------------------------------------------------- what to look for


@dataclass(frozen=True)
class Fact:
    """One number or keyword, where it is written, and every digit string it may appear as."""

    listing: str  # kind/id
    name: str
    what: str  # "phone number", "text number", "WhatsApp number", "keyword"
    value: str
    field: str  # contacts[0].number
    path: str
    line: int
    forms: frozenset[str] = frozenset()  # digit strings; empty for a keyword

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def number_forms(written: str, parsed) -> frozenset[str]:
    """Digit strings a page may write this number as: "0800 1111" in GB gives 08001111, 448001111, 00448001111
    and 8001111 (the national significant number, which "+44 (0)800 1111" contains)."""
    forms = {keypad_digits(written)}
    if parsed is not None and parsed.dial:
        forms.add(keypad_digits(parsed.dial))
        if not parsed.short:
            try:
                number = phonenumbers.parse(parsed.dial if parsed.dial.startswith("+") else written, parsed.region)
            except phonenumbers.NumberParseException:
                number = None
            if number is not None:
                national = str(phonenumbers.national_significant_number(number))
                country = str(number.country_code)
                forms |= {
                    national,
                    country + national,
                    "00" + country + national,
                    keypad_digits(phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)),
                }
    return frozenset(f for f in forms if f)


_WHAT = {"phone": "phone number", "sms": "text number", "whatsapp": "WhatsApp number"}


def collect_facts(record: ListingRecord) -> list[Fact]:
    facts = []
    for index, contact in enumerate(record.listing.contacts):
        method = contact.method
        number = getattr(contact, "number", None)
        if method in _WHAT and number:
            path = ("contacts", index, "number")
            facts.append(
                Fact(
                    record.key,
                    record.listing.name,
                    _WHAT[method],
                    number,
                    field_label(path),
                    record.display_path,
                    record.line_of(*path),
                    number_forms(number, record.numbers.get(index)),
                )
            )
        keyword = getattr(contact, "keyword", None)
        if keyword:
            path = ("contacts", index, "keyword")
            facts.append(
                Fact(
                    record.key,
                    record.listing.name,
                    "keyword",
                    keyword,
                    field_label(path),
                    record.display_path,
                    record.line_of(*path),
                )
            )
    return facts


def pages_of(record: ListingRecord) -> list[tuple[str, str]]:
    """(url, field) for the listing's sources, then its website; each address once."""
    pages: dict[str, str] = {}
    for index, source in enumerate(record.listing.sources):
        pages.setdefault(source.url, f"sources[{index}]")
    pages.setdefault(record.listing.website, "website")
    return list(pages.items())


# --------------------------------------------------------------------------- reading pages


@dataclass
class Page:
    url: str
    text: PageText | None = None
    final_url: str = ""
    redirects: list[tuple[int, str]] = field(default_factory=list)
    error: str = ""

    @property
    def read(self) -> bool:
        return self.text is not None


def _refusal(guard: AddressGuard, url: str) -> str:
    """'' when the page may be fetched, else why not: credentials in it, or a host that is not public.
    (The guarded handlers check again when they connect; this gives the reason in words first.)"""
    parts = urlsplit(url)
    if "@" in parts.netloc:
        return "refused: the address carries a user name or password"
    try:
        guard.vetted(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))
    except RefusedAddress as exc:
        return f"refused: {exc}"
    except (socket.gaierror, UnicodeError):
        return f"the host name does not resolve ({parts.hostname})"
    except (OSError, ValueError) as exc:
        return f"could not look up the host name {parts.hostname}: {exc}"
    return ""


class PageReader:
    def __init__(
        self,
        *,
        concurrency: int = 4,
        per_host: int = 1,
        timeout: float = 15.0,
        retries: int = 1,
        host_delay: float = 1.0,
        backoff: float = 2.0,
        max_redirects: int = 8,
        resolve: dict[str, tuple[str, int]] | None = None,
        user_agent: str = USER_AGENT,
    ):
        self.concurrency = max(1, concurrency)
        self.per_host = max(1, per_host)
        self.timeout = timeout
        self.retries = max(0, retries)
        self.host_delay = max(0.0, host_delay)
        self.backoff = max(0.0, backoff)
        self.max_redirects = max_redirects
        self.resolve = {host.lower(): target for host, target in (resolve or {}).items()}
        self.user_agent = user_agent
        self._gates: dict[str, _HostGate] = {}
        self._lock = threading.Lock()
        self.guard = AddressGuard()  # public addresses only; mapped test hosts use their own opener
        self._opener = urllib.request.build_opener(
            _NoRedirects(), _GuardedHTTPHandler(self.guard), _GuardedHTTPSHandler(self.guard)
        )
        self._mapped_opener = urllib.request.build_opener(_NoRedirects())

    def _gate(self, host: str) -> _HostGate:
        with self._lock:
            return self._gates.setdefault(host, _HostGate(self.per_host, self.host_delay))

    def _target(self, url: str) -> tuple[str, str, str]:
        """(address to request, Host header, refusal): a mapped host goes to its local server over http."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if host in self.resolve:
            address, port = self.resolve[host]
            return urlunsplit(("http", f"{address}:{port}", parts.path or "/", parts.query, "")), parts.netloc, ""
        return url, "", _refusal(self.guard, url)

    def _get(self, url: str):
        """(status, headers, body bytes, location, error, retryable) for one GET of one address."""
        target, host_header, refusal = self._target(url)
        if refusal:
            return None, None, b"", None, refusal, False
        headers = {
            "User-Agent": self.user_agent,
            "Accept-Language": "en;q=0.8, *;q=0.5",
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.9,*/*;q=0.1",
        }
        if host_header:
            headers["Host"] = host_header
        request = urllib.request.Request(target, headers=headers)
        opener = self._mapped_opener if host_header else self._opener
        with self._gate((urlsplit(url).hostname or "").lower()):
            try:
                with opener.open(request, timeout=self.timeout) as response:
                    body = response.read(MAX_BODY_BYTES + 1)
                    return response.status, response.headers, body, None, "", False
            except urllib.error.HTTPError as exc:
                try:
                    location = exc.headers.get("Location") if exc.headers else None
                finally:
                    exc.close()
                return exc.code, None, b"", location, "", exc.code >= 500 or exc.code == 429
            except TimeoutError:
                return None, None, b"", None, f"timed out after {self.timeout:g} s", True
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                    return None, None, b"", None, f"timed out after {self.timeout:g} s", True
                if isinstance(exc.reason, ssl.SSLError):
                    return None, None, b"", None, f"TLS/certificate problem: {exc.reason}", False
                if isinstance(exc.reason, RefusedAddress):  # the guard, at connect time (a changed DNS answer)
                    return None, None, b"", None, f"refused: {exc.reason}", False
                return None, None, b"", None, f"could not connect: {exc.reason}", True
            except RefusedAddress as exc:  # the guard, at connect time (a changed DNS answer)
                return None, None, b"", None, f"refused: {exc}", False
            except (http.client.HTTPException, ConnectionError, OSError, ValueError) as exc:
                return None, None, b"", None, f"connection failed: {type(exc).__name__}", True

    def _get_with_retries(self, url: str):
        attempt = 0
        while True:
            answer = self._get(url)
            attempt += 1
            if not answer[5] or attempt > self.retries:
                return answer
            time.sleep(self.backoff * (2 ** (attempt - 1)))

    def read(self, url: str) -> Page:
        page = Page(url)
        current, seen = url, {url}
        for _ in range(self.max_redirects + 1):
            status, headers, body, location, error, _ = self._get_with_retries(current)
            page.final_url = current
            if error:
                page.error = error
                return page
            if status in REDIRECT_STATUSES:
                following = urljoin(current, location or "")
                if not location or urlsplit(following).scheme.lower() not in ("http", "https"):
                    page.error = f"{status} redirect to something that is not a web page"
                    return page
                if following in seen:
                    page.error = f"redirect loop back to {following}"
                    return page
                page.redirects.append((status, following))
                seen.add(following)
                current = following
                continue
            if status is None or not 200 <= status < 300:
                page.error = f"{status} answer from the server"
                return page
            content_type = (headers.get("Content-Type") or "") if headers else ""
            kind = content_type.split(";", 1)[0].strip().lower()
            if kind and kind not in TEXT_TYPES and not kind.startswith("text/"):
                page.error = f"not a text page ({kind}); read it by hand"
                return page
            if len(body) > MAX_BODY_BYTES:
                body = body[:MAX_BODY_BYTES]  # the start of a very long page is still worth reading
            page.text = page_text(_decode(body, content_type), kind)
            return page
        page.error = f"more than {self.max_redirects} redirects"
        return page

    def read_all(self, urls: list[str], progress: Callable[[Page], None] | None = None) -> dict[str, Page]:
        pages: dict[str, Page] = {}
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="kindred-facts") as pool:
            futures = {pool.submit(self.read, url): url for url in _interleave_hosts(list(dict.fromkeys(urls)))}
            for future in as_completed(futures):
                pages[futures[future]] = future.result()
                if progress:
                    progress(pages[futures[future]])
        return pages


def _decode(body: bytes, content_type: str) -> str:
    match = re.search(r"charset=([A-Za-z0-9_.:-]+)", content_type)
    declared = match.group(1) if match else None
    if declared is None:
        meta = _CHARSET.search(body[:4096])
        declared = meta.group(1).decode("ascii", "replace") if meta else None
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return body.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    return body.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- matching and the report


@dataclass(frozen=True)
class FactResult:
    fact: Fact
    outcome: str  # found | missing | unchecked
    found_on: tuple[str, ...] = ()
    pages: tuple[tuple[str, str, str], ...] = ()  # (url, field, error or "") for every page of the listing


def _found_on(fact: Fact, page: Page) -> bool:
    if page.text is None:
        return False
    if fact.what == "keyword":
        return has_keyword(page.text.text, fact.value)
    return bool(fact.forms & page.text.digits)


def match_facts(records: list[ListingRecord], pages: dict[str, Page]) -> list[FactResult]:
    results = []
    for record in records:
        listed = pages_of(record)
        shown = tuple((url, where, pages[url].error if url in pages else "not fetched") for url, where in listed)
        readable = [pages[url] for url, _ in listed if url in pages and pages[url].read]
        for fact in collect_facts(record):
            found = tuple(p.url for p in readable if _found_on(fact, p))
            outcome = "found" if found else ("missing" if readable else "unchecked")
            results.append(FactResult(fact, outcome, found, shown))
    return results


def check_facts(
    directory: Directory, reader: PageReader, progress: Callable[[Page], None] | None = None
) -> list[FactResult]:
    records = [r for r in directory.published if collect_facts(r)]
    urls = [url for record in records for url, _ in pages_of(record)]
    return match_facts(records, reader.read_all(urls, progress))


def summary(results: list[FactResult]) -> str:
    def count(outcome: str) -> int:
        return sum(1 for r in results if r.outcome == outcome)

    listings = len({r.fact.listing for r in results})
    return (
        f"Checked {len(results)} number(s) and keyword(s) in {listings} listing(s): {count('found')} found on "
        f"the listing's own pages, {count('missing')} not found, {count('unchecked')} could not be checked."
    )


def _grouped(results: list[FactResult], outcome: str) -> dict[str, list[FactResult]]:
    grouped: dict[str, list[FactResult]] = {}
    for result in results:
        if result.outcome == outcome:
            grouped.setdefault(result.fact.listing, []).append(result)
    return dict(sorted(grouped.items()))


_SECTIONS = (
    (
        "missing",
        "Not found on the listing's pages",
        "None of the pages below states this value in any format. Check the service's own website: fix the listing, "
        "or add the page that states it to `sources`.",
    ),
    ("unchecked", "Could not check", "None of the listing's pages could be read. Open them by hand."),
)


def render_report(results: list[FactResult], fmt: str) -> str:
    if fmt == "json":
        return (
            json.dumps(
                {
                    "summary": summary(results),
                    "missing": sum(1 for r in results if r.outcome == "missing"),
                    "facts": [
                        {
                            "listing": r.fact.listing,
                            "what": r.fact.what,
                            "value": r.fact.value,
                            "field": r.fact.field,
                            "path": r.fact.path,
                            "line": r.fact.line,
                            "outcome": r.outcome,
                            "found_on": list(r.found_on),
                            "pages": [{"url": u, "field": w, "error": e or None} for u, w, e in r.pages],
                        }
                        for r in results
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    if fmt == "markdown":
        lines = [f"**{summary(results)}**", ""]
        for outcome, title, advice in _SECTIONS:
            grouped = _grouped(results, outcome)
            if not grouped:
                continue
            lines += [f"### {title} ({sum(len(v) for v in grouped.values())})", "", advice, ""]
            for listing, items in grouped.items():
                lines += [
                    f"#### `{listing}` — {_md(items[0].fact.name)}",
                    "",
                    "| where | field | value |",
                    "|---|---|---|",
                ]
                lines += [
                    f"| {_code(r.fact.where)} | {r.fact.field} | {_md(r.fact.what)} {_code(r.fact.value)} |"
                    for r in items
                ]
                lines += ["", "Pages read:", ""]
                lines += [f"- {w}: {_code(u)}" + (f" ({_md(e)})" if e else "") for u, w, e in items[0].pages]
                lines.append("")
        return "\n".join(lines).rstrip() + "\n"
    lines = [summary(results)]
    for outcome, title, advice in _SECTIONS:
        grouped = _grouped(results, outcome)
        if not grouped:
            continue
        lines += ["", f"{title}: {advice}"]
        for listing, items in grouped.items():
            lines.append(f"  {listing} ({items[0].fact.name})")
            lines += [f"    {r.fact.where}: {r.fact.field} {r.fact.what} {r.fact.value}" for r in items]
            lines += [f"      page {w}: {u}" + (f" ({e})" if e else "") for u, w, e in items[0].pages]
    return "\n".join(lines) + "\n"
