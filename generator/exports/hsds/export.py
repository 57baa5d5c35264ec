"""A directory as HSDS 3.0: one `service` per published listing, with its organization.

`hsds_files(directory)` gives every published file under `api/hsds/` (the site
writes them); `export_hsds(directory, out_dir)` writes the same files under
out_dir/api/hsds/ (`kindred export --format hsds --out DIR`). Output is deterministic: ids are UUIDv5 names,
keys and services are sorted, and nothing depends on the clock.

`services/<id>.json` holds each full service (the compiled `service` schema). `services.json` is the list the
HSDS API gives for GET /services: each service in its short form (the `service_list` schema: name, status,
description, links, organization; no phones, schedules or attributes), so it stays a size a client can fetch.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ...directory import Directory, ListingRecord
from ...render_cache import Cache, code_fingerprint, key
from .contacts import ContactExport
from .hours import export_schedules
from .ids import child_uuid, listing_uuid, named_uuid
from .places import area_records, language_record
from .tables import TABLES, datapackage
from .tabular import csv_header, csv_lines, service_rows
from .terms import AUDIENCES, KIND_FIELDS, TOPICS, Vocabulary

PREFIX = "api/hsds/"
STATUS = {"active": "active", "paused": "temporarily closed"}
COST_TEXT = {
    "free": "Free.",
    "free-standard-charges": "Free; standard call, text or data charges may apply.",
    "low-cost": "Low cost.",
    "sliding-scale": "Sliding scale: what you pay depends on your income.",
    "paid": "Paid.",
    "insurance": "Accepts health insurance.",
}
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def organization_of(record: ListingRecord) -> tuple[str, dict]:
    """(id, organization) for a listing; a listing without `organization` is its own organization."""
    listing = record.listing
    name = listing.organization.name if listing.organization else listing.name
    website = (listing.organization.url if listing.organization else listing.website) or None
    org_id = named_uuid("organization", name.casefold(), website or "")
    organization = {"id": org_id, "name": name}
    if website:
        organization["website"] = website
    return org_id, organization


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _eligibility(record: ListingRecord, directory: Directory) -> str | None:
    listing = record.listing
    labels = [directory.taxonomy.label("audiences", a) for a in listing.audiences if a != "everyone"]
    parts = [f"For: {', '.join(labels)}."] if labels else []
    if listing.age and listing.age.min is not None and listing.age.max is not None:
        parts.append(f"Ages {listing.age.min} to {listing.age.max}.")
    elif listing.age and listing.age.min is not None:
        parts.append(f"Ages {listing.age.min} and over.")
    elif listing.age and listing.age.max is not None:
        parts.append(f"Ages up to {listing.age.max}.")
    return " ".join(parts) or None


def _costs(listing, service_id: str) -> tuple[list[dict], str]:
    options, texts = [], []
    for cost in listing.costs:
        option = {"id": child_uuid(service_id, "cost_option", cost), "option": COST_TEXT[cost].rstrip(".")}
        if cost in ("free", "free-standard-charges"):
            option["amount"] = 0
        options.append(option)
        texts.append(COST_TEXT[cost])
    price = getattr(listing, "price", None)
    if price is not None:
        for label, amount in (("Price from", price.from_), ("Price up to", price.to)):
            if amount is None:
                continue
            options.append(
                {
                    "id": child_uuid(service_id, "cost_option", label),
                    "option": label,
                    "amount": _number(amount),
                    "currency": price.currency,
                    "amount_description": f"per {price.per}",
                }
            )
        upper = f" to {_number(price.to)}" if price.to is not None else ""
        texts.append(f"From {_number(price.from_)}{upper} {price.currency} per {price.per}.")
    return options, " ".join(texts)


def _field_values(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, bool):
        return [str(value).lower()]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _source_json(source) -> str:
    return json.dumps(source.model_dump(mode="json", exclude_none=True), ensure_ascii=False, separators=(",", ":"))


def _translation_json(tag: str, text) -> str:
    data = {"language": tag, **text.model_dump(mode="json", exclude_none=True)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _attributes(record: ListingRecord, service_id: str, vocabulary: Vocabulary) -> list[dict]:
    listing = record.listing
    field = vocabulary.field
    attributes = [
        field("listing/id", service_id, "service", record.id),
        field("listing/kind", service_id, "service", record.kind),
        field("listing/summary", service_id, "service", listing.summary),
    ]
    attributes += [vocabulary.attribute(TOPICS, t, service_id, "service") for t in listing.topics]
    attributes += [vocabulary.attribute(AUDIENCES, a, service_id, "service") for a in listing.audiences]
    attributes += [field("listing/cost", service_id, "service", c) for c in listing.costs]
    if listing.verified:
        attributes += [
            field("verified/method", service_id, "service", listing.verified.method),
            field("verified/by", service_id, "service", listing.verified.by),
            field("verified/source", service_id, "service", listing.verified.source),
        ]
    # HSDS has no field for where facts come from: each source travels whole, as compact JSON, in one attribute.
    attributes += [field("listing/source", service_id, "service", _source_json(source)) for source in listing.sources]
    attributes += [field("listing/unconfirmed", service_id, "service", fact) for fact in listing.unconfirmed]
    # HSDS has one language for its text fields: the listing's own, and each translation whole, as JSON.
    attributes.append(field("listing/written_in", service_id, "service", listing.written_in))
    attributes += [
        field("listing/translation", service_id, "service", _translation_json(tag, text))
        for tag, text in listing.translations.items()
    ]
    for name in KIND_FIELDS[record.kind]:
        for value in _field_values(getattr(listing, name)):
            attributes.append(field(f"{record.kind}/{name}", service_id, "service", value))
    return attributes


def service_record(record: ListingRecord, directory: Directory, vocabulary: Vocabulary, organization: dict) -> dict:
    """The full HSDS service object (compiled `service` schema) for one listing."""
    listing = record.listing
    service_id = listing_uuid(record.id)
    contacts = ContactExport(record, service_id, vocabulary).build()
    cost_options, fees = _costs(listing, service_id)
    service: dict = {
        "id": service_id,
        "organization_id": organization["id"],
        "organization": organization,
        "name": listing.name,
        "description": listing.description or listing.summary,
        "url": listing.website,
        "status": STATUS[listing.status],
        "fees_description": fees,
        "languages": [language_record(tag, service_id, vocabulary) for tag in listing.languages],
        "service_areas": area_records(listing.countries, listing.regions, service_id, vocabulary),
        "cost_options": cost_options,
        "phones": contacts.phones,
        "service_at_locations": contacts.channels,
        "contacts": contacts.emails,
        "schedules": export_schedules(listing.hours, service_id, vocabulary) if listing.hours else [],
        "attributes": _attributes(record, service_id, vocabulary),
    }
    if contacts.emails:
        service["email"] = contacts.emails[0]["email"]
    if listing.age and listing.age.min is not None:
        service["minimum_age"] = listing.age.min
    if listing.age and listing.age.max is not None:
        service["maximum_age"] = listing.age.max
    if listing.verified:
        service["assured_date"] = listing.verified.date.isoformat()
    eligibility = _eligibility(record, directory)
    if eligibility:
        service["eligibility_description"] = eligibility
    licensed_in = getattr(listing, "licensed_in", None)
    if licensed_in:
        service["licenses"] = f"Practitioners licensed in {', '.join(licensed_in)}."
    return {key: value for key, value in service.items() if value not in ([], None, "")}


# The fields of the HSDS API's list form of a service (compiled/service_list.json) that a Kindred service has.
LIST_FIELDS = (
    "id",
    "organization_id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "fees_description",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "licenses",
    "organization",
)


def service_list_item(service: dict) -> dict:
    """A full service in the list form services.json holds (the `service_list` schema)."""
    return {name: service[name] for name in LIST_FIELDS if name in service}


def _organizations(records: list[ListingRecord]) -> dict[str, dict]:
    organizations: dict[str, dict] = {}
    served: dict[str, list[str]] = {}
    for record in records:
        org_id, organization = organization_of(record)
        organizations.setdefault(org_id, organization)
        served.setdefault(org_id, []).append(record.listing.name)
    for org_id, organization in organizations.items():
        organization["description"] = f"Runs {_names(sorted(set(served[org_id]), key=str.casefold))}."
    return organizations


def hsds_dataset(directory: Directory) -> dict[str, list[dict]]:
    """services (full objects), organizations, taxonomies and taxonomy_terms, in a stable order."""
    vocabulary = Vocabulary(directory.taxonomy)
    records = sorted(directory.published, key=lambda r: r.id)
    organizations = _organizations(records)
    services = [service_record(r, directory, vocabulary, organizations[organization_of(r)[0]]) for r in records]
    return {
        "services": services,
        "organizations": sorted(organizations.values(), key=lambda o: o["id"]),
        "taxonomies": vocabulary.taxonomies(),
        "taxonomy_terms": vocabulary.term_records(),
    }


def page(contents: list) -> dict:
    """The HSDS API `Page` envelope, holding everything on one page."""
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def to_json(data) -> bytes:
    # Compact: indent= forces Python's slow pure-Python encoder, and at 10,000 listings the export is big.
    return (json.dumps(data, separators=(",", ":"), sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


_SLOT = "\x00contents\x00"


def page_json(items: list[bytes]) -> bytes:
    """to_json(page(contents)), from each item of contents already written by to_json: each service's list item
    is encoded once, kept with its part in the cache, and joined here (tests/exports/hsds/test_export.py compares
    the two ways)."""
    text = to_json({**page(items), "contents": _SLOT})
    slot = json.dumps(_SLOT, ensure_ascii=False).encode("utf-8")
    return text.replace(slot, b"[" + b",".join(item.removesuffix(b"\n") for item in items) + b"]", 1)


README = """\
# Kindred directory as Open Referral HSDS 3.0

Every published listing is one HSDS `service`, with its `organization`.

- `services.json`: every service in the list form of the HSDS API's GET /services (the `service_list` schema:
  name, status, description, links, organization; no phones, schedules or attributes), in the API's `Page`
  envelope, one page
- `services/<id>.json`: one service, the full object (the `service` schema)
- `organizations.json`, `taxonomies.json`, `taxonomy_terms.json`: the same as the API lists
- `csv/`: the tabular form, CSV files and `datapackage.json`
- `index.json`: HSDS version

Ids are UUIDv5 names derived from listing ids: they stay the same from one build to the next.
How each listing field maps to HSDS, and what HSDS cannot hold, is explained on the site's
"HSDS export: field-by-field mapping" page (open-data/hsds/).
"""


@dataclass(frozen=True)
class ServicePart:
    """One listing's share of the export: its service as written to services/<id>.json, its list item for
    services.json (without the newline), and its CSV lines."""

    id: str
    json: bytes
    item: bytes
    rows: dict[str, bytes]  # table name -> CSV lines (tabular.service_rows)

    def encode(self) -> bytes:
        """A line naming the id and each piece's length, then the pieces as they are (the bytes are not escaped
        into a JSON string and back: at 10,000 listings that was a third of what keeping the parts cost)."""
        lengths = [len(self.json), len(self.item), [[name, len(lines)] for name, lines in self.rows.items()]]
        header = json.dumps([self.id, lengths]).encode("ascii")
        return b"".join([header, b"\n", self.json, self.item, *self.rows.values()])

    @classmethod
    def decode(cls, data: bytes) -> ServicePart:
        """ValueError (or KeyError, TypeError) for anything encode() did not write."""
        header, _, body = data.partition(b"\n")
        service_id, (json_length, item_length, row_lengths) = json.loads(header)
        pieces = json_length + item_length + sum(length for _, length in row_lengths)
        if not isinstance(service_id, str) or pieces != len(body):
            raise ValueError("not a service part")
        rows, start = {}, json_length + item_length
        for name, length in row_lengths:
            rows[str(name)] = body[start : start + length]
            start += length
        return cls(service_id, body[:json_length], body[json_length : json_length + item_length], rows)


def service_part(
    record: ListingRecord, directory: Directory, vocabulary: Vocabulary, organization: dict
) -> ServicePart:
    """One listing's service and CSV lines."""
    service = service_record(record, directory, vocabulary, organization)
    item = to_json(service_list_item(service)).removesuffix(b"\n")
    return ServicePart(service["id"], to_json(service), item, service_rows(service))


class _Parts:
    """service_part through the build's cache (generator/render_cache.py), when there is one: the part depends
    on the listing's file, its organization (whose description names its other services), the taxonomy, and
    the code and packages that make it."""

    def __init__(self, directory: Directory, vocabulary: Vocabulary, cache: Cache | None) -> None:
        self.directory, self.vocabulary, self.cache = directory, vocabulary, cache
        self.context = key("hsds", code_fingerprint(), repr(directory.taxonomy)) if cache is not None else ""

    def __call__(self, record: ListingRecord, organization: dict) -> ServicePart:
        if self.cache is None or not record.doc.digest:
            return service_part(record, self.directory, self.vocabulary, organization)
        digest = key(self.context, record.kind, record.id, record.doc.digest, organization)
        found = self.cache.get(digest)
        if found is not None:
            try:
                return ServicePart.decode(found)
            except (ValueError, KeyError, TypeError, AttributeError):
                pass  # not what this code writes: made again, and replaced
        part = service_part(record, self.directory, self.vocabulary, organization)
        self.cache.put(digest, part.encode())
        return part


def write_hsds(directory: Directory, open_file: Callable[[str], BinaryIO], cache: Cache | None = None) -> None:
    """Write every HSDS file through open_file(path under api/hsds/), one service at a time: services.json and
    the CSV tables grow as each listing is exported, so the whole export is never held in memory (at 10,000
    listings it is over 300 MB). hsds_files() gives the same files."""
    vocabulary = Vocabulary(directory.taxonomy)
    records = sorted(directory.published, key=lambda r: r.id)
    organizations = _organizations(records)
    ordered_organizations = sorted(organizations.values(), key=lambda o: o["id"])
    small = {
        "index.json": to_json(
            {"version": "3.0", "profile": "https://docs.openreferral.org/en/v3.0/", "openapi_url": OPENAPI_URL}
        ),
        "organizations.json": to_json(page(ordered_organizations)),
        "taxonomies.json": to_json(page(vocabulary.taxonomies())),
        "taxonomy_terms.json": to_json(page(vocabulary.term_records())),
        "README.md": README.encode("utf-8"),
    }
    for path, content in small.items():
        with open_file(PREFIX + path) as handle:
            handle.write(content)
    tables: dict[str, BinaryIO] = {}
    written: list[str] = []

    def add_rows(name: str, lines: bytes) -> None:
        if name not in tables:
            tables[name] = open_file(PREFIX + "csv/" + TABLES[name].path)
            tables[name].write(csv_header(name))
            written.append(TABLES[name].path)
        tables[name].write(lines)

    try:
        if ordered_organizations:
            add_rows("organization", csv_lines("organization", ordered_organizations))
        parts = _Parts(directory, vocabulary, cache)
        head, tail = _page_around(len(records))
        with open_file(PREFIX + "services.json") as services:
            services.write(head)
            for number, record in enumerate(records):
                part = parts(record, organizations[organization_of(record)[0]])
                with open_file(f"{PREFIX}services/{part.id}.json") as handle:
                    handle.write(part.json)
                services.write((b"," if number else b"") + part.item)
                for name in TABLES:  # the tables in a fixed order, as rows_from_dataset fills them
                    if name in part.rows:
                        add_rows(name, part.rows[name])
            services.write(tail)
        for name, items in (("taxonomy", vocabulary.taxonomies()), ("taxonomy_term", vocabulary.term_records())):
            if items:
                add_rows(name, csv_lines(name, items))
    finally:
        for handle in tables.values():
            handle.close()
    with open_file(PREFIX + "csv/datapackage.json") as handle:
        handle.write(to_json(datapackage(sorted(written))))


def _page_around(count: int) -> tuple[bytes, bytes]:
    """page_json of `count` items, cut where the items go: (up to and with "[", from "]" on)."""
    text = page_json([b"0"] * count)
    start = text.index(b'"contents":[') + len(b'"contents":[')
    end = text.index(b"]", start)
    return text[:start], text[end:]


def hsds_files(directory: Directory) -> dict[str, bytes]:
    """Relative path (under api/hsds/) -> bytes, for every HSDS file the site publishes."""
    files: dict[str, io.BytesIO] = {}

    def open_file(path: str) -> BinaryIO:
        files[path] = _Kept()
        return files[path]

    write_hsds(directory, open_file)
    return {path: files[path].getvalue() for path in sorted(files)}


class _Kept(io.BytesIO):
    """A BytesIO whose bytes outlive close()."""

    def close(self) -> None:
        self.kept = super().getvalue()

    def getvalue(self) -> bytes:
        return self.kept if self.closed else super().getvalue()


def export_hsds(directory: Directory, out_dir: Path) -> list[Path]:
    """Write the HSDS files under out_dir/api/hsds/ (the site's layout, as the other exports); the paths written."""
    out_dir = Path(out_dir)
    written = []
    for name, content in hsds_files(directory).items():
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written
