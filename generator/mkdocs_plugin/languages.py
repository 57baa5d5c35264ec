"""Every site language from one `mkdocs build`: the default language at the root, each other at /<slug>/.

The default language's build (the one MkDocs starts) validates the directory once and, when its own pages are
written, builds each other language into a folder of its staging site with the same mkdocs.yml, Material's
strings in that language (`theme.language`) and the core's strings from the language's catalogue. Articles
are read from `<name>.<code>.md` beside the English `<name>.md`; a page without one is the English page with
a note. One `api/` (open data) serves every language.
"""

from __future__ import annotations

import os
from pathlib import PurePosixPath

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

from ..i18n import DEFAULT_LANGUAGE, Language, gettext, language, use_language
from ..i18n.alternates import alternates, site_root_url, sitemap_alternates
from ..i18n.languages import UnknownLanguage
from ..site.render import environment

SHARED_PREFIXES = ("api/",)  # built once, by the default language, for every language


def site_languages(codes: list[str], theme_language: str) -> tuple[Language, ...]:
    """The default language first, then the others as mkdocs.yml lists them; a PluginError names a bad code."""
    if theme_language != DEFAULT_LANGUAGE:
        raise PluginError(
            f"kindred: theme.language is `{theme_language}`; the default site is English (`en`), and other "
            "languages go in the kindred plugin's `languages:` list"
        )
    found: list[Language] = [language(DEFAULT_LANGUAGE)]
    for code in codes:
        try:
            chosen = language(code)
        except UnknownLanguage as exc:
            raise PluginError(f"kindred: languages: {exc}") from None
        if chosen in found:
            raise PluginError(f"kindred: languages: `{code}` is listed twice (or is the default language)")
        found.append(chosen)
    return tuple(found)


def material_language(chosen: Language, theme_dirs: list[str]) -> str:
    """The name of Material's own translation for the language: "pt-BR" if Material has it, else "pt"."""
    for name in (chosen.code, chosen.locale.language):
        if any(os.path.isfile(os.path.join(d, "partials", "languages", f"{name}.html")) for d in theme_dirs):
            return name
    return DEFAULT_LANGUAGE


def translation_suffixes(languages: tuple[Language, ...]) -> set[str]:
    return {f".{chosen.code}.md" for chosen in languages if not chosen.is_default}


def _translated_from(src_uri: str, suffixes: set[str]) -> tuple[str, str] | None:
    """("guides/help-now.md", "es") for "guides/help-now.es.md"; None for a page in the default language."""
    for suffix in suffixes:
        if src_uri.endswith(suffix):
            return src_uri[: -len(suffix)] + ".md", suffix[1:-3]
    return None


def choose_sources(files: Files, config: MkDocsConfig, current: Language, languages: tuple[Language, ...]) -> set[str]:
    """Keep one source per page for `current`: its translation where there is one, else the English page.

    Returns the pages that fall back to English (their src_uri)."""
    suffixes = translation_suffixes(languages)
    translated: dict[str, File] = {}
    for file in list(files):
        found = _translated_from(file.src_uri, suffixes)
        if found is None:
            continue
        files.remove(file)
        original, code = found
        if code == current.code:
            translated[original] = file
    fallbacks: set[str] = set()
    for original, file in translated.items():
        english = files.get_file_from_path(original)
        if english is not None:
            files.remove(english)
        assert file.abs_src_path is not None
        files.append(File.generated(config, original, abs_src_path=file.abs_src_path))
    if not current.is_default:
        fallbacks = {f.src_uri for f in files if f.is_documentation_page() and f.src_uri not in translated}
    return fallbacks


def language_switcher(page_url: str, current: Language, languages: tuple[Language, ...]) -> str:
    """The page's language switcher, as HTML (no listing text in it)."""
    links = alternates(page_url, current, languages)
    return str(environment().get_template("languages.html").module.switcher(links, current))  # type: ignore[attr-defined]


class SitemapAlternates:
    """Called by overrides/sitemap.xml with each page it lists: the page's (hreflang, address) pairs."""

    def __init__(self, site_url: str | None, current: Language, languages: tuple[Language, ...]) -> None:
        self.root, self.languages = site_root_url(site_url or "", current), languages

    def __call__(self, page) -> list[tuple[str, str]]:
        url = getattr(page, "url", None)
        if url is None or is_shared_data(url):
            return []  # api/ is built once, in the default language
        return sitemap_alternates(url, self.root, self.languages)


def build_language(config: MkDocsConfig, chosen: Language, parent: object, site_dir: str) -> None:
    """Build `chosen`'s site into `site_dir` with the same mkdocs.yml; errors reach MkDocs as PluginError."""
    if not config.config_file_path:
        raise PluginError("kindred: languages need a mkdocs.yml to build each language from")
    site_url = config.site_url or ""
    # What the command line may have changed in the default language's config holds for every language.
    overrides: dict = {"site_dir": site_dir, "strict": config.strict, "use_directory_urls": config.use_directory_urls}
    if site_url:
        overrides["site_url"] = site_url.rstrip("/") + "/" + chosen.slug + "/"
    with use_language(chosen.code):
        language_config = load_config(config.config_file_path, **overrides)
        language_config.theme["language"] = material_language(chosen, list(language_config.theme.dirs))
        # Usually `parent` itself: MkDocs reuses a process's plugin instances for the same mkdocs.yml.
        plugin = language_config.plugins["kindred"]
        plugin.parent, plugin.nested_language = parent, chosen  # type: ignore[attr-defined]
        build(language_config)


def translate_nav(nav) -> None:
    """Nav titles written in mkdocs.yml, in the build's language (generator/i18n/site_strings.py lists them).

    A page's own title (its first heading) comes from its translated Markdown; only titles given in the nav
    are set before the page is read, and only those are translated here."""

    def walk(items) -> None:
        for item in items:
            if isinstance(item, Section):
                item.title = gettext(item.title)
                walk(item.children)
            elif isinstance(item, (Page, Link)) and item.title:
                item.title = gettext(item.title)

    walk(nav.items)


def is_shared_data(path: str) -> bool:
    return str(PurePosixPath(path)).startswith(SHARED_PREFIXES)
