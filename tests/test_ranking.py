"""The one order listings are shown in (generator/ranking.py), and that pages and the finder both use it."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from generator.directory import load_directory
from generator.ranking import in_site_order
from generator.search.records import ordered_records
from generator.site_plan import plan_site

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def directory():
    loaded = load_directory(FIXTURES / "site_directory")
    assert loaded.ok, loaded.problems
    return loaded


def variant(record, listing_id: str, name: str, status: str = "active"):
    return replace(record, id=listing_id, listing=record.listing.model_copy(update={"name": name, "status": status}))


def test_paused_last_then_by_name_ignoring_case_then_by_id(directory):
    base = directory.published[0]
    records = [variant(base, "b-zeta", "zeta"), variant(base, "a-paused", "Aardvark", "paused"),
               variant(base, "c-alpha", "Alpha"), variant(base, "a-alpha", "alpha"), variant(base, "d-beta", "BETA")]
    expected = ["a-alpha", "c-alpha", "d-beta", "b-zeta", "a-paused"]
    for seed in range(5):  # the order files were read in makes no difference
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        assert [r.id for r in in_site_order(shuffled)] == expected


def test_browse_pages_and_finder_positions_follow_the_same_order(directory):
    expected = [r.id for r in in_site_order(directory.published)]
    assert [r.id for r in ordered_records(directory)] == expected
    assert [view.id for view in plan_site(directory).views] == expected
    assert expected[-1] == "fixture-paused-line"
