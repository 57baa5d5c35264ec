"""The finder's two data files: find/listings.json (cards and filters) and find/search-index.json."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..directory import Directory
from ..site import names
from .contract import FORMAT, LIST_COLUMNS, data_problems
from .index import search_index
from .records import (
    encode_listing,
    facet_options,
    help_data,
    listing_record,
    name_ranks,
    option_positions,
    ordered_records,
    region_names,
)


def listings_data(directory: Directory, index_hash: str, index_bytes: int) -> dict:
    """find/listings.json as data, in the shape contract.py declares."""
    records = ordered_records(directory)
    facets = facet_options(directory, records)
    positions = option_positions(facets)
    listings, lists = shared_lists(
        columns(
            [
                {**encode_listing(listing_record(record), positions), "nr": rank}
                for record, rank in zip(records, name_ranks(records))
            ]
        )
    )
    data = {
        "format": FORMAT,
        "index": {"hash": index_hash, "bytes": index_bytes},
        "kinds": names.translated(names.KIND_LABELS),
        "countries": {
            code: names.country_name(code) for code in sorted({c for r in records for c in r.listing.countries})
        },
        "regions": region_names(records),
        "help": help_data(directory),
        "facets": facets,
        "listings": listings,
        "lists": lists,
    }
    problems = data_problems(data)
    if problems:  # a change to the records that the contract (and so the browser) does not know yet
        raise ValueError("find/listings.json would not match generator/search/contract.py: " + "; ".join(problems))
    return data


def columns(listings: list[dict]) -> dict[str, list]:
    """Listings as columns: {key: [value for each listing]}, 0 where a listing has no such key.

    Smaller (gzip finds more repetition down a column) and quicker for the browser to read than one object
    per listing: at 10,000 listings 570 KB gzip instead of 750 KB.
    """
    keys: list[str] = []
    for listing in listings:
        keys += [key for key in listing if key not in keys]
    return {key: [listing.get(key, 0) for listing in listings] for key in keys}


def shared_lists(listing_columns: dict[str, list]) -> tuple[dict[str, list], dict[str, list]]:
    """The columns with each LIST_COLUMNS column's lists sent once: (columns, {column: [distinct lists]}), the
    column holding the number of each listing's list, from 1 (0 stays 0: no value). At 10,000 listings about
    60,000 small arrays fewer for the browser to parse, and one decoding of each distinct list (#14)."""
    out = dict(listing_columns)
    lists: dict[str, list] = {}
    for name in LIST_COLUMNS:
        if name not in out:
            continue
        table: list[list] = []
        numbers: dict[tuple, int] = {}
        column = []
        for value in out[name]:
            if value == 0:
                column.append(0)
                continue
            key = tuple(value)
            if key not in numbers:
                table.append(value)
                numbers[key] = len(table)
            column.append(numbers[key])
        out[name] = column
        lists[name] = table
    return out, lists


@dataclass(frozen=True)
class FinderFiles:
    listings: bytes  # find/listings.json: cards and filters
    index: bytes  # find/search-index.json: refs are positions in `listings`


# At most this share of a listings file's characters outside ASCII, it is written all in ASCII (those few as
# \u escapes): a browser turns an ASCII file into text several times faster than one with a single other
# character in it, and reads it as one-byte strings (#14: at 10,000 listings, 10-20 ms sooner to the first
# results). A directory written mostly in other scripts keeps them as UTF-8, which is smaller.
ASCII_WHEN_FEWER = 0.01


def listings_bytes(data: dict) -> bytes:
    """find/listings.json's bytes: the same JSON value either way (see ASCII_WHEN_FEWER)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # The characters outside ASCII, counted by what encoding to ASCII leaves out (a loop over every character
    # took a tenth of the finder files' time at 10,000 listings).
    if not text.isascii() and len(text) - len(text.encode("ascii", "ignore")) <= ASCII_WHEN_FEWER * len(text):
        text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.encode("utf-8")


def finder_files(directory: Directory) -> FinderFiles:
    """The finder's two files, from one build (the listings name the index's hash); site_plan.py places them."""
    index = search_index(directory)
    data = listings_data(directory, index.hash, len(index.data))
    return FinderFiles(listings_bytes(data), index.data)
