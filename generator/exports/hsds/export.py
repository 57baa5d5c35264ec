"""A directory as HSDS 3.0: one `service` per published listing, with its organization.

`hsds_files(directory)` gives every published file under `api/hsds/` (the site
writes them); `export_hsds(directory, out_dir)` writes the same files under
out_dir/api/hsds/ (`kindred export --format hsds --out DIR`). Output is deterministic: ids are UUIDv5 names,
keys and services are sorted, and nothing depends on the clock.
"""

from __future__ import annotations

import json
from pathlib import Path

from ...directory import Directory, ListingRecord
from .contacts import ContactExport
from .hours import export_schedules
from .ids import child_uuid, listing_uuid, named_uuid
from .places import area_records, language_record
from .tables import datapackage
from .tabular import csv_files
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


def hsds_dataset(directory: Directory) -> dict[str, list[dict]]:
    """services (full objects), organizations, taxonomies and taxonomy_terms, in a stable order."""
    vocabulary = Vocabulary(directory.taxonomy)
    records = sorted(directory.published, key=lambda r: r.id)
    organizations: dict[str, dict] = {}
    served: dict[str, list[str]] = {}
    for record in records:
        org_id, organization = organization_of(record)
        organizations.setdefault(org_id, organization)
        served.setdefault(org_id, []).append(record.listing.name)
    for org_id, organization in organizations.items():
        organization["description"] = f"Runs {_names(sorted(set(served[org_id]), key=str.casefold))}."
    services = [service_record(r, directory, vocabulary, organizations[organization_of(r)[0]]) for r in records]
    return {
        "services": services,
        "organizations": sorted(organizations.values(), key=lambda o: o["id"]),
        "taxonomies": vocabulary.taxonomies(),
        "taxonomy_terms": vocabulary.term_records(),
    }


def page(contents: list[dict]) -> dict:
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


README = """\
# Kindred directory as Open Referral HSDS 3.0

Every published listing is one HSDS `service`, with its `organization`.

- `services.json`: all services, full objects (HSDS API `Page` envelope, one page)
- `services/<id>.json`: one service
- `organizations.json`, `taxonomies.json`, `taxonomy_terms.json`: the same as the API lists
- `csv/`: the tabular form, CSV files and `datapackage.json`
- `index.json`: HSDS version

Ids are UUIDv5 names derived from listing ids: they stay the same from one build to the next.
How each listing field maps to HSDS, and what HSDS cannot hold, is explained on the site's
"HSDS export: field-by-field mapping" page (open-data/hsds/).
"""


def hsds_files(directory: Directory) -> dict[str, bytes]:
    """Relative path (under api/hsds/) -> bytes, for every HSDS file the site publishes."""
    dataset = hsds_dataset(directory)
    files = {
        "index.json": to_json(
            {"version": "3.0", "profile": "https://docs.openreferral.org/en/v3.0/", "openapi_url": OPENAPI_URL}
        ),
        "services.json": to_json(page(dataset["services"])),
        "organizations.json": to_json(page(dataset["organizations"])),
        "taxonomies.json": to_json(page(dataset["taxonomies"])),
        "taxonomy_terms.json": to_json(page(dataset["taxonomy_terms"])),
        "README.md": README.encode("utf-8"),
    }
    for service in dataset["services"]:
        files[f"services/{service['id']}.json"] = to_json(service)
    tables = csv_files(dataset)
    for path, content in tables.items():
        files[f"csv/{path}"] = content
    files["csv/datapackage.json"] = to_json(datapackage(sorted(tables)))
    return {PREFIX + path: content for path, content in sorted(files.items())}


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
