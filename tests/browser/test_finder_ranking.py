"""The finder's order on the shipped directory, at night in six countries (issue #10: "UK, 3 a.m." put a closed
line first and Samaritans 19th): with the country chosen and no words, the country's first "start here" line
(directory/countries/<CC>.yaml) comes first when it is open, no closed line comes before an open one, and the
whole order is generator/ranking.py's for that country and instant."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from kindred_browser import open_guarded_context

from generator.directory import load_directory
from generator.help_now import country_help
from generator.open_now import listing_hours, open_state
from generator.ranking import ranked

pytestmark = pytest.mark.browser

ROOT_DIRECTORY = Path(__file__).resolve().parents[2] / "directory"
NIGHTS = [("GB", "Europe/London"), ("US", "America/New_York"), ("IN", "Asia/Kolkata"), ("AU", "Australia/Sydney"),
          ("BR", "America/Sao_Paulo"), ("DE", "Europe/Berlin")]


@pytest.fixture(scope="module")
def shipped():
    directory = load_directory(ROOT_DIRECTORY)
    assert directory.ok
    return directory


@pytest.fixture(scope="module")
def shipped_finder_url(built_site, site_server) -> str:
    return site_server(built_site(ROOT_DIRECTORY)) + "find/"


def ranked_in_browser(chromium_browser, url: str, zone: str, now: dt.datetime) -> tuple[list[str], list[str]]:
    """The result ids and their open-state lines, once the finder has ranked them by the (fixed) clock."""
    context, guard = open_guarded_context(chromium_browser, locale="en-GB", timezone_id=zone)
    try:
        page = context.new_page()
        page.clock.set_fixed_time(now)
        page.goto(url)
        page.wait_for_selector("#kd-finder[data-kd-ready='1']")
        # The first results come before the clock is read; the next update ranks by it.
        page.wait_for_function("() => document.querySelector('#kd-finder').dataset.kdRanked === 'clock'")
        cards = page.eval_on_selector_all(
            "#kd-finder .kd-finder__cards [data-listing-id]",
            "els => els.map(e => [e.dataset.listingId, (e.querySelector('.kd-open-state') || {}).textContent || ''])")
        assert guard.page_errors == [] and guard.external() == []
        return [c[0] for c in cards], [c[1] for c in cards]
    finally:
        context.close()


def start_here(shipped, code: str) -> list[str]:
    return [m.id for group in country_help(shipped, shipped.countries[code]).start_here for m in group]


@pytest.mark.parametrize("code, zone", NIGHTS)
def test_at_3am_the_countrys_first_crisis_line_leads_and_no_closed_line_comes_before_an_open_one(
        chromium_browser, shipped_finder_url, shipped, code, zone):
    now = dt.datetime(2026, 3, 11, 3, 0, tzinfo=ZoneInfo(zone))  # a Wednesday night
    ids, lines = ranked_in_browser(chromium_browser, shipped_finder_url + f"?country={code}", zone, now)
    by_id = {r.id: r for r in shipped.published}
    states = [open_state(listing_hours(by_id[i].listing), now) for i in ids]
    first = start_here(shipped, code)[0]
    assert states[ids.index(first)] == "open"  # so the next line is a real check, not skipped
    assert ids[0] == first, (code, ids[:5])
    assert lines[0].startswith("Open now")
    closed_before_open = [(ids[i], ids[j]) for i in range(len(ids)) for j in range(i + 1, len(ids))
                          if states[i] == "closed" and states[j] == "open"]
    assert closed_before_open == []
    # The whole first page is the Python twin's order for this country and instant.
    serving = [r for r in shipped.published if code in r.listing.countries or "worldwide" in r.listing.countries]
    expected = ranked(serving, country=code, now=now, start_here=start_here(shipped, code))
    assert ids == [r.id for r in expected][: len(ids)]


def test_on_a_weekend_night_closed_lines_still_follow_open_ones_of_their_kind(chromium_browser, shipped_finder_url,
                                                                             shipped):
    """Saturday 03:00 in London: some weekday lines are closed until Monday; within each kind of help (crisis,
    support, information...) every open line comes first."""
    from generator.ranking import tier

    now = dt.datetime(2026, 3, 14, 3, 0, tzinfo=ZoneInfo("Europe/London"))
    ids, _ = ranked_in_browser(chromium_browser, shipped_finder_url + "?country=GB", "Europe/London", now)
    by_id = {r.id: r for r in shipped.published}
    start = start_here(shipped, "GB")
    kinds = ["start" if i in start else tier(by_id[i].kind, getattr(by_id[i].listing, "service", None)) for i in ids]
    states = [open_state(listing_hours(by_id[i].listing), now) for i in ids]
    assert "closed" in states  # the case this test is about
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            assert not (kinds[i] == kinds[j] and states[i] == "closed" and states[j] == "open"), (ids[i], ids[j])
