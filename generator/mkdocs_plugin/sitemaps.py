"""The site's sitemaps: one for Material's instant navigation, one with each page's languages, and an index.

- `sitemap.xml`, each language's own, lists every page by address only. Material's instant navigation
  fetches it on the first page a visitor opens and takes over only the links it lists (so the finder's
  state survives a look at a listing and Back), which is why it stays as small as it can: no `<lastmod>`
  (MkDocs writes the build's date there, the same for every page), no alternates, no indentation. At 10,000
  listings that is about half of MkDocs' own.
- `sitemap-languages.xml`, each language's, lists the same pages each with its hreflang alternates (not in
  <head>: Material fetches a sitemap beside every `<link rel="alternate">`), for search engines only.
- `sitemap-index.xml`, at the site root, names the sitemaps to give a search engine: every language's
  `sitemap-languages.xml` (or the one `sitemap.xml` of a site in one language).
"""

from __future__ import annotations

import os
from html import escape

from mkdocs.utils import write_file

from ..i18n.alternates import language_root, site_root_url
from ..i18n.languages import Language

LANGUAGES = "sitemap-languages.xml"
INDEX = "sitemap-index.xml"


def write_languages(context, config, alternates) -> None:
    """sitemap-languages.xml beside sitemap.xml, from the same template (overrides/sitemap.xml)."""
    template = config.theme.get_env().get_template("sitemap.xml")
    output = template.render(dict(context, kindred_alternates=alternates))
    write_file(output.encode("utf-8"), os.path.join(config.site_dir, LANGUAGES))


def index(site_url: str, current: Language, languages: tuple[Language, ...]) -> str:
    """sitemap-index.xml (search engines need absolute addresses)."""
    root = site_root_url(site_url, current)
    name = LANGUAGES if len(languages) > 1 else "sitemap.xml"
    entries = "".join(
        f"\n  <sitemap><loc>{escape(root + language_root(language) + name)}</loc></sitemap>" for language in languages
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}\n</sitemapindex>\n'
    )


def write_index(config, current: Language, languages: tuple[Language, ...]) -> None:
    if config.site_url and current.is_default:
        write_file(index(config.site_url, current, languages).encode("utf-8"), os.path.join(config.site_dir, INDEX))
