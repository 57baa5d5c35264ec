"""CONTRIBUTING.md documents every field a listing file can have (the schema is the list)."""

from __future__ import annotations

import json
import re
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


def _shell_blocks(markdown: str) -> list[str]:
    return re.findall(r"```(?:sh|bash|console)\n(.*?)```", markdown, flags=re.S)


def test_every_pip_install_in_the_guides_runs_inside_a_virtual_environment():
    # Debian's system Python refuses `pip install` (PEP 668); `make serve` uses .venv, and so must the guides.
    checked = 0
    for name in ("CONTRIBUTING.md", "README.md"):
        for block in _shell_blocks((REPO / name).read_text(encoding="utf-8")):
            lines = [line.split("#", 1)[0].strip() for line in block.splitlines()]
            for index, line in enumerate(lines):
                if re.search(r"(^|\s)pip3? install", line) and ".venv/bin/" not in line:
                    checked += 1
                    before = " ".join(lines[: index + 1])
                    assert "venv" in before and ("activate" in before or ".venv/bin/pip" in line), (name, line)
    assert checked >= 2  # CONTRIBUTING's first-listing steps and its generator set-up


def test_contributing_first_steps_create_the_environment_before_installing():
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    first = guide[guide.index("### 1. Create the file"):guide.index("### 2. Fill it in")]
    assert first.index("python3 -m venv .venv") < first.index(". .venv/bin/activate") < first.index("pip install -e .")
