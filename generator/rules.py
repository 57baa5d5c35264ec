"""Checks that need more than one field, the taxonomy or other listings.

They read the raw parsed data (defensively) rather than the validated model,
so a file with a type error elsewhere still gets its taxonomy, region and
phone-number problems reported in the same run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .models.contacts import NUMBER_METHODS
from .models.fields import WORLDWIDE, close_match, country_codes, split_url
from .phones import ParsedNumber, parse_number
from .problems import Problem, Severity
from .taxonomy import Taxonomy
from .validation_messages import field_label
from .yamlsafe import Document

if TYPE_CHECKING:
    from .directory import ListingRecord


class _Checker:
    def __init__(self, doc: Document, display_path: str):
        self.doc = doc
        self.data = doc.data if isinstance(doc.data, dict) else {}
        self.display_path = display_path
        self.problems: list[Problem] = []
        self.numbers: dict[int, ParsedNumber] = {}

    def report(self, path: tuple, message: str, severity: Severity = "error") -> None:
        line, column = self.doc.position(path)
        self.problems.append(Problem(self.display_path, line, column, message, severity, field_label(path)))

    def strings(self, key: str) -> list[tuple[int, str]]:
        value = self.data.get(key)
        if not isinstance(value, list):
            return []
        return [(i, v) for i, v in enumerate(value) if isinstance(v, str)]

    def contacts(self) -> list[tuple[int, dict]]:
        value = self.data.get("contacts")
        if not isinstance(value, list):
            return []
        return [(i, c) for i, c in enumerate(value) if isinstance(c, dict)]


def check_listing(doc: Document, display_path: str, taxonomy: Taxonomy) -> tuple[dict[int, ParsedNumber],
                                                                                 list[Problem]]:
    checker = _Checker(doc, display_path)
    _check_terms(checker, taxonomy)
    _check_places(checker)
    _check_numbers(checker)
    _check_web_addresses(checker)
    return checker.numbers, checker.problems


def _check_terms(checker: _Checker, taxonomy: Taxonomy) -> None:
    for facet in ("topics", "audiences"):
        known = taxonomy.facet(facet)
        if not known:
            continue  # the taxonomy file itself is broken; that is reported there
        seen = set()
        for index, term in checker.strings(facet):
            if term in seen:
                checker.report((facet, index), f"`{facet}` lists `{term}` twice", "warning")
            seen.add(term)
            if term not in known:
                checker.report((facet, index), f"`{facet}[{index}]`: `{term}` is not in the taxonomy"
                                               f"{close_match(term, known)} (terms are listed in "
                                               f"directory/taxonomy.yaml)")


def _check_places(checker: _Checker) -> None:
    countries = [c for _, c in checker.strings("countries")]
    if "worldwide" in countries and len(countries) > 1:
        checker.report(("countries",), "`countries`: `worldwide` stands alone; remove the other codes or remove "
                                       "`worldwide`")
    if len(set(countries)) != len(countries):
        checker.report(("countries",), "`countries` lists a country twice", "warning")
    for index, region in checker.strings("regions"):
        country = region.split("-")[0]
        if country not in countries:
            checker.report(("regions", index), f"`regions[{index}]`: `{region}` is not inside any of the listed "
                                               f"countries ({', '.join(countries) or 'none'}); add `{country}` to "
                                               f"`countries` or remove the region")


def _check_numbers(checker: _Checker) -> None:
    written = [c for _, c in checker.strings("countries")]
    # Judge numbers only in real countries: a bad code is reported on its own line, and judging
    # every number "in XX" too would bury that one error under follow-on ones.
    countries = tuple(c for c in written if c in country_codes() or c == WORLDWIDE)
    if not countries:  # no usable country: that error is reported; numbers cannot be judged without one
        return
    worldwide = WORLDWIDE in countries
    where = " or ".join(c for c in countries if c != "worldwide") or "any listed country"
    for index, contact in checker.contacts():
        method, number = contact.get("method"), contact.get("number")
        if method not in NUMBER_METHODS or not isinstance(number, str) or not number.strip():
            continue
        path = ("contacts", index, "number")
        label = field_label(path)
        # WhatsApp needs a full number; phone and SMS may be short codes.
        parsed = parse_number(number, countries, allow_short=method != "whatsapp")
        if parsed is None:
            hint = ("write it in international form, such as \"+44 20 7946 0000\""
                    if worldwide or method == "whatsapp" else
                    "write it as people dial it there (\"116 123\", \"0800 1111\") or in international form "
                    "(\"+44 800 1111\")")
            kind = "WhatsApp" if method == "whatsapp" else "phone"
            checker.report(path, f"`{label}`: `{number}` is not a valid {kind} number in {where}; {hint}")
            continue
        checker.numbers[index] = parsed
        if not parsed.known and contact.get("short_code") is not True:
            checker.report(path, f"`{label}`: `{number}` could be a short code in {parsed.region}, but the "
                                 f"phone-number library does not list it; check it with the service, then add "
                                 f"`short_code: true` to this contact", "warning")


def _urls(checker: _Checker) -> Iterator[tuple[tuple, Any]]:
    data = checker.data
    yield ("website",), data.get("website")
    organization = data.get("organization")
    if isinstance(organization, dict):
        yield ("organization", "url"), organization.get("url")
    for index, contact in checker.contacts():
        yield ("contacts", index, "url"), contact.get("url")
    yield ("rules_url",), data.get("rules_url")
    verified = data.get("verified")
    if isinstance(verified, dict):
        yield ("verified", "source"), verified.get("source")


def _check_web_addresses(checker: _Checker) -> None:
    for path, url in _urls(checker):
        if isinstance(url, str) and split_url(url.strip()).scheme.lower() == "http":
            checker.report(path, f"`{field_label(path)}`: `{url}` uses http://; use the https:// address if the "
                                 f"site has one", "warning")


def contact_keys(record: "ListingRecord") -> Iterator[tuple[str, tuple, str]]:
    """(key, path, shown) for each number and the website, to find listings that share them."""
    site = split_url(record.listing.website)
    yield (f"web:{(site.hostname or '').removeprefix('www.')}{site.path.rstrip('/')}", ("website",),
           record.listing.website)
    for index, parsed in record.numbers.items():
        contact = record.listing.contacts[index]
        # A keyword or extension makes a shared number a different route (988 vs 988 then 1).
        keyword = (getattr(contact, "keyword", None) or getattr(contact, "extension", None) or "").lower()
        # E.164 names one line wherever it was written from ("0800 068 4141" in GB is "+44 800 068 4141");
        # short codes and national-only numbers mean something only in their country.
        region = "" if parsed.dial.startswith("+") else parsed.region or ""
        yield f"{contact.method}:{region}:{parsed.dial}:{keyword}", ("contacts", index, "number"), contact.number


ShareEntry = tuple[str, str, int, int, str, str]  # key, display path, line, column, value as written, field


def share_entries(record: "ListingRecord") -> list[ShareEntry]:
    """What the shared-contacts check needs from one listing: small, so other processes can send it."""
    entries = []
    for key, path, shown in contact_keys(record):
        line, column = record.doc.position(path)
        entries.append((key, record.display_path, line, column, shown, field_label(path)))
    return entries


def shared_contact_problems(listings: Iterable[tuple[str, list[ShareEntry]]]) -> Iterator[Problem]:
    """A warning for each number or website a listing shares with an earlier one: (listing key, entries)."""
    first_seen: dict[str, str] = {}
    for listing_key, entries in listings:
        for key, shown_path, line, column, shown, label in entries:
            other = first_seen.setdefault(key, listing_key)
            if other != listing_key:
                yield Problem(shown_path, line, column,
                              f"`{label}`: `{shown}` is also used by {other}; check that both "
                              f"listings are right", "warning", label)


def check_shared_contacts(records: list["ListingRecord"]) -> Iterator[Problem]:
    return shared_contact_problems((record.key, share_entries(record)) for record in records)
