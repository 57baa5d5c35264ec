"""CONTRIBUTING.md documents every field a listing file can have (the schema is the list)."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _property_names(schema) -> set[str]:
    names: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                names.update(value)
            names |= _property_names(value)
    elif isinstance(schema, list):
        for item in schema:
            names |= _property_names(item)
    return names


def test_every_schema_field_is_documented_in_contributing():
    schema = json.loads((REPO / "generator" / "schema" / "listing.schema.json").read_text(encoding="utf-8"))
    fields = _property_names(schema) - {"always"}  # `always` is internal: it is how `hours: 24/7` is stored
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    undocumented = sorted(name for name in fields if f"`{name}`" not in guide)
    assert len(fields) > 40  # the walk really found the contract's fields
    assert undocumented == []
