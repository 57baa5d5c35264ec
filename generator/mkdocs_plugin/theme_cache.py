"""Render Material's sidebar and header once per folder instead of once per page.

Material draws the site navigation and the header on every page. Thousands of
generated listing and browse pages are not in the nav, so for them:

- the sidebar (`partials/nav.html`) is the same HTML wherever its links resolve
  to the same relative URLs: nothing in it is active, and it reads the page only
  to compare it with nav items and to make links relative (the `url` filter);
- the header (`partials/header.html`) is the same apart from the page title,
  which it prints as it is (MkDocs' Jinja does not autoescape).

Pages whose links come out the same are those in the same folder, unless a nav
link points at or below the page itself. Those pages, pages in the nav, and
any page whose title is empty are rendered as usual, as is everything when
the project overrides one of these partials.

The output is byte-for-byte what Material renders (tests/mkdocs_plugin build
the same site with the cache on and off and compare every file). Set ENABLED
to False to turn it off.
"""

from __future__ import annotations

import copy
from typing import Any, Callable, Iterator

import jinja2
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page

ENABLED = True
NAV = "partials/nav.html"
HEADER = "partials/header.html"
# Partials whose use of the page is described above: Material's own, not overridden copies.
MATERIAL_PARTS = {NAV: ("partials/nav.html", "partials/nav-item.html"), HEADER: ("partials/header.html",)}
# Stands for the title while the header is rendered once per folder. Its markup characters and mixed case
# make sure the title is printed as it is: escaped, stripped or re-cased, it would not be found again.
TITLE = "\x00Kindred-Title&<i>\"'\x00"


def _parts(url: str) -> tuple[str, ...] | None:
    """A URL as the folder names MkDocs' get_relative_url compares; None if it is not a plain path."""
    parts = tuple(p for p in url.split("/") if p not in ("", "."))
    return None if ".." in parts else parts


class Folders:
    """Which pages share their sidebar and header: pages outside the nav, grouped by folder."""

    def __init__(self, nav: Navigation, config: Any) -> None:
        self.nav = nav
        self.items: list = []
        self.usable = True
        self.blocked: set[tuple[str, ...]] = set()  # page folders a nav link points at or into
        urls = [getattr(nav.homepage, "url", "") or ""]
        urls += [u for u in (config.extra.get("homepage"), config.theme.get("logo")) if isinstance(u, str)]

        def walk(items) -> None:
            for item in items:
                self.items.append(item)
                if isinstance(item, (Page, Link)):
                    urls.append(item.url or "")
                walk(getattr(item, "children", None) or [])

        walk(nav.items)
        for url in urls:
            if "://" in url or url.startswith(("/", "#", "mailto:")):
                continue  # absolute: the url filter leaves it as it is
            parts = _parts(url)
            if parts is None:
                self.usable = False
            else:
                self.blocked.update(parts[:k] for k in range(1, len(parts) + 1))

    def key(self, page: Any) -> tuple | None:
        """The folder whose pages share this page's sidebar and header, or None to render them as usual."""
        if not self.usable or not isinstance(page, Page) or page.parent is not None or page.active is not True:
            return None
        if page in self.nav.pages or any(item.active for item in self.items):
            return None
        url = page.url
        folder, _, name = url.rpartition("/")
        parts = _parts(folder if "." in name else url)
        if parts is None or parts in self.blocked:
            return None
        return (parts[:-1], len(parts))


class PartialCache:
    def __init__(self, folders: Folders) -> None:
        self.folders = folders
        self.html: dict[tuple, Any] = {}
        self.hits = 0
        self.misses = 0


def _wrap(template: jinja2.Template, cache: PartialCache,
          render: Callable[[Callable, jinja2.runtime.Context, tuple], Iterator[str]]) -> None:
    original = template.root_render_func

    def root_render_func(context: jinja2.runtime.Context) -> Iterator[str]:
        key = cache.folders.key(context.get("page"))
        if key is None:
            yield from original(context)
        else:
            yield from render(original, context, key)

    template.root_render_func = root_render_func


def _nav(cache: PartialCache) -> Callable:
    def render(original, context, key) -> Iterator[str]:
        html = cache.html.get(key)
        if html is None:
            cache.misses += 1
            html = cache.html[key] = "".join(original(context))
        else:
            cache.hits += 1
        yield html

    return render


def _header(template: jinja2.Template, cache: PartialCache) -> Callable:
    def render(original, context, key) -> Iterator[str]:
        page = context["page"]
        title = page.meta.get("title") if page.meta else None
        if not title:
            yield from original(context)
            return
        halves = cache.html.get(key)
        if halves is None:
            cache.misses += 1
            stand_in = copy.copy(page)
            stand_in.meta = {**page.meta, "title": TITLE}
            html = "".join(original(template.new_context({**context.get_all(), "page": stand_in}, shared=True)))
            halves = cache.html[key] = tuple(html.split(TITLE)) if html.count(TITLE) == 1 else False
        else:
            cache.hits += 1
        if halves is False:  # the title is not printed exactly once as it is: render as usual
            yield from original(context)
        else:
            yield halves[0] + str(title) + halves[1]

    return render


def install(env: jinja2.Environment, nav: Navigation, config: Any) -> dict[str, PartialCache]:
    """Wrap Material's nav and header partials in `env` with per-folder caches (those that apply)."""
    if not ENABLED or nav is None:
        return {}
    folders = Folders(nav, config)
    if not folders.usable:
        return {}
    caches = {}
    for name, parts in MATERIAL_PARTS.items():
        try:
            templates = [env.get_template(part) for part in parts]
        except jinja2.TemplateNotFound:
            continue
        if not all(t.filename and "/material/templates/" in t.filename.replace("\\", "/") for t in templates):
            continue  # overridden by the project: its copy may use the page in other ways
        cache = caches[name] = PartialCache(folders)
        _wrap(templates[0], cache, _nav(cache) if name == NAV else _header(templates[0], cache))
    return caches
