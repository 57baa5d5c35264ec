"""Kindred hours <-> HSDS schedules.

Export: `24/7` is one schedule, every day 00:00 to 23:59 (HSDS guidance for 24-hour
services); weekly hours are one schedule per interval (freq WEEKLY, byday, opens_at,
closes_at in local wall-clock time). HSDS has only a numeric UTC offset, which is
wrong for half the year wherever clocks change, so the IANA zone travels by name
in the description and an `hours/timezone` attribute, and the numeric `timezone`
is set only for zones that never change their offset.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache

from ...models.vocab import DAYS
from .ids import IdMaker

DAY_NAMES = dict(zip(DAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), strict=True))
ALL_DAYS = ",".join(d.upper() for d in DAYS)
ALWAYS_DESCRIPTION = "Open 24 hours a day, 7 days a week."
_CLOSED = re.compile(r"\s*Closed on \d{4}-\d{2}-\d{2}(, \d{4}-\d{2}-\d{2})*\.\Z")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\Z")
_RESTRICTING = ("byweekno", "bymonthday", "byyearday", "count", "until")


@lru_cache(maxsize=512)
def fixed_offset(zone: str) -> float | None:
    """Hours east of UTC if the zone keeps one offset all year (checked on fixed dates), else None."""
    info = zoneinfo.ZoneInfo(zone)
    offsets = {datetime(2025, month, 15, 12, tzinfo=info).utcoffset() for month in (1, 4, 7, 10)}
    if len(offsets) != 1:
        return None
    hours = offsets.pop().total_seconds() / 3600
    return int(hours) if hours == int(hours) else hours


def days_text(days: list[str]) -> str:
    ordered = [d for d in DAYS if d in days]
    if len(ordered) == 7:
        return "Every day"
    indexes = [DAYS.index(d) for d in ordered]
    if len(ordered) >= 3 and indexes == list(range(indexes[0], indexes[0] + len(indexes))):
        return f"{DAY_NAMES[ordered[0]]} to {DAY_NAMES[ordered[-1]]}"
    names = [DAY_NAMES[d] for d in ordered]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def closed_sentence(dates: list[str]) -> str:
    return f"Closed on {', '.join(dates)}." if dates else ""


def export_schedules(hours, parent: str, vocabulary) -> list[dict]:
    """HSDS schedule objects for one hours block, ids derived from `parent` (service or service_at_location)."""
    make_id = IdMaker(parent)
    if hours == "24/7" or getattr(hours, "always", False) is True:
        return [
            {
                "id": make_id("schedule", "24/7"),
                "freq": "WEEKLY",
                "byday": ALL_DAYS,
                "opens_at": "00:00",
                "closes_at": "23:59",
                "description": ALWAYS_DESCRIPTION,
            }
        ]
    offset = fixed_offset(hours.timezone)
    dates = [d.isoformat() for d in hours.closed_on]
    notes = " ".join(filter(None, [hours.note, closed_sentence(dates)]))
    schedules = []
    for interval in hours.weekly:
        byday = ",".join(d.upper() for d in DAYS if d in interval.days)
        closes = "23:59" if interval.closes == "24:00" else interval.closes
        shown_close = "midnight" if interval.closes in ("24:00", "00:00") else interval.closes
        description = (
            f"{days_text(interval.days)}, {interval.opens} to {shown_close}"
            f"{' the next day' if interval.overnight else ''} ({hours.timezone} time)."
        )
        schedule_id = make_id("schedule", byday, interval.opens, interval.closes)
        schedule = {
            "id": schedule_id,
            "freq": "WEEKLY",
            "byday": byday,
            "opens_at": interval.opens,
            "closes_at": closes,
            "description": description,
            "attributes": [vocabulary.field("hours/timezone", schedule_id, "schedule", hours.timezone)]
            + [vocabulary.field("hours/closed_on", schedule_id, "schedule", d) for d in dates],
        }
        if offset is not None:
            schedule["timezone"] = offset
        if notes:
            schedule["notes"] = notes
        schedules.append(schedule)
    return schedules


# --- import ---------------------------------------------------------------------------------------------------


def _offset_zone(hours: float) -> str | None:
    """An IANA zone for a whole-hour UTC offset (Etc/GMT signs are inverted by design)."""
    if hours != int(hours) or not -12 <= hours <= 14:
        return None
    return "UTC" if hours == 0 else f"Etc/GMT{-int(hours):+d}"


def _time(value) -> tuple[str, float | None] | None:
    """("HH:MM", offset hours or None) from an HSDS time, or None when it is not a time."""
    match = _TIME.match(str(value).strip()) if value not in (None, "") else None
    if not match or int(match.group(1)) > 24 or int(match.group(2)) > 59:
        return None
    offset = None
    if match.group(4):
        text = match.group(4)
        minutes = int(text[-2:]) if len(text) > 3 else 0
        offset = 0.0 if text == "Z" else int(text[0] + "1") * (int(text[1:3]) + minutes / 60)
    return f"{int(match.group(1)):02d}:{match.group(2)}", offset


def _number(value) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def import_hours(
    schedules: list[dict],
    facts: Callable[[dict], dict[str, list[str]]],
    default_zone: str | None,
    report: Callable[[str], None],
):
    """Kindred hours ("24/7", a weekly mapping, or None) from HSDS schedules; every loss goes to `report`."""
    intervals: list[dict] = []
    zones: list[str] = []
    closed: list[str] = []
    notes: list[str] = []
    for schedule in schedules:
        label = f"schedule {schedule.get('id', '?')}"
        found = [name for name in _RESTRICTING if schedule.get(name) not in (None, "")]
        freq = str(schedule.get("freq") or "WEEKLY").upper()
        interval = _number(schedule.get("interval"))
        if found or freq != "WEEKLY" or interval not in (None, 1):
            parts = (
                found
                + ([f"freq {freq}"] if freq != "WEEKLY" else [])
                + ([f"interval {schedule.get('interval')}"] if interval not in (None, 1) else [])
            )
            report(
                f"{label}: not imported; it repeats by {', '.join(parts)}, and Kindred hours are the same every week"
            )
            continue
        days = [d.strip().lower() for d in str(schedule.get("byday") or "").split(",") if d.strip()]
        opens, closes = _time(schedule.get("opens_at")), _time(schedule.get("closes_at"))
        if not days or any(d not in DAYS for d in days) or not opens or not closes:
            text = schedule.get("description") or "no description"
            report(
                f"{label}: not imported; it needs byday (MO..SU), opens_at and closes_at to become weekly "
                f"hours ({text})"
            )
            continue
        ignored = [name for name in ("valid_from", "valid_to", "dtstart", "wkst") if schedule.get(name)]
        if ignored:
            report(f"{label}: {', '.join(ignored)} ignored; Kindred hours have no validity period")
        fields = facts(schedule)
        zone = (fields.get("hours/timezone") or [None])[0]
        offset = _number(schedule.get("timezone"))
        offset = offset if offset is not None else (opens[1] if opens[1] is not None else closes[1])
        if not zone and offset is not None:
            zone = _offset_zone(offset)
            if zone is None:
                report(f"{label}: UTC offset {offset} has no IANA zone; using the default time zone if any")
        if zone:
            zones.append(zone)
        opens_at = opens[0]
        closes_at = (
            "24:00" if closes[0] in ("23:59", "24:00") or (closes[0] == "00:00" and opens_at == "00:00") else closes[0]
        )
        if opens_at == closes_at:
            report(f"{label}: not imported; it opens and closes at {opens_at}")
            continue
        intervals.append({"days": [d for d in DAYS if d in days], "opens": opens_at, "closes": closes_at})
        closed.extend(d for d in fields.get("hours/closed_on", []) if d not in closed)
        note = _CLOSED.sub("", str(schedule.get("notes") or "")).strip()
        if note and note not in notes:
            notes.append(note)
    if not intervals:
        return None
    covered = {d for i in intervals if i["opens"] == "00:00" and i["closes"] == "24:00" for d in i["days"]}
    if covered == set(DAYS):
        return "24/7"
    zone = zones[0] if zones else default_zone
    if len(set(zones)) > 1:
        report(
            f"schedules in several time zones ({', '.join(sorted(set(zones)))}); Kindred hours have one; used {zone}"
        )
    if zone is None:
        report(
            "hours not imported: no time zone (no hours/timezone attribute, UTC offset or country with a "
            "single zone); pass --timezone"
        )
        return None
    hours: dict = {"timezone": zone, "weekly": intervals}
    if closed:
        hours["closed_on"] = closed
    if notes:
        hours["note"] = " ".join(notes)
    return hours
