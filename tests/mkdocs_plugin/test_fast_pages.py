"""The pages the plugin writes itself, by worker processes (generator/mkdocs_plugin/fast_pages.py, data_files.py,
generator/forked.py): the same bytes as written in one process, errors and the size budget stop the build in a
worker too, and MkDocs still resolves links to those pages and lists them in its sitemap."""

from __future__ import annotations

import filecmp
import os
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator import forked
from generator.forked import cpu_count
from generator.site import render

ROOT = Path(__file__).resolve().parents[2]
needs_two_cores = pytest.mark.skipif(cpu_count() < 2, reason="worker processes need two cores")


@pytest.fixture(autouse=True)
def forks_beside_idle_test_servers(monkeypatch):
    """The build forks only when it is alone in its process (as `mkdocs build` is). Earlier tests in a whole
    run leave idle local servers in threads of this process: count them out, or nothing here would fork."""
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)


def _build(config_file: Path, site_dir: Path, monkeypatch, *, parallel: bool, **overrides):
    with monkeypatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        patch.setattr(forked, "ENABLED", parallel)
        config = load_config(str(config_file), site_dir=str(site_dir), **overrides)
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return config.plugins["kindred"]


def _tree(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()}


@needs_two_cores
def test_worker_processes_write_the_same_site_as_one_process(tmp_path, monkeypatch):
    monkeypatch.setenv("KINDRED_CACHE_DIR", str(tmp_path / "cache"))
    serial = tmp_path / "serial"
    _build(ROOT / "mkdocs.yml", serial, monkeypatch, parallel=False)
    plugin = _build(ROOT / "mkdocs.yml", tmp_path / "parallel", monkeypatch, parallel=True)
    assert all(len(writer.written) for writer in plugin.page_writers)
    files = _tree(serial)
    assert files == _tree(tmp_path / "parallel")
    assert len([f for f in files if f.startswith("es/helplines/")]) > 10  # every language's pages
    different = [f for f in sorted(files) if not filecmp.cmp(serial / f, tmp_path / "parallel" / f, shallow=False)]
    assert different == []


@needs_two_cores
def test_the_parallel_build_really_forks(project, monkeypatch, tmp_path):
    monkeypatch.setenv("KINDRED_CACHE_DIR", str(tmp_path / "cache"))
    pids = set()
    original = render.render_listing_page

    def recording(view, *, base):
        pids.add(os.getpid())
        return original(view, base=base)

    from generator.site import pages

    monkeypatch.setattr(pages, "render_listing_page", recording)
    _build(project.config_file, project.site, monkeypatch, parallel=True)
    # Each worker records in its own memory: what comes back here is only what this process rendered itself
    # (the pages built as MkDocs does, to check the shells are not among them: they run in the workers too).
    assert os.getpid() not in pids
    assert (project.site / "helplines" / "fixture-helpline" / "index.html").is_file()


def _failing_for(listing_id: str):
    original = render.render_listing_page

    def render_or_fail(view, *, base):
        if view.id == listing_id:
            raise RuntimeError(f"cannot render {listing_id}")
        return original(view, base=base)

    return render_or_fail


@pytest.mark.parametrize("parallel", [True, False], ids=["workers", "one-process"])
def test_an_error_in_a_worker_stops_the_build_and_keeps_the_last_good_site(project, monkeypatch, tmp_path, parallel):
    monkeypatch.setenv("KINDRED_CACHE_DIR", str(tmp_path / "cache"))
    project.site.mkdir()
    (project.site / "marker.txt").write_text("last good site")
    from generator.site import pages

    monkeypatch.setattr(pages, "render_listing_page", _failing_for("fixture-helpline"))
    with pytest.raises(RuntimeError, match="cannot render fixture-helpline"):
        _build(project.config_file, project.site, monkeypatch, parallel=parallel)
    assert (project.site / "marker.txt").read_text() == "last good site"
    assert [p.name for p in project.root.iterdir() if "kindred-staging" in p.name] == []


@pytest.mark.parametrize("parallel", [True, False], ids=["workers", "one-process"])
def test_the_size_budget_stops_workers_too(project, monkeypatch, tmp_path, parallel, caplog):
    monkeypatch.setenv("KINDRED_CACHE_DIR", str(tmp_path / "cache"))
    config = project.config_file.read_text(encoding="utf-8")
    # Room for the theme's files (2.8 MB), the data files and a few pages, not for every page (3.8 MB in all).
    budget = "directory: directory\n      max_site_mb: 3.3"
    project.config_file.write_text(config.replace("directory: directory", budget), encoding="utf-8")
    with pytest.raises(Abort):
        _build(project.config_file, project.site, monkeypatch, parallel=parallel)
    [message] = [r.getMessage() for r in caplog.records if "larger than its budget" in r.getMessage()]
    assert "budget of 3.3 MB" in message
    assert not project.site.exists()
    assert [p.name for p in project.root.iterdir() if "kindred-staging" in p.name] == []


def test_links_to_the_plugins_pages_resolve_and_its_pages_are_in_the_sitemap(project, monkeypatch, tmp_path):
    monkeypatch.setenv("KINDRED_CACHE_DIR", str(tmp_path / "cache"))
    (project.content / "guides" / "links.md").write_text(
        "# Links\n\n[a helpline](../helplines/fixture-helpline.md) and [grief](../topics/grief-loss.md#top)\n",
        encoding="utf-8",
    )
    config = project.config_file.read_text(encoding="utf-8")
    nav = "      - guides/grief.md\n      - guides/links.md"
    project.config_file.write_text(config.replace("      - guides/grief.md", nav) + "strict: true\n", encoding="utf-8")
    _build(project.config_file, project.site, monkeypatch, parallel=True)  # strict: a link not found would stop it
    page = (project.site / "guides" / "links" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../helplines/fixture-helpline/"' in page and 'href="../../topics/grief-loss/#top"' in page
    # Every page in sitemap.xml (Material's instant navigation takes over only the links it lists), by address
    # only; the index names it for search engines (generator/mkdocs_plugin/sitemaps.py).
    sitemap = (project.site / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<url><loc>https://kindred\.example\.org/([^<]*)</loc></url>", sitemap)
    pages = {p.parent.relative_to(project.site).as_posix() + "/" for p in project.site.rglob("index.html")}
    pages = {"" if page == "./" else page for page in pages}
    assert sorted(listed) == sorted(pages) and len(listed) == sitemap.count("<url>")
    assert {"helplines/fixture-helpline/", "topics/grief-loss/", "guides/links/", "find/"} <= set(listed)
    assert "<lastmod>" not in sitemap and "xhtml" not in sitemap
    index = (project.site / "sitemap-index.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>([^<]*)</loc>", index) == ["https://kindred.example.org/sitemap.xml"]
    assert not (project.site / "sitemap-languages.xml").exists()  # one language: no alternates to list


def test_the_budget_says_each_language_is_a_whole_copy(project, monkeypatch, tmp_path, caplog):
    monkeypatch.setenv("KINDRED_CACHE_DIR", str(tmp_path / "cache"))
    config = project.config_file.read_text(encoding="utf-8")
    budget = "directory: directory\n      languages: [es, de]\n      max_site_mb: 5"
    project.config_file.write_text(config.replace("directory: directory", budget), encoding="utf-8")
    with pytest.raises(Abort):
        _build(project.config_file, project.site, monkeypatch, parallel=True)
    [message] = [r.getMessage() for r in caplog.records if "larger than its budget" in r.getMessage()]
    assert "Each of the site's 3 languages is a whole copy of its pages" in message
