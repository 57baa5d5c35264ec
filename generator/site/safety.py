"""Escaping helpers for places Jinja's HTML autoescape does not cover: URLs and inline JSON."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from markupsafe import Markup

SAFE_SCHEMES = {"https", "http", "tel", "sms", "mailto"}
_CONTROL = re.compile("[\x00-\x1f]")  # a character below U+0020


# What urlsplit takes for a scheme: a letter, then letters, digits, "+", "-" or ".", up to the first colon.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*(?=:)")


def safe_href(url: str | None) -> str:
    """The URL if its scheme is allowed, else '#' (never javascript:, data:, ...)."""
    if not url:
        return "#"
    text = str(url).strip()
    if text.isascii() and "[" not in text and "]" not in text:
        # urlsplit's scheme, read here (urlsplit was 80% of this function's time, and pages ask 100,000 times):
        # with no control character (else "#" anyway), nothing before it is stripped or dropped, and with no
        # bracket nor anything outside ASCII, there is no host for it to refuse (ValueError). tests/site/
        # test_safety.py compares the two on hostile addresses.
        found = _SCHEME.match(text)
        scheme = found.group().lower() if found else ""
    else:
        scheme = urlsplit(text).scheme.lower()
    if scheme not in SAFE_SCHEMES or _CONTROL.search(text):
        return "#"
    return text


def json_for_script(data) -> Markup:
    """JSON safe inside <script> and attributes: no `</script>`, no `<!--`, no U+2028 surprises."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return Markup(text)


def json_for_attribute(data) -> str:
    """JSON for an HTML attribute value: a plain str, so autoescape turns `"` into `&#34;` (and <, >, &, ')."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
