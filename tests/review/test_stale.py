"""`kindred stale` core: never-verified first, then the oldest verification, with a fixed "today"."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from generator.directory import load_directory
from generator.review.stale import months_before, months_between, render, stale_listings

TODAY = dt.date(2026, 1, 15)

LISTING = """\
name: {name}
summary: A listing for the stale check.
website: https://{id}.example.org/
countries: [GB]
languages: [en]
topics: [anxiety]
cost: free
contacts:
  - method: email
    address: help@{id}.example.org
"""


def listing(listing_id: str, verified: str | None = None, status: str | None = None) -> str:
    text = LISTING.format(name=listing_id.replace("-", " ").title(), id=listing_id)
    if verified:
        text += (f"verified: {{date: {verified}, method: website, by: tester, "
                 f"source: \"https://{listing_id}.example.org/contact\"}}\n")
    if status:
        text += f"status: {status}\n"
    return text


@pytest.fixture
def directory(make_directory):
    root = make_directory({
        "helplines/recent.yaml": listing("recent", "2025-12-01"),
        "helplines/just-in-time.yaml": listing("just-in-time", "2025-01-15"),
        "helplines/a-day-late.yaml": listing("a-day-late", "2025-01-14"),
        "communities/ancient.yaml": listing("ancient", "2022-06-30"),
        "teletherapy/never-checked.yaml": listing("never-checked"),
        "helplines/also-never.yaml": listing("also-never"),
        "helplines/closed-one.yaml": listing("closed-one", status="closed"),
        "helplines/paused-one.yaml": listing("paused-one", "2024-03-01", status="paused"),
    })
    loaded = load_directory(root)
    assert loaded.ok, loaded.problems.sorted()
    return loaded


def test_order_and_ages(directory):
    items = stale_listings(directory, 12, TODAY)
    assert [(i.key, i.age_months) for i in items] == [
        ("helplines/also-never", None),
        ("teletherapy/never-checked", None),
        ("communities/ancient", 42),
        ("helplines/paused-one", 22),
        ("helplines/a-day-late", 12),
    ]
    assert items[2].verified == dt.date(2022, 6, 30)
    assert items[2].line == 11, "points at the verified record"


def test_months_threshold(directory):
    keys = [i.key for i in stale_listings(directory, 24, TODAY)]
    assert keys == ["helplines/also-never", "teletherapy/never-checked", "communities/ancient"]
    keys = [i.key for i in stale_listings(directory, 0, TODAY)]
    assert "helplines/recent" in keys and "helplines/closed-one" not in keys


@pytest.mark.parametrize("earlier, later, months", [
    ("2025-01-15", "2026-01-15", 12), ("2025-01-15", "2026-01-14", 11), ("2025-01-31", "2025-02-28", 0),
    ("2025-12-31", "2026-01-31", 1), ("2026-01-15", "2026-01-15", 0),
])
def test_months_between(earlier, later, months):
    assert months_between(dt.date.fromisoformat(earlier), dt.date.fromisoformat(later)) == months


def test_months_before_clamps_to_the_month_end():
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 12) == dt.date(2025, 1, 15)
    assert months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


def test_reports(directory):
    items = stale_listings(directory, 12, TODAY)
    total = len(directory.published)
    text = render(items, "text", months=12, total=total)
    assert text.splitlines()[0] == ("5 of 7 published listings have not been verified in the last 12 months "
                                    "(2 never verified). Verified more than 24 months ago, so their pages say "
                                    "the facts may be out of date: 1.")
    assert "communities/ancient" in text and "2022-06-30" in text and "42 months" in text
    markdown = render(items, "markdown", months=12, total=total)
    assert "| `helplines/also-never` | Also Never | never | never verified |" in markdown
    assert "| `communities/ancient` | Ancient | 2022-06-30 | 42 months (over 2 years: may be out of date) |" in markdown
    assert "| `helplines/paused-one` | Paused One | 2024-03-01 | 22 months |" in markdown
    data = json.loads(render(items, "json", months=12, total=total))
    assert data["stale"] == 5 and data["never_verified"] == 2 and data["outdated"] == 1
    assert data["listings"][2] == {"key": "communities/ancient", "kind": "communities", "id": "ancient",
                                   "name": "Ancient", "path": items[2].path, "verified": "2022-06-30",
                                   "age_months": 42, "outdated": True}
    assert data["listings"][3]["outdated"] is False


def test_nothing_stale():
    assert render([], "markdown", months=12, total=3) == "All 3 published listings were verified in the last 12 months.\n"


def test_two_tiers_over_a_year_is_listed_over_two_years_is_outdated(make_directory):
    root = make_directory({
        "helplines/eleven-months.yaml": listing("eleven-months", "2025-02-15"),
        "helplines/thirteen-months.yaml": listing("thirteen-months", "2024-12-15"),
        "helplines/exactly-two-years.yaml": listing("exactly-two-years", "2024-01-15"),
        "helplines/two-years-a-day.yaml": listing("two-years-a-day", "2024-01-14"),
    })
    items = {i.key: i for i in stale_listings(load_directory(root), 12, TODAY)}
    assert "helplines/eleven-months" not in items
    assert items["helplines/thirteen-months"].outdated is False
    assert items["helplines/exactly-two-years"].outdated is False
    assert items["helplines/two-years-a-day"].outdated is True
    text = render(list(items.values()), "text", months=12, total=4)
    assert text.splitlines()[0].endswith("the facts may be out of date: 1.")


@pytest.mark.parametrize("verified, tier", [
    ("2026-01-15", "current"), ("2025-01-15", "current"), ("2025-01-14", "old"),
    ("2024-01-15", "old"), ("2024-01-14", "outdated"),
])
def test_freshness_tier_matches_the_stale_cutoffs(verified, tier):
    from generator.freshness import tier as freshness_tier

    assert freshness_tier(dt.date.fromisoformat(verified), TODAY) == tier
