"""Open now and next opening in Python (generator/open_now.py), and the same answers from its browser twin
(generator/assets/hours.js) for every listing's hours in the shipped directory at many instants."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.directory import load_directory
from generator.open_now import is_open, listing_hours, next_opening, open_state

WEEKDAYS = ["mo", "tu", "we", "th", "fr"]
LONDON = {
    "always": False,
    "tz": "Europe/London",
    "weekly": [{"days": WEEKDAYS, "opens": "09:00", "closes": "17:00"}],
    "closed": ["2025-04-18"],
}
NIGHTS = {
    "always": False,
    "tz": "America/New_York",
    "closed": ["2025-12-25"],
    "weekly": [{"days": ["mo", "tu", "we", "th", "fr", "sa", "su"], "opens": "22:00", "closes": "06:00"}],
}
ALWAYS = {"always": True}


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def test_open_between_opening_and_closing_in_the_services_zone():
    assert is_open(LONDON, utc("2025-04-16T12:00:00")) is True  # Wednesday 13:00 London (summer time)
    assert is_open(LONDON, utc("2025-04-16T07:59:00")) is False  # 08:59
    assert is_open(LONDON, utc("2025-04-16T08:00:00")) is True  # 09:00
    assert is_open(LONDON, utc("2025-04-16T16:00:00")) is False  # 17:00: closing time is closed
    assert is_open(LONDON, utc("2025-04-19T12:00:00")) is False  # Saturday


def test_overnight_hours_belong_to_the_day_they_start():
    assert is_open(NIGHTS, utc("2025-04-16T03:00:00")) is True  # Tuesday 23:00 New York
    assert is_open(NIGHTS, utc("2025-04-16T09:30:00")) is True  # Wednesday 05:30: Tuesday night's shift
    assert is_open(NIGHTS, utc("2025-04-16T10:30:00")) is False  # 06:30


def test_closed_dates_close_the_day_and_the_night_that_would_start_on_it():
    assert is_open(NIGHTS, utc("2025-12-25T04:00:00")) is True  # 24 December 23:00
    assert is_open(NIGHTS, utc("2025-12-25T08:00:00")) is False  # 25 December 03:00
    assert is_open(NIGHTS, utc("2025-12-26T08:00:00")) is False  # 26 December 03:00: the 25th's night
    assert is_open(LONDON, utc("2025-04-18T12:00:00")) is False  # Good Friday


def test_24_7_and_no_hours():
    assert is_open(ALWAYS, utc("2025-04-16T03:00:00")) is True
    assert is_open(None, utc("2025-04-16T03:00:00")) is None
    assert next_opening(ALWAYS, utc("2025-04-16T03:00:00")) is None
    with pytest.raises(ValueError):
        is_open(LONDON, dt.datetime(2025, 4, 16, 12))  # a naive time means nothing


def test_next_opening_skips_closed_dates_and_crosses_summer_time():
    # Thursday 17 April 18:00 London; Friday is closed: Monday 09:00 BST.
    assert next_opening(LONDON, utc("2025-04-17T17:00:00")) == utc("2025-04-21T08:00:00")
    sundays = {
        "always": False,
        "tz": "Europe/London",
        "weekly": [{"days": ["su"], "opens": "09:00", "closes": "17:00"}],
    }
    # Saturday 29 March 2025 12:00 GMT; the clocks go forward that night: Sunday 09:00 BST is 08:00 UTC.
    assert next_opening(sundays, utc("2025-03-29T12:00:00")) == utc("2025-03-30T08:00:00")


def test_open_state_from_every_set_of_hours():
    noon = utc("2025-04-16T11:00:00")  # 12:00 London, 07:00 New York
    assert open_state([LONDON], noon) == "open"
    assert open_state([NIGHTS, LONDON], noon) == "open"  # a contact's own hours count
    assert open_state([NIGHTS], noon) == "later"  # 22:00 New York is 15 hours away
    assert open_state([], noon) == "unknown"
    assert open_state([ALWAYS], utc("2025-04-20T03:00:00")) == "open"
    assert open_state([LONDON], utc("2025-04-17T17:00:00")) == "closed"  # next opening is Monday
    mondays = {"always": False, "tz": "UTC", "weekly": [{"days": ["mo"], "opens": "09:00", "closes": "10:00"}]}
    assert open_state([mondays], utc("2025-04-20T09:00:00")) == "later"  # exactly a day ahead
    assert open_state([mondays], utc("2025-04-20T08:59:00")) == "closed"


# Instants that cross the cases above: nights, weekends, a closed date, summer time changes, in several zones.
INSTANTS = [
    "2025-04-16T02:00:00",
    "2025-04-16T11:00:00",
    "2025-04-16T21:30:00",
    "2025-04-19T23:30:00",
    "2025-04-20T05:30:00",
    "2025-03-30T00:30:00",
    "2025-10-26T01:30:00",
    "2025-12-25T08:00:00",
    "2026-01-01T02:00:00",
    "2026-03-11T03:00:00",
    "2026-03-11T17:45:00",
    "2026-07-04T12:00:00",
]


def test_the_browser_gives_every_listing_the_same_state(browser_twins, shipped_directory):
    directory = load_directory(shipped_directory)
    hours_lists = [listing_hours(r.listing) for r in directory.published] + [[LONDON], [NIGHTS], [LONDON, NIGHTS]]
    cases = [(hours, instant) for hours in hours_lists for instant in INSTANTS]
    assert len(cases) > 1500
    python = [open_state(hours, utc(instant)) for hours, instant in cases]
    assert set(python) == {"open", "later", "unknown", "closed"}  # every state is exercised
    js = browser_twins("open_state", cases=[[hours, instant + "Z"] for hours, instant in cases])
    mismatches = [(hours, instant, p, j) for (hours, instant), p, j in zip(cases, python, js) if p != j]
    assert mismatches == []
