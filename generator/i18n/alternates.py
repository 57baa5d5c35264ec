"""Links from a page to the same page in every site language, for hreflang alternates and the switcher.

English (the default language) is at the site root and each other language at /<slug>/, with the same page
paths in every language (a page without a translation is the English one, shown with a note), so the same
page in another language is always there."""

from __future__ import annotations

from dataclasses import dataclass

from .languages import Language


@dataclass(frozen=True)
class Alternate:
    language: Language
    href: str  # relative to the page
    current: bool


def language_root(language: Language) -> str:
    """The language's folder from the site root: "" for the default language, "es/" for Spanish."""
    return "" if language.is_default else language.slug + "/"


def alternates(page_url: str, current: Language, languages: tuple[Language, ...]) -> list[Alternate]:
    """`page_url` is the page's URL within its own language's site ("helplines/x/", "" for the home page)."""
    up_to_own_root = "../" * page_url.count("/")
    up_to_site_root = up_to_own_root + ("" if current.is_default else "../")
    return [
        Alternate(
            language,
            (up_to_site_root + language_root(language) + page_url) or "./",
            language == current,
        )
        for language in languages
    ]


def site_root_url(site_url: str, current: Language) -> str:
    """The default language's address, from `current`'s site_url (".../es/" → "..."); "/" without a site_url."""
    if not site_url:
        return "/"
    base = site_url if site_url.endswith("/") else site_url + "/"
    own = language_root(current)
    return base[: -len(own)] if own and base.endswith("/" + own) else base


def sitemap_alternates(page_url: str, site_root: str, languages: tuple[Language, ...]) -> list[tuple[str, str]]:
    """(hreflang, address) for the page in every language, and x-default (the default language's page), for a
    sitemap's <xhtml:link rel="alternate">: search engines read hreflang there as well as in <head>."""
    found = [(language.code, site_root + language_root(language) + page_url) for language in languages]
    if any(language.is_default for language in languages):
        found.append(("x-default", site_root + page_url))  # the default language is at the site root
    return found
