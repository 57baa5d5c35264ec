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
    return format_time(value, "short", locale=language(current_language()).locale)


def clock(hhmm: str) -> str:
    """A listing's "17:30" as the page language writes times ("17:30", "17 h 30"...). The English site keeps
    the 24-hour times listings are written in."""
    code = current_language()
    if code == DEFAULT_LANGUAGE or hhmm == "24:00":
        return hhmm
    hour, minute = (int(part) for part in hhmm.split(":"))
    return short_time(dt.time(hour, minute))
