"""bench/make_directory.py writes a valid, deterministic synthetic directory."""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "make_directory.py"
KINDS = ("helplines", "communities", "teletherapy")
ID_RULE = re.compile(r"[a-z0-9-]{3,64}\Z")
N = 60


def _load_module():
    spec = importlib.util.spec_from_file_location("kindred_bench_make_directory", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


md = _load_module()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "directory"
    md.write(N, folder, seed=7)
    return folder


@pytest.fixture(scope="module")
def listings(out) -> list[tuple[str, Path, str, dict]]:
    """[(kind, path, text, parsed)] for every listing written."""
    found = []
    for kind in KINDS:
        for path in sorted((out / kind).glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            found.append((kind, path, text, yaml.safe_load(text)))
    return found


@pytest.fixture(scope="module")
def taxonomy() -> dict:
    return yaml.safe_load((ROOT / "directory" / "taxonomy.yaml").read_text(encoding="utf-8"))


def test_same_seed_gives_identical_bytes(out, tmp_path):
    again = tmp_path / "again"
    md.write(N, again, seed=7)
    assert _tree(again) == _tree(out)


def test_different_seed_differs(out, tmp_path):
    other = tmp_path / "other"
    md.write(N, other, seed=8)
    assert _tree(other) != _tree(out)


def test_counts_per_kind_and_taxonomy_copy(out, listings):
    counts = {kind: len(list((out / kind).glob("*.yaml"))) for kind in KINDS}
    assert counts == {"helplines": 30, "communities": 18, "teletherapy": 12}
    assert sum(counts.values()) == N == len(listings)
    assert (out / "taxonomy.yaml").read_bytes() == (ROOT / "directory" / "taxonomy.yaml").read_bytes()
    assert md.kind_counts(10_000) == {"helplines": 5000, "communities": 3000, "teletherapy": 2000}


def test_files_parse_and_round_trip(out, listings):
    built = {(kind, ident): data for kind, ident, data in md.build(N, 7)}
    for kind, path, text, parsed in listings:
        lines = text.splitlines()
        assert lines[0] == f"# yaml-language-server: $schema=../../generator/schema/{kind}.schema.json", path
        assert lines[1].startswith("#") and "synthetic" in lines[1].lower(), path
        assert isinstance(parsed, dict), path
        assert parsed == built[(kind, path.stem)], path
        assert len(text.encode("utf-8")) <= 64 * 1024


def test_ids_unique_and_well_formed(listings):
    ids = [path.stem for _, path, _, _ in listings]
    assert len(ids) == len(set(ids))
    for ident in ids:
        assert ID_RULE.match(ident), ident


def test_no_two_listings_share_a_number_or_website(listings):
    """The validator warns about shared numbers and websites; synthetic data should not trigger that."""
    seen: dict[str, str] = {}
    for _, path, _, d in listings:
        values = [d["website"].rstrip("/")] + [re.sub(r"\D", "", c["number"]) for c in d["contacts"] if "number" in c]
        for value in values:
            assert value not in seen, (path.stem, value, seen.get(value))
            seen[value] = path.stem


def test_fields_follow_the_contract(listings, taxonomy):
    topic_ids = {t["id"] for t in taxonomy["topics"]}
    audience_ids = {a["id"] for a in taxonomy["audiences"]}
    costs = {"free", "free-standard-charges", "low-cost", "sliding-scale", "paid", "insurance"}
    for kind, path, _, d in listings:
        assert 2 <= len(d["name"]) <= 120, path
        assert len(d["summary"]) <= 200, path
        if "description" in d:
            assert 80 <= len(d["description"].split()) <= 150, path
        assert d["website"].startswith("https://"), path
        assert 2 <= len(d["topics"]) <= 5 and set(d["topics"]) <= topic_ids, path
        assert 1 <= len(d.get("audiences", ["everyone"])) <= 3, path
        assert set(d.get("audiences", [])) <= audience_ids, path
        assert set(d["cost"] if isinstance(d["cost"], list) else [d["cost"]]) <= costs, path
        assert 1 <= len(d["contacts"]) <= 4, path
        if d["countries"] == ["worldwide"]:
            assert "regions" not in d, path
        for region in d.get("regions", []):
            assert region.split("-")[0] in d["countries"], path
        hours = [d.get("hours")] + [c.get("hours") for c in d["contacts"]]
        for h in hours:
            if isinstance(h, dict):
                assert h["timezone"] and h["weekly"], path
                for interval in h["weekly"]:
                    assert re.fullmatch(r"\d\d:\d\d", interval["opens"]) and interval["opens"] != interval["closes"]
            else:
                assert h in (None, "24/7"), path
        assert d.get("status", "active") in ("active", "paused"), path
    kinds = {kind for kind, *_ in listings}
    assert kinds == set(KINDS)


def test_phone_numbers_are_valid_for_the_listing(listings):
    phonenumbers = pytest.importorskip("phonenumbers")
    from phonenumbers import shortnumberinfo

    def valid_in(number: str, region: str) -> bool:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            return False
        return (phonenumbers.is_valid_number_for_region(parsed, region)
                or shortnumberinfo.is_valid_short_number_for_region(parsed, region))

    checked = 0
    for _, path, _, d in listings:
        for contact in d["contacts"]:
            number = contact.get("number")
            if number is None:
                continue
            checked += 1
            if d["countries"] == ["worldwide"]:
                assert number.startswith("+"), (path, number)
                assert phonenumbers.is_valid_number(phonenumbers.parse(number, None)), (path, number)
            else:
                assert any(valid_in(number, c) for c in d["countries"]), (path, number, d["countries"])
    assert checked > N // 2


def test_every_phone_template_is_valid():
    phonenumbers = pytest.importorskip("phonenumbers")
    from phonenumbers import shortnumberinfo

    rng = random.Random(0)
    for code, country in md.COUNTRIES.items():
        for _, template in country["phones"]:
            for _ in range(25):
                national = md.fill(template, rng)
                for text in (national, md.international(code, national)):
                    parsed = phonenumbers.parse(text, code)
                    assert phonenumbers.is_valid_number_for_region(parsed, code), (code, template, text)
        shorts = [short for _, short in country["short"]]
        shorts += [md.fill(t, rng) for t in country.get("sms_short", []) for _ in range(25)]
        for short in shorts:
            parsed = phonenumbers.parse(short, code)
            assert shortnumberinfo.is_valid_short_number_for_region(parsed, code), (code, short)


def test_codes_are_real():
    pycountry = pytest.importorskip("pycountry")
    for code, country in md.COUNTRIES.items():
        assert pycountry.countries.get(alpha_2=code), code
        assert pycountry.currencies.get(alpha_3=country["currency"]), code
        for region in country["regions"]:
            assert pycountry.subdivisions.get(code=region), region


def test_refuses_to_overwrite_listings(out, tmp_path):
    target = tmp_path / "d"
    md.write(3, target, seed=1)
    with pytest.raises(SystemExit):
        md.write(3, target, seed=2)
    md.write(2, target, seed=2, force=True)
    assert sum(len(list((target / k).glob("*.yaml"))) for k in KINDS) == 2
