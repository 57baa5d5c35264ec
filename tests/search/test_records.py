"""The finder's listing records and find/listings.json (generator/search/records.py, finder_files.py), and the
browser's decoding of them (decodeData in generator/assets/finder/records.js, run by Node)."""

from __future__ import annotations

import json

import pytest

from generator.search.finder_files import finder_files, listings_bytes, listings_data, shared_lists
from generator.search.records import listing_record, ordered_records


def record_of(directory, listing_id):
    return next(r for r in directory.records if r.id == listing_id)


@pytest.fixture(scope="module")
def data(finder_directory):
    return listings_data(finder_directory, "hash", 123)


def test_helpline_record(finder_directory):
    record = listing_record(record_of(finder_directory, "finder-day-line"))
    assert record == {
        "id": "finder-day-line",
        "k": "helplines",
        "n": "Finder Day Line",
        "s": "Someone to talk to any day, about suicidal thoughts or feeling alone.",
        "sv": "crisis",
        "tp": ["suicidal-thoughts", "loneliness"],
        "au": ["everyone"],
        "co": ["GB"],
        "la": ["en"],
        "cs": ["free"],
        "cm": ["phone", "text"],
        "a": [["phone", "Call 116 123", "tel:116123", 0], ["sms", "Text DAY to 85258", "sms:85258?body=DAY", 0]],
        "h": [{"always": True}],
        "ao": 1,
    }


def test_hours_from_contacts_and_overnight(finder_directory):
    text = listing_record(record_of(finder_directory, "finder-self-harm-text"))
    assert text["h"] == [
        {"always": True},
        {
            "always": False,
            "tz": "Europe/London",
            "closed": [],
            "weekly": [{"days": ["mo", "tu", "we", "th", "fr"], "opens": "18:00", "closes": "23:00"}],
        },
    ]
    assert text["ao"] == 1  # texting is 24/7 even though chat is not
    night = listing_record(record_of(finder_directory, "finder-night-owl"))
    assert night["h"][0]["weekly"][0] == {
        "days": ["mo", "tu", "we", "th", "fr", "sa", "su"],
        "opens": "22:00",
        "closes": "06:00",
    }
    assert night["h"][0]["closed"] == ["2026-12-24"] and "ao" not in night
    assert "h" not in listing_record(record_of(finder_directory, "finder-gamblers-forum"))


def test_kind_facets(finder_directory):
    forum = listing_record(record_of(finder_directory, "finder-gamblers-forum"))
    assert (forum["mod"], forum["anon"], forum["acc"], forum["cm"]) == (
        "trained-peer",
        "anonymous",
        "sign-up",
        ["join"],
    )
    video = listing_record(record_of(finder_directory, "finder-calm-video"))
    assert video["mode"] == ["video", "messaging"] and video["ins"] == 1 and video["ft"] == 1
    assert video["rg"] == ["US-CA"] and video["cs"] == ["paid", "insurance"]
    budget = listing_record(record_of(finder_directory, "finder-budget-therapy"))
    assert "ins" not in budget and "ft" not in budget  # insurance: false, free_trial: false
    assert listing_record(record_of(finder_directory, "finder-paused-line"))["st"] == "paused"


def test_contact_methods_are_normalised(finder_directory):
    ayuda = listing_record(record_of(finder_directory, "finder-linea-ayuda"))
    assert ayuda["cm"] == ["phone", "whatsapp"]
    assert ayuda["a"][1] == ["whatsapp", "Message on WhatsApp", "https://wa.me/525512345678", 1]
    chat = listing_record(record_of(finder_directory, "finder-worldwide-chat"))
    assert chat["cm"] == ["chat", "email"] and chat["co"] == ["worldwide"]


def test_published_order_and_closed_left_out(finder_directory, data):
    ids = data["listings"]["id"]
    assert "finder-closed-line" not in ids
    assert ids[-1] == "finder-paused-line"  # paused listings last, as on the site's own pages
    assert ids == [r.id for r in ordered_records(finder_directory)]
    assert len(ids) == len(finder_directory.published) == 14


def test_filter_options(data):
    facets = data["facets"]
    assert [v for v, _ in facets["kind"]] == ["helplines", "communities", "teletherapy"]
    assert facets["country"][0] == ["worldwide", "Worldwide services"]
    assert [v for v, _ in facets["country"][1:]] == ["AU", "CA", "IE", "MX", "ES", "GB", "US"]  # by name
    assert dict(facets["language"])["es"] == "Spanish" and "es-mx" not in dict(facets["language"])
    assert [v for v, _ in facets["contact"]] == ["phone", "text", "whatsapp", "chat", "email", "video", "app", "join"]
    assert facets["open"] == [["now", "Open now"], ["24-7", "Open 24/7"]]
    assert data["countries"]["worldwide"] == "Worldwide" and data["countries"]["GB"] == "United Kingdom"


def test_browser_decodes_what_python_encodes(lunr_js, finder_directory, data):
    decoded = {listing["id"]: listing for listing in lunr_js("decode", data=data)}
    for record in ordered_records(finder_directory):
        full = listing_record(record)
        got = decoded[record.id]
        assert got["kind"] == full["k"] and got["name"] == full["n"] and got["summary"] == full["s"]
        assert got["topics"] == full["tp"] and got["audiences"] == full["au"] and got["costs"] == full["cs"]
        assert got["contacts"] == full["cm"] and got["countries"] == full["co"] and got["languages"] == full["la"]
        assert [[a["method"], a["label"], a["href"], int(a["external"])] for a in got["actions"]] == full["a"]
        assert got["hours"] == full.get("h", [])
        assert got["always"] == bool(full.get("ao")) and got["paused"] == (full.get("st") == "paused")
        assert got["moderation"] == full.get("mod") and got["modalities"] == full.get("mode", [])
        assert got["insurance"] == bool(full.get("ins")) and got["trial"] == bool(full.get("ft"))
        assert got["service"] == full.get("sv") and got["regions"] == full.get("rg", [])
    # The name order the ranking ends on: by name ignoring case, then id, as ranking.py sorts.
    by_name = sorted(ordered_records(finder_directory), key=lambda r: (r.listing.name.casefold(), r.id))
    assert sorted(decoded.values(), key=lambda listing: listing["nameRank"]) == [decoded[r.id] for r in by_name]


def test_canonical_urls(lunr_js, data):
    searches = [
        "?topic=anxiety&kind=helplines",
        "?kind=teletherapy&kind=helplines&q=day",
        "?country=gb&country=worldwide",
        "?language=es-MX&open=now&open=24-7",
        "?utm_source=x",
        "",
        "?kind=helplines,communities",
        "?q=+",
    ]
    assert lunr_js("url", searches=searches, data=data) == [
        "?kind=helplines&topic=anxiety",
        "?q=day&kind=helplines&kind=teletherapy",
        "?country=worldwide&country=GB",
        "?language=es-mx&open=now&open=24-7",
        "",
        "",
        "?kind=helplines&kind=communities",
        "",
    ]


def test_finder_files(tmp_path, monkeypatch, finder_directory):
    monkeypatch.setenv("KINDRED_CACHE_DIR", str(tmp_path))
    files = finder_files(finder_directory)
    listings = json.loads(files.listings)
    index = json.loads(files.index)
    assert listings["index"] == {"hash": index["hash"], "bytes": len(files.index)}
    assert index["count"] == len(listings["listings"]["id"])
    assert listings["format"] == "kindred-finder-4" and index["format"] == "kindred-lunr-2"
    # Columns: one value per listing in every column, 0 where a listing has nothing.
    assert {len(column) for column in listings["listings"].values()} == {14}
    assert listings["listings"]["st"].count("paused") == 1 and listings["listings"]["st"].count(0) == 13


def test_lists_many_listings_share_are_sent_once():
    columns = {"id": ["a", "b", "c", "d"], "co": [["GB"], ["US", "GB"], ["GB"], 0], "la": [[], ["en"], [], ["en"]]}
    listings, lists = shared_lists(columns)
    assert lists == {"co": [["GB"], ["US", "GB"]], "la": [[], ["en"]]}
    assert listings == {"id": ["a", "b", "c", "d"], "co": [1, 2, 1, 0], "la": [1, 2, 1, 2]}
    # Read back, each listing has its own list again (0: none).
    for name in ("co", "la"):
        assert [lists[name][n - 1] if n else 0 for n in listings[name]] == columns[name]


def test_listings_file_is_ascii_when_few_characters_are_not(data):
    # A few accented names among many listings: all ASCII (the browser reads that faster), the same JSON value.
    few = {**data, "listings": {**data["listings"], "n": ["Zoë Line"] + ["Day Line"] * 200}}
    written = listings_bytes(few)
    assert written.isascii() and b"\\u00eb" in written
    assert json.loads(written) == few
    # Mostly another script: kept as UTF-8, which is smaller than escapes.
    many = {**data, "listings": {**data["listings"], "s": ["Γραμμή υποστήριξης για όλους"] * 50}}
    written = listings_bytes(many)
    assert not written.isascii() and "Γραμμή".encode() in written
    assert json.loads(written) == many
    # With nothing outside ASCII it is what it always was.
    plain = {**data, "listings": {**data["listings"], "n": ["Day Line"]}}
    assert listings_bytes(plain) == json.dumps(plain, separators=(",", ":")).encode()


def test_regions_and_help_travel_with_the_listings(data, shipped_directory):
    from generator.directory import load_directory

    assert data["regions"] == {"US-CA": "California"} and data["help"] == {}  # the fixture has no profiles
    shipped = load_directory(shipped_directory)
    written = listings_data(shipped, "hash", 1)
    gb = written["help"]["GB"]
    assert gb["e"][0] == ["999", "tel:999", "Police, fire, ambulance and coastguard"]
    assert gb["s"] == [[m for m in group] for group in shipped.countries["GB"].profile.start_groups()]
    assert set(written["help"]) == set(shipped.countries)
    assert written["regions"]["GB-SCT"] == "Scotland"


def test_only_safe_links_reach_the_finder(finder_directory):
    for record in finder_directory.published:
        for _, _, href, _ in listing_record(record)["a"]:
            assert href.split(":")[0] in ("https", "http", "tel", "sms", "mailto")
