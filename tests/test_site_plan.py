"""What the site contains (generator/site_plan.py): every generated page and data file, with its path, from one
plan that the MkDocs adapter only copies into the build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.directory import load_directory
from generator.site_plan import FINDER_DATA, FINDER_INDEX, plan_site

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def plan():
    directory = load_directory(FIXTURES / "site_directory")
    assert directory.ok, directory.problems
    return plan_site(directory, repo_url="https://github.com/x/y", page_size=2, site_url="https://example.org/")


@pytest.fixture(scope="module")
def data_files(plan, tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("KINDRED_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    try:
        return plan.data_files
    finally:
        mp.undo()


def test_pages_come_in_a_fixed_order_listings_then_the_finder_then_browse_pages(plan):
    uris = [page.src_uri for page in plan.pages]
    listings = [f"{view.kind}/{view.id}.md" for view in plan.views]
    assert uris[:len(listings)] == listings
    assert uris[len(listings)] == "find.md"
    assert {"helplines/index.md", "topics/index.md", "countries/index.md"} <= set(uris[len(listings) + 1:])
    assert len(uris) == len(set(uris))


def test_closed_listings_get_no_page(plan):
    assert "fixture-closed-line" not in {view.id for view in plan.views}
    assert "helplines/fixture-closed-line.md" not in {page.src_uri for page in plan.pages}


def test_the_finder_page_loads_the_data_files_the_plan_publishes(plan, data_files):
    finder = next(page for page in plan.pages if page.src_uri == "find.md")
    html = finder.render("../")
    assert f'data-data-url="../{FINDER_DATA}"' in html
    assert f'data-index-url="../{FINDER_INDEX}"' in html
    assert {FINDER_DATA, FINDER_INDEX} <= set(data_files)
    listings = json.loads(data_files[FINDER_DATA])
    assert listings["listings"]["id"] == [view.id for view in plan.views]


def test_data_files_hold_open_data_hsds_and_the_finder_and_no_page_shares_a_path(plan, data_files):
    assert {"api/listings.json", "api/helplines.csv", "api/hsds/services.json"} <= set(data_files)
    assert all(isinstance(content, bytes) and content for content in data_files.values())
    page_outputs = {page.src_uri.removesuffix(".md") + "/index.html" for page in plan.pages}
    assert not page_outputs & set(data_files)


def test_data_files_are_worked_out_once(plan, data_files):
    assert plan.data_files is data_files
