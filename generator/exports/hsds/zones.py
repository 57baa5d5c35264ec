"""The IANA time zone of a country, when it has only one (GB -> Europe/London, US -> none)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _zones_by_country() -> dict[str, list[str]]:
    try:
        text = (resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # pragma: no cover — tzdata is a dependency
        return {}
    zones: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) >= 3:
                zones.setdefault(parts[0], []).append(parts[2])
    return zones


def country_zone(countries: list[str]) -> str | None:
    """The zone when every listed country has the same single zone, else None."""
    found = {tuple(_zones_by_country().get(c, ())) for c in countries}
    if len(found) == 1:
        zones = found.pop()
        return zones[0] if len(zones) == 1 else None
    return None
