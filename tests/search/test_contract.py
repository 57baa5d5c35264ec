"""The shape of find/listings.json is declared once on each side: generator/search/contract.py (which the
writer checks) and generator/assets/finder/contract.js (which the browser checks). These fail when the two
drift apart, or when the writer produces something neither declares."""

from __future__ import annotations

import json

import pytest

from generator.search import contract
from generator.search.finder_files import listings_data
from generator.search.records import facet_options, ordered_records


@pytest.fixture(scope="module")
def written(finder_directory):
    return listings_data(finder_directory, "hash", 123)


def test_python_and_browser_declare_the_same_contract(lunr_js):
    declared = lunr_js("contract")
    assert declared["FORMAT"] == contract.FORMAT
    assert declared["FACET_KEYS"] == list(contract.FACET_KEYS)
    assert declared["COLUMNS"] == list(contract.COLUMNS)
    assert declared["REQUIRED_COLUMNS"] == list(contract.REQUIRED_COLUMNS)
    assert declared["LIST_COLUMNS"] == list(contract.LIST_COLUMNS)


def test_what_python_writes_the_browser_accepts(lunr_js, written):
    assert contract.data_problems(written) == []
    assert lunr_js("contract", data=json.loads(json.dumps(written)))["problems"] == []


def test_the_fixture_uses_every_column_so_the_round_trip_test_covers_them(written):
    assert set(written["listings"]) == set(contract.COLUMNS)
    assert set(written["lists"]) == set(contract.LIST_COLUMNS)


def test_every_filter_has_options(finder_directory):
    assert set(facet_options(finder_directory, ordered_records(finder_directory))) == set(contract.FACET_KEYS)


def test_both_sides_refuse_the_same_drift(lunr_js, written):
    drifted = json.loads(json.dumps(written))
    drifted["listings"]["new"] = [0] * len(drifted["listings"]["id"])
    del drifted["facets"]["trial"]
    del drifted["lists"]["co"]
    drifted["lists"]["n"] = []
    expected = ["no lists for column co", "no options for filter trial", "unknown column new", "unknown list column n"]
    assert sorted(contract.data_problems(drifted)) == expected
    assert sorted(lunr_js("contract", data=drifted)["problems"]) == expected


def test_a_record_key_the_contract_does_not_know_stops_the_build(finder_directory, monkeypatch):
    from generator.search import finder_files

    original = finder_files.listing_record
    monkeypatch.setattr(finder_files, "listing_record", lambda record: {**original(record), "zz": 1})
    with pytest.raises(ValueError, match="unknown column zz"):
        listings_data(finder_directory, "hash", 123)
