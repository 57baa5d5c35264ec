"""The one order listings are shown in (generator/ranking.py), and that pages and the finder both use it."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.directory import load_directory
from generator.ranking import START_HERE, in_site_order, rank_key, ranked
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


# -- rank_key: each key, and the browser's twin ----------------------------------------------------------------
def helpline(base, listing_id, *, service=None, countries=("GB",), cost=("free",), hours=None, name=None,
             kind="helplines"):
    listing = base.listing.model_copy(update={
        "name": name or listing_id, "countries": list(countries), "cost": list(cost), "hours": hours,
        "contacts": [c.model_copy(update={"hours": None}) for c in base.listing.contacts], "status": "active",
        **({"service": service} if kind == "helplines" else {}),
    })
    return replace(base, id=listing_id, kind=kind, listing=listing)


@pytest.fixture(scope="module")
def shipped(shipped_directory):
    loaded = load_directory(shipped_directory)
    assert loaded.ok
    return loaded


def base_helpline(shipped):
    return next(r for r in shipped.published if r.kind == "helplines")


def test_tiers_crisis_support_information_then_communities_and_teletherapy(shipped):
    base = base_helpline(shipped)
    community = next(r for r in shipped.published if r.kind == "communities")
    therapy = next(r for r in shipped.published if r.kind == "teletherapy")
    records = [replace(therapy, id="t"), replace(community, id="c"), helpline(base, "i", service="information"),
               helpline(base, "n", service=None), helpline(base, "s", service="support"),
               helpline(base, "k", service="crisis")]
    order = [r.id for r in ranked(records, country=None)]
    assert order[:4] == ["k", "n", "s", "i"]  # no service counts as support (then by name)
    assert order[4:] == ["c", "t"]


def test_free_before_low_cost_before_paid(shipped):
    base = base_helpline(shipped)
    records = [helpline(base, "paid", cost=["paid"]), helpline(base, "low", cost=["sliding-scale"]),
               helpline(base, "free", cost=["paid", "free"])]
    assert [r.id for r in ranked(records)] == ["free", "low", "paid"]


def test_the_chosen_country_then_worldwide_then_the_rest(shipped):
    base = base_helpline(shipped)
    records = [helpline(base, "us", service="crisis", countries=["US"]),
               helpline(base, "world", service="support", countries=["worldwide"]),
               helpline(base, "gb", service="information", countries=["GB", "IE"])]
    assert [r.id for r in ranked(records, country="GB")] == ["gb", "world", "us"]
    assert [r.id for r in ranked(records)] == ["us", "world", "gb"]  # no country: by tier


def test_open_state_at_fixed_instants(shipped):
    from generator.models.hours import WeeklyHours

    base = base_helpline(shipped)
    weekdays = WeeklyHours.model_validate({"timezone": "Europe/London", "weekly": [
        {"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "17:00"}]})
    fridays = WeeklyHours.model_validate({"timezone": "Europe/London", "weekly": [
        {"days": ["fr"], "opens": "09:00", "closes": "17:00"}]})
    records = [helpline(base, "a-fridays", hours=fridays), helpline(base, "b-none"),
               helpline(base, "c-weekdays", hours=weekdays), helpline(base, "d-always", hours="24/7")]
    wednesday_noon = dt.datetime(2026, 3, 11, 12, 0, tzinfo=dt.UTC)
    assert [r.id for r in ranked(records, now=wednesday_noon)] == ["c-weekdays", "d-always", "b-none", "a-fridays"]
    wednesday_3am = dt.datetime(2026, 3, 11, 3, 0, tzinfo=dt.UTC)
    assert [r.id for r in ranked(records, now=wednesday_3am)] == ["d-always", "c-weekdays", "b-none", "a-fridays"]
    # Without a clock (pages built ahead of time): 24/7 open, known hours later, none unknown; then by name.
    assert [r.id for r in ranked(records)] == ["d-always", "a-fridays", "c-weekdays", "b-none"]


def test_start_here_lines_lead_in_the_profiles_order(shipped):
    night = dt.datetime(2026, 3, 11, 3, 0, tzinfo=dt.UTC)  # Wednesday 03:00 in London
    start = [m for group in shipped.countries["GB"].profile.start_groups() for m in group]
    serving = [r for r in shipped.published if "GB" in r.listing.countries or "worldwide" in r.listing.countries]
    order = [r.id for r in ranked(serving, country="GB", now=night, start_here=start)]
    assert order[: len(start)] == start  # all four are open round the clock
    assert rank_key(shipped_record(shipped, start[0]), country="GB", start_here=start)[2] == START_HERE


def shipped_record(shipped, listing_id):
    return next(r for r in shipped.published if r.id == listing_id)


NIGHTS = {"GB": "Europe/London", "US": "America/New_York", "IN": "Asia/Kolkata", "AU": "Australia/Sydney",
          "BR": "America/Sao_Paulo", "DE": "Europe/Berlin"}


def test_the_browser_ranks_exactly_as_python(browser_twins, shipped):
    from generator.help_now import country_help
    from generator.search.finder_files import listings_data

    data = listings_data(shipped, "hash", 1)
    runs = [(None, "2026-03-11T12:00:00+00:00")]
    for code, zone in NIGHTS.items():
        for hour in (3, 13, 21):
            local = dt.datetime(2026, 3, 11, hour, 0, tzinfo=ZoneInfo(zone))
            runs.append((code, local.astimezone(dt.UTC).isoformat()))
    runs.append(("GB", "2026-03-14T23:30:00+00:00"))  # a Saturday night
    runs = [(code, instant, "en") for code, instant in runs]
    # The page language puts services offered in it first within each kind of help (CVV on the Portuguese site).
    runs += [(None, "2026-03-11T12:00:00+00:00", "pt-BR"), ("BR", "2026-03-11T03:00:00+00:00", "pt-BR"),
             ("US", "2026-03-11T21:00:00+00:00", "es"), ("DE", "2026-03-11T13:00:00+00:00", "de")]
    js = browser_twins("rank", data=data, runs=[list(run) for run in runs])
    for (code, instant, language), got in zip(runs, js):
        start = [] if code is None else [m.id for g in country_help(shipped, shipped.countries[code]).start_here
                                         for m in g]
        now = dt.datetime.fromisoformat(instant)
        expected = [r.id for r in ranked(shipped.published, country=code, now=now, start_here=start,
                                         language=language)]
        assert got == expected, (code, instant, language)


def test_the_page_language_puts_its_services_first_within_each_kind_of_help(shipped):
    """On the Portuguese site, CVV (Portuguese, 24/7, free) leads the crisis lines; English ones follow it."""
    portuguese = [r for r in ranked(shipped.published, language="pt-BR")]
    assert portuguese[0].id == "cvv-centro-de-valorizacao-da-vida"
    english = [r.id for r in ranked(shipped.published, language="en")]
    assert english.index("cvv-centro-de-valorizacao-da-vida") > english.index("988-lifeline")
    # The kind of help still comes first: no Portuguese community outranks an English crisis line.
    crisis_or_not = [r.kind == "helplines" and getattr(r.listing, "service", None) == "crisis" for r in portuguese]
    assert crisis_or_not == sorted(crisis_or_not, reverse=True)
