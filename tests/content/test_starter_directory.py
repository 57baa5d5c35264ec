"""The shipped directory: strictly valid, broad enough to be useful on day one, and honest."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path

import language_data
import pytest

from generator.directory import load_directory
from generator.models.contacts import NUMBER_METHODS

REPO = Path(__file__).resolve().parents[2]
CONTINENTS = {"002": "Africa", "019": "Americas", "142": "Asia", "150": "Europe", "009": "Oceania"}


@pytest.fixture(scope="module")
def shipped():
    return load_directory(REPO / "directory")


@functools.lru_cache(maxsize=1)
def continent_of() -> dict[str, str]:
    """Country → continent from CLDR's territory containment (shipped with language_data)."""
    tree = ET.parse(Path(language_data.__file__).parent / "data" / "supplementalData.xml")
    children: dict[str, list[str]] = {}
    for group in tree.iter("group"):
        if group.get("status") or group.get("grouping"):
            continue  # deprecated or alternative groupings (EU, UN...)
        children.setdefault(group.get("type"), []).extend(group.get("contains", "").split())
    result = {}

    def walk(code: str, continent: str) -> None:
        for child in children.get(code, []):
            if child.isalpha() and len(child) == 2:
                result.setdefault(child, continent)
            else:
                walk(child, continent)

    for code, name in CONTINENTS.items():
        walk(code, name)
    return result


def test_shipped_directory_is_valid_even_in_strict_mode(shipped):
    problems = [p.as_text() for p in shipped.problems.sorted()]
    assert problems == []


def test_at_least_80_listings_across_all_three_kinds(shipped):
    kinds = {k: sum(1 for r in shipped.records if r.kind == k) for k in ("helplines", "communities", "teletherapy")}
    assert sum(kinds.values()) >= 80
    assert all(count >= 8 for count in kinds.values()), kinds


def test_listings_cover_15_countries_on_5_continents(shipped):
    countries = {c for r in shipped.records for c in r.listing.countries if c != "worldwide"}
    assert len(countries) >= 15, sorted(countries)
    continents = {continent_of()[c] for c in countries if c in continent_of()}
    assert set(CONTINENTS.values()) <= continents, (sorted(continents), sorted(countries))


@pytest.mark.parametrize("facet", ["topics", "audiences"])
def test_every_taxonomy_term_is_used_by_a_listing(shipped, facet):
    used = {term for r in shipped.records for term in getattr(r.listing, facet)}
    unused = set(shipped.taxonomy.facet(facet)) - used
    assert not unused, f"{facet} with no listing: {sorted(unused)}"


def test_no_listing_claims_a_verification_nobody_made(shipped):
    # The starter directory was written from public information; nobody has confirmed it yet.
    assert [r.key for r in shipped.records if r.listing.verified is not None] == []


def test_every_listing_and_country_file_names_its_schema_for_editors():
    schemas = {"countries": "country"}  # listings: the kind folder's name
    for path in sorted((REPO / "directory").glob("*/*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = schemas.get(path.parent.name, path.parent.name)
        assert first == f"# yaml-language-server: $schema=../../generator/schema/{schema}.schema.json", path


def test_no_closed_services_are_shipped(shipped):
    assert [r.key for r in shipped.records if r.listing.status == "closed"] == []


def test_every_shipped_listing_says_where_its_facts_come_from(shipped):
    # Issue #13: a visitor can see the pages behind every listing ("Where these facts come from").
    unsourced = [r.key for r in shipped.records if not r.listing.sources]
    assert unsourced == []


def test_every_shipped_listing_with_a_number_sources_it_or_says_it_could_not(shipped):
    # A wrong number is the worst defect: either a source states the contacts, or the listing says none did.
    numbered = [r for r in shipped.records if any(c.method in NUMBER_METHODS for c in r.listing.contacts)]
    silent = [r.key for r in numbered
              if not any("contacts" in s.supports for s in r.listing.sources) and "contacts" not in r.listing.unconfirmed]
    assert len(numbered) > 50  # the helplines, at least
    assert silent == []


def test_every_country_a_listing_serves_has_a_profile_with_a_sourced_emergency_number(shipped):
    served = {c for r in shipped.published for c in r.listing.countries if c != "worldwide"}
    assert served == set(shipped.countries)
    for code, record in shipped.countries.items():
        assert record.profile.emergency, code
        assert any("emergency" in s.supports for s in record.profile.sources), code
