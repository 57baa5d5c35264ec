"""One build, every language (generator/mkdocs_plugin/languages.py): the sites at /<code>/, their pages'
languages and alternates, articles by suffix with an English fallback, one api/, and failures that publish
nothing."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from mkdocs.exceptions import Abort
from test_plugin import run_build, snapshot

from generator.i18n import _, use_language

TRANSLATED_HOME = """---
translation: "Test fixture; not reviewed."
---

# Sitio de prueba

Lee la [guía](guides/grief.md) o usa el [buscador](find.md).
"""


@pytest.fixture
def multilingual(project):
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config.replace("directory: directory", "directory: directory\n      languages: [es, de]"))
    (project.content / "index.es.md").write_text(TRANSLATED_HOME, encoding="utf-8")
    return project


def html_lang(path) -> str:
    return re.search(r'<html lang="([^"]+)"', path.read_text(encoding="utf-8")).group(1)


def test_each_language_is_a_site_in_its_folder_with_its_lang(multilingual):
    run_build(multilingual)
    site = multilingual.site
    assert html_lang(site / "index.html") == "en"
    assert html_lang(site / "es" / "index.html") == "es" and html_lang(site / "de" / "index.html") == "de"
    assert "Sitio de prueba" in (site / "es" / "index.html").read_text(encoding="utf-8")
    # Material's own strings follow the language (its search box), and the page's dir is set.
    assert 'placeholder="Búsqueda"' in (site / "es" / "index.html").read_text(encoding="utf-8")
    assert 'placeholder="Suche"' in (site / "de" / "find" / "index.html").read_text(encoding="utf-8")
    # Generated pages exist in every language, with the same paths.
    english_pages = {p.relative_to(site).as_posix() for p in site.glob("helplines/*/index.html")}
    assert english_pages == {p.relative_to(site / "es").as_posix() for p in (site / "es").glob("helplines/*/index.html")}


def test_one_api_folder_serves_every_language(multilingual):
    run_build(multilingual)
    assert (multilingual.site / "api" / "listings.json").is_file()
    assert not (multilingual.site / "es" / "api").exists() and not (multilingual.site / "de" / "api").exists()


SITE_URL = "https://kindred.example.org/"  # the fixture's site_url (conftest.py)


def sitemap_alternates(sitemap) -> dict[str, dict[str, str]]:
    """loc → {hreflang: address} for every page a sitemap file lists."""
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    return {
        url.findtext("s:loc", namespaces=names): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link[@rel='alternate']", names)
        }
        for url in ElementTree.parse(sitemap).getroot().findall("s:url", names)
    }


def test_every_language_sitemap_lists_each_page_in_every_language(multilingual):
    run_build(multilingual)
    site_url = SITE_URL
    pages = (("", "guides/grief/"), ("es/", "guides/grief/"), ("de/", "helplines/"), ("es/", ""),
             ("de/", "helplines/fixture-helpline/"))
    for root, page in pages:
        alternates = sitemap_alternates(multilingual.site / root / "sitemap-languages.xml")[site_url + root + page]
        assert alternates == {
            "en": site_url + page,
            "es": site_url + "es/" + page,
            "de": site_url + "de/" + page,
            "x-default": site_url + page,
        }
        for href in alternates.values():  # every alternate is a page of the built site
            assert (multilingual.site / href.removeprefix(site_url) / "index.html").is_file(), href
    for root in ("", "es/", "de/"):  # the same pages as the sitemap Material reads, which has no alternates
        plain = (multilingual.site / root / "sitemap.xml").read_text(encoding="utf-8")
        assert set(sitemap_alternates(multilingual.site / root / "sitemap-languages.xml")) == set(
            re.findall(r"<loc>([^<]*)</loc>", plain)
        )
        assert "hreflang" not in plain
    index = (multilingual.site / "sitemap-index.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>([^<]*)</loc>", index) == [
        site_url + root + "sitemap-languages.xml" for root in ("", "es/", "de/")
    ]


def test_pages_switch_language_without_head_alternates(multilingual):
    run_build(multilingual)
    page = multilingual.site / "es" / "guides" / "grief" / "index.html"
    text = page.read_text(encoding="utf-8")
    # Material fetches a sitemap.xml beside every <link rel="alternate">: none in <head>, they are in the sitemaps.
    assert not re.search(r'<link[^>]*rel="alternate"', text)
    switcher = re.findall(r'class="md-select__link" href="([^"]+)" hreflang="([^"]+)" lang="[^"]+" target="_self"', text)
    assert {lang for _, lang in switcher} == {"en", "es", "de"}
    for href, _lang in switcher:
        assert (page.parent / href / "index.html").resolve().is_file(), href
    assert (page.parent / dict((lang, href) for href, lang in switcher)["en"]).resolve() == (
        multilingual.site / "guides" / "grief"
    ).resolve()


def test_an_untranslated_article_is_english_with_a_note(multilingual):
    run_build(multilingual)
    text = (multilingual.site / "de" / "guides" / "grief" / "index.html").read_text(encoding="utf-8")
    assert 'class="kd-untranslated"' in text
    assert re.search(r'<div lang="en" dir="ltr">\s*<h1', text)
    spanish_home = (multilingual.site / "es" / "index.html").read_text(encoding="utf-8")
    assert "kd-untranslated" not in spanish_home
    assert "kd-untranslated" not in (multilingual.site / "guides" / "grief" / "index.html").read_text(encoding="utf-8")
    # The translation is not published as a page of its own in any language.
    assert not list(multilingual.site.rglob("index.es/index.html"))


def test_nav_titles_and_generated_pages_are_in_the_page_language(multilingual):
    run_build(multilingual)
    with use_language("de"):
        find_support, helplines = _("Find support"), _("Helplines")
    assert find_support != "Find support" and helplines != "Helplines"  # the German catalogue has them
    finder = (multilingual.site / "de" / "find" / "index.html").read_text(encoding="utf-8")
    assert f"<title>{find_support} - " in finder  # the generated page's title
    assert f'<span class="md-ellipsis">\n    {helplines}' in finder or f">{helplines}<" in finder.replace("\n", "").replace("  ", "")


def test_a_broken_link_in_a_translation_fails_the_whole_build_and_publishes_nothing(multilingual):
    run_build(multilingual)
    before = snapshot(multilingual.site)
    (multilingual.content / "guides" / "grief.de.md").write_text("# Trauer\n\n[kaputt](nowhere.md)\n", encoding="utf-8")
    with pytest.raises(Abort):
        run_build(multilingual)
    assert snapshot(multilingual.site) == before


def test_an_unknown_language_code_is_refused_by_name(project, caplog):
    config = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(config.replace("directory: directory", "directory: directory\n      languages: [es, qq-zz]"))
    with pytest.raises(Abort):
        run_build(project)
    assert "languages: `qq-zz` is not a language CLDR knows" in caplog.text
    assert not project.site.exists()
