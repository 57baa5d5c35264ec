"""Dates and times as the page language writes them (CLDR, through Babel): "3 March 2026", "3. März 2026"."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date, format_time

from .context import current_language
from .languages import DEFAULT_LANGUAGE, language


def long_date(value: dt.date) -> str:
    return _long_date(value, current_language())


@lru_cache(maxsize=8192)  # Babel takes about 20 µs a date, and 10,000 listings share few dates
def _long_date(value: dt.date, code: str) -> str:
    if code == DEFAULT_LANGUAGE:
        return format_date(value, "d MMMM y", locale="en")  # the English site writes "3 March 2026"
    return format_date(value, "long", locale=language(code).locale)


def short_time(value: dt.time) -> str:
    """ "2:00 PM" in English, "14:00" in German: the clock the page language uses (as Intl does in the browser)."""
    # CLDR puts a narrow no-break space before AM/PM; a no-break space reads the same in every font.
    return format_time(value, "short", locale=language(current_language()).locale).replace("\u202f", "\u00a0")


def clock(hhmm: str) -> str:
    """A listing's "17:30" as the page language writes times: "5:30 PM" in English, "17:30" in German, as the
    browser's Intl does for the same language ("24:00", the end of a day, stays as it is)."""
    return _clock(hhmm, current_language())


@lru_cache(maxsize=8192)  # Babel takes about 25 µs a time, and a day has 1,440 minutes
def _clock(hhmm: str, code: str) -> str:
    if hhmm == "24:00":
        return hhmm
    hour, minute = (int(part) for part in hhmm.split(":"))
    return short_time(dt.time(hour, minute))
