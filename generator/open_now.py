"""Open now, and when a service next opens: the Python twin of generator/assets/hours.js.

Both read hours in the shape the site publishes (search/records.py: listing_hours): {"always": true}, or
{"always": false, "tz", "weekly": [{"days", "opens", "closes"}], "closed": ["YYYY-MM-DD"]} in the service's IANA
zone. An interval belongs to the day it starts on; one whose `closes` is earlier than `opens` runs past
midnight. Every moment of a `closed` date is closed, and an overnight interval that would start on a closed
date does not happen. tests/test_open_now.py runs the same cases through both.

The ranking uses open_state: "open", "later" (closed, opens within LATER_WITHIN), "unknown" (no hours) or
"closed".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")  # datetime.weekday() order
LATER_WITHIN = dt.timedelta(hours=24)
OpenState = Literal["open", "later", "unknown", "closed"]
STATE_ORDER: dict[str, int] = {"open": 0, "later": 1, "unknown": 2, "closed": 3}

Hours = Mapping[str, Any]


@lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _overnight(interval: Mapping[str, Any]) -> bool:
    return interval["closes"] != "24:00" and interval["closes"] < interval["opens"]


def _local(hours: Hours, at: dt.datetime) -> dt.datetime:
    if at.tzinfo is None:
        raise ValueError("open_now needs an aware datetime (with a time zone)")
    return at.astimezone(_zone(hours["tz"]))


def is_open(hours: Hours | None, at: dt.datetime) -> bool | None:
    """Open at this instant? None when there are no hours to go by."""
    if not hours:
        return None
    if hours.get("always"):
        return True
    local = _local(hours, at)
    today, now = local.date(), local.hour * 60 + local.minute
    closed = set(hours.get("closed") or ())
    if today.isoformat() in closed:
        return False
    day, yesterday = DAYS[local.weekday()], DAYS[(local.weekday() - 1) % 7]
    yesterday_closed = (today - dt.timedelta(days=1)).isoformat() in closed
    for interval in hours["weekly"]:
        opens, closes, overnight = _minutes(interval["opens"]), _minutes(interval["closes"]), _overnight(interval)
        if day in interval["days"]:
            if not overnight and opens <= now < closes:
                return True
            if overnight and now >= opens:
                return True
        if overnight and not yesterday_closed and yesterday in interval["days"] and now < closes:
            return True
    return False


def next_opening(hours: Hours | None, at: dt.datetime) -> dt.datetime | None:
    """When it next opens (within 8 days), as an aware datetime in the service's zone; None for 24/7 or none."""
    if not hours or hours.get("always") or not hours.get("weekly"):
        return None
    local = _local(hours, at)
    now = local.hour * 60 + local.minute
    closed = set(hours.get("closed") or ())
    for ahead in range(8):
        date = local.date() + dt.timedelta(days=ahead)
        if date.isoformat() in closed:
            continue
        day = DAYS[date.weekday()]
        starts = [
            _minutes(i["opens"])
            for i in hours["weekly"]
            if day in i["days"] and ahead * 1440 + _minutes(i["opens"]) - now > 0
        ]
        if starts:
            wall = dt.datetime.combine(date, dt.time(0, 0)) + dt.timedelta(minutes=min(starts))
            # Wall-clock time in the zone: summer-time changes are the zone's business, as in the browser.
            return wall.replace(tzinfo=_zone(hours["tz"]))
    return None


def hours_data(hours: Any) -> dict[str, Any] | None:
    """The published shape of a model's hours (`24/7` or WeeklyHours), as pages and the finder carry them."""
    if hours is None:
        return None
    if hours == "24/7":
        return {"always": True}
    return {
        "always": False,
        "tz": hours.timezone,
        "weekly": [{"days": list(i.days), "opens": i.opens, "closes": i.closes} for i in hours.weekly],
        "closed": [d.isoformat() for d in hours.closed_on],
    }


def listing_hours(listing: Any) -> list[dict[str, Any]]:
    """Every distinct set of hours a listing has: its own, then each contact's own, in the published shape.

    A listing is open when any of these is open (a contact without hours of its own follows the listing's)."""
    found: list[dict[str, Any]] = []
    for hours in [listing.hours] + [getattr(c, "hours", None) for c in listing.contacts]:
        data = hours_data(hours)
        if data is not None and data not in found:
            found.append(data)
    return found


def open_state(hours_list: Iterable[Hours], at: dt.datetime) -> OpenState:
    """A listing's state from all its sets of hours (its own and its contacts'): open if any is open."""
    sets = [h for h in hours_list if h]
    if not sets:
        return "unknown"
    if any(is_open(h, at) for h in sets):
        return "open"
    openings = [n for n in (next_opening(h, at) for h in sets) if n is not None]
    if openings and min(openings) - at <= LATER_WITHIN:
        return "later"
    return "closed"
