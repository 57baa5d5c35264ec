"""What a fetched page says, in the forms `kindred check-facts` compares: its text, and every digit string a
phone number could be written as on it, whatever the spacing, dashes, dots, brackets or `tel:` link.

Pure functions on text; nothing here fetches anything.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

# The letters on a phone keypad, for vanity numbers such as 1-800-GAMBLER.
_KEYPAD = str.maketrans(
    {
        **{
            c: d
            for d, letters in {
                "2": "ABC",
                "3": "DEF",
                "4": "GHI",
                "5": "JKL",
                "6": "MNO",
                "7": "PQRS",
                "8": "TUV",
                "9": "WXYZ",
            }.items()
            for c in letters
        }
    }
)
# Between two groups of one number: spaces of every width, dashes of every kind, dots, slashes, brackets, a plus.
_SEPARATORS = "\t \u00a0\u2007\u2009\u200a\u202f\u3000-\u2010\u2011\u2012\u2013\u2014\u2212./()+"
_GROUP_PATTERN = r"[0-9]+|[A-Z]{2,}(?![a-z])"  # digits, or a word in capitals (a vanity number's letters)
_GROUP = re.compile(_GROUP_PATTERN)
_RUN = re.compile(rf"(?:{_GROUP_PATTERN})(?:[{re.escape(_SEPARATORS)}]{{0,3}}(?:{_GROUP_PATTERN}))*")
_MAX_GROUPS = 8  # no written number has more groups than this; longer runs are two numbers side by side


def ascii_digits(text: str) -> str:
    """Digits of any script as 0-9 (Arabic-Indic, full-width, ...); everything else unchanged."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def keypad_digits(text: str) -> str:
    """The digits a caller presses: letters become keypad digits, everything but digits is dropped."""
    return re.sub(r"[^0-9]", "", ascii_digits(text).upper().translate(_KEYPAD))


def digit_strings(text: str) -> set[str]:
    """Every run of number groups on the page, and each contiguous part of it that starts and ends on a group
    boundary: "Call 1 (800) 522-4700" gives 18005224700, 8005224700, 5224700, 800, ... but never a number cut
    out of the middle of a group, so 988 is not found inside 19880."""
    found: set[str] = set()
    for run in _RUN.finditer(ascii_digits(text)):
        written = _GROUP.findall(run.group())
        if not any(g[0].isdigit() for g in written):
            continue  # words in capitals alone are not a number
        groups = [g if g[0].isdigit() else g.translate(_KEYPAD) for g in written]
        for start in range(len(groups)):
            joined = ""
            for group in groups[start : start + _MAX_GROUPS]:
                joined += group
                found.add(joined)
    return found


@dataclass(frozen=True)
class PageText:
    text: str  # what a reader sees, entities decoded
    digits: frozenset[str]  # see digit_strings; plus the numbers in tel:/sms: links


class _Extractor(HTMLParser):
    """Visible text and structured data; scripts and styles are code, not text a visitor reads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "style", "template", "noscript") and not (
            tag == "script" and (attributes.get("type") or "").lower() == "application/ld+json"
        ):
            self._skip += 1
        href = (attributes.get("href") or "").strip()
        if href.lower().startswith(("tel:", "sms:", "callto:")):
            self.links.append(unquote(href.split(":", 1)[1].split("?", 1)[0]))
        if tag in ("br", "p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt"):
            self.parts.append("\n")  # a new block never continues the number before it

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "noscript") and self._skip:
            self._skip -= 1
        self.parts.append("\n" if tag in ("p", "div", "li", "td", "th", "tr", "dd", "dt") else "")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(body: str, content_type: str = "text/html") -> PageText:
    kind = content_type.split(";", 1)[0].strip().lower()
    links: list[str] = []
    if kind in ("text/html", "application/xhtml+xml") or (not kind and "<html" in body[:2000].lower()):
        extractor = _Extractor()
        extractor.feed(body)
        extractor.close()
        text, links = "".join(extractor.parts), extractor.links
    elif kind.endswith("json"):
        try:  # decode \u escapes and join the values, so "0800\u00a01111" reads as written
            text = "\n".join(_json_strings(json.loads(body)))
        except ValueError:
            text = body
    else:
        text = body
    digits = digit_strings(text)
    for link in links:
        digits |= digit_strings(link)
        digits.add(keypad_digits(link))
    return PageText(text, frozenset(digits))


def _json_strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in _json_strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _json_strings(item)]
    return [str(value)] if value is not None else []


def has_keyword(text: str, keyword: str) -> bool:
    """The keyword as a whole word, in the same capitals as the listing writes it ("HOME", not "Home")."""
    word = " ".join(keyword.split())
    if not word:
        return False
    pattern = r"(?<![\w])" + r"\s+".join(re.escape(part) for part in word.split(" ")) + r"(?![\w])"
    return re.search(pattern, ascii_digits(text).replace("\u00a0", " ")) is not None
