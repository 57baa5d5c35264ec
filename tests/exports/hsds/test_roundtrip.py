"""export -> import -> export gives the same HSDS files, byte for byte, from JSON and from CSV."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.directory import load_directory
from generator.exports.hsds.export import export_hsds, hsds_files
from generator.exports.hsds.import_ import import_hsds
from generator.exports.hsds.mapping import Options

from .conftest import SHIPPED_DIRECTORY


def roundtrip(root: Path, work: Path, form: str) -> tuple[dict[str, bytes], dict[str, bytes], Path]:
    first_directory = load_directory(root)
    first = hsds_files(first_directory)
    export_hsds(first_directory, work / "export")
    source = work / "export" / "api" / "hsds"
    if form == "csv":
        source = source / "csv"
    result = import_hsds(source, work / "imported", Options())
    assert result.error is None and not result.skipped, result.lines()
    assert len(result.written) == len(first_directory.published)
    second_directory = load_directory(work / "imported")
    assert second_directory.ok, [p.as_text() for p in second_directory.problems.errors]
    return first, hsds_files(second_directory), work / "imported"


def assert_same(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different, f"changed by export -> import -> export: {different[:10]}"


@pytest.mark.parametrize("form", ["json", "csv"])
def test_fixture_roundtrip_is_stable(hsds_fixture, tmp_path, form):
    first, second, _ = roundtrip(hsds_fixture, tmp_path, form)
    assert_same(first, second)


@pytest.mark.parametrize("form", ["json", "csv"])
def test_shipped_directory_roundtrip_is_stable(tmp_path, form):
    first, second, _ = roundtrip(SHIPPED_DIRECTORY, tmp_path, form)
    assert_same(first, second)


def test_import_of_an_import_changes_nothing(hsds_fixture, tmp_path):
    """The imported listings are a fixed point: importing their export again writes the same files."""
    _, _, imported = roundtrip(hsds_fixture, tmp_path / "one", "json")
    _, _, again = roundtrip(imported, tmp_path / "two", "json")
    texts = {p.relative_to(imported).as_posix(): p.read_text(encoding="utf-8") for p in imported.rglob("*.yaml")}
    assert texts == {p.relative_to(again).as_posix(): p.read_text(encoding="utf-8") for p in again.rglob("*.yaml")}


def test_imported_listings_keep_what_the_contributor_wrote(hsds_fixture, tmp_path):
    _, _, imported = roundtrip(hsds_fixture, tmp_path, "json")
    before = {r.key: r.listing for r in load_directory(hsds_fixture).published}
    after = {r.key: r.listing for r in load_directory(imported).records}
    assert sorted(before) == sorted(after)
    for key, listing in before.items():
        other = after[key]
        for name in ("name", "summary", "description", "website", "organization", "countries", "regions",
                     "languages", "topics", "audiences", "age", "cost", "hours", "status", "verified"):
            assert getattr(other, name) == getattr(listing, name), (key, name)
        for name in type(listing).model_fields:
            if name not in ("contacts",):
                assert getattr(other, name) == getattr(listing, name), (key, name)

        def contacts(item) -> list:
            # the import orders contacts by HSDS array (phones, links, emails); numbers come back in international form
            return sorted(c.model_dump(exclude={"number"}, exclude_none=True).__repr__() for c in item.contacts)

        assert contacts(other) == contacts(listing), key


def test_taxonomy_is_rebuilt_when_the_target_has_none(hsds_fixture, tmp_path):
    _, _, imported = roundtrip(hsds_fixture, tmp_path, "json")
    text = (imported / "taxonomy.yaml").read_text(encoding="utf-8")
    assert "anxiety" in text and "carers" in text
    shutil.rmtree(imported)


def test_translations_survive_export_and_import(hsds_fixture, tmp_path):
    _, _, imported = roundtrip(hsds_fixture, tmp_path, "json")
    [record] = [r for r in load_directory(imported).published if r.listing.name == "Sunset Text Line"]
    assert record.listing.translations["es"].name == "Línea de Texto Atardecer"
