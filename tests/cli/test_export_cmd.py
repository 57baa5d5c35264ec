"""`kindred export`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from generator.cli import main


def export(*args):
    return CliRunner().invoke(main, ["export", *args])


def test_json_and_csv(make_directory, valid_listings, tmp_path):
    root = make_directory(valid_listings)
    out = tmp_path / "out"
    result = export("--format", "json", "--out", str(out), "--directory", str(root))
    assert result.exit_code == 0, result.output
    assert json.loads((out / "api/listings.json").read_text())["count"] == 4
    assert not (out / "api/helplines.csv").exists()
    result = export("--format", "csv", "--out", str(out), "--directory", str(root))
    assert result.exit_code == 0, result.output
    for kind in ("helplines", "communities", "teletherapy"):
        assert (out / f"api/{kind}.csv").read_text(encoding="utf-8").startswith("id,url,name,")
    assert "4 published listing(s) exported." in result.stdout


def test_an_invalid_directory_exports_nothing(make_directory, valid_listings, tmp_path):
    listings = dict(valid_listings)
    listings["helplines/samaritans.yaml"] = listings["helplines/samaritans.yaml"].replace("cost: free", "cost: gratis")
    root = make_directory(listings)
    result = export("--out", str(tmp_path / "out"), "--directory", str(root))
    assert result.exit_code == 1
    assert "samaritans.yaml:8:7: error:" in result.stderr
    assert not (tmp_path / "out").exists()


def test_hsds(make_directory, valid_listings, tmp_path):
    pytest.importorskip("generator.exports.hsds.export")
    root = make_directory(valid_listings)
    out = tmp_path / "out"
    result = export("--format", "hsds", "--out", str(out), "--directory", str(root))
    assert result.exit_code == 0, result.output
    assert any(out.rglob("*")), "the HSDS export wrote files"
