"""The HSDS 3.0 export: valid against the official schemas, stable ids, and the mapping it promises."""

from __future__ import annotations

import csv
import io
import json
import uuid

import pytest

from generator.directory import load_directory
from generator.exports.hsds.export import PREFIX, export_hsds, hsds_files
from generator.exports.hsds.ids import NAMESPACE, listing_uuid
from generator.exports.hsds.tables import TABLES, datapackage

from .conftest import SCHEMAS, SHIPPED_DIRECTORY, need_shared


def services_of(files: dict[str, bytes]) -> list[dict]:
    """The full services (services/<id>.json), in services.json's order."""
    listed = json.loads(files[PREFIX + "services.json"])["contents"]
    _CODES.update((t["id"], t["code"]) for t in json.loads(files[PREFIX + "taxonomy_terms.json"])["contents"])
    return [json.loads(files[f"{PREFIX}services/{item['id']}.json"]) for item in listed]


def by_listing(files: dict[str, bytes]) -> dict[str, dict]:
    """listing id -> service, read back from the Kindred `listing/id` attribute."""
    found = {}
    for service in services_of(files):
        for attribute in service["attributes"]:
            if code_of(attribute) == "listing/id":
                found[attribute["value"]] = service
    return found


# term id -> code, from each export's taxonomy_terms.json as services_of reads it (attributes give only the id)
_CODES: dict[str, str] = {}


def code_of(attribute: dict) -> str:
    return _CODES[attribute["taxonomy_term_id"]]


def facts(record: dict) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for attribute in record.get("attributes", []):
        result.setdefault(code_of(attribute), []).append(attribute.get("value"))
    return result


def rows(files: dict[str, bytes], name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(files[PREFIX + "csv/" + name].decode("utf-8"))))


@pytest.fixture
def fixture_files(hsds_fixture) -> dict[str, bytes]:
    directory = load_directory(hsds_fixture)
    assert directory.ok, [p.as_text() for p in directory.problems.errors]
    return hsds_files(directory)


def _attributes_in(value) -> list[dict]:
    """Every attribute anywhere in a service (on the service, its phones, locations, schedules...)."""
    if isinstance(value, list):
        return [a for item in value for a in _attributes_in(item)]
    if not isinstance(value, dict):
        return []
    found = [a for a in value.get("attributes", []) if isinstance(a, dict)]
    return found + [a for k, v in value.items() if k != "attributes" for a in _attributes_in(v)]


def assert_valid(files: dict[str, bytes], validate) -> None:
    listed = json.loads(files[PREFIX + "services.json"])["contents"]
    assert listed, "no services exported"
    for item in listed:
        errors = validate(item, "compiled/service_list.json")
        assert not errors, f"{item['name']} in services.json: {errors[:5]}"
    services = services_of(files)
    for service in services:
        errors = validate(service, "compiled/service.json")
        assert not errors, f"{service['name']}: {errors[:5]}"
    assert sorted(p for p in files if p.startswith(PREFIX + "services/")) == sorted(
        f"{PREFIX}services/{service['id']}.json" for service in services)
    terms = {term["id"] for term in json.loads(files[PREFIX + "taxonomy_terms.json"])["contents"]}
    named = {a["taxonomy_term_id"] for s in services for a in _attributes_in(s)}
    assert named <= terms, f"attributes name terms taxonomy_terms.json does not list: {sorted(named - terms)[:5]}"
    for organization in json.loads(files[PREFIX + "organizations.json"])["contents"]:
        assert not validate(organization, "compiled/organization_list.json"), organization
    for taxonomy in json.loads(files[PREFIX + "taxonomies.json"])["contents"]:
        assert not validate(taxonomy, "taxonomy.json"), taxonomy
    for term in json.loads(files[PREFIX + "taxonomy_terms.json"])["contents"]:
        assert not validate(term, "taxonomy_term.json"), term


def test_shipped_directory_validates_against_the_official_schemas(hsds_validator):
    directory = load_directory(SHIPPED_DIRECTORY)
    assert directory.published, "the shipped directory has no published listings"
    assert_valid(hsds_files(directory), hsds_validator)


def test_fixture_validates_against_the_official_schemas(fixture_files, hsds_validator):
    assert_valid(fixture_files, hsds_validator)


def test_every_nested_record_validates_against_its_own_schema(fixture_files, hsds_validator):
    schema_of = {"phones": "phone.json", "schedules": "schedule.json", "service_areas": "service_area.json",
                 "languages": "language.json", "cost_options": "cost_option.json", "contacts": "contact.json",
                 "attributes": "attribute.json"}
    for service in services_of(fixture_files):
        for key, schema in schema_of.items():
            for record in service.get(key, []):
                assert not hsds_validator(record, schema), (key, record)
        for channel in service.get("service_at_locations", []):
            assert not hsds_validator(channel["location"], "location.json")


def test_ids_are_uuid5_names_of_the_listing_ids_and_stable(hsds_fixture, fixture_files):
    services = by_listing(fixture_files)
    assert services["night-line"]["id"] == str(uuid.uuid5(NAMESPACE, "service/night-line")) \
        == listing_uuid("night-line")
    assert hsds_files(load_directory(hsds_fixture)) == fixture_files  # byte for byte, run after run
    ids = [row["id"] for name in ("services.csv", "phones.csv", "schedules.csv", "attributes.csv", "locations.csv",
                                  "languages.csv", "service_areas.csv") for row in rows(fixture_files, name)]
    assert all(uuid.UUID(i).version == 5 for i in ids)


def test_closed_listings_are_left_out_and_paused_ones_temporarily_closed(fixture_files):
    services = by_listing(fixture_files)
    assert set(services) == {"night-line", "sunset-text-line", "peer-circle", "mind-bridge"}
    assert services["peer-circle"]["status"] == "temporarily closed"
    assert services["night-line"]["status"] == "active"


def test_service_fields(fixture_files):
    service = by_listing(fixture_files)["night-line"]
    assert service["name"] == "Night Line Test"
    assert service["description"].startswith("A **test** listing")
    assert facts(service)["listing/summary"] == ["A test helpline open all night, by phone, text, chat and "
                                                 "WhatsApp."]
    assert facts(service)["listing/kind"] == ["helplines"]
    assert service["url"] == "https://nightline.example.org/"
    assert service["organization"]["name"] == "Example Trust"
    assert service["organization"]["website"] == "https://trust.example.org/"
    assert service["organization_id"] == service["organization"]["id"]
    assert service["email"] == "help@nightline.example.org"
    assert (service["minimum_age"], service["maximum_age"]) == (11, 25)
    assert service["assured_date"] == "2025-03-01"
    assert facts(service)["verified/method"] == ["called"]
    assert facts(service)["helplines/responders"] == ["volunteers", "peers"]
    assert [(c["option"], c.get("amount")) for c in service["cost_options"]] == [
        ("Free; standard call, text or data charges may apply", 0)]
    assert "standard call" in service["fees_description"]


def test_topics_and_audiences_are_attributes_against_published_terms(fixture_files):
    service = by_listing(fixture_files)["night-line"]
    terms = {t["id"]: t for t in json.loads(fixture_files[PREFIX + "taxonomy_terms.json"])["contents"]}
    topics = [terms[a["taxonomy_term_id"]]["code"] for a in service["attributes"] if a["link_type"] == "topic"]
    audiences = [terms[a["taxonomy_term_id"]]["code"] for a in service["attributes"] if a["link_type"] == "audience"]
    assert topics == ["anxiety", "loneliness"] and audiences == ["youth", "lgbtq"]
    taxonomies = {t["id"]: t["name"] for t in json.loads(fixture_files[PREFIX + "taxonomies.json"])["contents"]}
    for attribute in service["attributes"]:
        assert "taxonomy_term" not in attribute  # the term is named by its id, and listed once
        term = terms[attribute["taxonomy_term_id"]]
        assert taxonomies[term["taxonomy_id"]] == term["taxonomy"]
    assert {t["code"] for t in terms.values() if t["taxonomy"] == "Kindred topics"} >= {"anxiety", "grief-loss"}


def test_phones_keep_type_languages_keyword_and_free(fixture_files):
    service = by_listing(fixture_files)["night-line"]
    phones = {p["number"]: p for p in service["phones"]}
    assert list(phones) == ["+44 800 1111", "85258", "+44 7911 123456", "+44 808 802 5544"]
    assert phones["+44 800 1111"]["type"] == "voice"
    assert phones["+44 800 1111"]["description"] == "Free to call. Main line"
    assert phones["85258"]["type"] == "text"
    assert phones["85258"]["description"] == "Text SHOUT to 85258."
    assert facts(phones["85258"])["contact/keyword"] == ["SHOUT"]
    assert phones["+44 7911 123456"]["type"] == "cell"
    assert facts(phones["+44 7911 123456"])["contact/method"] == ["whatsapp"]
    assert [(lang["code"], lang["name"]) for lang in phones["+44 808 802 5544"]["languages"]] == [("cy", "Welsh")]


def test_links_and_contact_hours_travel_as_virtual_locations(fixture_files):
    service = by_listing(fixture_files)["night-line"]
    channels = service["service_at_locations"]
    assert [c["location"].get("url") for c in channels] == [
        "https://nightline.example.org/chat", "https://wa.me/447911123456", None]
    chat = channels[0]
    assert chat["location"]["location_type"] == "virtual"
    assert chat["location"]["description"] == "Chat with a volunteer"
    assert facts(chat["location"])["contact/method"] == ["chat"]
    assert [s["byday"] for s in chat["schedules"]] == ["MO,TU,WE,TH,FR", "SA,SU"]
    assert [p["number"] for p in channels[1]["phones"]] == ["+44 7911 123456"]  # one WhatsApp contact, both ways
    assert [p["number"] for p in channels[2]["phones"]] == ["+44 808 802 5544"]  # a phone with its own hours
    assert [(c["name"], c["email"]) for c in service["contacts"]] == [
        ("Replies within two days", "help@nightline.example.org"), ("Email", "press@nightline.example.org")]
    community = by_listing(fixture_files)["peer-circle"]
    assert [(c["location"]["name"], c["location"]["url"]) for c in community["service_at_locations"]] == [
        ("Join the community", "https://peercircle.example.net/join"), ("App", "https://peercircle.example.net/app")]


def test_schedules_follow_hsds_guidance(fixture_files):
    services = by_listing(fixture_files)
    always = services["night-line"]["schedules"]
    assert [(s["freq"], s["byday"], s["opens_at"], s["closes_at"]) for s in always] == [
        ("WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")]
    weekday, weekend = services["night-line"]["service_at_locations"][0]["schedules"]
    assert (weekday["opens_at"], weekday["closes_at"]) == ("18:00", "23:59")  # 24:00, as HSDS writes midnight
    assert (weekend["opens_at"], weekend["closes_at"]) == ("22:00", "02:00")
    assert "the next day" in weekend["description"] and "Europe/London" in weekend["description"]
    assert "timezone" not in weekend  # London changes its offset: no single number is right
    assert facts(weekend)["hours/timezone"] == ["Europe/London"]
    assert facts(weekend)["hours/closed_on"] == ["2025-12-25", "2026-01-01"]
    assert weekend["notes"] == "Reduced hours on public holidays Closed on 2025-12-25, 2026-01-01."
    india = services["mind-bridge"]["schedules"][0]
    assert india["timezone"] == 5.5 and india["byday"] == "MO,TU,WE,TH,FR,SA"


def test_service_areas_name_countries_and_regions(fixture_files):
    services = by_listing(fixture_files)
    areas = services["night-line"]["service_areas"]
    assert [(a["name"], facts(a)["area/code"]) for a in areas] == [("Scotland", ["GB-SCT"]), ("Wales", ["GB-WLS"])]
    assert [facts(a)["area/code"] for a in services["sunset-text-line"]["service_areas"]] == [["US-CA"]]
    assert [a["name"] for a in services["peer-circle"]["service_areas"]] == ["Worldwide"]
    assert [a["name"] for a in services["mind-bridge"]["service_areas"]] == ["India"]


def test_languages_keep_the_full_bcp47_tag(fixture_files):
    languages = by_listing(fixture_files)["night-line"]["languages"]
    assert [(lang["code"], lang["name"]) for lang in languages] == [
        ("en", "English"), ("cy", "Welsh"), ("pt", "Portuguese (Brazil)")]
    assert facts(languages[2])["language/tag"] == ["pt-BR"]


def test_teletherapy_price_and_kind_specific_facts(fixture_files):
    service = by_listing(fixture_files)["mind-bridge"]
    prices = [(c["option"], c["amount"], c["currency"], c["amount_description"])
              for c in service["cost_options"] if "currency" in c]
    assert prices == [("Price from", 800, "INR", "per session"), ("Price up to", 2500.5, "INR", "per session")]
    assert "From 800 to 2500.5 INR per session." in service["fees_description"]
    found = facts(service)
    assert found["teletherapy/insurance"] == ["Star Health", "ICICI Lombard"]
    assert found["teletherapy/free_trial"] == ["true"] and found["teletherapy/prescribing"] == ["false"]
    assert found["listing/cost"] == ["paid", "sliding-scale"]
    assert service["licenses"] == "Practitioners licensed in IN."
    assert service["organization"]["name"] == "Mind Bridge Health" and "website" not in service["organization"]
    short = next(p for p in service["phones"] if p["number"] == "14416")
    assert facts(short)["contact/short_code"] == ["true"]


def test_a_listing_without_organization_is_its_own(fixture_files):
    service = by_listing(fixture_files)["sunset-text-line"]
    assert service["organization"]["name"] == "Sunset Text Line"
    assert service["organization"]["website"] == "https://sunset.example.com/"


def test_tabular_form_matches_its_datapackage(fixture_files):
    package = json.loads(fixture_files[PREFIX + "csv/datapackage.json"])
    csv_names = sorted(name[len(PREFIX + "csv/"):] for name in fixture_files
                       if name.startswith(PREFIX + "csv/") and name.endswith(".csv"))
    assert sorted(r["path"] for r in package["resources"]) == csv_names
    all_ids = {r["name"]: {row["id"] for row in rows(fixture_files, r["path"])} for r in package["resources"]}
    for resource in package["resources"]:
        table = rows(fixture_files, resource["path"])
        fields = resource["schema"]["fields"]
        header = next(csv.reader(io.StringIO(fixture_files[PREFIX + "csv/" + resource["path"]].decode())))
        assert header == [f["name"] for f in fields]
        assert len({row["id"] for row in table}) == len(table), f"duplicate ids in {resource['path']}"
        for row in table:
            for f in fields:
                if f["constraints"]["required"]:
                    assert row[f["name"]], (resource["path"], f["name"], row)
                if "enum" in f["constraints"] and row[f["name"]]:
                    assert row[f["name"]] in f["constraints"]["enum"]
        for key in resource["schema"].get("foreignKeys", []):
            target = key["reference"]["resource"]
            assert target in all_ids
            for row in table:
                if row[key["fields"]]:
                    assert row[key["fields"]] in all_ids[target], (resource["path"], key["fields"])
    phone = next(r for r in rows(fixture_files, "phones.csv") if r["number"] == "+44 808 802 5544")
    assert phone["service_id"] and phone["service_at_location_id"]  # listed by the service and in its channel


def test_tables_match_the_official_schemas():
    need_shared()
    for table in TABLES.values():
        schema = json.loads((SCHEMAS / f"{table.name}.json").read_text(encoding="utf-8"))
        assert schema["path"] == table.path
        columns = [(k, v.get("datapackage_type") or ("datetime" if v.get("format") == "date-time" else v["type"]))
                   for k, v in schema["properties"].items() if v.get("type") not in ("array", "object")
                   and "$ref" not in v]
        assert [(c.name, c.type) for c in table.columns] == columns, table.name
        required = set(schema.get("required", [])) | set(schema.get("tabular_required", []))
        assert {c.name for c in table.columns if c.required} == required, table.name
        assert {c.name: c.enum for c in table.columns if c.enum} == \
            {k: tuple(v["enum"]) for k, v in schema["properties"].items() if "enum" in v}, table.name


def test_datapackage_drops_keys_to_tables_not_published():
    package = datapackage(["services.csv", "organizations.csv"])
    service = next(r for r in package["resources"] if r["name"] == "service")
    assert service["schema"]["foreignKeys"] == [
        {"fields": "organization_id", "reference": {"resource": "organization", "fields": "id"}}]
    assert package["profile"] == "tabular-data-package"


def test_published_paths_and_export_folder(hsds_fixture, fixture_files, tmp_path):
    assert all(name.startswith("api/hsds/") for name in fixture_files)
    for name in ("index.json", "services.json", "organizations.json", "taxonomies.json", "taxonomy_terms.json",
                 "csv/datapackage.json", "csv/services.csv", "csv/phones.csv", "csv/schedules.csv",
                 "csv/attributes.csv", "csv/taxonomy_terms.csv", "README.md"):
        assert PREFIX + name in fixture_files
    assert json.loads(fixture_files[PREFIX + "index.json"])["version"] == "3.0"
    written = export_hsds(load_directory(hsds_fixture), tmp_path / "out")
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in written) == sorted(fixture_files)
    assert all(p.read_bytes() == fixture_files[p.relative_to(tmp_path / "out").as_posix()] for p in written)


def test_the_validator_rejects_what_hsds_rejects(hsds_validator):
    """The schema check is not a formality: these would all be published wrongly."""
    good = {"id": listing_uuid("example"), "name": "Example", "status": "active"}
    assert hsds_validator(good, "compiled/service.json") == []
    for bad in ({"status": "open"}, {"id": "example"}, {"colour": "red"}, {"url": "not a web address"},
                {"schedules": [{"id": listing_uuid("x"), "freq": "DAILY"}]}, {"email": "nobody"}):
        assert hsds_validator({**good, **bad}, "compiled/service.json"), bad


def test_every_listing_field_has_a_place_in_hsds():
    """A field added to the contract must be mapped here (and in content/open-data/hsds.md) before it ships."""
    from generator.exports.hsds.terms import KIND_FIELDS
    from generator.models import KIND_MODELS, Listing

    mapped = {"name", "summary", "description", "website", "organization", "countries", "regions", "languages",
              "topics", "audiences", "age", "cost", "contacts", "hours", "status", "verified", "sources",
              "unconfirmed", "written_in", "translations"}
    assert set(Listing.model_fields) == mapped
    for kind, model in KIND_MODELS.items():
        assert set(model.model_fields) - set(Listing.model_fields) - {"price"} == set(KIND_FIELDS[kind]), kind


def test_every_contact_method_has_a_place_in_hsds():
    from generator.exports.hsds.contacts import CHANNEL_NAMES, PHONE_TYPES
    from generator.models.vocab import CONTACT_METHODS

    assert set(CONTACT_METHODS) == set(PHONE_TYPES) | set(CHANNEL_NAMES) | {"email"}


@pytest.mark.parametrize("count", [0, 1, 3])
def test_services_json_from_encoded_services_is_the_page_as_encoded_whole(fixture_files, count):
    from generator.exports.hsds.export import page, page_json, service_list_item, to_json

    services = services_of(fixture_files)[:count]
    assert page_json([to_json(service) for service in services]) == to_json(page(services))
    whole = json.loads(fixture_files[PREFIX + "services.json"])
    assert whole == page([service_list_item(service) for service in services_of(fixture_files)])
    assert fixture_files[PREFIX + "services.json"] == to_json(whole)
    for service in services_of(fixture_files):
        assert fixture_files[f"{PREFIX}services/{service['id']}.json"] == to_json(service)
        # The list form: the service's own fields, without the records it holds.
        item = service_list_item(service)
        assert {"phones", "schedules", "attributes", "service_at_locations"}.isdisjoint(item)
        assert item["name"] == service["name"] and item["organization"] == service["organization"]


def _written(directory, cache) -> dict[str, bytes]:
    from generator.exports.hsds.export import write_hsds
    from generator.site_plan import DataGroup

    return DataGroup("HSDS", PREFIX, lambda open_file: write_hsds(directory, open_file, cache)).files()


def test_the_csv_tables_from_each_service_are_the_tables_from_the_whole_dataset(hsds_fixture):
    from generator.exports.hsds.export import hsds_dataset
    from generator.exports.hsds.tabular import csv_files

    directory = load_directory(hsds_fixture)
    files = hsds_files(directory)
    tables = csv_files(hsds_dataset(directory))
    assert {path: files[f"{PREFIX}csv/{path}"] for path in tables} == tables
    assert sorted(p for p in files if p.startswith(PREFIX + "csv/") and p.endswith(".csv")) == sorted(
        f"{PREFIX}csv/{path}" for path in tables)


def test_each_services_part_comes_from_the_cache_when_nothing_it_depends_on_changed(hsds_fixture, tmp_path):
    from generator.render_cache import Cache

    directory = load_directory(hsds_fixture)
    clean = hsds_files(directory)
    cache = Cache("hsds", tmp_path / "cache")
    assert _written(directory, cache) == clean and cache.hits == 0
    count = cache.misses
    assert count == len(directory.published)
    again = Cache("hsds", tmp_path / "cache")
    assert _written(directory, again) == clean and (again.hits, again.misses) == (count, 0)

    # An edited listing: its part is made again; so is every part whose organization now names it.
    listing = next(r for r in directory.published if r.listing.organization is None)
    listing.path.write_text(listing.path.read_text(encoding="utf-8").replace(
        f"name: {listing.listing.name}", f"name: {listing.listing.name} renamed"), encoding="utf-8")
    edited = load_directory(hsds_fixture)
    after = Cache("hsds", tmp_path / "cache")
    assert _written(edited, after) == hsds_files(edited)
    assert after.misses == 1 and after.hits == count - 1

    # Damaged entries are not used: the export is the same as without a cache.
    from generator.render_cache import pack_entries

    for pack in (tmp_path / "cache" / "hsds").rglob("*.pack"):
        data = bytearray(pack.read_bytes())
        for _, offset, size in pack_entries(pack):
            data[offset + size - 3] ^= 0xFF  # each entry's content, its lengths left as they were
        pack.write_bytes(bytes(data))
    damaged = Cache("hsds", tmp_path / "cache")
    assert _written(edited, damaged) == hsds_files(edited) and damaged.hits == 0 and damaged.refused == count
