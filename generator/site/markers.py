"""`<!-- kindred:listings topic=grief-loss kind=communities limit=5 -->` in articles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import KINDS
from ..models.fields import close_match
from ..models.vocab import Cost
from ..taxonomy import Taxonomy
from .view import ListingView

MARKER = re.compile(r"<!--\s*kindred:listings\b(?P<args>[^>]*?)-->")
# `<!-- kindred:help-now -->`: the way into the help-now pages (site/help_pages.py: help_block).
HELP_MARKER = re.compile(r"<!--\s*kindred:help-now\s*-->")
KEYS = ("kind", "topic", "audience", "country", "cost", "limit")


@dataclass(frozen=True)
class Marker:
    filters: dict[str, tuple[str, ...]]
    limit: int | None


def parse_marker(args: str, taxonomy: Taxonomy) -> tuple[Marker | None, list[str]]:
    """The marker's filters, or the reasons it is wrong."""
    problems: list[str] = []
    filters: dict[str, tuple[str, ...]] = {}
    limit = None
    choices = {
        "kind": KINDS,
        "topic": tuple(taxonomy.topics),
        "audience": tuple(taxonomy.audiences),
        "cost": Cost.__args__,
    }
    for part in args.split():
        key, _, value = part.partition("=")
        if key not in KEYS or not value:
            problems.append(
                f"listings marker: `{part}` is not key=value with a key among {', '.join(KEYS)}{close_match(key, KEYS)}"
            )
            continue
        if key == "limit":
            if not value.isdigit() or int(value) < 1:
                problems.append(f"listings marker: limit `{value}` should be a whole number above 0")
            else:
                limit = int(value)
            continue
        values = tuple(v.upper() if key == "country" else v for v in value.split(","))
        for v in values:
            if key in choices and v not in choices[key]:
                problems.append(f"listings marker: {key} `{v}` is unknown{close_match(v, choices[key])}")
        filters[key] = values
    return (None if problems else Marker(filters, limit)), problems


def select(marker: Marker, views: list[ListingView]) -> list[ListingView]:
    """Values of one key are ORed; different keys are ANDed (as in the finder)."""
    chosen = []
    for view in views:
        facets = {
            "kind": {view.kind},
            "topic": {t for t, _ in view.topics},
            "audience": {a for a, _ in view.audiences},
            "country": {c for c, _ in view.countries},
            "cost": set(view.record.listing.cost),
        }
        ok = True
        for key, values in marker.filters.items():
            have = facets[key]
            if key == "country" and "worldwide" in have:
                continue
            if not have.intersection(values):
                ok = False
                break
        if ok:
            chosen.append(view)
    # Active services first; crisis helplines before others so the most urgent help leads.
    chosen.sort(
        key=lambda v: (v.status != "active", getattr(v.record.listing, "service", "") != "crisis", v.name.casefold())
    )
    return chosen[: marker.limit] if marker.limit else chosen
