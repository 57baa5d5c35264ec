"""`mkdocs build --strict` of the shipped repository (mkdocs.yml, content/, directory/) into a scratch folder:
it passes, and every listing, browse page and data file is where the site links to it."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from mkdocs.config import load_config

from generator.directory import load_directory
from generator.models import KINDS

ROOT = Path(__file__).resolve().parents[2]
REPO = "https://github.com/kindred-directory/kindred"


@pytest.fixture(scope="module")
def shipped():
    return load_directory(ROOT / "directory")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("shipped-build") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(target)],
        cwd=ROOT, check=False, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def read(site: Path, relative: str) -> str:
    return (site / relative).read_text(encoding="utf-8")


def test_strict_build_passes_and_leaves_no_staging(site):
    assert (site / "index.html").is_file()
    assert [p.name for p in site.parent.iterdir() if "kindred-" in p.name] == []


def test_theme_fonts_are_off():
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config.theme["font"] is False


def test_every_published_listing_has_its_page(site, shipped):
    assert shipped.published, "the shipped directory is empty"
    for record in shipped.records:
        page = site / record.kind / record.id / "index.html"
        assert page.is_file() == record.published, record.key


def edit_link(page: str) -> str:
    [href] = re.findall(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon" rel="edit">', page)
    return html.unescape(href)


def test_listing_edit_links_point_at_the_yaml_file(site, shipped):
    for record in shipped.published:
        page = read(site, f"{record.kind}/{record.id}/index.html")
        assert edit_link(page) == f"{REPO}/edit/main/directory/{record.kind}/{record.id}.yaml", record.key


def test_article_edit_links_point_at_the_markdown(site):
    assert edit_link(read(site, "guides/help-now/index.html")) == f"{REPO}/edit/main/content/guides/help-now.md"


@pytest.mark.parametrize("page", ["helplines/index.html", "topics/anxiety/index.html", "countries/gb/index.html",
                                  "find/index.html"])
def test_generated_browse_pages_have_no_edit_link(site, page):
    # They have no source file: an edit link would lead to a 404 on GitHub.
    assert 'rel="edit"' not in read(site, page)


def test_report_links_open_the_form_for_that_listing(site, shipped):
    for record in shipped.published:
        page = read(site, f"{record.kind}/{record.id}/index.html")
        [href] = [html.unescape(h) for h in re.findall(r'href="([^"]*/issues/new\?[^"]*)"', page)]
        parts = urlsplit(href)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/issues/new"
        query = parse_qs(parts.query)
        assert query["template"] == ["report-a-problem.yml"], record.key
        assert query["listing"] == [f"{record.kind}/{record.id}"], record.key
        assert f"template=report-a-problem.yml&listing={record.kind}%2F{record.id}" in href


def test_listing_pages_carry_json_ld(site, shipped):
    for record in shipped.published:
        page = read(site, f"{record.kind}/{record.id}/index.html")
        [body] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
        assert page.index("application/ld+json") < page.index("</head>"), record.key
        data = json.loads(body)
        assert data["@type"] == "Service" and data["name"] == record.listing.name, record.key


def test_browse_pages_exist_and_the_navigation_links_them(site, shipped):
    for kind in KINDS:
        assert (site / kind / "index.html").is_file()
    for topic in shipped.taxonomy.topics:
        assert (site / "topics" / topic / "index.html").is_file(), topic
    countries = {c for r in shipped.published for c in r.listing.countries if c != "worldwide"}
    for country in countries:
        assert (site / "countries" / country.lower() / "index.html").is_file(), country
    home = read(site, "index.html")
    for target in ("helplines/", "communities/", "teletherapy/", "topics/", "countries/", "find/"):
        assert re.search(rf'<a href="(\./)?{target}" class="md-nav__link', home), target


def test_open_data_files(site, shipped):
    pytest.importorskip("generator.exports.open_data", reason="the open-data exporter is not in this checkout")
    data = json.loads(read(site, "api/listings.json"))
    listed = {(item["kind"], item["id"]) for item in data["listings"]}
    assert listed == {(r.kind, r.id) for r in shipped.published}
    for kind in KINDS:
        rows = list(csv.DictReader(io.StringIO(read(site, f"api/{kind}.csv"))))
        assert {row["id"] for row in rows} == {r.id for r in shipped.published if r.kind == kind}, kind


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_has_the_csp_crisis_line_and_quick_exit(site):
    pages = html_pages(site)
    assert len(pages) > 100
    for path in pages:
        page = path.read_text(encoding="utf-8")
        [csp] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
        if path.name == "404.html":  # a light page of its own: no scripts at all, the crisis line and a way out
            assert csp.startswith("default-src 'none'") and "<script" not in page, path
            assert re.search(r'href="[^"]*help/"', page) and re.search(r'<a href="https://[^"]+" rel="noreferrer">', page), path
            continue
        assert "default-src 'self'" in csp and "script-src 'self';" in csp, path
        assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0], path
        assert 'class="kd-crisis"' in page, path
        assert re.search(r'<a class="kd-quick-exit" href="https://[^"]+" data-kd-quick-exit', page), path


def test_no_page_loads_anything_from_another_host(site):
    for path in html_pages(site):
        page = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in page and "fonts.gstatic" not in page, path
        for tag in re.findall(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", page):
            for url in re.findall(r'\b(?:src|href|srcset)="([^"]*)"', tag):
                if tag.startswith("<link") and re.search(r'rel="(canonical|alternate)"', tag):
                    continue  # not fetched
                assert not re.match(r"(https?:)?//", url), (path, tag)


def test_no_inline_script_runs(site):
    # script-src 'self' would block it anyway (a console error); the site must not depend on one.
    for path in html_pages(site):
        page = path.read_text(encoding="utf-8")
        for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.DOTALL):
            if "src=" in attrs:
                continue
            assert re.search(r'type="application/(ld\+)?json"', attrs), (path, attrs, body[:80])
