"""Properties: whatever is in a listing file, loading reports problems and never raises."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kindred_test_support import (
    SHIPPED_TAXONOMY,
    VALID_COMMUNITY,
    VALID_HELPLINE,
    VALID_TELETHERAPY,
)

from generator.directory import load_directory
from generator.models import KIND_MODELS
from generator.models.contacts import Contact
from generator.models.hours import Interval, WeeklyHours

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

BASES = {"helplines": VALID_HELPLINE, "communities": VALID_COMMUNITY, "teletherapy": VALID_TELETHERAPY}


def _field_names() -> list[str]:
    names: set[str] = set()
    for model in KIND_MODELS.values():
        names.update(f.alias or n for n, f in model.model_fields.items())
    for branch in Contact.__origin__.__args__:  # the union inside Annotated[...]
        names.update(branch.model_fields)
    for model in (WeeklyHours, Interval):
        names.update(model.model_fields)
    return sorted(names)


FIELD_NAMES = _field_names()
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40),
                    st.sampled_from(["24/7", "09:00", "116 123", "988", "+44 800 1111", "GB", "worldwide", "en",
                                     "anxiety", "free", "phone", "sms", "https://example.org/", "2025-01-01",
                                     "Europe/London", "mo", "closed"]))
VALUES = st.recursive(SCALARS, lambda children: st.one_of(st.lists(children, max_size=4),
                                                          st.dictionaries(KEYS, children, max_size=4)),
                      max_leaves=20)


@pytest.fixture(scope="module")
def targets(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """kind -> (directory root, the one listing file rewritten for each example)."""
    found = {}
    for kind in BASES:
        root = tmp_path_factory.mktemp(f"properties-{kind}")
        for folder in KIND_MODELS:
            (root / folder).mkdir()
        (root / "taxonomy.yaml").write_text(SHIPPED_TAXONOMY.read_text(encoding="utf-8"), encoding="utf-8")
        found[kind] = (root, root / kind / "under-test.yaml")
    return found


def _check_outcome(directory) -> None:
    problems = directory.problems.items
    assert all(p.line >= 1 and p.column >= 1 and p.message for p in problems)
    if directory.problems.errors:
        assert not directory.ok
    else:
        assert len(directory.records) == 1  # no error means the listing was read
    assert directory.records or problems


@given(raw=st.one_of(st.binary(max_size=600), st.text(max_size=600).map(lambda t: t.encode("utf-8", "surrogatepass"))))
@SETTINGS
def test_any_bytes_give_problems_or_a_record(targets, raw):
    root, target = targets["helplines"]
    target.write_bytes(raw)
    directory = load_directory(root)  # must not raise
    _check_outcome(directory)


@given(kind=st.sampled_from(sorted(BASES)), data=st.data())
@SETTINGS
def test_any_value_in_any_field_gives_problems_or_a_record(targets, kind, data):
    root, target = targets[kind]
    listing = yaml.safe_load(BASES[kind])
    changes = data.draw(st.dictionaries(KEYS, VALUES, min_size=1, max_size=3), label="changes")
    listing.update(changes)
    removed = data.draw(st.lists(st.sampled_from(sorted(listing)), max_size=2), label="removed")
    for key in removed:
        listing.pop(key, None)
    target.write_text(yaml.safe_dump(listing, allow_unicode=True, sort_keys=False), encoding="utf-8")
    directory = load_directory(root)  # must not raise
    _check_outcome(directory)
