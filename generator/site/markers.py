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


def _facets(view: ListingView) -> dict[str, set[str]]:
    return {
        "kind": {view.kind},
        "topic": {t for t, _ in view.topics},
        "audience": {a for a, _ in view.audiences},
        "country": {c for c, _ in view.countries},
        "cost": set(view.record.listing.cost),
    }


def _ordered(chosen: list[ListingView], marker: Marker) -> list[ListingView]:
    # Active services first; crisis helplines before others so the most urgent help leads.
    chosen.sort(
        key=lambda v: (v.status != "active", getattr(v.record.listing, "service", "") != "crisis", v.name.casefold())
    )
    return chosen[: marker.limit] if marker.limit else chosen


def select(marker: Marker, views: list[ListingView]) -> list[ListingView]:
    """Values of one key are ORed; different keys are ANDed (as in the finder)."""
    chosen = []
    for view in views:
        facets = _facets(view)
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
    return _ordered(chosen, marker)


class MarkerIndex:
    """select() for every marker of a site's articles over the same views: which views have each filter value is
    worked out once (at 10,000 listings, checking every view for each marker took seconds).
    tests/site/test_markers.py compares the two."""

    def __init__(self, views: list[ListingView]) -> None:
        self.views = views
        self.having: dict[tuple[str, str], set[int]] = {}
        self.worldwide: set[int] = set()
        for position, view in enumerate(views):
            for key, values in _facets(view).items():
                for value in values:
                    self.having.setdefault((key, value), set()).add(position)
                if key == "country" and "worldwide" in values:
                    self.worldwide.add(position)

    def select(self, marker: Marker) -> list[ListingView]:
        chosen: set[int] | None = None
        for key, values in marker.filters.items():
            matching = set(self.worldwide) if key == "country" else set()
            for value in values:
                matching |= self.having.get((key, value), set())
            chosen = matching if chosen is None else chosen & matching
        positions = range(len(self.views)) if chosen is None else sorted(chosen)
        return _ordered([self.views[position] for position in positions], marker)
