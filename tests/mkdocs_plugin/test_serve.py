"""`mkdocs serve` rebuilds (generator/mkdocs_plugin/serving.py): after a save, the served folder is what a fresh
serve build of the directory as it is now gives, byte for byte, and only the pages that show what changed (the
listing, the pages that list it, the data files) were written again, in every language."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import forked

SERVE_URL = "http://127.0.0.1:8000/"


@pytest.fixture
def served(bilingual):
    """The fixture project in two languages, served from its own folder."""
    return bilingual


def serve_build(project, site: Path, *, first: bool):
    """What `mkdocs serve` runs: on_startup once, then a fresh config and build() for every rebuild."""
    config = load_config(str(project.config_file), site_dir=str(site))
    config.site_url = SERVE_URL
    if first:
        config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=SERVE_URL, dirty=False)
    return config.plugins["kindred"]


def files_of(site: Path) -> dict[str, tuple[int, int]]:
    """Every file, with its inode and modification time (a file written again has new ones)."""
    found = {}
    for path in site.rglob("*"):
        if path.is_file():
            info = path.stat()
            found[str(path.relative_to(site))] = (info.st_ino, info.st_mtime_ns)
    return found


def assert_same_sites(one: Path, other: Path) -> None:
    names = {str(p.relative_to(one)) for p in one.rglob("*") if p.is_file()}
    assert names == {str(p.relative_to(other)) for p in other.rglob("*") if p.is_file()}
    assert [n for n in sorted(names) if not filecmp.cmp(one / n, other / n, shallow=False)] == []


def rewritten(before: dict, after: dict) -> set[str]:
    return {name for name, stamp in after.items() if before.get(name) != stamp}


@pytest.mark.parametrize("workers", [True, False], ids=["workers", "one-process"])
def test_an_edited_listing_rebuilds_its_page_the_pages_listing_it_and_the_data(served, tmp_path, monkeypatch, workers):
    monkeypatch.setattr(forked, "ENABLED", workers)
    site = tmp_path / "served"
    serve_build(served, site, first=True)
    before = files_of(site)
    assert "helplines/fixture-helpline/index.html" in before and "es/helplines/fixture-helpline/index.html" in before

    listing = served.listing("helplines/fixture-helpline")
    listing.write_text(listing.read_text(encoding="utf-8").replace(
        "A test listing with weekday hours", "An edited listing with weekday hours"), encoding="utf-8")
    plugin = serve_build(served, site, first=False)
    assert plugin.reader.read == 1
    after = files_of(site)
    assert set(after) == set(before)
    changed = rewritten(before, after)
    plugin_pages = {name for name in changed if name.endswith("index.html")}
    for language in ("", "es/"):
        assert f"{language}helplines/fixture-helpline/index.html" in changed
        assert f"{language}helplines/fixture-always-open/index.html" not in changed  # another listing
        assert f"{language}topics/loneliness/index.html" in changed  # lists it
        assert f"{language}topics/anxiety/index.html" not in changed  # does not
        assert f"{language}find/listings.json" in changed
    assert "api/listings.json" in changed
    # The summary is in the full service (services/<id>.json), not in services.json's short form, where
    # this listing's description stands.
    assert "api/hsds/services.json" not in changed
    assert "An edited listing with weekday hours" in (site / "es/helplines/fixture-helpline/index.html").read_text()
    # Nothing else of the plugin's: its pages are the listing's, and pages of cards that show it.
    listing_pages = {n for n in plugin_pages if n.count("/") == 2 + n.startswith("es/")
                     and n.split("/")[-3] in ("helplines", "communities", "teletherapy")}
    assert listing_pages == {"helplines/fixture-helpline/index.html", "es/helplines/fixture-helpline/index.html"}
    changed_services = [n for n in changed if n.startswith("api/hsds/services/")]
    assert len(changed_services) == 1

    # The served folder is what a fresh build of the directory as it is now serves.
    fresh = tmp_path / "fresh"
    serve_build(served, fresh, first=False)
    assert_same_sites(site, fresh)


def test_a_new_and_a_removed_listing(served, tmp_path):
    site = tmp_path / "served"
    serve_build(served, site, first=True)
    listing = served.listing("helplines/fixture-helpline")
    copy = served.directory / "helplines" / "fixture-helpline-two.yaml"
    copy.write_text(listing.read_text(encoding="utf-8").replace("example.org/fixture-helpline",
                                                                 "example.org/fixture-helpline-two"), encoding="utf-8")
    (served.directory / "teletherapy" / "fixture-therapy.yaml").unlink()
    serve_build(served, site, first=False)
    assert (site / "helplines" / "fixture-helpline-two" / "index.html").is_file()
    assert (site / "es" / "helplines" / "fixture-helpline-two" / "index.html").is_file()
    assert not (site / "teletherapy" / "fixture-therapy").exists() or not any(
        (site / "teletherapy" / "fixture-therapy").iterdir())
    assert not (site / "es" / "teletherapy" / "fixture-therapy" / "index.html").exists()
    fresh = tmp_path / "fresh"
    serve_build(served, fresh, first=False)
    assert {p for p in files_of(site)} == {p for p in files_of(fresh)}
    assert_same_sites(site, fresh)


def test_a_changed_article_title_rewrites_every_page(served, tmp_path):
    """Every page's nav names the articles: a new title is on every page, listing pages included."""
    site = tmp_path / "served"
    serve_build(served, site, first=True)
    before = files_of(site)
    article = served.content / "guides" / "grief.md"
    text = article.read_text(encoding="utf-8")
    first_line = text.splitlines()[0]
    assert first_line.startswith("# ")
    article.write_text(text.replace(first_line, "# A renamed guide", 1), encoding="utf-8")
    serve_build(served, site, first=False)
    changed = rewritten(before, files_of(site))
    assert "helplines/fixture-helpline/index.html" in changed and "es/topics/anxiety/index.html" in changed
    assert "A renamed guide" in (site / "helplines" / "fixture-helpline" / "index.html").read_text(encoding="utf-8")
    assert "api/hsds/services.json" not in changed  # the data did not change
    fresh = tmp_path / "fresh"
    serve_build(served, fresh, first=False)
    assert_same_sites(site, fresh)


def test_a_failed_rebuild_leaves_the_served_site_as_it_was(served, tmp_path):
    from mkdocs.exceptions import Abort

    site = tmp_path / "served"
    serve_build(served, site, first=True)
    before = files_of(site)
    listing = served.listing("helplines/fixture-helpline")
    listing.write_text(listing.read_text(encoding="utf-8").replace("cost: free", "cost: cheap"), encoding="utf-8")
    with pytest.raises(Abort):
        serve_build(served, site, first=False)
    assert files_of(site) == before
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".kindred-serve-")] == []
    assert os.path.isdir(site)
