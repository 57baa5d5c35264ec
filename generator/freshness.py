"""How old a verification is, in the two tiers the site and `kindred stale` share.

Older than OLD_MONTHS: "checked over a year ago", and `kindred stale` lists it.
Older than OUTDATED_MONTHS: the page says the facts may be out of date, and `kindred stale --strict` fails.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache
from typing import Literal

OLD_MONTHS = 12
OUTDATED_MONTHS = 24

Tier = Literal["current", "old", "outdated"]


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from `earlier` to `later` (2025-01-15 → 2026-01-14 is 11)."""
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def tier(verified: dt.date, today: dt.date | None = None) -> Tier:
    """`old` once more than 12 whole months have passed, `outdated` past 24 (a day over counts, as in stale)."""
    return _tier(verified, today or dt.date.today())


@lru_cache(maxsize=8192)  # a build asks for every listing's; listings share verification dates
def _tier(verified: dt.date, today: dt.date) -> Tier:
    if verified < months_before(today, OUTDATED_MONTHS):
        return "outdated"
    if verified < months_before(today, OLD_MONTHS):
        return "old"
    return "current"
