"""The shape of find/listings.json, declared for the side that writes it.

generator/assets/finder/contract.js declares the same for the browser, which refuses a file of another FORMAT;
tests/search/test_contract.py fails when the two declarations drift apart. A change to the file's shape
changes both, and FORMAT.

The file: {"format": FORMAT, "index": {"hash", "bytes"} of find/search-index.json, "kinds": {kind: label},
"countries": {code: name}, "regions": {code: name}, "help": {code: {"e": [[emergency number, tel href, note]],
"s": [[listing id, ...] per "start here" group]}} for every country profile (records.py: help_data),
"facets": {filter: [[value, label], ...]} for every filter in FACET_KEYS,
"listings": {column: [one value per listing, 0 where a listing has none]},
"lists": {column: [each distinct list once]} for the LIST_COLUMNS, whose column holds the number of the
listing's list there, from 1} (finder_files.py).
"""

from __future__ import annotations

from typing import Any

FORMAT = "kindred-finder-4"

# Every filter, in the order the finder shows them.
FACET_KEYS = (
    "kind",
    "open",
    "contact",
    "topic",
    "audience",
    "country",
    "language",
    "cost",
    "moderation",
    "anonymity",
    "access",
    "modality",
    "insurance",
    "trial",
)

# The top-level keys, every one required.
KEYS = ("format", "index", "kinds", "countries", "regions", "help", "facets", "listings", "lists")

# Listing columns and what each holds (records.py: listing_record, then encode_listing). Every listing has the
# required ones; the others are absent from the file when no listing has a value.
REQUIRED_COLUMNS = ("id", "k", "n", "s", "nr")
COLUMNS: dict[str, str] = {
    "id": "listing id",
    "k": "kind, as its position among the kind options",
    "n": "name",
    "s": "summary",
    "nr": "place in name order (ignoring case, then by id): the ranking's last key",
    "tl": "the language of name and summary (BCP 47) when it is not the page language",
    "sv": "helplines: crisis, support or information",
    "tp": "topic ids, as positions among the topic options",
    "au": "audience ids, as positions among the audience options",
    "co": 'country codes, or ["worldwide"]',
    "rg": "region codes",
    "la": "language tags as written (es-MX)",
    "cs": "cost values, as positions among the cost options",
    "cm": "contact methods (sms is 'text'), as positions among the contact options",
    "a": "card actions: [method as written, href] or [method, href, label] when the label is not the default",
    "h": "hours, one entry per distinct set: 1 for 24/7, else [zone, [[days 'motuwe', opens, closes], ...], "
    "closed dates (only if any)]",
    "ao": "1 when some way to reach it is open 24/7",
    "st": '"paused" (absent when active)',
    "mod": "communities: moderation",
    "anon": "communities: anonymity",
    "acc": "communities: how to join",
    "mode": "teletherapy: ways to meet, as positions among the modality options",
    "ins": "teletherapy: 1 when it takes insurance",
    "ft": "teletherapy: 1 when it offers a free trial",
}
# Columns of lists many listings share (their countries, languages, topics...): each distinct list is in "lists"
# once, and the column holds its number there, from 1 (0 where a listing has none). Fewer arrays for the browser
# to parse and decode (#14).
LIST_COLUMNS = ("tp", "au", "co", "rg", "la", "cs", "cm", "mode")


def data_problems(data: dict[str, Any]) -> list[str]:
    """What in a listings.json document is not what this contract declares (empty when all is well)."""
    problems = []
    if data.get("format") != FORMAT:
        problems.append(f"format {data.get('format')!r}, expected {FORMAT!r}")
    problems += [f"no {key}" for key in KEYS if key not in data]
    problems += [f"unknown key {key}" for key in data if key not in KEYS]
    facets = data.get("facets", {})
    problems += [f"no options for filter {key}" for key in FACET_KEYS if key not in facets]
    problems += [f"unknown filter {key}" for key in facets if key not in FACET_KEYS]
    columns = data.get("listings", {})
    problems += [f"no column {name}" for name in REQUIRED_COLUMNS if name not in columns]
    problems += [f"unknown column {name}" for name in columns if name not in COLUMNS]
    count = len(columns.get("id", []))
    problems += [
        f"column {name} is not one value per listing" for name, values in columns.items() if len(values) != count
    ]
    lists = data.get("lists", {})
    problems += [f"unknown list column {name}" for name in lists if name not in LIST_COLUMNS]
    problems += [f"no lists for column {name}" for name in LIST_COLUMNS if name in columns and name not in lists]
    return problems
