"""Dates and times as the page language writes them (CLDR, through Babel): "3 March 2026", "3. März 2026"."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_time

from .context import current_language
from .languages import DEFAULT_LANGUAGE, language


def long_date(value: dt.date) -> str:
    code = current_language()
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
    if hhmm == "24:00":
        return hhmm
    hour, minute = (int(part) for part in hhmm.split(":"))
    return short_time(dt.time(hour, minute))
