"""Web addresses parsed the way browsers parse them (the WHATWG URL standard, through ada).

Python's urllib and a browser disagree on hostile input: `https://evil.example\\@www.samaritans.org/`
is samaritans.org to urlsplit and evil.example to every browser. Every check that asks "which host
does this link go to?" (the validator, the label on the page, the shared-contact check, the review
diff) uses `parse_url` so all of them see what a visitor's browser will open.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

import ada_url
import idna

MAX_URL_LENGTH = 2048
_ASCII_HOST_CHARS = frozenset(string.ascii_lowercase + string.digits + "-")
_WHITESPACE = re.compile(r"\s")
_IP_HOST_TYPES = {1, 2}  # ada's host_type: 0 domain, 1 IPv4, 2 IPv6
# The parts WebAddress keeps: asking ada for only these (not origin, host, hash, scheme_type) costs a third less.
_PARTS = ("href", "username", "password", "protocol", "port", "hostname", "pathname", "search", "host_type")
# An address as ada writes it back (href) in the usual shape: http(s), a host of letters, digits, dots and
# hyphens (so no user name, password, port or IPv6 brackets), then only a path. Every part can be read from
# such an href, which costs one part from ada instead of nine. Its host is an IPv4 address exactly when it is
# four dotted numbers: the URL standard reads any host whose last label is a number as IPv4 or refuses it.
_PLAIN_HREF = re.compile(r"(https?)://([a-z0-9.-]+)(/[^?#]*)\Z")
_IPV4_HOST = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+\Z")


@dataclass(frozen=True)
class WebAddress:
    written: str
    href: str  # as the browser serialises it
    scheme: str  # without the colon: "https"
    host: str  # ASCII (punycode) form, lowercase: what the browser connects to
    display_host: str  # Unicode form, for people
    is_ip: bool
    has_credentials: bool
    port: str  # "" when the scheme's default
    path: str
    query: str  # with its "?" when present

    @property
    def site(self) -> str:
        """Host without a leading "www.", for labels and for comparing two links' sites."""
        return self.host.removeprefix("www.")

    @property
    def display_site(self) -> str:
        return self.display_host.removeprefix("www.")


@lru_cache(maxsize=65536)
def parse_url(text: str) -> WebAddress | None:
    """The address as a browser reads it, or None when a browser would refuse it."""
    written = text.strip()
    try:
        href = ada_url.parse_url(written, ("href",))["href"]
    except ValueError:
        return None
    plain = _PLAIN_HREF.match(href)
    if plain is None:
        return _parse_url_fully(written)
    scheme, host, path = plain.groups()
    return WebAddress(
        written, href, scheme, host, _unicode_host(host), bool(_IPV4_HOST.match(host)), False, "", path, ""
    )


def _parse_url_fully(written: str) -> WebAddress | None:
    """Every part from ada (tests/test_url_parts.py checks parse_url against this on hostile addresses)."""
    try:
        url = ada_url.parse_url(written, _PARTS)  # every part in one call: attribute reads on ada's URL are slow
    except ValueError:
        return None
    host = url["hostname"].lower()
    return WebAddress(
        written=written,
        href=url["href"],
        scheme=url["protocol"].rstrip(":").lower(),
        host=host,
        display_host=_unicode_host(host),
        is_ip=int(url["host_type"]) in _IP_HOST_TYPES,
        has_credentials=bool(url["username"] or url["password"]),
        port=url["port"],
        path=url["pathname"],
        query=url["search"],
    )


def host_of(text: str) -> str:
    """The host a browser would connect to, lowercase ASCII; "" when the address is not a URL."""
    parsed = parse_url(text)
    return parsed.host if parsed else ""


def display_site(text: str) -> str:
    """The site a link goes to, as a label for people: the host a browser opens, without "www."."""
    parsed = parse_url(text)
    return parsed.display_site if parsed else ""


def _unicode_host(host: str) -> str:
    if "xn--" not in host:
        return host
    try:
        return idna.decode(host)
    except idna.IDNAError:
        return host


_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
_loopback_allowed: ContextVar[bool] = ContextVar("kindred_loopback_allowed", default=False)


@contextmanager
def loopback_addresses_allowed() -> Iterator[None]:
    """For tests that serve pages on 127.0.0.1: listings may then point there. No command or setting
    turns this on; only code that calls it, in the same thread, is affected."""
    token = _loopback_allowed.set(True)
    try:
        yield
    finally:
        _loopback_allowed.reset(token)


@dataclass(frozen=True)
class UrlFinding:
    severity: str  # "error" or "warning"
    message: str


def check_web_url(text: str, *, https_only: bool = False) -> list[UrlFinding]:
    """Every reason to refuse (or question) a web address in a listing, in the order a person fixes them."""
    if _loopback_allowed.get():
        return list(_check_web_url(text, https_only, True))
    return list(_check_web_url(text, https_only, False))


@lru_cache(maxsize=65536)  # the model and the warning check each ask about every address
def _check_web_url(text: str, https_only: bool, loopback_allowed: bool) -> tuple[UrlFinding, ...]:
    return tuple(_findings(text, https_only, loopback_allowed))


def _findings(text: str, https_only: bool, loopback_allowed: bool) -> list[UrlFinding]:
    written = text.strip()
    if len(written) > MAX_URL_LENGTH:
        return [
            UrlFinding("error", f"is {len(written):,} characters long; a web address may be at most {MAX_URL_LENGTH:,}")
        ]
    if _WHITESPACE.search(written):
        return [
            UrlFinding(
                "error",
                "is not a complete web address: it contains a space or line break, which "
                "browsers drop, so the link would not go where it reads",
            )
        ]
    if "\\" in written:
        return [
            UrlFinding(
                "error",
                "contains a backslash, which browsers read as `/`, so the link would go to "
                "another host than it appears to; write the address with `/`",
            )
        ]
    parsed = parse_url(written)
    if parsed is None or parsed.scheme not in ("http", "https"):
        scheme = written.split(":", 1)[0] if ":" in written else "none"
        if parsed is not None or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", written):
            return [UrlFinding("error", f"must be an https:// web address (scheme `{scheme[:20]}` is not allowed)")]
        return [
            UrlFinding(
                "error",
                "must be an https:// web address (scheme `none` is not allowed); write "
                "https:// in front, as in https://example.org/",
            )
        ]
    if loopback_allowed and parsed.host in _LOOPBACK_HOSTS:
        return []
    findings: list[UrlFinding] = []
    if parsed.scheme == "http" and https_only:
        findings.append(UrlFinding("error", "must start with https://; a contact link is never sent over plain http"))
    elif parsed.scheme == "http":
        findings.append(UrlFinding("warning", "uses http://; use the https:// address if the site has one"))
    if parsed.has_credentials:
        findings.append(
            UrlFinding(
                "error", "contains a user name or password (`user:pass@`); remove everything before the host name"
            )
        )
    if parsed.is_ip:
        findings.append(
            UrlFinding(
                "error",
                f"points at an IP address ({parsed.host}) rather than a named site; use the service's own domain name",
            )
        )
    elif "." not in parsed.host:
        findings.append(UrlFinding("error", "is not a complete web address such as https://example.org/"))
    if parsed.port and parsed.port != "443":
        findings.append(
            UrlFinding(
                "error",
                f"names port {parsed.port}; only the standard https port is allowed, so remove `:{parsed.port}`",
            )
        )
    if not parsed.is_ip:
        findings.extend(_host_findings(parsed))
    return findings


def _host_findings(parsed: WebAddress) -> list[UrlFinding]:
    """Internationalised hosts: a look-alike is an error, a genuine one a warning showing both forms."""
    if parsed.display_host == parsed.host and "xn--" not in parsed.host:
        return []
    if parsed.display_host == parsed.host:  # punycode that does not decode
        return [UrlFinding("error", f"host `{parsed.host}` is not a valid internationalised domain name")]
    from confusable_homoglyphs import confusables  # its tables take 20 ms to load; most hosts are plain ASCII

    for label in parsed.display_host.split("."):
        if set(label) <= _ASCII_HOST_CHARS:
            continue
        if confusables.is_mixed_script(label):
            return [
                UrlFinding(
                    "error",
                    f"host `{parsed.display_host}` ({parsed.host}) mixes writing systems in "
                    f"`{label}`, as look-alike addresses do; write the real address",
                )
            ]
        if _reads_as_latin(label):
            return [
                UrlFinding(
                    "error",
                    f"host `{parsed.display_host}` ({parsed.host}) is written in letters that "
                    f"look like Latin ones; write the real address",
                )
            ]
    return [
        UrlFinding(
            "warning",
            f"host `{parsed.display_host}` is an internationalised name, published as "
            f"`{parsed.host}`; check that both are the service's own address",
        )
    ]


@lru_cache(maxsize=1024)
def _reads_as_latin(label: str) -> bool:
    """True when every character of a non-Latin label has a plain ASCII look-alike (`раураl`)."""
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(label, greedy=True, preferred_aliases=["latin"]) or []
    lookalike = {
        entry["character"]
        for entry in found
        if any(h["c"] in string.ascii_letters + string.digits for h in entry["homoglyphs"])
    }
    return all(char in lookalike or char in _ASCII_HOST_CHARS for char in label)
