"""The addresses of a page in every language (generator/i18n/alternates.py), for the switcher and the sitemaps."""

from __future__ import annotations

from generator.i18n.alternates import alternates, site_root_url, sitemap_alternates
from generator.i18n.languages import language

LANGUAGES = (language("en"), language("es"), language("pt-BR"))


def test_the_site_root_is_found_from_any_language_site_url():
    assert site_root_url("https://example.org/kindred/es/", language("es")) == "https://example.org/kindred/"
    assert site_root_url("https://example.org/kindred/pt-br", language("pt-BR")) == "https://example.org/kindred/"
    assert site_root_url("https://example.org/kindred/", language("en")) == "https://example.org/kindred/"
    # A folder that merely ends like a language's is not cut from the default language's address.
    assert site_root_url("https://example.org/docs/es/", language("en")) == "https://example.org/docs/es/"
    assert site_root_url("", language("es")) == "/"


def test_sitemap_alternates_name_every_language_and_a_default():
    found = sitemap_alternates("helplines/samaritans-uk/", "https://example.org/", LANGUAGES)
    assert found == [
        ("en", "https://example.org/helplines/samaritans-uk/"),
        ("es", "https://example.org/es/helplines/samaritans-uk/"),
        ("pt-BR", "https://example.org/pt-br/helplines/samaritans-uk/"),
        ("x-default", "https://example.org/helplines/samaritans-uk/"),
    ]
    assert sitemap_alternates("", "/", LANGUAGES)[1] == ("es", "/es/")


def test_switcher_links_are_relative_to_the_page_in_its_language():
    links = alternates("guides/grief/", language("es"), LANGUAGES)
    assert [(link.language.code, link.href, link.current) for link in links] == [
        ("en", "../../../guides/grief/", False),
        ("es", "../../../es/guides/grief/", True),
        ("pt-BR", "../../../pt-br/guides/grief/", False),
    ]
