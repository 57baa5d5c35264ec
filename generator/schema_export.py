"""JSON Schema for listing files, generated from the models (editors use it to autocomplete)."""

from __future__ import annotations

import json
from pathlib import Path

from .models import KIND_MODELS
from .models.countries import CountryProfile

SCHEMA_DIR = Path(__file__).parent / "schema"
BASE_ID = "https://kindred.example.org/schema/"


def kind_schema(kind: str) -> dict:
    schema = KIND_MODELS[kind].model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{BASE_ID}{kind}.schema.json"
    schema["title"] = f"Kindred {kind} listing"
    return schema


def combined_schema() -> dict:
    """One schema accepting any kind; each kind's definitions kept under its own name."""
    defs: dict = {}
    branches = []
    for kind in KIND_MODELS:
        schema = kind_schema(kind)
        for name, definition in schema.pop("$defs", {}).items():
            defs[name] = definition
        for key in ("$schema", "$id"):
            schema.pop(key)
        defs[f"{kind}-listing"] = schema
        branches.append({"$ref": f"#/$defs/{kind}-listing"})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_ID}listing.schema.json",
        "title": "Kindred listing (any kind; the folder decides which)",
        "anyOf": branches,
        "$defs": dict(sorted(defs.items())),
    }


def _dump(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def country_schema() -> dict:
    schema = CountryProfile.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{BASE_ID}country.schema.json"
    schema["title"] = "Kindred country profile (directory/countries/<CC>.yaml)"
    return schema


def render_schemas() -> dict[str, str]:
    files = {"listing.schema.json": _dump(combined_schema()), "country.schema.json": _dump(country_schema())}
    for kind in KIND_MODELS:
        files[f"{kind}.schema.json"] = _dump(kind_schema(kind))
    return files
