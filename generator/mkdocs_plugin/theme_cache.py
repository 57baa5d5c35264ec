"""Render Material's page template once per folder for the thousands of generated pages.

Every page goes through the theme's `main.html`: head, header, sidebar with the
whole site nav, footer, scripts. For generated listing and browse pages, which
are not in the nav, that HTML is the same for every page in a folder except
for a few values printed as they are (MkDocs' Jinja does not autoescape):
the front matter's strings (title, description, ...), canonical URL, edit URL
and content. Links are relative
(the `url` filter), so they depend only on the folder; nothing in the nav is
active.

So the first page of each *shape* (folder, which of those values it has, the
same front-matter keys, ...) is rendered with unique stand-ins in place of
the values, and the output is cut at the stand-ins into a shell. Every page of
that shape is then the shell joined with its own values. Safety nets:

- the stand-ins hold markup characters and mixed case, so a value that the
  template escapes, strips, shortens or re-cases is not found again: then any
  trace of a stand-in left in the shell turns the shell down;
- the first two pages of each shape are also rendered as usual and must equal
  what the shell gives, which catches anything else in the template that reads
  the page (its URL, say); on a mismatch the shape is rendered as usual.

Pages in the nav, pages with a table of contents and the like are rendered as
usual. tests/mkdocs_plugin/test_render_caches.py builds whole sites with the
cache on and off and compares every file. Set ENABLED to False to turn it off.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import jinja2
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page

ENABLED = True
TEMPLATE = "main.html"
VERIFY = 2  # pages of each shape also rendered as usual and compared
GIVE_UP = 32  # shells built without any page reusing them: the pages are not alike, stop trying
_MARK = "\x00kindred-"


def _stand_in(name: str, extra: str = "") -> str:
    return f"{_MARK}{name}&<I>\"'{extra}\x00"


def _parts(url: str) -> tuple[str, ...] | None:
    """A URL as the folder names MkDocs' get_relative_url compares; None if it is not a plain path."""
    parts = tuple(p for p in url.split("/") if p not in ("", "."))
    return None if ".." in parts else parts


class Folders:
    """Pages whose relative links all come out the same: pages outside the nav, by folder."""

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

    def key(self, page: Page) -> tuple | None:
        if page.parent is not None or page.active is not True or page.previous_page or page.next_page:
            return None
        if page in self.nav.pages or any(item.active for item in self.items):
            return None
        return self.url_key(page.url)

    def url_key(self, url: str) -> tuple | None:
        """The folder part of a key, for a page outside the nav at `url`."""
        folder, _, name = url.rpartition("/")
        parts = _parts(folder if "." in name else url)
        if parts is None or parts in self.blocked:
            return None
        return (parts[:-1], len(parts))


class PageShells:
    def __init__(self, template: jinja2.Template, folders: Folders) -> None:
        self.template = template
        self.folders = folders
        self.shells: dict[tuple, list | None] = {}  # shape -> pieces (str, or the name of a value); None: no
        self.checked: dict[tuple, int] = {}
        self.hits = 0
        self.misses = 0

    @staticmethod
    def values(page: Page) -> dict[str, str] | None:
        """The page's own values by name ("meta.title", "content", ...); None if the page is not a simple one."""
        meta = page.meta
        if not isinstance(meta, dict) or not isinstance(meta.get("title"), str) or page.toc:
            return None
        values = {"canonical_url": page.canonical_url, "edit_url": page.edit_url, "content": page.content}
        if not isinstance(page.content, str) or not all(v is None or isinstance(v, str) for v in values.values()):
            return None
        values.update((f"meta.{key}", value) for key, value in meta.items() if isinstance(value, str))
        return values

    def shape(self, page: Page, values: dict[str, str]) -> tuple | None:
        return self.shape_of(self.folders.key(page), page.meta, values)

    @staticmethod
    def shape_of(folder: tuple | None, meta: dict, values: dict[str, str]) -> tuple | None:
        if folder is None:
            return None
        others = tuple(sorted((key, repr(value)) for key, value in meta.items() if not isinstance(value, str)))
        return (
            folder,
            others,
            tuple(name for name, value in values.items() if value),
            "/blob/" in (values["edit_url"] or ""),
            "\u003ch1" in values["content"],
        )

    def build(self, original, context: jinja2.runtime.Context, page: Page, values: dict[str, str]) -> list | None:
        stand_ins = {}
        for name, value in values.items():
            if value:
                extra = "/blob/" if name == "edit_url" and "/blob/" in value else ""
                extra += "<h1>" if name == "content" and "\u003ch1" in value else ""
                stand_ins[name] = _stand_in(name, extra)
        stand_in = copy.copy(page)
        stand_in.meta = {**page.meta, **{k[5:]: v for k, v in stand_ins.items() if k.startswith("meta.")}}
        for name in ("canonical_url", "edit_url", "content"):
            if name in stand_ins:
                setattr(stand_in, name, stand_ins[name])
        html = "".join(original(self.template.new_context({**context.get_all(), "page": stand_in}, shared=True)))
        by_text = {text: name for name, text in stand_ins.items()}
        pieces: list = []
        for i, piece in enumerate(re.split("(" + "|".join(map(re.escape, by_text)) + ")", html)):
            if i % 2:
                pieces.append((by_text[piece],))
            elif piece:
                if _MARK in piece or "\x00" in piece:
                    return None  # a value was changed on its way into the page: not a shell
                pieces.append(piece)
        return pieces

    def render(self, original, context: jinja2.runtime.Context) -> Iterator[str]:
        page = context.get("page")
        values = self.values(page) if isinstance(page, Page) else None
        shape = self.shape(page, values) if values is not None else None
        pieces = self.shells.get(shape, None) if shape is not None else None
        if shape is None or (shape in self.shells and pieces is None):
            yield from original(context)
            return
        if shape not in self.shells:
            if self.misses >= GIVE_UP and self.hits == 0:
                yield from original(context)
                return
            pieces = self.shells[shape] = self.build(original, context, page, values)
            self.misses += 1
            if pieces is None:
                yield from original(context)
                return
        html = "".join(p if isinstance(p, str) else values[p[0]] for p in pieces)
        if self.checked.get(shape, 0) < VERIFY:
            self.checked[shape] = self.checked.get(shape, 0) + 1
            usual = "".join(original(context))
            if usual != html:
                self.shells[shape] = None
                html = usual
        else:
            self.hits += 1
        yield html


def install(env: jinja2.Environment, nav: Navigation | None, config: Any) -> PageShells | None:
    """Wrap the theme's page template in `env` with the per-folder shells; None if that cannot apply."""
    if not ENABLED or nav is None:
        return None
    folders = Folders(nav, config)
    if not folders.usable:
        return None
    try:
        template = env.get_template(TEMPLATE)
    except jinja2.TemplateNotFound:
        return None
    shells = PageShells(template, folders)
    original = template.root_render_func

    def root_render_func(context: jinja2.runtime.Context) -> Iterator[str]:
        return shells.render(original, context)

    template.root_render_func = root_render_func
    template.kindred_original = original  # type: ignore[attr-defined]
    return shells


def original_render(template: jinja2.Template) -> Any:
    """The template's own render function, without the shells install() may have put in front of it."""
    return getattr(template, "kindred_original", template.root_render_func)
