"""The order listings are shown in, everywhere the site lists them (the finder's twin: assets/finder/ranking.js).

Without a query, listings go:
1. active before paused;
2. serving the chosen country specifically, then worldwide, then the rest (when a country is chosen);
3. by kind of help: the chosen country's "start here" lines (its profile, directory/countries/<CC>.yaml), then
   crisis lines, support lines, information lines, communities, teletherapy;
   within each kind, services offered in the page's language first (CVV before English lines on the
   Portuguese site);
4. open now, then opening within a day, then hours unknown, then closed (see open_now.py);
5. among "start here" lines, the profile's order;
6. free before low-cost, low-cost before paid;
7. by name, ignoring case, then by id, so the order never depends on the order files were read in.

Pages built ahead of time (browse pages, find/listings.json) cannot know the visitor's clock: there, a
round-the-clock service counts as open, one with hours as opening later, and one without hours as unknown.
The finder and help pages then apply the visitor's clock in the browser. A text query puts relevance first
(assets/finder/ranking.js), and these keys decide among equals. content/about/how-results-are-ordered.md
explains the order to visitors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from .i18n import current_language
from .listing_record import ListingRecord
from .open_now import STATE_ORDER, listing_hours, open_state

# Kind of help, as a tier: the lower, the sooner a person in crisis should see it.
START_HERE = -1  # a line the chosen country's profile puts first
CRISIS, SUPPORT, INFORMATION, COMMUNITY, TELETHERAPY = range(5)
_HELPLINE_TIERS = {"crisis": CRISIS, "support": SUPPORT, "information": INFORMATION, None: SUPPORT}
_KIND_TIERS = {"communities": COMMUNITY, "teletherapy": TELETHERAPY}
FREE_COSTS = frozenset({"free", "free-standard-charges"})
LOW_COSTS = frozenset({"low-cost", "sliding-scale"})


def tier(kind: str, service: str | None) -> int:
    return _HELPLINE_TIERS.get(service, SUPPORT) if kind == "helplines" else _KIND_TIERS.get(kind, TELETHERAPY)


def cost_rank(costs: Iterable[str]) -> int:
    """0 when it is free to use (call charges aside), 1 when low-cost or sliding-scale, 2 otherwise."""
    values = set(costs)
    return 0 if values & FREE_COSTS else 1 if values & LOW_COSTS else 2


def static_state(hours_list: list[dict[str, Any]]) -> int:
    """The open-state rank a page built ahead of time can give: 24/7 as open, known hours as later, none unknown."""
    if not hours_list:
        return STATE_ORDER["unknown"]
    return STATE_ORDER["open"] if any(h.get("always") for h in hours_list) else STATE_ORDER["later"]


def specificity(countries: Iterable[str], country: str | None) -> int:
    if country is None:
        return 0
    countries = tuple(countries)
    return 0 if country in countries else 1 if "worldwide" in countries else 2


def offers(tags: Iterable[str], language: str) -> bool:
    """Whether a service works in the page's language (its primary subtag: es-MX serves the Spanish site)."""
    wanted = language.split("-")[0].lower()
    return any(tag.split("-")[0].lower() == wanted for tag in tags)


def rank_key(
    record: ListingRecord,
    *,
    country: str | None = None,
    now: dt.datetime | None = None,
    start_here: Sequence[str] = (),
    language: str | None = None,
) -> tuple:
    """`start_here`: the chosen country's "start here" listing ids in the profile's order (CountryProfile.
    start_groups(), flattened); `language`: the page language (the build's, by default). The finder's twin
    is rankKey in assets/finder/ranking.js."""
    listing = record.listing
    hours = listing_hours(listing)
    state = STATE_ORDER[open_state(hours, now)] if now is not None else static_state(hours)
    started = start_here.index(record.id) if record.id in start_here else len(start_here)
    return (
        listing.status == "paused",
        specificity(listing.countries, country),
        START_HERE if started < len(start_here) else tier(record.kind, getattr(listing, "service", None)),
        0 if offers(listing.languages, language or current_language()) else 1,
        state,
        started,
        cost_rank(listing.cost),
        listing.name.casefold(),
        record.id,
    )


def ranked(
    records: Iterable[ListingRecord],
    *,
    country: str | None = None,
    now: dt.datetime | None = None,
    start_here: Sequence[str] = (),
    language: str | None = None,
) -> list[ListingRecord]:
    start_here = tuple(start_here)
    return sorted(
        records,
        key=lambda record: rank_key(record, country=country, now=now, start_here=start_here, language=language),
    )


def in_site_order(records: Iterable[ListingRecord]) -> list[ListingRecord]:
    """The order with no country and no clock: browse pages, cards in articles, find/listings.json."""
    return ranked(records)


_SITE_ORDER: dict[str, tuple[Any, tuple[int, ...], list[ListingRecord]]] = {}


def published_in_site_order(directory: Any) -> list[ListingRecord]:
    """in_site_order(directory.published), worked out once per directory and page language: a build asks for it
    for the pages, the finder's data and the search index (at 10,000 listings, 0.3 s each time)."""
    language = current_language()
    records = tuple(map(id, directory.records))  # the same directory object with other records is another order
    found = _SITE_ORDER.get(language)
    if found is None or found[0] is not directory or found[1] != records:
        found = _SITE_ORDER[language] = (directory, records, in_site_order(directory.published))
    return list(found[2])


def site_order_key(record: ListingRecord) -> tuple:
    return rank_key(record)
