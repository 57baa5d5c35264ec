"""Generated pages outside the nav: written by the plugin itself, shared out to worker processes.

MkDocs builds a page in many steps (a Page object, its front matter read as YAML, every plugin's events, a
template context, the theme's template with the whole site nav): about 1.5 ms a page, which at 10,000
listings is most of a build. The listing, browse and help pages outside the nav are data plus the theme's
HTML, and that HTML is the same for every page of a folder (theme_cache.py). So these pages are rendered
here with that per-folder shell, by worker processes (generator/forked.py, one per core), and written
straight into the site. What MkDocs would have done for them is kept:

- they stay in MkDocs' list of files (PluginPage), so a Markdown link to one resolves and is checked as
  before; MkDocs neither reads, builds, copies nor lists them (so they are not in MkDocs' sitemap.xml:
  sitemaps.py lists them);
- their values (content, title, description, edit link, JSON-LD, languages) come from the plugin's own
  methods, the ones its page events use;
- in each process, the first pages of each shape are also built as MkDocs builds a page (every plugin
  event, the theme's template) and must come out the same, or that shape is built that way throughout;
- only with plugins known to change nothing else on these pages (search, which they opt out of, and
  kindred); with any other plugin, or without a `nav` in mkdocs.yml, every page goes through MkDocs.

tests/mkdocs_plugin/test_fast_pages.py builds sites both ways, serially and in parallel, and compares every
file. Set ENABLED to False to build every page through MkDocs.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

from mkdocs.commands.build import get_context
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .. import render_cache
from ..forked import Forked, WorkerFailed
from ..site.page_cache import ListingPageCache
from ..site.pages import PagePlan
from . import generated_pages, theme_cache


class PagesPlugin(Protocol):
    """What the writer asks of the plugin (KindredPlugin): the same methods its page events use."""

    command: str
    language: Any

    def plan_meta(self, plan: PagePlan, url: str, src_uri: str) -> dict[str, str]: ...

    def plan_edit_url(self, plan: PagePlan, config: Any) -> str | None: ...


log = logging.getLogger("mkdocs.plugins.kindred")

ENABLED = True
WORKERS: int | None = None  # None: one per core; 1: in this process
CHUNK = 32  # pages per task
KNOWN_PLUGINS = frozenset({"search", "material/search", "kindred"})
# Material's search plugin takes these attributes out of every page's content (material/plugins/search).
_SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


class PluginPage(File):
    """A page the plugin writes itself: MkDocs resolves links to it, but never reads, builds or copies it."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        return None


def relative_base(page_url: str) -> str:
    """Path from a page to the site root: "" for the home page, "../../" for "helplines/x/"."""
    return "../" * page_url.count("/")


def dest_uri_of(src_uri: str, use_directory_urls: bool) -> str:
    """File.dest_uri of a Markdown page, without making a File (MkDocs' _get_dest_path)."""
    parent, filename = posixpath.split(src_uri)
    stem = posixpath.splitext(filename)[0]
    name = "index" if stem == "README" else stem
    if not use_directory_urls or name == "index":
        return posixpath.join(parent, name + ".html")
    return posixpath.join(parent, name, "index.html")


def plugin_page(config: Any, src_uri: str) -> PluginPage:
    dest_uri = dest_uri_of(src_uri, config.use_directory_urls)
    file = PluginPage(
        src_uri,
        None,
        config.site_dir,
        config.use_directory_urls,
        dest_uri=dest_uri,
        inclusion=InclusionLevel.NOT_IN_NAV,
    )
    file.generated_by = "kindred"
    file._content = b""
    return file


def front_matter(plan: PagePlan) -> str:
    """A generated page's Markdown: front matter only (its HTML comes from the plugin).

    MkDocs treats a page title as HTML (Material prints `page.meta.title`, `page.title` and the description
    unescaped in <title>, the header and <meta>), so listing text goes in escaped."""
    front: dict[str, Any] = {"title": html.escape(plan.title), "search": {"exclude": True}, "hide": ["toc"]}
    if plan.description:
        front["description"] = html.escape(plan.description)
    # JSON is YAML, and json.dumps escapes anything a listing could smuggle into front matter.
    return f"---\n{json.dumps(front, ensure_ascii=True)}\n---\n"


def _meta(plan: PagePlan) -> dict[str, Any]:
    """What MkDocs reads from front_matter(plan), without reading it."""
    meta: dict[str, Any] = {"title": html.escape(plan.title), "search": {"exclude": True}, "hide": ["toc"]}
    if plan.description:
        meta["description"] = html.escape(plan.description)
    return meta


def nav_sources(nav: Any) -> set[str]:
    """Every page file mkdocs.yml's nav names."""
    found: set[str] = set()

    def walk(item: Any) -> None:
        if isinstance(item, str):
            if "://" not in item:
                found.add(item.lstrip("/"))
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return found


def usable(config: Any) -> bool:
    """Whether this site's generated pages outside the nav may be written here rather than by MkDocs."""
    return ENABLED and config.nav is not None and set(config.plugins) <= KNOWN_PLUGINS


def canonical_url(site_url: str | None, url: str) -> str | None:
    """Page.canonical_url, as MkDocs sets it (urljoin; for the plugin's plain page paths, joining is enough)."""
    if not site_url:
        return None
    base = site_url if site_url.endswith("/") else site_url + "/"
    if url and (url.startswith(("/", ".")) or ":" in url or "/./" in url or "/../" in url):
        return urljoin(base, url)
    return base + url


@dataclass
class Written:
    """What one task wrote: (site path, bytes) per page, and how often a shell served (hits) or was made (misses)."""

    pages: list[tuple[str, int]] = field(default_factory=list)
    hits: int = 0
    misses: int = 0
    cache_hits: int = 0  # listing pages' HTML found in the cache
    cache_misses: int = 0
    keys: list[tuple[str, str]] = field(default_factory=list)  # (site path, key) of pages with inputs
    unchanged: int = 0  # pages left as the last build wrote them (mkdocs serve)


class PageWriter:
    """Renders and writes the plugin's pages outside the nav for one language's build."""

    def __init__(
        self, plugin: PagesPlugin, config: Any, nav: Any, files: Files, env: Any, pages: list[tuple[PagePlan, File]]
    ) -> None:
        self.plugin, self.config, self.nav, self.files, self.pages = plugin, config, nav, files, pages
        self.language = plugin.language.code
        self.template = env.get_template(theme_cache.TEMPLATE)
        self.original = theme_cache.original_render(self.template)
        self.folders = theme_cache.Folders(nav, config)
        self.shells = theme_cache.PageShells(self.template, self.folders)
        inclusion = InclusionLevel.is_in_serve if plugin.command == "serve" else InclusionLevel.is_included
        self.doc_files = files.documentation_pages(inclusion=inclusion)
        self.strip_search = any(name in ("search", "material/search") for name in config.plugins)
        self.site_dir = config.site_dir
        self.shells_on = theme_cache.ENABLED and self.folders.usable
        # Called with (bytes, page) before each page is written; raises to stop the build (site_budget.py).
        self.budget: Callable[[int, str], None] | None = None
        self.written: list[tuple[str, int]] = []  # (site path, bytes) of every page, once the job is finished
        # Listing pages' own HTML from earlier builds (site/page_cache.py); None: always rendered.
        self.page_cache: ListingPageCache | None = None
        self.cache_hits = self.cache_misses = 0
        # Under `mkdocs serve` (serving.py): the keys of the pages the last build wrote, by site path, and what
        # else the pages depend on (mkdocs.yml, overrides, articles); a page whose key is the same is left alone.
        self.previous: dict[str, str] | None = None
        self.site_inputs: tuple = ()
        self.keys: dict[str, str] = {}
        self.unchanged = 0
        self.language_root = "" if plugin.language.is_default else plugin.language.slug + "/"
        self._context_key: str | None = None

    # -- one page ----------------------------------------------------------------------------------------------
    def values(self, plan: PagePlan, file: File) -> tuple[dict[str, Any], dict[str, Any]]:
        """The page's meta and its own values by name, as theme_cache.PageShells.values reads them from a Page."""
        url = file.url
        meta = _meta(plan)
        meta.update(self.plugin.plan_meta(plan, url, file.src_uri))
        base = relative_base(url)
        if plan.listing is not None and self.page_cache is not None:
            content = self.page_cache.content(plan.listing, base, lambda: plan.render(base))
        else:
            content = plan.render(base)
        if self.strip_search and "data-search-" in content:
            content = _SEARCH_ATTRIBUTES.sub("", content)
        values = {
            "canonical_url": canonical_url(self.config.site_url, url),
            "edit_url": self.plugin.plan_edit_url(plan, self.config),
            "content": content,
        }
        values.update((f"meta.{key}", value) for key, value in meta.items() if isinstance(value, str))
        return meta, values

    def as_mkdocs(self, plan: PagePlan) -> tuple[Page, Any, str]:
        """The page built as MkDocs' build builds a page (commands/build.py: _populate_page, _build_page)."""
        config, files = self.config, self.files
        file = File.generated(config, plan.src_uri, content=front_matter(plan), inclusion=InclusionLevel.NOT_IN_NAV)
        if plan.listing is not None:
            file.edit_uri = None
        page = (
            generated_pages.GeneratedPage(None, file, config) if generated_pages.ENABLED else Page(None, file, config)
        )
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            assert page.markdown is not None
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            page.render(config, files)
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
            page.active = True
            context = get_context(self.nav, self.doc_files, config, page)
            template = self.template.environment.get_template(page.meta.get("template", theme_cache.TEMPLATE))
            assert template is self.template, "a generated page names another template"
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            jinja_context = self.template.new_context(dict(context))
            output = "".join(self.original(jinja_context))
            # (on_post_page: the known plugins' only one is kindred's, which counts the size; written() does.)
        finally:
            page.active = False
            config._current_page = None
        return page, jinja_context, output

    def html(self, plan: PagePlan, file: File) -> str:
        if not self.shells_on:
            return self.as_mkdocs(plan)[2]
        meta, values = self.values(plan, file)
        shells = self.shells
        shape = shells.shape_of(self.folders.url_key(file.url), meta, values)
        if shape is None or (shape in shells.shells and shells.shells[shape] is None):
            return self.as_mkdocs(plan)[2]
        usual = None
        if shape not in shells.shells:
            page, context, usual = self.as_mkdocs(plan)
            shells.shells[shape] = shells.build(self.original, context, page, values)
            shells.misses += 1
        pieces = shells.shells[shape]
        if pieces is None:
            return usual if usual is not None else self.as_mkdocs(plan)[2]
        output = "".join(p if isinstance(p, str) else values[p[0]] for p in pieces)
        if shells.checked.get(shape, 0) < theme_cache.VERIFY:
            shells.checked[shape] = shells.checked.get(shape, 0) + 1
            usual = usual if usual is not None else self.as_mkdocs(plan)[2]
            if usual != output:
                shells.shells[shape] = None
                output = usual
        else:
            shells.hits += 1
        return output

    def release(self) -> None:
        """Once its pages are written: let go of this language's plans, MkDocs files, nav and theme (a build of
        every language would otherwise hold them all to the end); what was written and counted stays."""
        self.pages = []
        self.files = self.nav = self.config = self.template = self.original = None  # type: ignore[assignment]
        self.doc_files = []
        self.shells.template = self.shells.folders = None  # type: ignore[assignment]
        self.folders = None  # type: ignore[assignment]

    # -- many pages --------------------------------------------------------------------------------------------
    def context_key(self) -> str:
        """Everything the plugin's pages depend on besides their own inputs: the theme's HTML around them (the first
        page's shell: the nav, the theme and the settings are the same in every shell), what site_inputs names,
        the code, language, catalogue, taxonomy, profiles and settings (the page cache's context)."""
        if self._context_key is None:
            plan, file = self.pages[0]
            page, context, _ = self.as_mkdocs(plan)
            _, values = self.values(plan, file)
            shell = self.shells.build(self.original, context, page, values)
            self._context_key = render_cache.key(
                "plugin pages",
                [p if isinstance(p, str) else list(p) for p in shell] if shell is not None else None,
                self.site_inputs,
                self.page_cache.context if self.page_cache is not None else render_cache.code_fingerprint(),
                self.config.site_url,
                self.config.repo_url,
                [language.code for language in getattr(self.plugin, "languages", ())],
            )
        return self._context_key

    def page_key(self, plan: PagePlan, file: File) -> str | None:
        if not plan.inputs:
            return None
        # repr of tuples of strings and numbers: unambiguous, and four times quicker than render_cache.key's JSON.
        text = repr((self.context_key(), plan.inputs, plan.title, plan.description, file.dest_uri))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def write(self, indexes: Iterable[int]) -> Written:
        """Render and write these pages (under `mkdocs serve`, those whose key changed)."""
        written = Written()
        hits, misses = self.shells.hits, self.shells.misses
        cache = self.page_cache.cache if self.page_cache is not None else None
        cache_hits, cache_misses = (cache.hits, cache.misses) if cache is not None else (0, 0)
        for index in indexes:
            plan, file = self.pages[index]
            page_key = self.page_key(plan, file) if self.previous is not None else None
            if page_key is not None:
                written.keys.append((file.dest_uri, page_key))
                if self.previous and self.previous.get(file.dest_uri) == page_key:
                    if os.path.isfile(os.path.join(self.site_dir, file.dest_uri)):
                        written.unchanged += 1
                        continue
            data = self.html(plan, file).encode("utf-8", errors="xmlcharrefreplace")
            if self.budget is not None:
                self.budget(len(data), file.src_uri)
            target = os.path.join(self.site_dir, file.dest_uri)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
            written.pages.append((file.dest_uri, len(data)))
        written.hits, written.misses = self.shells.hits - hits, self.shells.misses - misses
        if cache is not None:
            written.cache_hits, written.cache_misses = cache.hits - cache_hits, cache.misses - cache_misses
        return written

    def start(self, workers: int | None = None) -> Forked:
        """Start writing every page (in worker processes where it can); collect with .results()."""
        chunks = [range(i, min(i + CHUNK, len(self.pages))) for i in range(0, len(self.pages), CHUNK)]
        return Forked(self.write, chunks, WORKERS if workers is None else workers)


@dataclass(frozen=True)
class _Listed:
    """What MkDocs' sitemap.xml template reads from a page (`file.page.…`), for a page the plugin writes."""

    canonical_url: str | None
    abs_url: str | None
    update_date: str
    url: str = ""  # within its language's site, like Page.url
    is_link: bool = False

    @property
    def page(self) -> _Listed:
        return self


def sitemap_pages(files: Files, config: Any) -> list[Any]:
    """MkDocs' documentation pages with the plugin's own pages in their places, for the sitemap template."""
    from mkdocs.utils import get_build_date

    date = get_build_date()
    base_path = urlsplit(canonical_url(config.site_url, "") or "").path
    found: list[Any] = []
    for file in files:
        if isinstance(file, PluginPage):
            canonical = canonical_url(config.site_url, file.url)
            path = base_path + file.url if canonical and canonical.endswith(file.url) else None
            abs_url = (path or urlsplit(canonical).path) if canonical else None
            found.append(_Listed(canonical, abs_url, date, file.url))
        elif file.is_documentation_page() and file.inclusion.is_included():
            found.append(file)
    return found


class PageJob:
    """One language's pages being written (by worker processes, or here when collected)."""

    def __init__(self, language: Any, writer: PageWriter, forked: Forked) -> None:
        self.language, self.writer, self.forked = language, writer, forked
        self.written: list[tuple[str, int]] = []

    def finish(self) -> list[tuple[str, int]]:
        for part in self.forked.results():
            self.written += part.pages
            self.writer.keys.update(part.keys)
            self.writer.unchanged += part.unchanged
            self.writer.cache_hits += part.cache_hits
            self.writer.cache_misses += part.cache_misses
            if self.forked.forked:  # counted in the workers' copies of the shells
                self.writer.shells.hits += part.hits
                self.writer.shells.misses += part.misses
        self.writer.written = self.written
        self.writer.release()
        log.debug(
            "kindred: %s: %d pages written, %d unchanged, by %s; workers' peak memory %s MiB, CPU time %s s",
            self.language.code,
            len(self.written),
            self.writer.unchanged,
            f"{len(self.forked.peaks)} worker processes" if self.forked.forked else "this process",
            [round(peak / 2**20) for peak in self.forked.peaks],
            [round(cpu, 1) for cpu in self.forked.cpu],
        )
        return self.written

    def cancel(self) -> None:
        self.forked.cancel()


__all__ = ["PageJob", "PageWriter", "PluginPage", "WorkerFailed", "front_matter", "nav_sources", "usable"]
