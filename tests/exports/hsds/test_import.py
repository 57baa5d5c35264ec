"""`kindred import hsds`: official examples, skips with reasons, and nothing invalid written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.directory import load_directory
from generator.exports.hsds.import_ import import_hsds
from generator.exports.hsds.mapping import Options
from generator.yamlsafe import load_yaml_file

from .conftest import EXAMPLES, TAXONOMY, need_shared

EXAMPLE_SERVICE = "ac148810-d857-441c-9679-408f346de14b"
# Every record in the official examples that Kindred cannot hold, by id: each must be reported.
EXAMPLE_UNMAPPED = {
    "381c64f1-a724-4884-9c21-ac96c21cca3e": "service_area",  # "the MyCity area": not a country or region
    "48102e86-bb50-41c4-8f1e-e269368c41d1": "schedule",  # repeats by week number, month day, count
    "3a19ff88-4620-4d17-9830-ac1d859eb5d5": "location",  # physical, with an address
    "ae58cc39-8b70-4ab1-8aea-786882e5ac8e": "attribute",  # term `code`: no Kindred topic
    "e7ec2e57-4540-43fa-b2c7-6be5a0ef7f42": "program",
    "1f2df32c-bf08-4b8e-bd6f-e834014b19bc": "funding",
    "f6ad7e69-b9c8-42ce-92db-92cedb4c05c0": "required_document",
    "6cd71e9f-1013-49d9-8370-26b8f59d3e5a": "metadata",
    "1fdf4d39-3d80-484d-9f92-a8ffa08621e7": "cost_option",  # a price, but the service is imported as a helpline
}
EXAMPLE_UNMAPPED_TABULAR_ONLY = {
    "afcf296e-1cb2-4139-9c88-33d587d1a50b": "accessibility",
    "74706e55-df26-4b84-80fe-ecc30b5befb4": "address",
    "d4dbcebc-0802-47cb-8651-b937ac4f2f3e": "organization_identifier",
    "c11af60b-a394-4e53-9943-324dda2d17a1": "meta_table_description",
}


@pytest.fixture
def target(tmp_path) -> Path:
    """An empty directory with a taxonomy, as `kindred import hsds --out` expects."""
    root = tmp_path / "imported"
    root.mkdir()
    (root / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    return root


def listing(path: Path) -> dict:
    doc, problems = load_yaml_file(path, str(path))
    assert not problems
    return doc.data


def check_example_import(source: Path, target: Path, unmapped: dict[str, str]) -> None:
    result = import_hsds(source, target, Options())
    assert result.error is None
    assert not result.skipped
    assert [p.relative_to(target).as_posix() for p in result.written] == ["helplines/community-counselling.yaml"]
    directory = load_directory(target)
    assert directory.ok, [p.as_text() for p in directory.problems.errors]
    report = "\n".join(result.lines())
    for record_id, kind in unmapped.items():
        assert record_id in report, f"{kind} {record_id} is not reported"
    data = listing(result.written[0])
    assert data["name"] == "Community Counselling"
    assert data["countries"] == ["US"]  # from the location's address
    assert data["languages"] == ["ur"]
    assert data["cost"] == "paid"  # £50 an hour, and a 35 GBP cost option
    assert data["age"] == {"min": 12, "max": 100}
    assert data["topics"] == ["supporting-others"]  # --default-topic, reported
    assert "topics: supporting-others" in report and "kind: helplines" in report
    assert data["organization"] == {"name": "Example Organization Inc.", "url": "http://example.com"}
    phone, email = data["contacts"]
    assert phone["number"] == "+44 1234 234567" and "Extension 100." in phone["note"]
    assert phone["languages"] == ["ur"]
    assert email == {"method": "email", "address": "email@example.com",
                     "note": "Ann Persona, Reception Manager, Reception"}
    assert "verified" not in data  # an assured_date alone is no Kindred verification
    assert "assured_date 2005-01-01 not imported" in report


def test_official_json_examples(target):
    need_shared()
    check_example_import(EXAMPLES, target, EXAMPLE_UNMAPPED)


def test_official_tabular_examples(target):
    need_shared()
    check_example_import(EXAMPLES / "csv", target, {**EXAMPLE_UNMAPPED, **EXAMPLE_UNMAPPED_TABULAR_ONLY})


def test_official_single_files(target):
    need_shared()
    for name in ("service_full.json", "organization_full.json", "service_at_location_full.json", "tabular.json"):
        shutil.rmtree(target / "helplines", ignore_errors=True)
        result = import_hsds(EXAMPLES / name, target, Options())
        assert result.error is None and not result.skipped, name
        assert len(result.written) == 1, name
    # The list view leaves out areas, locations and phones: nothing says where the service is.
    result = import_hsds(EXAMPLES / "service_list.json", target, Options())
    assert result.skipped == [f"service {EXAMPLE_SERVICE} (Community Counselling): no country in its service "
                              f"areas, addresses or phone numbers; pass --country"]
    result = import_hsds(EXAMPLES / "service_list.json", target, Options(country="GB"), overwrite=True)
    assert len(result.written) == 1 and listing(result.written[0])["contacts"] == [
        {"method": "email", "address": "email@example.com"}]


def write_dataset(folder: Path, services: list[dict], **extra) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "services.json").write_text(json.dumps({"contents": services, **extra}), encoding="utf-8")
    return folder


def service(**fields) -> dict:
    base = {"id": "9b2d7a0e-0000-4000-8000-000000000001", "name": "Listening Line", "status": "active",
            "description": "A listening line for anyone in Ireland. Calls are free.", "url": "https://listen.example.ie/",
            "service_areas": [{"id": "9b2d7a0e-0000-4000-8000-0000000000a1", "name": "Ireland"}],
            "phones": [{"id": "9b2d7a0e-0000-4000-8000-0000000000b1", "number": "116 123", "type": "voice"}],
            "cost_options": [{"id": "9b2d7a0e-0000-4000-8000-0000000000c1", "option": "Free", "amount": 0}]}
    base.update(fields)
    return base


def test_a_service_without_contacts_is_skipped_with_its_id_and_reason(tmp_path, target):
    source = write_dataset(tmp_path / "in", [service(phones=[])])
    result = import_hsds(source, target, Options())
    assert result.skipped == ["service 9b2d7a0e-0000-4000-8000-000000000001 (Listening Line): no phone, url or "
                              "email to contact it; Kindred listings need at least one contact"]
    assert result.written == []
    assert list(target.rglob("*.yaml")) == [target / "taxonomy.yaml"]


@pytest.mark.parametrize("fields, reason", [
    ({"status": "defunct"}, "status `defunct`; closed services are not imported"),
    ({"url": None}, "no http(s) url for the service or its organization"),
    ({"service_areas": [], "phones": [{"id": "9b2d7a0e-0000-4000-8000-0000000000b2", "number": "116 123"}]},
     "no country in its service areas, addresses or phone numbers; pass --country"),
    ({"cost_options": []}, "no cost information (fees_description, cost_options); pass --default-cost"),
    ({"description": None}, "no description to take a summary from"),
])
def test_skips_say_why(tmp_path, target, fields, reason):
    result = import_hsds(write_dataset(tmp_path / "in", [service(**fields)]), target, Options())
    assert len(result.skipped) == 1 and reason in result.skipped[0]
    assert "9b2d7a0e-0000-4000-8000-000000000001" in result.skipped[0]
    assert not result.written


def test_options_fill_what_the_dataset_lacks(tmp_path, target):
    source = write_dataset(tmp_path / "in", [service(service_areas=[], cost_options=[], phones=[
        {"id": "9b2d7a0e-0000-4000-8000-0000000000b2", "number": "116 123"}])])
    result = import_hsds(source, target, Options(country="IE", default_cost="free", default_kind="communities"))
    assert not result.skipped
    data = listing(target / "communities" / "listening-line.yaml")
    assert (data["countries"], data["cost"]) == (["IE"], "free")
    report = "\n".join(result.lines())
    assert "countries: IE (--country)" in report and "cost: free (no cost information; --default-cost)" in report


def test_bad_parts_are_dropped_and_reported_never_written(tmp_path, target):
    phones = [{"id": "9b2d7a0e-0000-4000-8000-0000000000b1", "number": "0000", "type": "voice"},
              {"id": "9b2d7a0e-0000-4000-8000-0000000000b3", "number": "01 234 5678", "type": "fax"},
              {"id": "9b2d7a0e-0000-4000-8000-0000000000b4", "number": "116 123", "type": "text",
               "description": "Text HELLO to 116 123. Evenings only"}]
    languages = [{"id": "9b2d7a0e-0000-4000-8000-0000000000d1", "code": "xx-notalanguage!"},
                 {"id": "9b2d7a0e-0000-4000-8000-0000000000d2", "code": "gle", "name": "Irish"}]
    source = write_dataset(tmp_path / "in", [service(phones=phones, languages=languages, minimum_age="ten")])
    result = import_hsds(source, target, Options())
    assert not result.skipped
    report = "\n".join(result.lines())
    assert "phone 9b2d7a0e-0000-4000-8000-0000000000b1: `0000` is not a valid number in IE; dropped" in report
    assert "phone 9b2d7a0e-0000-4000-8000-0000000000b3: a fax number" in report
    assert "language 9b2d7a0e-0000-4000-8000-0000000000d1" in report
    assert "minimum_age `ten`" in report
    data = listing(target / "helplines" / "listening-line.yaml")
    assert data["contacts"] == [{"method": "sms", "number": "116 123", "keyword": "HELLO", "note": "Evenings only"}]
    assert data["languages"] == ["ga"]
    assert load_directory(target).ok


def test_a_service_that_cannot_be_made_valid_is_not_written(tmp_path, target):
    phones = [{"id": "9b2d7a0e-0000-4000-8000-0000000000b1", "number": "0000", "type": "voice"}]
    result = import_hsds(write_dataset(tmp_path / "in", [service(phones=phones)]), target, Options())
    assert len(result.skipped) == 1 and "no phone, url or email" in result.skipped[0]
    assert not (target / "helplines").exists() or not list((target / "helplines").iterdir())


def test_terms_map_to_topics_audiences_and_kind_by_code_name_or_synonym(tmp_path, target):
    def attribute(n: int, code: str | None, name: str) -> dict:
        term = {"id": f"9b2d7a0e-0000-4000-8000-0000000001{n:02d}", "name": name, "description": name}
        if code:
            term["code"] = code
        return {"id": f"9b2d7a0e-0000-4000-8000-0000000002{n:02d}", "taxonomy_term": term}

    attributes = [attribute(1, "anxiety", "Anxiety services"), attribute(2, None, "Bereavement"),
                  attribute(3, "YTH", "Youth"), attribute(4, "CRISIS-HOTLINE", "Crisis hotline"),
                  attribute(5, "LOW", "Low income")]
    result = import_hsds(write_dataset(tmp_path / "in", [service(attributes=attributes)]), target, Options())
    assert not result.skipped
    data = listing(target / "helplines" / "listening-line.yaml")
    assert data["topics"] == ["anxiety", "grief-loss"]
    assert data["audiences"] == ["youth"]
    report = "\n".join(result.lines())
    assert "kind: helplines (from its taxonomy terms)" in report
    assert "term `LOW` matches no Kindred topic or audience; dropped" in report


def test_hours_from_offsets_and_24_hour_schedules(tmp_path, target):
    schedules = [{"id": "9b2d7a0e-0000-4000-8000-000000000301", "freq": "WEEKLY", "byday": "MO,TU",
                  "opens_at": "09:00:00", "closes_at": "17:30:00", "timezone": 3}]
    always = [{"id": "9b2d7a0e-0000-4000-8000-000000000302", "freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR,SA,SU",
               "opens_at": "00:00", "closes_at": "23:59"}]
    local = [{"id": "9b2d7a0e-0000-4000-8000-000000000303", "byday": "SA", "opens_at": "22:00",
              "closes_at": "02:00", "notes": "Busy at weekends"}]
    services = [service(schedules=schedules),
                service(id="9b2d7a0e-0000-4000-8000-000000000002", name="Always Line", schedules=always),
                service(id="9b2d7a0e-0000-4000-8000-000000000003", name="Night Owls", schedules=local)]
    result = import_hsds(write_dataset(tmp_path / "in", services), target, Options())
    assert not result.skipped
    helplines = target / "helplines"
    assert listing(helplines / "listening-line.yaml")["hours"] == {
        "timezone": "Etc/GMT-3", "weekly": [{"days": ["mo", "tu"], "opens": "09:00", "closes": "17:30"}]}
    assert listing(helplines / "always-line.yaml")["hours"] == "24/7"
    assert listing(helplines / "night-owls.yaml")["hours"] == {  # Ireland has one zone
        "timezone": "Europe/Dublin", "weekly": [{"days": ["sa"], "opens": "22:00", "closes": "02:00"}],
        "note": "Busy at weekends"}


def test_existing_listings_are_kept_unless_overwrite(tmp_path, target):
    source = write_dataset(tmp_path / "in", [service()])
    first = import_hsds(source, target, Options())
    assert len(first.written) == 1
    again = import_hsds(source, target, Options())
    assert not again.written and "already exists; pass --overwrite" in again.skipped[0]
    forced = import_hsds(source, target, Options(), overwrite=True)
    assert forced.written == first.written


def test_taxonomy_is_required_or_rebuilt_from_a_kindred_export(tmp_path):
    source = write_dataset(tmp_path / "in", [service()])
    result = import_hsds(source, tmp_path / "empty", Options())
    assert result.error and "taxonomy.yaml" in result.error and "--taxonomy" in result.error


def test_command_line(tmp_path, target):
    from generator.cli import main

    source = write_dataset(tmp_path / "in", [service(), service(id="9b2d7a0e-0000-4000-8000-000000000009",
                                                                name="Silent Line", phones=[])])
    run = CliRunner().invoke(main, ["import", "hsds", str(source), "--out", str(target), "--timezone",
                                    "Europe/Dublin"])
    assert run.exit_code == 1, run.output  # one service skipped
    assert "skipped: service 9b2d7a0e-0000-4000-8000-000000000009 (Silent Line): no phone, url or email" in run.output
    assert "1 listing(s) written" in run.output
    assert (target / "helplines" / "listening-line.yaml").is_file()
    bad = CliRunner().invoke(main, ["import", "hsds", str(source), "--out", str(target), "--timezone", "Mars/Base"])
    assert bad.exit_code == 2 and "not an IANA time zone" in bad.output


def test_the_full_services_folder_is_read_but_never_through_a_link(tmp_path, target):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.json"
    secret.write_text(json.dumps(service(id="9b2d7a0e-0000-4000-8000-00000000beef", name="Not Mine")), "utf-8")
    # services.json in short form, the full service beside it, and a linked file that must not be read.
    short = {k: v for k, v in service().items() if k in ("id", "name", "status", "description", "url")}
    source = write_dataset(tmp_path / "in", [short])
    (source / "services").mkdir()
    (source / "services" / "full.json").write_text(json.dumps(service()), encoding="utf-8")
    (source / "services" / "linked.json").symlink_to(secret)
    result = import_hsds(source, target, Options())
    report = "\n".join(result.lines())
    assert "services/linked.json: is a symbolic link" in report
    assert [p.name for p in result.written] == ["listening-line.yaml"]  # the full service: it has a phone
    assert listing(result.written[0])["contacts"][0]["number"] == "116 123"

    linked_folder = write_dataset(tmp_path / "linked", [short])
    (linked_folder / "services").symlink_to(outside)
    result = import_hsds(linked_folder, target, Options(), overwrite=True)
    assert "services/: a symbolic link; links are never followed, so not read" in "\n".join(result.lines())
    assert "Not Mine" not in "\n".join(result.lines()) and result.written == []
