"""The HSDS 3.0 tables Kindred publishes in tabular form, and their `datapackage.json`.

Column names, order, types and constraints are those of the HSDS 3.0 schemas
(Open Referral, CC BY-SA 4.0); tests/exports/hsds/test_export.py checks them
against the official schema files so they cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class C:
    """One column: a Frictionless field."""

    name: str
    type: str
    format: str | None = None
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None

    def field(self) -> dict:
        constraints: dict = {"required": self.required, "unique": self.unique}
        if self.enum:
            constraints["enum"] = list(self.enum)
        field = {"name": self.name, "type": self.type, "constraints": constraints}
        if self.format:
            field["format"] = self.format
        return field


@dataclass(frozen=True)
class Table:
    name: str  # the HSDS object: service, phone, ...
    path: str  # its file in the tabular form: services.csv, phones.csv, ...
    order: int  # its place in the official datapackage.json
    columns: tuple[C, ...]
    foreign_keys: tuple[tuple[str, str], ...]  # (column, table it points at)

    @cached_property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "organization",
            "organizations.csv",
            1,
            (
                C("id", "string", format="uuid", required=True, unique=True),
                C("name", "string", required=True),
                C("alternate_name", "string"),
                C("description", "string", required=True),
                C("email", "string", format="email"),
                C("website", "string", format="uri"),
                C("tax_status", "string"),
                C("tax_id", "string"),
                C("year_incorporated", "number"),
                C("legal_status", "string"),
                C("logo", "string"),
                C("uri", "string", format="uri"),
                C("parent_organization_id", "string", format="uuid"),
            ),
            (),
        ),
        Table(
            "service",
            "services.csv",
            3,
            (
                C("id", "string", format="uuid", required=True, unique=True),
                C("organization_id", "string", format="uuid", required=True),
                C("program_id", "string", format="uuid"),
                C("name", "string", required=True),
                C("alternate_name", "string"),
                C("description", "string"),
                C("url", "string", format="uri"),
                C("email", "string", format="email"),
                C("status", "string", required=True, enum=("active", "inactive", "defunct", "temporarily closed")),
                C("interpretation_services", "string"),
                C("application_process", "string"),
                C("fees_description", "string"),
                C("wait_time", "string"),
                C("fees", "string"),
                C("accreditations", "string"),
                C("eligibility_description", "string"),
                C("minimum_age", "number"),
                C("maximum_age", "number"),
                C("assured_date", "date"),
                C("assurer_email", "string", format="email"),
                C("licenses", "string"),
                C("alert", "string"),
                C("last_modified", "datetime"),
            ),
            (("organization_id", "organization"), ("program_id", "program")),
        ),
        Table(
            "phone",
            "phones.csv",
            7,
            (
                C("id", "string", format="uuid", required=True, unique=True),
                C("location_id", "string", format="uuid"),
                C("service_id", "string", format="uuid"),
                C("organization_id", "string", format="uuid"),
                C("contact_id", "string", format="uuid"),
                C("service_at_location_id", "string", format="uuid"),
                C("number", "string", required=True),
                C("extension", "number"),
                C("type", "string"),
                C("description", "string"),
            ),
            (
                ("contact_id", "contact"),
                ("location_id", "location"),
                ("organization_id", "organization"),
                ("service_id", "service"),
                ("service_at_location_id", "service_at_location"),
            ),
        ),
        Table(
            "schedule",
            "schedules.csv",
            10,
            (
                C("id", "string", format="uuid", required=True, unique=True),
                C("service_id", "string", format="uuid"),
                C("location_id", "string", format="uuid"),
                C("service_at_location_id", "string", format="uuid"),
                C("valid_from", "date"),
                C("valid_to", "date"),
                C("dtstart", "date"),
                C("timezone", "number"),
                C("until", "date"),
                C("count", "number"),
                C("wkst", "string", enum=("MO", "TU", "WE", "TH", "FR", "SA", "SU")),
                C("freq", "string", enum=("WEEKLY", "MONTHLY")),
                C("interval", "number"),
                C("byday", "string"),
                C("byweekno", "string"),
                C("bymonthday", "string"),
                C("byyearday", "string"),
                C("description", "string"),
                C("opens_at", "time"),
                C("closes_at", "time"),
                C("schedule_link", "string", format="uri"),
                C("attending_type", "string"),
                C("notes", "string"),
            ),
            (("location_id", "location"), ("service_id", "service"), ("service_at_location_id", "service_at_location")),
        ),
        Table(
            "service_area",
            "service_areas.csv",
            12,
            (
                C("id", "string", format="uuid", required=True, unique=True),
                C("service_id", "string", format="uuid"),
                C("name", "string"),
                C("description", "string"),
                C("extent", "string"),
                C("extent_type", "string"),
                C("uri", "string"),
            ),
            (("service_id", "service"),),
        ),
        Table(
            "language",
            "languages.csv",
            14,
            (
                C("id", "string", format="uuid", required=True, unique=True),
                C("service_id", "string", format="uuid"),
                C("location_id", "string", format="uuid"),
                C("phone_id", "string", format="uuid"),
                C("name", "string"),
                C("code", "string"),
                C("note", "string"),
            ),
            (("location_id", "location"), ("phone_id", "phone"), ("service_id", "service")),
        ),
        Table(
            "cost_option",
            "cost_options.csv",
            19,
            (
                C("id", "string", format="uuid", required=True, unique=True),
                C("service_id", "string", format="uuid", required=True),
                C("valid_from", "date"),
                C("valid_to", "date"),
                C("option", "string"),
                C("currency", "string"),
                C("amount", "number"),
                C("amount_description", "string"),
            ),
            (("service_id", "service"),),
        ),
        Table(
            "contact",
            "contacts.csv",
            8,
            (
                C("id", "string", format="uuid", required=True, unique=True),
                C("organization_id", "string", format="uuid"),
                C("service_id", "string", format="uuid"),
                C("service_at_location_id", "string", format="uuid"),
                C("location_id", "string", format="uuid"),
                C("name", "string"),
                C("title", "string"),
                C("department", "string"),
                C("email", "string", format="email"),
            ),
            (
                ("location_id", "location"),
                ("organization_id", "organization"),
                ("service_id", "service"),
                ("service_at_location_id", "service_at_location"),
            ),
        ),
        Table(
            "location",
            "locations.csv",
            6,
            (
                C("id", "string", format="uuid", required=True, unique=True),
                C("location_type", "string", required=True, enum=("physical", "postal", "virtual")),
                C("url", "string", format="uri"),
                C("organization_id", "string", format="uuid"),
                C("name", "string"),
                C("alternate_name", "string"),
                C("description", "string"),
                C("transportation", "string"),
                C("latitude", "number"),
                C("longitude", "number"),
                C("external_identifier", "string"),
                C("external_identifier_type", "string"),
            ),
            (("organization_id", "organization"),),
        ),
        Table(
            "service_at_location",
            "service_at_location.csv",
            5,
            (
                C("id", "string", format="uuid", required=True, unique=True),
                C("service_id", "string", format="uuid", required=True),
                C("location_id", "string", format="uuid", required=True),
                C("description", "string"),
            ),
            (("service_id", "service"), ("location_id", "location")),
        ),
        Table(
            "attribute",
            "attributes.csv",
            4,
            (
                C("id", "string", format="uuid", required=True, unique=True),
                C("link_id", "string", format="uuid", required=True),
                C("taxonomy_term_id", "string", format="uuid", required=True),
                C("link_type", "string"),
                C("link_entity", "string", required=True),
                C("value", "string"),
            ),
            (("taxonomy_term_id", "taxonomy_term"),),
        ),
        Table(
            "taxonomy",
            "taxonomies.csv",
            21,
            (
                C("id", "string", format="uuid", required=True, unique=True),
                C("name", "string", required=True),
                C("description", "string", required=True),
                C("uri", "string", format="uri"),
                C("version", "string"),
            ),
            (),
        ),
        Table(
            "taxonomy_term",
            "taxonomy_terms.csv",
            16,
            (
                C("id", "string", format="uuid", required=True, unique=True),
                C("code", "string", unique=True),
                C("name", "string", required=True),
                C("description", "string", required=True),
                C("parent_id", "string", format="uuid"),
                C("taxonomy", "string"),
                C("language", "string"),
                C("taxonomy_id", "string", format="uuid"),
                C("term_uri", "string", format="uri"),
            ),
            (("taxonomy_id", "taxonomy"),),
        ),
    )
}

BY_PATH: dict[str, Table] = {t.path: t for t in TABLES.values()}


def datapackage(paths: list[str]) -> dict:
    """A Tabular Data Package descriptor for the given CSV files (foreign keys only to tables present)."""
    tables = sorted((BY_PATH[p] for p in paths), key=lambda t: t.order)
    present = {t.name for t in tables}
    resources = []
    for table in tables:
        schema: dict = {"primaryKey": "id", "fields": [c.field() for c in table.columns]}
        keys = [
            {"fields": column, "reference": {"resource": target, "fields": "id"}}
            for column, target in table.foreign_keys
            if target in present
        ]
        if keys:
            schema["foreignKeys"] = keys
        resources.append(
            {
                "name": table.name,
                "path": table.path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": schema,
            }
        )
    return {
        "name": "kindred-hsds",
        "title": "Kindred directory as Open Referral HSDS 3.0",
        "description": "Listings from a Kindred directory in the Human Services Data Specification 3.0 "
        "tabular form. The same data as the JSON files beside this folder.",
        "profile": "tabular-data-package",
        "homepage": "https://docs.openreferral.org/en/v3.0/",
        "resources": resources,
    }
