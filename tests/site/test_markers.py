"""`<!-- kindred:listings topic=grief-loss kind=communities -->` in articles (generator/site/markers.py).

The plugin-level behaviour (cards rendered in the page, a bad marker failing the build with file:line) is
tested in tests/mkdocs_plugin/test_plugin.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.directory import load_directory
from generator.site.markers import MARKER, parse_marker, select
from generator.site.view import build_view

FIXTURE_DIRECTORY = Path(__file__).resolve().parents[1] / "fixtures" / "site_directory"


@pytest.fixture(scope="module")
def directory():
    return load_directory(FIXTURE_DIRECTORY)


@pytest.fixture(scope="module")
def taxonomy(directory):
    return directory.taxonomy


@pytest.fixture(scope="module")
def views(directory):
    return [build_view(r, directory.taxonomy) for r in directory.published]


def chosen_ids(text, taxonomy, views):
    marker, problems = parse_marker(text, taxonomy)
    assert problems == []
    return [v.id for v in select(marker, views)]


# -- finding markers ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, args", [
    ("<!-- kindred:listings topic=grief-loss kind=communities -->", " topic=grief-loss kind=communities "),
    ("<!--kindred:listings kind=helplines-->", " kind=helplines"),
    ("<!-- kindred:listings -->", " "),
    ("<!--\n  kindred:listings\n  topic=anxiety\n-->", "\n  topic=anxiety\n"),
])
def test_marker_is_found(text, args):
    match = MARKER.search(f"before\n{text}\nafter")
    assert match is not None and match.group("args") == args


@pytest.mark.parametrize("text", [
    "<!-- a plain comment -->",
    "<!-- kindred:listingsx topic=anxiety -->",
    "kindred:listings topic=anxiety",
    "<!-- kindred:other topic=anxiety -->",
])
def test_other_text_is_not_a_marker(text):
    assert MARKER.search(text) is None


# -- parsing --------------------------------------------------------------------------------------------------------
def test_parse_valid_marker(taxonomy):
    marker, problems = parse_marker(" topic=grief-loss,loneliness kind=communities country=gb limit=3 ", taxonomy)
    assert problems == []
    assert marker.filters == {"topic": ("grief-loss", "loneliness"), "kind": ("communities",), "country": ("GB",)}
    assert marker.limit == 3


@pytest.mark.parametrize("args, expected", [
    ("topic=grief-los", "topic `grief-los` is unknown; did you mean `grief-loss`?"),
    ("kind=helpline", "kind `helpline` is unknown; did you mean `helplines`?"),
    ("audience=youths", "audience `youths` is unknown; did you mean `youth`?"),
    ("cost=fre", "cost `fre` is unknown; did you mean `free`?"),
    ("topc=anxiety", ("`topc=anxiety` is not key=value with a key among kind, topic, audience, country, cost, "
                      "limit; did you mean `topic`?")),
    ("topic", "`topic` is not key=value"),
    ("topic=", "`topic=` is not key=value"),
    ("limit=0", "limit `0` should be a whole number above 0"),
    ("limit=five", "limit `five` should be a whole number above 0"),
])
def test_parse_bad_marker_explains(taxonomy, args, expected):
    marker, problems = parse_marker(args, taxonomy)
    assert marker is None
    assert len(problems) == 1
    assert expected in problems[0]


def test_every_problem_is_reported(taxonomy):
    marker, problems = parse_marker("topic=nope kind=nope limit=x", taxonomy)
    assert marker is None and len(problems) == 3


# -- selecting ------------------------------------------------------------------------------------------------------
def test_keys_are_anded(taxonomy, views):
    assert chosen_ids("topic=grief-loss kind=communities", taxonomy, views) == ["fixture-forum"]


def test_values_of_one_key_are_ored(taxonomy, views):
    ids = chosen_ids("kind=communities,teletherapy", taxonomy, views)
    assert sorted(ids) == ["fixture-forum", "fixture-signposting-group", "fixture-therapy"]


def test_country_filter_includes_worldwide_services(taxonomy, views):
    ids = chosen_ids("country=us", taxonomy, views)
    assert sorted(ids) == ["fixture-always-open", "fixture-forum"]  # the forum is worldwide


def test_closed_listings_are_never_chosen(taxonomy, views):
    assert "fixture-closed-line" not in chosen_ids("kind=helplines", taxonomy, views)


def test_order_active_first_then_crisis_lines_then_name(taxonomy, views):
    ids = chosen_ids("kind=helplines", taxonomy, views)
    # the crisis line leads; the paused line goes last
    assert ids == ["fixture-always-open", "fixture-helpline", "fixture-paused-line"]


def test_limit(taxonomy, views):
    assert chosen_ids("kind=helplines limit=1", taxonomy, views) == ["fixture-always-open"]


def test_no_match_is_empty(taxonomy, views):
    assert chosen_ids("topic=gambling", taxonomy, views) == []


SHIPPED_DIRECTORY = Path(__file__).resolve().parents[2] / "directory"
MARKERS = ["", "kind=helplines", "topic=grief-loss kind=communities", "kind=communities,teletherapy", "country=us",
           "country=gb,au kind=helplines limit=3", "cost=free topic=anxiety", "audience=youth limit=2",
           "audience=lgbtq", "topic=gambling", "country=us topic=anxiety,grief-loss kind=helplines,communities"]


@pytest.mark.parametrize("directory_path", [FIXTURE_DIRECTORY, SHIPPED_DIRECTORY], ids=["fixture", "shipped"])
def test_the_index_selects_what_select_does(directory_path):
    from generator.site.markers import MarkerIndex

    loaded = load_directory(directory_path)
    views = [build_view(r, loaded.taxonomy) for r in loaded.published]
    index = MarkerIndex(views)
    for text in MARKERS:
        marker, problems = parse_marker(text, loaded.taxonomy)
        if problems:  # a value this directory's taxonomy does not have
            continue
        assert [v.id for v in index.select(marker)] == [v.id for v in select(marker, views)], text
