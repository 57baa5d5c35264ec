"""Open data: every published listing as one JSON file, and one CSV per kind.

The bytes are deterministic (no timestamps, fixed order), so a rebuild with
no listing changes publishes identical files. CSV cells are protected against
formula injection, because people open these files in spreadsheets.
"""

from __future__ import annotations

import csv
import io
import json
import typing
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import BaseModel

from ..directory import Directory, ListingRecord
from ..models import KIND_MODELS, KINDS, Listing
from ..models.base import field_value

SCHEMA_VERSION = "1.0"
JSON_PATH = "api/listings.json"
CSV_PATHS = {kind: f"api/{kind}.csv" for kind in KINDS}
# Cells starting with these are formulas to a spreadsheet (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_COMMON_FIELDS = tuple(Listing.model_fields)
_SEPARATOR = "; "


def kind_fields(kind: str) -> list[str]:
    return [name for name in KIND_MODELS[kind].model_fields if name not in _COMMON_FIELDS]


def published_records(directory: Directory) -> list[ListingRecord]:
    return sorted(directory.published, key=lambda r: (KINDS.index(r.kind), r.id))


# --------------------------------------------------------------------------- JSON


# Values _tidy leaves as they are: most of a listing's values are these, and are passed over without a call (a
# call for each was 40% of the open data's time at 10,000 listings).
_UNTIDIED = frozenset({str, int, bool, type(None)})


def _tidy(value: Any) -> Any:
    """Whole-number floats as integers (a price of 40, not 40.0), recursively."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [v if v.__class__ in _UNTIDIED else _tidy(v) for v in value]
    if isinstance(value, dict):
        return {k: v if v.__class__ in _UNTIDIED else _tidy(v) for k, v in value.items()}
    return value


def _always(hours: Any) -> bool:
    return hours == "24/7" or getattr(hours, "always", False) is True


def hours_json(hours: Any) -> Any:
    """`"24/7"`, or {timezone, weekly, closed_on, note}: the shape contributors write."""
    if hours is None:
        return None
    if _always(hours):
        return "24/7"
    return {k: v for k, v in hours.model_dump(mode="json", exclude_none=True).items() if k != "always"}


def contact_json(record: ListingRecord, index: int) -> dict[str, Any]:
    contact = record.listing.contacts[index]
    data = contact.model_dump(mode="json", exclude_none=True, by_alias=True)
    if "hours" in data:
        data["hours"] = hours_json(contact.hours)
    parsed = record.numbers.get(index)
    if parsed is not None:
        if contact.method == "phone":
            extension = field_value(contact, "extension")
            data["tel"] = parsed.tel_href_with(extension) if extension else parsed.tel_href
        elif contact.method == "sms":
            data["sms"] = parsed.sms_href(field_value(contact, "keyword"))
        elif contact.method == "whatsapp":
            data["tel"] = parsed.tel_href
            data["whatsapp"] = parsed.whatsapp_href
    return data


def listing_json(record: ListingRecord, dumped: dict[str, Any] | None = None) -> dict[str, Any]:
    """dumped: the listing's model_dump(mode="json", by_alias=True), when the caller has made it already."""
    listing = record.listing
    if dumped is None:
        dumped = listing.model_dump(mode="json", by_alias=True)
    item: dict[str, Any] = {
        "id": record.id,
        "kind": record.kind,
        "url": f"/{record.kind}/{record.id}/",
        "name": listing.name,
        "summary": listing.summary,
        "description": listing.description,
        "website": listing.website,
        "organization": dumped["organization"],
        "countries": list(listing.countries),
        "regions": list(listing.regions),
        "languages": list(listing.languages),
        "topics": list(listing.topics),
        "audiences": list(listing.audiences),
        "age": dumped["age"],
        "cost": list(listing.costs),
        "contacts": [contact_json(record, i) for i in range(len(listing.contacts))],
        "hours": hours_json(listing.hours),
        "status": listing.status,
        "verified": dumped["verified"],
        "sources": dumped["sources"],  # [{url, read, supports, note}]: where the facts come from
        "unconfirmed": dumped["unconfirmed"],
    }
    for name in kind_fields(record.kind):
        item[name] = dumped[name]
    return _tidy(item)


def listings_json(directory: Directory) -> bytes:
    return open_data_files(directory)[JSON_PATH]


def _listings_json_around(count: int) -> tuple[str, str]:
    """json.dumps of the payload (indent 2) without its listings, cut where they go: (up to "[", from "]" on);
    with no listings, the whole payload and ""."""
    payload = {"schema_version": SCHEMA_VERSION, "generated_from": "kindred", "count": count, "listings": [0]}
    if not count:
        return json.dumps({**payload, "listings": []}, ensure_ascii=False, indent=2) + "\n", ""
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    start = text.index("[\n") + 2
    end = text.index("\n  ]", start)
    return text[:start], text[end:] + "\n"


def _listing_line(item: dict[str, Any]) -> str:
    """A listing on a line of its own inside the payload's list: one listing a line is easy to grep and diff,
    and json.dumps without indent runs in C (indenting 10,000 listings cost about 1.5 s of a build)."""
    return "    " + json.dumps(item, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- CSV


def safe_cell(value: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return _SEPARATOR.join(_cell(v) for v in value)
    return str(value)


def hours_text(hours: Any) -> str:
    """`24/7`, or `mo tu we th fr 09:00-17:00; sa 22:00-02:00 (Europe/London)`."""
    if hours is None:
        return ""
    if _always(hours):
        return "24/7"
    parts = [f"{' '.join(i.days)} {i.opens}-{i.closes}" for i in hours.weekly]
    text = _SEPARATOR.join(parts) + f" ({hours.timezone})"
    if hours.closed_on:
        text += "; closed " + ", ".join(d.isoformat() for d in hours.closed_on)
    if hours.note:
        text += f"; {hours.note}"
    return text


def contact_text(contact: Any) -> str:
    method = contact.method
    if method == "phone":
        extension = field_value(contact, "extension")
        return f"phone: {contact.number}" + (f" then {extension}" if extension else "")
    if method == "sms":
        keyword = field_value(contact, "keyword")
        return f"sms: {contact.number}" + (f" (text {keyword})" if keyword else "")
    if method == "email":
        return f"email: {contact.address}"
    target = field_value(contact, "number") or field_value(contact, "url") or ""
    return f"{method}: {target}"


def _kind_columns(
    kind: str, record: ListingRecord | None = None, dumped: dict[str, Any] | None = None
) -> list[tuple[str, Any]]:
    """(column, value) for the kind's own fields; mappings (price) become one column per key.
    dumped: as for listing_json."""
    columns: list[tuple[str, Any]] = []
    if dumped is None:
        dumped = record.listing.model_dump(mode="json", by_alias=True) if record else {}
    for name, annotation_fields in _kind_fields_keys(kind):
        if annotation_fields:
            value = dumped.get(name) or {}
            columns += [(f"{name}_{key}", value.get(key)) for key in annotation_fields]
        else:
            columns.append((name, dumped.get(name)))
    return columns


@cache
def _kind_fields_keys(kind: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(field, its keys when it is a mapping, else ()) for the kind's own fields: the same for every row."""
    model = KIND_MODELS[kind]
    return tuple((name, tuple(_mapping_fields(model, name))) for name in kind_fields(kind))


def _mapping_fields(model: type, name: str) -> list[str]:
    """The (aliased) keys of a field whose type is a model (price: from, to, currency, per)."""
    annotation = model.model_fields[name].annotation
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return [info.alias or key for key, info in candidate.model_fields.items()]
    return []


def _common_row(record: ListingRecord) -> list[tuple[str, Any]]:
    listing = record.listing
    organization, age, verified = listing.organization, listing.age, listing.verified
    return [
        ("id", record.id),
        ("url", f"/{record.kind}/{record.id}/"),
        ("name", listing.name),
        ("summary", listing.summary),
        ("description", listing.description),
        ("website", listing.website),
        ("organization", organization.name if organization else None),
        ("organization_url", organization.url if organization else None),
        ("countries", listing.countries),
        ("regions", listing.regions),
        ("languages", listing.languages),
        ("topics", listing.topics),
        ("audiences", listing.audiences),
        ("age_min", age.min if age else None),
        ("age_max", age.max if age else None),
        ("cost", listing.costs),
        ("contacts", " | ".join(contact_text(c) for c in listing.contacts)),
        ("hours", hours_text(listing.hours)),
        ("status", listing.status),
        ("verified_date", verified.date.isoformat() if verified else None),
        ("verified_method", verified.method if verified else None),
        ("verified_by", verified.by if verified else None),
        ("verified_source", verified.source if verified else None),
    ]


COMMON_COLUMNS = (
    "id",
    "url",
    "name",
    "summary",
    "description",
    "website",
    "organization",
    "organization_url",
    "countries",
    "regions",
    "languages",
    "topics",
    "audiences",
    "age_min",
    "age_max",
    "cost",
    "contacts",
    "hours",
    "status",
    "verified_date",
    "verified_method",
    "verified_by",
    "verified_source",
)


def csv_columns(kind: str) -> list[str]:
    return list(COMMON_COLUMNS) + [name for name, _ in _kind_columns(kind)]


def kind_csv(directory: Directory, kind: str) -> bytes:
    return open_data_files(directory)[CSV_PATHS[kind]]


def _csv_line(values: list[str]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerow(values)
    return buffer.getvalue()


def _csv_row(record: ListingRecord, dumped: dict[str, Any] | None = None) -> str:
    row = _common_row(record) + _kind_columns(record.kind, record, dumped)
    # Most values are text already: _cell only for the others (None, numbers, lists).
    return _csv_line([safe_cell(value if value.__class__ is str else _cell(value)) for _, value in row])


# --------------------------------------------------------------------------- files


def _part(record: ListingRecord) -> tuple[str, str]:
    """A listing's share of the open data: its place in listings.json and its row in its kind's CSV."""
    dumped = record.listing.model_dump(mode="json", by_alias=True)  # once for both
    return _listing_line(listing_json(record, dumped)), _csv_row(record, dumped)


def write_open_data(directory: Directory, open_file: Callable[[str], BinaryIO]) -> None:
    """Write api/listings.json and one CSV per kind through open_file(path), a listing at a time (the whole
    listings.json is never held in memory).

    Each listing's part is made every time, not kept in the build's cache (generator/render_cache.py): at
    10,000 listings making a part took 0.17 ms, and keeping it 0.7 ms more (a file written per listing), so a
    clean build paid about 7 s of work for about 1 s saved on a rebuild."""
    records = published_records(directory)
    csvs = {kind: open_file(CSV_PATHS[kind]) for kind in KINDS}
    try:
        for kind in KINDS:
            csvs[kind].write(_csv_line(csv_columns(kind)).encode("utf-8"))
        head, tail = _listings_json_around(len(records))
        with open_file(JSON_PATH) as listings:
            listings.write(head.encode("utf-8"))
            for number, record in enumerate(records):
                item, row = _part(record)
                listings.write(((",\n" if number else "") + item).encode("utf-8"))
                csvs[record.kind].write(row.encode("utf-8"))
            listings.write(tail.encode("utf-8"))
    finally:
        for handle in csvs.values():
            handle.close()


def open_data_files(directory: Directory) -> dict[str, bytes]:
    """{"api/listings.json": ..., "api/helplines.csv": ..., ...}: published listings only."""
    files: dict[str, io.BytesIO] = {}

    def open_file(path: str) -> BinaryIO:
        files[path] = _Kept()
        return files[path]

    write_open_data(directory, open_file)
    return {path: files[path].getvalue() for path in (JSON_PATH, *(CSV_PATHS[kind] for kind in KINDS))}


class _Kept(io.BytesIO):
    """A BytesIO whose bytes outlive close()."""

    def close(self) -> None:
        self.kept = super().getvalue()

    def getvalue(self) -> bytes:
        return self.kept if self.closed else super().getvalue()


def _selected(files: dict[str, bytes], fmt: str) -> Iterable[tuple[str, bytes]]:
    for name, content in files.items():
        if fmt == "all" or name.endswith("." + fmt):
            yield name, content


def export_open_data(directory: Directory, out_dir: Path | str, fmt: str = "all") -> list[Path]:
    """Write the JSON (fmt="json"), the CSVs ("csv") or both ("all") under `out_dir`; the paths written."""
    if fmt not in ("json", "csv", "all"):
        raise ValueError(f"unknown open data format {fmt!r}")
    out_dir = Path(out_dir)
    written = []
    for name, content in _selected(open_data_files(directory), fmt):
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written
