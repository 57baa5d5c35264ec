"""Checks that need more than one field, the taxonomy or other listings.

They read the raw parsed data (defensively) rather than the validated model,
so a file with a type error elsewhere still gets its taxonomy, region and
phone-number problems reported in the same run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from json import encoder
from typing import TYPE_CHECKING, Any

from .markdown_text import description_links, link_problem
from .models.base import field_value
from .models.contacts import NUMBER_METHODS
from .models.fields import WORLDWIDE, close_match, country_codes
from .phones import ParsedNumber, emergency_regions, foreign_region, is_toll_free, paid_kind, parse_number
from .problems import Problem, Severity, quoted
from .taxonomy import Taxonomy
from .urls import check_web_url, parse_url
from .validation_messages import field_label
from .yamlsafe import Document

if TYPE_CHECKING:
    from .listing_record import ListingRecord


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


def check_listing(
    doc: Document, display_path: str, taxonomy: Taxonomy
) -> tuple[dict[int, ParsedNumber], list[Problem]]:
    checker = _Checker(doc, display_path)
    _check_duplicates(checker, checker.data, ())
    _check_terms(checker, taxonomy)
    _check_places(checker)
    _check_numbers(checker)
    _check_web_addresses(checker)
    return checker.numbers, checker.problems


def duplicate_problems(doc: Document, display_path: str) -> list[Problem]:
    """Repeated items in any list of any Kindred YAML file (listings, country profiles)."""
    checker = _Checker(doc, display_path)
    _check_duplicates(checker, checker.data, ())
    return checker.problems


_REPEATS_SHOWN = 3  # a list of 8,000 copies gets a few exact errors and a count, not 8,000 lines


def _item_json_encoder():
    """json.dumps(item, sort_keys=True, default=str), without JSONEncoder.encode's setup on every item: the C
    encoder made once (about half the time per item). Without circular-reference checks: data read from YAML
    holds no cycles (aliases are refused), and a cycle would fail either way."""
    if encoder.c_make_encoder is None:  # pragma: no cover  (Python without the _json accelerator)
        return json.JSONEncoder(sort_keys=True, default=str).encode
    make = encoder.c_make_encoder(None, str, encoder.encode_basestring_ascii, None, ": ", ", ", True, False, True)
    return lambda item: "".join(make(item, 0))


_ITEM_JSON = _item_json_encoder()


def _check_duplicates(checker: _Checker, value: Any, path: tuple) -> None:
    """Any list, anywhere in the file, that holds the same item twice: each copy is more pages and rows."""
    if isinstance(value, dict):
        for name, item in value.items():
            if isinstance(item, (dict, list)):  # only containers hold lists: scalars need no call
                _check_duplicates(checker, item, path + (name,))
        return
    if not isinstance(value, list):
        return
    if len(value) < 2:  # nothing to repeat; a mapping or list inside may still hold a list that repeats
        if value and isinstance(value[0], (dict, list)):
            _check_duplicates(checker, value[0], path + (0,))
        return
    if not isinstance(value[0], (dict, list)):
        # The usual list, distinct words or codes: nothing repeats and nothing is inside. Items equal as a set
        # member are equal as (type, item) below too, so distinct here is distinct there; a mapping or list
        # among the items cannot be a set member, and is looked at below.
        try:
            if len(set(value)) == len(value):
                return
        except TypeError:
            pass
    first: dict[object, int] = {}
    repeats = []
    for index, item in enumerate(value):
        if isinstance(item, (dict, list)):
            _check_duplicates(checker, item, path + (index,))
            seen: object = _ITEM_JSON(item)  # mappings and lists by their JSON
        else:
            seen = (type(item), item)  # scalars as themselves, typed: 1 is not "1"
        if seen in first:
            repeats.append((index, first[seen], item))
        else:
            first[seen] = index
    for index, earlier, item in repeats[:_REPEATS_SHOWN]:
        shown = quoted(item) if not isinstance(item, (dict, list)) else "this item"
        checker.report(
            path + (index,),
            f"`{field_label(path + (index,))}`: {shown} repeats `{field_label(path + (earlier,))}`; remove the copy",
        )
    if len(repeats) > _REPEATS_SHOWN:
        checker.report(
            path,
            f"`{field_label(path)}` holds {len(repeats) - _REPEATS_SHOWN:,} more repeated "
            f"item(s); each value may appear once",
        )


def _check_terms(checker: _Checker, taxonomy: Taxonomy) -> None:
    for facet in ("topics", "audiences"):
        known = taxonomy.facet(facet)
        if not known:
            continue  # the taxonomy file itself is broken; that is reported there
        for index, term in checker.strings(facet):
            if term not in known:
                checker.report(
                    (facet, index),
                    f"`{facet}[{index}]`: `{term}` is not in the taxonomy"
                    f"{close_match(term, known)} (terms are listed in "
                    f"directory/taxonomy.yaml)",
                )


def _check_places(checker: _Checker) -> None:
    countries = [c for _, c in checker.strings("countries")]
    if "worldwide" in countries and len(countries) > 1:
        checker.report(
            ("countries",), "`countries`: `worldwide` stands alone; remove the other codes or remove `worldwide`"
        )
    for index, region in checker.strings("regions"):
        country = region.split("-")[0]
        if country not in countries:
            checker.report(
                ("regions", index),
                f"`regions[{index}]`: `{region}` is not inside any of the listed "
                f"countries ({', '.join(countries) or 'none'}); add `{country}` to "
                f"`countries` or remove the region",
            )


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
        emergency = emergency_regions(number, countries)
        if emergency:  # before parsing: libphonenumber does not count 000 (AU) as a dialable short code
            checker.report(
                path,
                f"`{label}`: {quoted(number)} is the emergency number in {', '.join(emergency)}; "
                f"emergency numbers belong in the country profile (directory/countries/), not in "
                f"a listing",
            )
            continue
        # WhatsApp needs a full number; phone and SMS may be short codes.
        parsed = parse_number(
            number, countries, allow_short=method != "whatsapp", claimed_short=contact.get("short_code") is True
        )
        if parsed is None:
            hint = (
                'write it in international form, such as "+44 20 7946 0000"'
                if worldwide or method == "whatsapp"
                else 'write it as people dial it there ("116 123", "0800 1111") or in international form '
                '("+44 800 1111")'
            )
            kind = "WhatsApp" if method == "whatsapp" else "phone"
            checker.report(path, f"`{label}`: `{number}` is not a valid {kind} number in {where}; {hint}")
            continue
        checker.numbers[index] = parsed
        _check_number_risks(checker, index, contact, parsed, countries)
        if not parsed.known and contact.get("short_code") is not True:
            checker.report(
                path,
                f"`{label}`: `{number}` could be a short code in {parsed.region}, but the "
                f"phone-number library does not list it; check it with the service, then add "
                f"`short_code: true` to this contact",
                "warning",
            )


def _check_number_risks(
    checker: _Checker, index: int, contact: dict, parsed: ParsedNumber, countries: tuple[str, ...]
) -> None:
    """Numbers that would hurt a caller: an emergency number (it belongs in the country profile), a paid
    number, a number of a country the listing does not serve, a free number said to cost money."""
    path = ("contacts", index, "number")
    label = field_label(path)
    shown = quoted(contact.get("number"))
    paid = paid_kind(parsed)
    if paid == "a premium-rate number":
        checker.report(
            path,
            f"`{label}`: {shown} is {paid}; callers would pay extra to reach help, so it cannot "
            f"be listed; use the service's free or ordinary-rate number",
        )
        return
    if paid and contact.get("cost_confirmed") is not True:
        # Australia's 13/1300 lines and some short codes (3919) are classed so, yet cost a local call or nothing.
        checker.report(
            path,
            f"`{label}`: {shown} is {paid} according to the phone-number library; if the "
            f"service's own page says what a call costs, add `cost_confirmed: true` to this "
            f"contact and that page to `sources` with `supports: [cost]`",
        )
        return
    if paid and not _has_source_for(checker, "cost"):
        checker.report(
            ("contacts", index, "cost_confirmed"),
            f"`{field_label(('contacts', index))}`: "
            f"`cost_confirmed: true` needs a source with `supports: [cost]` that states the charge",
        )
    foreign = foreign_region(parsed, countries)
    if foreign and contact.get("international") is not True:
        listed = ", ".join(c for c in countries if c != WORLDWIDE)
        checker.report(
            path,
            f"`{label}`: {shown} is a number in {foreign}, which this listing does not serve "
            f"({listed}); add {foreign} to `countries`, or mark the contact `international: true` "
            f"with a `note` saying callers dial abroad",
        )
    elif contact.get("international") is True and not contact.get("note"):
        checker.report(
            ("contacts", index, "international"),
            f"`{field_label(('contacts', index))}`: a contact "
            f"marked `international: true` needs a `note` telling callers they dial abroad",
        )
    if contact.get("free") is False and is_toll_free(parsed):
        checker.report(
            ("contacts", index, "free"),
            f"`{field_label(('contacts', index, 'free'))}`: {shown} is a "
            f"toll-free number, but the listing says calls are not free; check which is right",
            "warning",
        )


def _has_source_for(checker: _Checker, fact: str) -> bool:
    sources = checker.data.get("sources")
    return isinstance(sources, list) and any(
        isinstance(source, dict) and isinstance(source.get("supports"), list) and fact in source["supports"]
        for source in sources
    )


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
    """Warnings only (http, internationalised hosts): the models refuse what is unsafe, with the same parser."""
    for path, url in _urls(checker):
        if not isinstance(url, str):
            continue
        for finding in check_web_url(url):
            if finding.severity == "warning":
                checker.report(path, f"`{field_label(path)}`: {quoted(url)} {finding.message}", "warning")
    _check_description_links(checker)


def _check_description_links(checker: _Checker) -> None:
    """Description links go only to https, mailto or tel, and a link that reads as an address goes there:
    in the description and in each translation of it."""
    places: list[tuple[tuple, str]] = [(("description",), "description")]
    translations = checker.data.get("translations")
    if isinstance(translations, dict):
        places += [(("translations", tag, "description"), f"translations.{tag}.description") for tag in translations]
    for path, label in places:
        description: Any = checker.data
        for key in path:
            description = description.get(key) if isinstance(description, dict) else None
        if not isinstance(description, str) or (
            "](" not in description and "<" not in description and "]:" not in description
        ):
            continue  # no inline link, autolink or reference definition: nothing to parse
        for link in description_links(description):
            problem = link_problem(link)
            if problem:
                line = checker.doc.text_line(path, link.line)
                checker.problems.append(
                    Problem(checker.display_path, line, 1, f"`{label}`: {problem}", "error", "description")
                )


def contact_keys(record: ListingRecord) -> Iterator[tuple[str, tuple, str]]:
    """(key, path, shown) for each number and the website, to find listings that share them."""
    site = parse_url(record.listing.website)  # as the browser reads it, so a look-alike cannot hide a match
    place = f"{site.site}{site.path.rstrip('/')}" if site else record.listing.website
    yield f"web:{place}", ("website",), record.listing.website
    for index, parsed in record.numbers.items():
        contact = record.listing.contacts[index]
        # A keyword or extension makes a shared number a different route (988 vs 988 then 1).
        keyword = (field_value(contact, "keyword") or field_value(contact, "extension") or "").lower()
        # E.164 names one line wherever it was written from ("0800 068 4141" in GB is "+44 800 068 4141");
        # short codes and national-only numbers mean something only in their country.
        region = "" if parsed.dial.startswith("+") else parsed.region or ""
        yield f"{contact.method}:{region}:{parsed.dial}:{keyword}", ("contacts", index, "number"), contact.number


ShareEntry = tuple[str, str, int, int, str, str]  # key, display path, line, column, value as written, field


def share_entries(record: ListingRecord) -> list[ShareEntry]:
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
                yield Problem(
                    shown_path,
                    line,
                    column,
                    f"`{label}`: `{shown}` is also used by {other}; check that both listings are right",
                    "warning",
                    label,
                )


def check_shared_contacts(records: list[ListingRecord]) -> Iterator[Problem]:
    return shared_contact_problems((record.key, share_entries(record)) for record in records)
