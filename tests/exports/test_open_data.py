"""Open data files: listings.json and one CSV per kind."""

from __future__ import annotations

import csv
import io
import json

import pytest

from generator.directory import load_directory
from generator.exports.open_data import (
    csv_columns,
    export_open_data,
    open_data_files,
    safe_cell,
)

TRICKY = """\
name: "=HYPERLINK(\\"https://evil.example\\",\\"click\\")"
summary: "+1 reasons to call: \\"quotes\\", commas, and more"
description: |
  First line with "quotes", a comma.
  -Second line starts with a dash.
website: https://tricky.example.org/
countries: [GB]
languages: [en]
topics: [anxiety]
cost: free
service: support
responders: [volunteers, professionals]
contacts:
  - method: phone
    number: "+44 800 068 4141"
  - method: email
    address: help@tricky.example.org
confidentiality: "@risk: they may call 999 if a life is in danger."
"""

CLOSED = """\
name: Closed Line
summary: This service has closed.
website: https://closed.example.org/
countries: [GB]
languages: [en]
topics: [anxiety]
cost: free
status: closed
contacts:
  - method: email
    address: old@closed.example.org
"""


@pytest.fixture
def directory(make_directory, valid_listings):
    root = make_directory({**valid_listings, "helplines/tricky.yaml": TRICKY, "helplines/closed-line.yaml": CLOSED})
    loaded = load_directory(root)
    assert loaded.ok, loaded.problems.sorted()
    return loaded


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_file_names(directory):
    assert sorted(open_data_files(directory)) == ["api/communities.csv", "api/helplines.csv", "api/listings.json",
                                                  "api/teletherapy.csv"]


def test_listings_json(directory):
    data = json.loads(open_data_files(directory)["api/listings.json"])
    assert data["schema_version"] == "1.0" and data["generated_from"] == "kindred"
    assert data["count"] == 5 == len(data["listings"])
    keys = [(item["kind"], item["id"]) for item in data["listings"]]
    assert keys == [("helplines", "crisis-text-line"), ("helplines", "samaritans"), ("helplines", "tricky"),
                    ("communities", "side-by-side"), ("teletherapy", "calm-harbor")]
    assert "closed-line" not in json.dumps(data)

    by_id = {item["id"]: item for item in data["listings"]}
    samaritans = by_id["samaritans"]
    assert samaritans["url"] == "/helplines/samaritans/"
    assert samaritans["cost"] == ["free"] and samaritans["hours"] == "24/7"
    assert samaritans["audiences"] == ["everyone"] and samaritans["verified"] is None
    assert samaritans["sources"] == [] and samaritans["unconfirmed"] == []
    assert samaritans["contacts"] == [{"method": "phone", "number": "116 123", "free": True, "tel": "tel:116123"}]
    assert samaritans["service"] == "support" and samaritans["responders"] == ["volunteers"]

    text_line = by_id["crisis-text-line"]["contacts"]
    assert text_line[0] == {"method": "sms", "number": "741741", "keyword": "HOME", "hours": "24/7",
                            "sms": "sms:741741?body=HOME"}
    assert text_line[1]["hours"]["timezone"] == "America/New_York"
    assert text_line[1]["hours"]["closed_on"] == ["2026-12-25"]
    assert "always" not in text_line[1]["hours"]

    therapy = by_id["calm-harbor"]
    assert therapy["price"] == {"from": 80, "to": 150, "currency": "USD", "per": "session"}
    assert therapy["verified"] == {"date": "2025-01-15", "method": "website", "by": "Kindred volunteers",
                                   "source": "https://calmharbor.example.com/pricing"}
    assert therapy["insurance"] == ["Aetna", "Cigna"] and therapy["licensed_in"] == ["US-CA", "US-NY"]
    assert therapy["contacts"][2]["tel"] == "tel:+14155552671"
    community = by_id["side-by-side"]
    assert community["crisis_signposting"] is True and community["organization"] == {
        "name": "Mind", "url": "https://www.mind.org.uk/"}
    for item in data["listings"]:
        assert list(item)[:5] == ["id", "kind", "url", "name", "summary"]


def test_bytes_are_deterministic(directory, make_directory, valid_listings):
    first = open_data_files(directory)
    again = open_data_files(load_directory(directory.root))
    assert first == again
    assert first["api/listings.json"].endswith(b"\n")


def test_csv_rows_headers_and_escaping(directory):
    files = open_data_files(directory)
    helplines = read_csv(files["api/helplines.csv"])
    assert [row["id"] for row in helplines] == ["crisis-text-line", "samaritans", "tricky"]
    assert list(helplines[0]) == csv_columns("helplines")
    assert csv_columns("helplines")[-3:] == ["service", "responders", "confidentiality"]
    assert csv_columns("teletherapy")[-7:-3] == ["price_from", "price_to", "price_currency", "price_per"]

    samaritans = helplines[1]
    assert samaritans["countries"] == "GB; IE" and samaritans["topics"] == "suicidal-thoughts; loneliness; depression"
    assert samaritans["contacts"] == "phone: 116 123" and samaritans["hours"] == "24/7"
    assert helplines[0]["contacts"] == "sms: 741741 (text HOME) | chat: https://www.crisistextline.org/text-us/"

    tricky = helplines[2]
    assert tricky["name"] == "'=HYPERLINK(\"https://evil.example\",\"click\")"
    assert tricky["summary"] == "'+1 reasons to call: \"quotes\", commas, and more"
    assert tricky["description"] == "First line with \"quotes\", a comma.\n-Second line starts with a dash."
    assert tricky["contacts"] == "phone: +44 800 068 4141 | email: help@tricky.example.org"
    assert tricky["confidentiality"] == "'@risk: they may call 999 if a life is in danger."
    assert tricky["responders"] == "volunteers; professionals"
    assert "closed-line" not in files["api/helplines.csv"].decode()

    therapy = read_csv(files["api/teletherapy.csv"])[0]
    assert (therapy["price_from"], therapy["price_to"], therapy["price_currency"]) == ("80", "150", "USD")
    assert therapy["verified_date"] == "2025-01-15" and therapy["free_trial"] == "false"
    assert therapy["hours"] == "" and therapy["age_min"] == "18"


def test_csv_is_rfc4180_and_utf8(make_directory, valid_listings):
    text = valid_listings["helplines/samaritans.yaml"].replace("name: Samaritans", "name: Samaritáns “ünïcode”")
    directory = load_directory(make_directory({"helplines/samaritans.yaml": text}))
    raw = open_data_files(directory)["api/helplines.csv"]
    assert raw.startswith(b"id,url,name,")
    assert b"\r\n" in raw and not raw.startswith(b"\xef\xbb\xbf")
    assert "Samaritáns “ünïcode”" in raw.decode("utf-8")


@pytest.mark.parametrize("value, shown", [
    ("=1+1", "'=1+1"), ("+44 800", "'+44 800"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("plain", "plain"), ("a=b", "a=b"), ("", ""),
])
def test_safe_cell(value, shown):
    assert safe_cell(value) == shown


def test_export_open_data_writes_the_chosen_format(directory, tmp_path):
    written = export_open_data(directory, tmp_path / "out", "csv")
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in written) == [
        "api/communities.csv", "api/helplines.csv", "api/teletherapy.csv"]
    written = export_open_data(directory, tmp_path / "out", "json")
    assert [p.name for p in written] == ["listings.json"]
    assert (tmp_path / "out/api/listings.json").read_bytes() == open_data_files(directory)["api/listings.json"]
    with pytest.raises(ValueError):
        export_open_data(directory, tmp_path, "xml")


def test_listings_json_says_where_the_facts_come_from(make_directory, valid_listings):
    listings = dict(valid_listings)
    listings["helplines/samaritans.yaml"] += (
        "sources:\n  - url: https://www.samaritans.org/how-we-can-help/contact-samaritan/\n    read: 2026-01-10\n"
        "    supports: [contacts, cost]\n    note: States 116 123 is free.\nunconfirmed: [hours]\n")
    data = json.loads(open_data_files(load_directory(make_directory(listings)))["api/listings.json"])
    samaritans = next(item for item in data["listings"] if item["id"] == "samaritans")
    assert samaritans["sources"] == [{"url": "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
                                      "read": "2026-01-10", "supports": ["contacts", "cost"],
                                      "note": "States 116 123 is free."}]
    assert samaritans["unconfirmed"] == ["hours"]


def _payload(directory) -> dict:
    from generator.exports.open_data import SCHEMA_VERSION, listing_json, published_records

    listings = [listing_json(r) for r in published_records(directory)]
    return {"schema_version": SCHEMA_VERSION, "generated_from": "kindred", "count": len(listings),
            "listings": listings}


def test_streamed_listings_json_is_the_whole_payload_one_listing_a_line(directory, make_directory):
    for source in (directory, load_directory(make_directory({}))):
        text = open_data_files(source)["api/listings.json"].decode("utf-8")
        payload = _payload(source)
        assert json.loads(text) == payload
        assert text.endswith("}\n")
        # The payload is indented; each listing is one line of its own, in order.
        lines = [line.rstrip(",") for line in text.split("\n") if line.startswith("    {")]
        assert [json.loads(line) for line in lines] == payload["listings"]
        assert text.count("\n") == (len(lines) + 7 if lines else 6)
    empty = load_directory(make_directory({}))
    assert json.loads(open_data_files(empty)["api/listings.json"])["listings"] == []
