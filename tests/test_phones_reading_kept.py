"""generator/phones.py keeps the library's reading of a number on the ParsedNumber, so the cost, toll-free
and country checks do not parse it again. They must judge exactly as they do from a fresh parse."""

from __future__ import annotations

import dataclasses

import pytest
import yaml
from kindred_test_support import SHIPPED_DIRECTORY

from generator.phones import foreign_region, is_toll_free, paid_kind, parse_number

# Numbers the other phone tests use: free, ordinary, mobile, short codes, premium, shared-cost, AU 13/1300,
# international forms, a claimed short code the library does not list, numbers judged in several countries.
NUMBERS = [
    ("0800 1111", ("GB",)), ("+1 800 273 8255", ("GB",)), ("00 44 800 1111", ("US",)), ("116 123", ("GB",)),
    ("1737", ("GB",)), ("13 11 14", ("AU",)), ("1300 22 4636", ("AU",)),
    ("0800 1111", ("US", "GB")), ("07911 123456", ("GB",)), ("85258", ("GB",)), ("+44 7911 123456", ("GB",)),
    ("741741", ("US",)), ("14416", ("IN",)), ("1553", ("PH",)), ("0906 123 4567", ("GB",)),
    ("1-900-555-0199", ("US",)), ("+44 800 1111", ("US", "CA")), ("988", ("US", "CA")),
    # An extension in the written number (the dial string has none), an Italian leading zero, a Jersey number
    # in a GB listing (another region of the same dialling code).
    ("020 7946 0000 ext. 12", ("GB",)), ("06 6988 1234", ("IT",)), ("01534 123456", ("GB",)),
]


def _shipped_numbers() -> list[tuple[str, tuple[str, ...]]]:
    found = []
    for path in sorted(SHIPPED_DIRECTORY.glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not data.get("countries"):
            continue
        for contact in data.get("contacts") or []:
            if isinstance(contact, dict) and isinstance(contact.get("number"), str):
                found.append((contact["number"], tuple(str(c) for c in data["countries"])))
    return found


def _readings(number: str, countries: tuple[str, ...]):
    for allow_short in (True, False):
        for claimed in (False, True):
            parsed = parse_number(number, countries, allow_short=allow_short, claimed_short=claimed)
            if parsed is not None:
                yield parsed


@pytest.mark.parametrize("number, countries", NUMBERS)
def test_kept_reading_judges_as_a_fresh_parse(number, countries):
    readings = list(_readings(number, countries))
    assert readings, "each listed number is valid somewhere in its countries"
    for parsed in readings:
        fresh = dataclasses.replace(parsed, phone=None)  # equal, but parsed again when asked
        assert fresh == parsed and hash(fresh) == hash(parsed)
        assert paid_kind(fresh) == paid_kind(parsed)
        assert is_toll_free(fresh) == is_toll_free(parsed)
        assert foreign_region(fresh, countries) == foreign_region(parsed, countries)
        assert fresh.international == parsed.international


def test_kept_reading_judges_every_shipped_number_as_a_fresh_parse():
    numbers = _shipped_numbers()
    assert len(numbers) > 50
    for number, countries in numbers:
        for parsed in _readings(number, countries):
            fresh = dataclasses.replace(parsed, phone=None)
            assert (paid_kind(fresh), is_toll_free(fresh), foreign_region(fresh, countries), fresh.international) == (
                paid_kind(parsed), is_toll_free(parsed), foreign_region(parsed, countries), parsed.international), number


def test_the_numbers_cover_paid_free_and_foreign_outcomes():
    """Guard: the comparison above means little unless the numbers reach each kind of judgement."""
    outcomes = set()
    for number, countries in NUMBERS:
        for parsed in _readings(number, countries):
            outcomes.add(("paid", paid_kind(parsed)))
            outcomes.add(("free", is_toll_free(parsed)))
            outcomes.add(("foreign", foreign_region(parsed, countries) is not None))
    assert {("paid", "a premium-rate number"), ("paid", "a shared-cost number"), ("paid", None),
            ("free", True), ("free", False), ("foreign", True), ("foreign", False)} <= outcomes
