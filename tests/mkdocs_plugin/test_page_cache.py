"""Listing pages from the build's cache (generator/site/page_cache.py, generator/render_cache.py): a build that
finds every page there writes the same bytes as a clean one; a page is rendered again when anything that goes
into it changes (its listing, the taxonomy, the code, the page language, its catalogue, the site's settings);
an entry that is damaged, or made for another page, is never used."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import render_cache
from generator.render_cache import pack_entries

PACKAGE = Path(__file__).resolve().parents[2] / "generator"


@pytest.fixture
def cached(bilingual):
    """The fixture project in two languages, with a cache of its own."""
    return bilingual


def build_into(project, name: str) -> tuple[Path, dict[str, tuple[int, int]]]:
    """Build the project into <root>/<name>; (site, {language: (cache hits, cache misses)})."""
    site = project.root / name
    config = load_config(str(project.config_file), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    plugin = config.plugins["kindred"]
    return site, {writer.language: (writer.cache_hits, writer.cache_misses) for writer in plugin.page_writers}


def listing_count(project) -> int:
    from generator.directory import load_directory

    return len(load_directory(project.directory).published)


def assert_same_sites(one: Path, other: Path) -> None:
    files = {str(p.relative_to(one)) for p in one.rglob("*") if p.is_file()}
    assert files == {str(p.relative_to(other)) for p in other.rglob("*") if p.is_file()}
    assert [f for f in sorted(files) if not filecmp.cmp(one / f, other / f, shallow=False)] == []


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_a_build_from_the_cache_is_a_clean_build(cached, monkeypatch):
    n = listing_count(cached)
    cold, first = build_into(cached, "cold")
    assert first == {"en": (0, n), "es": (0, n)}  # each language's pages are its own entries
    warm, second = build_into(cached, "warm")
    assert second == {"en": (n, 0), "es": (n, 0)}
    assert_same_sites(cold, warm)
    monkeypatch.setenv("KINDRED_CACHE", "0")
    clean, off = build_into(cached, "clean")
    assert off == {"en": (0, 0), "es": (0, 0)}
    assert_same_sites(clean, warm)


def test_an_edited_listing_is_rendered_again_and_only_it(cached):
    n = listing_count(cached)
    build_into(cached, "first")
    listing = cached.listing("helplines/fixture-helpline")
    listing.write_text(listing.read_text(encoding="utf-8").replace(
        "A test listing with weekday hours", "An edited listing with weekday hours"), encoding="utf-8")
    site, counts = build_into(cached, "second")
    assert counts == {"en": (n - 1, 1), "es": (n - 1, 1)}
    assert "An edited listing with weekday hours" in page(site, "helplines/fixture-helpline")
    assert "An edited listing with weekday hours" in page(site, "es/helplines/fixture-helpline")


@pytest.mark.parametrize("change", ["taxonomy", "code", "repo_url", "report_email"])
def test_what_every_listing_page_shows_renders_them_all_again(cached, monkeypatch, change):
    n = listing_count(cached)
    build_into(cached, "first")
    if change == "taxonomy":
        taxonomy = cached.directory / "taxonomy.yaml"
        taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace('label: "Loneliness"', 'label: "Alone"'),
                            encoding="utf-8")
    elif change == "code":  # a template or any code changed: the package's fingerprint (test_render_cache.py)
        monkeypatch.setattr(render_cache, "code_fingerprint", lambda: "another version of the code")
        import generator.site.page_cache as page_cache

        monkeypatch.setattr(page_cache, "code_fingerprint", lambda: "another version of the code")
    else:
        config = cached.config_file.read_text(encoding="utf-8")
        if change == "repo_url":
            config = config.replace("kindred-directory/kindred", "someone-else/kindred-fork")
        else:
            config = config.replace("directory: directory", "directory: directory\n      report_email: r@example.org")
        cached.config_file.write_text(config, encoding="utf-8")
    site, counts = build_into(cached, "second")
    assert counts == {"en": (0, n), "es": (0, n)}
    if change == "taxonomy":
        assert re.search(r'topics/loneliness/">Alone</a>', page(site, "helplines/fixture-helpline"))


def test_a_changed_catalogue_renders_its_language_again(cached, monkeypatch, tmp_path):
    from generator.i18n import catalogues

    n = listing_count(cached)
    locale = tmp_path / "locale"
    shutil.copytree(PACKAGE / "locale", locale)
    monkeypatch.setattr(catalogues, "LOCALE_DIR", locale)
    caches = (catalogues.load_catalogue, catalogues.translations, catalogues.browser_catalogue,
              render_cache.catalogue_digest)
    for function in caches:
        function.cache_clear()
    build_into(cached, "first")
    po = locale / "es" / "LC_MESSAGES" / "kindred.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Cómo contactar"', 'msgstr "Cómo llegar a ellos"'),
                  encoding="utf-8")
    for function in caches:
        function.cache_clear()
    try:
        site, counts = build_into(cached, "second")
    finally:
        for function in caches:
            function.cache_clear()
    assert counts == {"en": (n, 0), "es": (0, n)}
    assert "Cómo llegar a ellos" in page(site, "es/helplines/fixture-helpline")


def test_a_page_shows_how_old_its_verification_is_today(cached):
    from dataclasses import replace

    from generator.directory import load_directory
    from generator.site.page_cache import ListingPageCache
    from generator.site.pages import listing_views

    directory = load_directory(cached.directory)
    view = next(v for v in listing_views(directory) if v.verified)
    pages = ListingPageCache(directory)
    keys = {pages.key(replace(view, freshness=tier), "../../") for tier in ("current", "old", "outdated")}
    assert len(keys) == 3 and pages.key(view, "../") != pages.key(view, "../../")


@pytest.mark.parametrize("damage", ["garbled", "swapped"])
def test_damaged_or_foreign_entries_are_never_published(cached, damage):
    n = listing_count(cached)
    clean, _ = build_into(cached, "clean")
    packs = sorted((Path(cached.root.parent) / "cache" / "listing-pages").rglob("*.pack"))
    entries = [(pack, offset, size) for pack in packs for _, offset, size in pack_entries(pack)]
    assert len(entries) == 2 * n
    for pack in packs:
        data = pack.read_bytes()
        records = [data[offset : offset + size] for _, offset, size in pack_entries(pack)]
        if damage == "garbled":  # a byte of each entry's content changed, its lengths left as they were
            records = [record[:-3] + bytes([record[-3] ^ 0xFF]) + record[-2:] for record in records]
        else:  # each entry's content under the next entry's header, its stored length made to fit
            bodies = [record.partition(b"\n")[2] for record in records]
            records = [b" ".join([*record.partition(b"\n")[0].split(b" ")[:6], str(len(body)).encode()]) + b"\n" + body
                       for record, body in zip(records, bodies[1:] + bodies[:1])]
        pack.write_bytes(b"".join(records))
    site, counts = build_into(cached, "again")
    assert counts == {"en": (0, n), "es": (0, n)}
    assert_same_sites(clean, site)
    _, repaired = build_into(cached, "repaired")
    assert repaired == {"en": (n, 0), "es": (n, 0)}
