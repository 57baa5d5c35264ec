"""The JSON Schema files editors use: up to date, valid, and in agreement with the models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from kindred_test_support import (
    SHIPPED_DIRECTORY,
    VALID_LISTINGS,
    VALID_SMS_HELPLINE,
    VALID_TELETHERAPY,
    drop_field,
    set_field,
)

from generator.directory import load_directory
from generator.schema_export import SCHEMA_DIR, render_schemas
from generator.yamlsafe import load_yaml_bytes

KINDS = ("helplines", "communities", "teletherapy")
RENDERED = render_schemas()


def parsed(text: str) -> dict:
    """The listing as the project reads it (YAML 1.2 scalars: dates and times stay text, as in JSON)."""
    doc, problems = load_yaml_bytes(text.encode("utf-8"), "listing.yaml")
    assert problems == []
    return doc.data


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def errors(name: str, data: dict) -> list[str]:
    return [error.message for error in validator(name).iter_errors(data)]


@pytest.mark.parametrize("name", sorted(RENDERED))
def test_committed_schema_matches_the_models(name):
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8") if (SCHEMA_DIR / name).exists() else None
    assert committed == RENDERED[name], (f"generator/schema/{name} is out of date with the models; "
                                         f"run `kindred schema` and commit the result")


def test_there_is_one_schema_per_kind_one_for_any_listing_and_one_for_country_profiles():
    assert set(RENDERED) == {f"{kind}.schema.json" for kind in KINDS} | {"listing.schema.json",
                                                                         "country.schema.json"}
    assert {p.name for p in SCHEMA_DIR.glob("*.schema.json")} == set(RENDERED)


@pytest.mark.parametrize("name", sorted(RENDERED))
def test_schema_is_valid_draft_2020_12(name):
    schema = json.loads(RENDERED[name])
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("relative", sorted(VALID_LISTINGS))
def test_valid_listing_passes_its_kind_schema_and_the_combined_one(relative):
    kind = relative.split("/")[0]
    data = parsed(VALID_LISTINGS[relative])
    assert errors(f"{kind}.schema.json", data) == []
    assert errors("listing.schema.json", data) == []


@pytest.mark.parametrize("change", [
    lambda t: set_field(t, "cost", "cheap"),
    lambda t: drop_field(t, "name"),
    lambda t: set_field(t, "colour", "blue"),
    lambda t: set_field(t, "countries", "[XX]"),
    lambda t: set_field(t, "website", "javascript:alert(1)"),
    lambda t: set_field(t, "hours", "24x7"),
    lambda t: set_field(t, "contacts", "[{method: fax, number: '1'}]"),
    lambda t: set_field(t, "contacts", "[{method: phone}]"),
    lambda t: set_field(t, "summary", "s" * 201),
], ids=["cost", "missing-name", "unknown-field", "country", "scheme", "hours", "method", "contact-field", "summary"])
def test_invalid_listing_fails_the_schema(change):
    data = parsed(change(VALID_SMS_HELPLINE))
    assert errors("helplines.schema.json", data) != []


def test_field_of_another_kind_fails_that_kinds_schema():
    data = parsed(VALID_TELETHERAPY)
    assert errors("teletherapy.schema.json", data) == []
    assert errors("helplines.schema.json", data) != []  # price, modalities... are not helpline fields


def test_weekly_hours_and_24_7_both_pass_the_schema():
    data = parsed(VALID_SMS_HELPLINE)
    assert data["contacts"][0]["hours"] == "24/7" and isinstance(data["contacts"][1]["hours"], dict)
    assert errors("helplines.schema.json", data) == []


def _shipped_listings() -> list[Path]:
    return sorted(p for kind in KINDS for p in (SHIPPED_DIRECTORY / kind).glob("*.yaml"))


def test_the_shipped_directory_has_listings():
    assert _shipped_listings()


@pytest.mark.parametrize("kind", KINDS)
def test_every_shipped_listing_names_its_schema_on_the_first_line(kind):
    expected = f"# yaml-language-server: $schema=../../generator/schema/{kind}.schema.json"
    wrong = [p.name for p in sorted((SHIPPED_DIRECTORY / kind).glob("*.yaml"))
             if p.read_text(encoding="utf-8").splitlines()[:1] != [expected]]
    assert wrong == [], f"first line should be `{expected}` in: {', '.join(wrong)}"


@pytest.mark.parametrize("kind", KINDS)
def test_every_valid_shipped_listing_passes_its_schema(kind):
    # Editors must not flag what the validator accepts.
    directory = load_directory(SHIPPED_DIRECTORY)
    failing = {}
    for record in directory.records:
        if record.kind == kind:
            found = errors(f"{kind}.schema.json", record.doc.data)
            if found:
                failing[record.id] = found[:3]
    assert failing == {}


def test_unquoted_numbers_are_accepted_by_the_models_and_the_schema(check):
    text = set_field(VALID_SMS_HELPLINE, "name", "50808").replace('number: "741741"', "number: 741741")
    result = check("helplines", text)
    assert result.problems == [] and result.records[0].listing.name == "50808"
    assert errors("helplines.schema.json", parsed(text)) == []
