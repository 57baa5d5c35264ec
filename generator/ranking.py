"""The order listings are shown in, everywhere the site lists them.

Browse pages and cards in articles list listings in this order, and find/listings.json is written in it, so
a listing's position there is its place in this order; the finder keeps it among results a text search scores
equally (generator/assets/finder/ranking.js). Paused listings come last, then listings go by name
(ignoring case), then by id, so the order never depends on the order files were read in.
"""

from __future__ import annotations

from collections.abc import Iterable

from .listing_record import ListingRecord


def site_order_key(record: ListingRecord) -> tuple[bool, str, str]:
    return (record.listing.status == "paused", record.listing.name.casefold(), record.id)


def in_site_order(records: Iterable[ListingRecord]) -> list[ListingRecord]:
    return sorted(records, key=site_order_key)
