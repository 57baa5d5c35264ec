"""The plugin's render caches change nothing in the output.

Cards are rendered once per build (generator/site/render.py CardCache), generated pages outside the nav
are written by the plugin with the theme's page template rendered once per folder (generator/mkdocs_plugin/
fast_pages.py, theme_cache.py), and pages without Markdown skip the Markdown converter
(generator/mkdocs_plugin/generated_pages.py). Whole builds with all of that on and off (every page built by
MkDocs) must be byte-for-byte the same, for the shipped site, for a fixture whose listing names hold markup
characters and for a theme override that prints more of the page. (Here the plugin's pages are written in
this process, so the shells can be looked at; test_fast_pages.py compares that with worker processes.)
"""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.mkdocs_plugin import fast_pages, generated_pages, theme_cache
from generator.site import render

ROOT = Path(__file__).resolve().parents[2]


def _build(config_file: Path, site_dir: Path, monkeypatch, *, cached: bool):
    with monkeypatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the sitemap's dates and gzip header
        patch.setattr(theme_cache, "ENABLED", cached)
        patch.setattr(generated_pages, "ENABLED", cached)
        patch.setattr(fast_pages, "ENABLED", cached)
        patch.setattr(fast_pages, "WORKERS", 1)  # the shells stay in this process, for the checks below
        if not cached:
            patch.setattr(render.CardCache, "card", lambda self, view, base, level: render.environment()
                          .get_template("_card.html").module.card(view, base, level))
        config = load_config(str(config_file), site_dir=str(site_dir))
        build(config)
    return config.plugins["kindred"]


def _files(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()}


def _assert_identical(plain: Path, cached: Path) -> None:
    assert _files(plain) == _files(cached)
    different = [name for name in sorted(_files(plain)) if not filecmp.cmp(plain / name, cached / name, shallow=False)]
    assert different == []


def _assert_caches_used(plugin) -> None:
    writers = plugin.page_writers
    assert writers, "no page was written by the plugin"
    pages = sum(len(writer.written) for writer in writers)
    hits = sum(writer.shells.hits for writer in writers)
    assert pages >= len(plugin.views)  # at least every listing's page, in each language built
    assert hits > pages / 2
    assert sum(writer.shells.misses for writer in writers) < hits


def test_shipped_site_is_the_same_with_and_without_caches(tmp_path, monkeypatch):
    plain = tmp_path / "plain"
    _build(ROOT / "mkdocs.yml", plain, monkeypatch, cached=False)
    plugin = _build(ROOT / "mkdocs.yml", tmp_path / "cached", monkeypatch, cached=True)
    _assert_identical(plain, tmp_path / "cached")
    _assert_caches_used(plugin)


def test_names_with_markup_come_out_the_same(project, tmp_path, monkeypatch):
    listing = project.listing("helplines/fixture-helpline")
    text = listing.read_text(encoding="utf-8")
    listing.write_text(re.sub(r"(?m)^name: .*$", 'name: "Tom & Jerry\'s <Line> \\"24/7\\""', text), encoding="utf-8")
    plain = tmp_path / "plain"
    _build(project.config_file, plain, monkeypatch, cached=False)
    plugin = _build(project.config_file, tmp_path / "cached", monkeypatch, cached=True)
    _assert_identical(plain, tmp_path / "cached")
    assert "Tom &amp; Jerry" in (tmp_path / "cached" / "helplines" / "fixture-helpline" / "index.html").read_text()
    _assert_caches_used(plugin)


def _override(project, tmp_path, files: dict[str, str]) -> None:
    overrides = tmp_path / "overrides"
    for name, text in files.items():
        (overrides / name).parent.mkdir(parents=True, exist_ok=True)
        (overrides / name).write_text(text, encoding="utf-8")
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(re.sub(r"custom_dir: .*", f"custom_dir: {overrides}", config), encoding="utf-8")


NAV_WITH_URL = '{% if page %}<nav data-url="{{ page.url }}">{{ page.title }}</nav>{% endif %}\n'


@pytest.mark.parametrize("files, value", [
    ({"partials/nav.html": NAV_WITH_URL}, "content"),  # caught by also rendering a folder's first pages as usual
    ({"partials/footer.html": "{% if page %}<footer>{{ page.meta.title | upper }}</footer>{% endif %}\n"},
     "meta.title"),
    ({"partials/footer.html": "{% if page %}<footer>{{ page.meta.description | e }}</footer>{% endif %}\n"},
     "meta.description"),
    ({"partials/footer.html": "{% if page %}<footer>{{ page.content | length }}</footer>{% endif %}\n"},
     "content"),
], ids=["page-url", "upper-title", "escaped-description", "content-length"])
def test_a_theme_that_uses_the_page_otherwise_is_rendered_as_usual(files, value, project, tmp_path, monkeypatch):
    _override(project, tmp_path, files)
    plain = tmp_path / "plain"
    _build(project.config_file, plain, monkeypatch, cached=False)
    plugin = _build(project.config_file, tmp_path / "cached", monkeypatch, cached=True)
    _assert_identical(plain, tmp_path / "cached")
    if files.get("partials/nav.html") == NAV_WITH_URL:
        page = (tmp_path / "cached" / "helplines" / "fixture-helpline" / "index.html").read_text(encoding="utf-8")
        assert '<nav data-url="helplines/fixture-helpline/">Fixture Listening Line</nav>' in page
    # Every shape of page that has the value is turned down, unless its only page was checked against the
    # usual rendering anyway (shapes without the value may be reused).
    [writer] = plugin.page_writers
    shells = writer.shells
    affected = [shape for shape in shells.shells if value in shape[2]]
    assert affected
    assert all(shells.shells[shape] is None or shells.checked[shape] < theme_cache.VERIFY for shape in affected)
    assert sum(shells.shells[shape] is None for shape in affected) > len(affected) / 2


def test_a_theme_that_prints_values_twice_still_gets_shells(project, tmp_path, monkeypatch):
    _override(project, tmp_path, {
        "partials/footer.html": "{% if page %}<footer>{{ page.meta.title }} · {{ page.meta.title }} · "
                                "{{ page.edit_url }}</footer>{% endif %}\n",
    })
    plain = tmp_path / "plain"
    _build(project.config_file, plain, monkeypatch, cached=False)
    plugin = _build(project.config_file, tmp_path / "cached", monkeypatch, cached=True)
    _assert_identical(plain, tmp_path / "cached")
    _assert_caches_used(plugin)


@pytest.mark.parametrize("views", [0, 1, 7])
def test_cached_cards_match_the_template(views):
    from generator.directory import load_directory
    from generator.site_plan import plan_site

    all_views = plan_site(load_directory(ROOT / "directory"), repo_url="https://github.com/x/y").views
    chosen = all_views[:views] + all_views[-views:] if views else []
    cache = render.CardCache()
    for base in ("", "../", "../../../"):
        for level in (2, 3):
            want = render.render_cards(chosen, base=base, heading_level=level)
            assert render.render_cards(chosen, base=base, heading_level=level, cache=cache) == want
            assert render.render_cards(chosen, base=base, heading_level=level, cache=cache) == want


@pytest.mark.parametrize("markdown", ["", "\n", "  \n\n", "# Title\n\nText [link](#x).\n"])
def test_generated_page_renders_as_page_does(markdown, project):
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    config = load_config(str(project.config_file))
    (project.content / "x.md").write_text(markdown, encoding="utf-8")
    pages = []
    for cls in (Page, generated_pages.GeneratedPage):
        file = File("x.md", src_dir=str(project.content), dest_dir=config.site_dir, use_directory_urls=True)
        page = cls(None, file, config)
        page.read_source(config)
        page.render(config, None)
        pages.append(page)
    plain, generated = (dict(vars(page)) for page in pages)
    for attrs in (plain, generated):
        attrs.pop("file")
        attrs["toc"] = [(item.title, item.url) for item in attrs["toc"]]
        if attrs.get("links_to_anchors"):
            attrs["links_to_anchors"] = {f.src_uri: links for f, links in attrs["links_to_anchors"].items()}
    assert generated == plain
