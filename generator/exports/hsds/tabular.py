"""The tabular form: nested HSDS objects <-> one CSV file per table.

Writing flattens the nested services: each object becomes a row in its table,
with the id of the object it belonged to (service_id, phone_id, link_id, ...).
Reading does the reverse, so the import can treat both forms alike.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from .tables import TABLES

# (key in the nested object, table name, column that points back at the parent)
_CHILDREN = {
    "service": (
        ("phones", "phone", "service_id"),
        ("schedules", "schedule", "service_id"),
        ("service_areas", "service_area", "service_id"),
        ("languages", "language", "service_id"),
        ("cost_options", "cost_option", "service_id"),
        ("contacts", "contact", "service_id"),
        ("service_at_locations", "service_at_location", "service_id"),
    ),
    "service_at_location": (
        ("phones", "phone", "service_at_location_id"),
        ("schedules", "schedule", "service_at_location_id"),
        ("contacts", "contact", "service_at_location_id"),
    ),
    "location": (
        ("languages", "language", "location_id"),
        ("phones", "phone", "location_id"),
        ("schedules", "schedule", "location_id"),
        ("contacts", "contact", "location_id"),
    ),
    "phone": (("languages", "language", "phone_id"),),
    "contact": (("phones", "phone", "contact_id"),),
}

_COLUMNS = {name: frozenset(table.column_names) for name, table in TABLES.items()}


class _Rows:
    def __init__(self):
        self.tables: dict[str, dict[str, dict]] = {name: {} for name in TABLES}

    def add(self, table: str, record: dict, links: dict[str, str]) -> None:
        columns = _COLUMNS[table]
        row = {k: v for k, v in record.items() if k in columns and not isinstance(v, (list, dict))}
        row.update(links)
        rows = self.tables[table]
        existing = rows.get(row["id"])
        if existing is None:
            rows[row["id"]] = existing = row
        else:
            for key, value in row.items():  # the same phone under a service and a service_at_location
                existing.setdefault(key, value)
        for attribute in record.get("attributes", ()):
            self.add("attribute", attribute, {})
        if table == "service_at_location" and isinstance(record.get("location"), dict):
            self.add("location", record["location"], {})
            existing.setdefault("location_id", record["location"]["id"])
        for key, child_table, column in _CHILDREN.get(table, ()):
            for child in record.get(key, []) or []:
                self.add(child_table, child, {column: record["id"]})


def rows_from_dataset(dataset: dict[str, list[dict]]) -> dict[str, list[dict]]:
    rows = _Rows()
    for organization in dataset["organizations"]:
        rows.add("organization", organization, {})
    for service in dataset["services"]:
        rows.add("service", service, {})
    for taxonomy in dataset["taxonomies"]:
        rows.add("taxonomy", taxonomy, {})
    for term in dataset["taxonomy_terms"]:
        rows.add("taxonomy_term", term, {})
    return {name: list(table.values()) for name, table in rows.tables.items() if table}


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Sink:
    """What csv.writer writes to: each line it writes, appended to a list."""

    def __init__(self, lines: list[str]) -> None:
        self.write = lines.append


def _lines(columns: list[str], rows: Iterable[dict], header: bool) -> bytes:
    """csv.writer's lines (QUOTE_MINIMAL, CRLF). A row none of whose cells needs quoting is joined here: csv quotes
    a cell holding a comma, a double quote, CR or LF, so a row whose only commas are the separators and that has
    none of the others is the cells and commas as they are. At 10,000 listings this saves 40% of the CSV
    time; tests/exports/hsds/test_tabular.py compares the two ways."""
    lines: list[str] = []
    writer = csv.writer(_Sink(lines), lineterminator="\r\n")
    if header:
        writer.writerow(columns)
    separators = len(columns) - 1
    for row in rows:
        # Most cells are already text: cell() only for the others (None, numbers, booleans).
        cells = [v if v.__class__ is str else cell(v) for v in map(row.get, columns)]
        line = ",".join(cells)
        if separators and line.count(",") == separators and '"' not in line and "\r" not in line and "\n" not in line:
            lines.append(line + "\r\n")
        else:
            writer.writerow(cells)
    return "".join(lines).encode("utf-8")


def write_csv(columns: list[str], rows: Iterable[dict]) -> bytes:
    return _lines(columns, rows, header=True)


def csv_header(table: str) -> bytes:
    return write_csv(TABLES[table].column_names, [])


def csv_lines(table: str, rows: Iterable[dict]) -> bytes:
    """The table's CSV lines for these rows, without the header (write_csv's, cut)."""
    return _lines(TABLES[table].column_names, rows, header=False)


def service_rows(service: dict) -> dict[str, bytes]:
    """One service's rows in each table it has rows in, as CSV lines (table name -> bytes).

    Every record under a service has an id made from the service's (ids.IdMaker), so no two services share a
    row: a table is its header and each service's lines in turn, after the organizations (rows_from_dataset
    gives the same; tests/exports/hsds/test_export.py compares the two)."""
    rows = _Rows()
    rows.add("service", service, {})
    return {name: csv_lines(name, table.values()) for name, table in rows.tables.items() if table}


def csv_files(dataset: dict[str, list[dict]]) -> dict[str, bytes]:
    """File name (services.csv, ...) -> CSV bytes, for every table that has rows."""
    return {
        TABLES[name].path: write_csv(TABLES[name].column_names, rows)
        for name, rows in rows_from_dataset(dataset).items()
    }


# --- reading --------------------------------------------------------------------------------------------------


def read_csv(text: str) -> list[dict]:
    """Rows as dicts, empty cells left out, the header's stray spaces and BOM removed."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in next(reader, [])]
    rows = (row for row in reader if any(c.strip() for c in row))  # blank lines are not records
    return [{k: v for k, v in zip(header, row, strict=False) if v.strip() != ""} for row in rows]


def nest(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Rebuild nested services (and the taxonomy lists) from table name -> rows."""

    def by(table: str, column: str) -> dict[str, list[dict]]:
        index: dict[str, list[dict]] = {}
        for row in tables.get(table, []):
            if row.get(column):
                index.setdefault(row[column], []).append(row)
        return index

    attributes = by("attribute", "link_id")
    languages = {c: by("language", c) for c in ("service_id", "phone_id", "location_id")}
    organizations = {row["id"]: dict(row) for row in tables.get("organization", []) if row.get("id")}
    locations = {row["id"]: row for row in tables.get("location", []) if row.get("id")}
    addresses = by("address", "location_id")
    phones_by = {c: by("phone", c) for c in ("service_id", "service_at_location_id", "contact_id")}

    def with_attributes(row: dict) -> dict:
        result = dict(row)
        if row.get("id") in attributes:
            result["attributes"] = [dict(a) for a in attributes[row["id"]]]
        return result

    def phone(row: dict) -> dict:
        result = with_attributes(row)
        result["languages"] = [with_attributes(lang) for lang in languages["phone_id"].get(row["id"], [])]
        return result

    def location(location_id: str) -> dict | None:
        row = locations.get(location_id)
        if row is None:
            return None
        result = with_attributes(row)
        result["languages"] = [with_attributes(lang) for lang in languages["location_id"].get(location_id, [])]
        result["addresses"] = [dict(a) for a in addresses.get(location_id, [])]
        return result

    contacts = by("contact", "service_id")
    schedules_by = {c: by("schedule", c) for c in ("service_id", "service_at_location_id")}
    channels = by("service_at_location", "service_id")
    areas, costs = by("service_area", "service_id"), by("cost_option", "service_id")
    services = []
    for row in tables.get("service", []):
        service = with_attributes(row)
        service_id = row.get("id")
        channel_ids = set()
        service["service_at_locations"] = []
        for channel_row in channels.get(service_id, []):
            channel = with_attributes(channel_row)
            channel_ids.add(channel_row.get("id"))
            channel["location"] = location(channel_row.get("location_id", ""))
            channel["phones"] = [phone(p) for p in phones_by["service_at_location_id"].get(channel_row["id"], [])]
            channel["schedules"] = [
                with_attributes(s) for s in schedules_by["service_at_location_id"].get(channel_row["id"], [])
            ]
            service["service_at_locations"].append(channel)
        service["phones"] = [phone(p) for p in phones_by["service_id"].get(service_id, [])]
        service["schedules"] = [
            with_attributes(s)
            for s in schedules_by["service_id"].get(service_id, [])
            if s.get("service_at_location_id") not in channel_ids
        ]
        service["service_areas"] = [with_attributes(a) for a in areas.get(service_id, [])]
        service["languages"] = [with_attributes(lang) for lang in languages["service_id"].get(service_id, [])]
        service["cost_options"] = [dict(c) for c in costs.get(service_id, [])]
        service["contacts"] = []
        for contact_row in contacts.get(service_id, []):
            contact = with_attributes(contact_row)
            contact["phones"] = [phone(p) for p in phones_by["contact_id"].get(contact_row["id"], [])]
            service["contacts"].append(contact)
        if row.get("organization_id") in organizations:
            service["organization"] = organizations[row["organization_id"]]
        services.append(service)
    return {
        "services": services,
        "taxonomy_terms": [dict(t) for t in tables.get("taxonomy_term", [])],
        "taxonomies": [dict(t) for t in tables.get("taxonomy", [])],
    }
