"""The pages the site has beyond the articles: one per listing, the finder, and browse pages.

Everything here is plain data (path, title, HTML builder), so it can be tested
without MkDocs and fed to another engine. generator/site_plan.py puts the groups together.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..directory import Directory, ListingRecord
from ..i18n import N_, _, current_language, ngettext
from ..models import KINDS
from ..ranking import published_in_site_order
from . import names
from .jsonld import listing_jsonld
from .render import CardCache, render_cards, render_listing_page, render_template
from .view import ListingView, build_view


@dataclass(frozen=True)
class PagePlan:
    src_uri: str  # "helplines/samaritans.md"
    title: str
    render: Callable[[str], str]  # base (relative path to site root) -> HTML
    description: str = ""
    listing: ListingView | None = None
    # schema.org data for the page's <head> (an engine puts it there: in the page body, Material's instant
    # navigation would re-create it as an untyped, executable script, which the CSP then blocks).
    jsonld: dict | None = None
    # What the page shows, for an engine to tell whether it changed since its last build of the same site
    # (with the same taxonomy, profiles, code, language and settings): () when that cannot be told.
    inputs: tuple = ()
    # Stylesheets only this page needs, from Kindred's assets (an engine links them after the site-wide ones).
    stylesheets: tuple[str, ...] = ()
    # More of this page's <head>, after those stylesheets: base -> HTML (the finder's early data and modules).
    head: Callable[[str], str] | None = None


def _paginated(
    stem: str,
    title: str,
    intro: str,
    views: list[ListingView],
    page_size: int,
    groups_for_first=None,
    description: str = "",
    folder_index: bool = False,
    cards: CardCache | None = None,
) -> list[PagePlan]:
    """`stem` like "topics/anxiety" → topics/anxiety.md, topics/anxiety/pages/2.md, ...
    (with folder_index: helplines/index.md, helplines/pages/2.md)."""
    chunks = [views[i : i + page_size] for i in range(0, len(views), page_size)] or [[]]
    count = len(views)

    def uri(number: int) -> str:
        if number == 1:
            return f"{stem}/index.md" if folder_index else f"{stem}.md"
        return f"{stem}/pages/{number}.md"

    def href(base: str, number: int) -> str:
        return f"{base}{stem}/" if number == 1 else f"{base}{stem}/pages/{number}/"

    plans = []
    for number, chunk in enumerate(chunks, start=1):
        first, last = (number - 1) * page_size + 1, (number - 1) * page_size + len(chunk)

        def render(base: str, chunk=chunk, number=number, first=first, last=last) -> str:
            count_text = (
                ngettext("%(num)s listing", "%(num)s listings", count) % {"num": count}
                if len(chunks) == 1
                else _("Listings %(first)s–%(last)s of %(count)s") % {"first": first, "last": last, "count": count}
            )
            return render_template(
                "index_page.html",
                title=title if number == 1 else _("%(title)s (page %(number)s)") % {"title": title, "number": number},
                intro=intro,
                groups=(groups_for_first(base) if groups_for_first and number == 1 else None),
                cards_html=render_cards(chunk, base=base, cache=cards) if chunk else "",
                count_text=count_text if chunk else _("No listings yet"),
                pages=[(n, href(base, n)) for n in range(1, len(chunks) + 1)],
                current=number,
            )

        shown = title if number == 1 else _("%(title)s (page %(number)s)") % {"title": title, "number": number}
        shows = views_shown(chunk)
        inputs: tuple = ()
        if shows is not None:
            groups = groups_for_first("") if groups_for_first and number == 1 else None
            inputs = ("browse", stem, number, len(chunks), count, title, intro, folder_index, groups, shows)
        plans.append(PagePlan(uri(number), shown, render, description, inputs=inputs))
    return plans


def views_shown(views: list[ListingView]) -> tuple | None:
    """What a page of cards shows of each listing, for PagePlan.inputs; None if a listing has no digest."""
    shown = tuple(view.shown_key for view in views)
    return None if None in shown else shown


class ViewCache:
    """Listing views kept from one build to the next in one process (`mkdocs serve` rebuilds on every save).

    A record that was not read again (directory.DirectoryReader keeps the record of a file that did not change,
    and reads every file again when the taxonomy changes) keeps its view, for the same page language, settings
    and day (the verification's age). Views of records no longer in the directory are let go."""

    def __init__(self) -> None:
        self.kept: dict[tuple, dict[int, tuple[ListingRecord, ListingView, dict]]] = {}
        self.built = 0  # views the last call built (the others were kept)

    def views(self, records: list[ListingRecord], taxonomy, repo_url: str, report_email: str) -> list[ListingView]:
        setting = (current_language(), repo_url, report_email, dt.date.today())
        before = self.kept.get(setting, {})
        now: dict[int, tuple[ListingRecord, ListingView, dict]] = {}
        views = []
        for record in records:
            found = before.get(id(record))
            if found is None or found[0] is not record:
                found = (record, build_view(record, taxonomy, repo_url, report_email), {})
            now[id(record)] = found
            views.append(found[1])
        self.built = sum(1 for key, entry in now.items() if before.get(key) is not entry)
        self.kept = {**{key: value for key, value in self.kept.items() if key[1:] == setting[1:]}, setting: now}
        return views

    def jsonld(self, view: ListingView, page_url: str) -> dict:
        for entries in self.kept.values():
            found = entries.get(id(view.record))
            if found is not None and found[1] is view:
                if page_url not in found[2]:
                    found[2][page_url] = listing_jsonld(view, page_url)
                return found[2][page_url]
        return listing_jsonld(view, page_url)


def listing_views(
    directory: Directory, *, repo_url: str = "", report_email: str = "", cache: ViewCache | None = None
) -> list[ListingView]:
    """Every published listing as pages show it, in the site's order (generator/ranking.py)."""
    records = published_in_site_order(directory)
    if cache is not None:
        return cache.views(records, directory.taxonomy, repo_url, report_email)
    return [build_view(r, directory.taxonomy, repo_url, report_email) for r in records]


def listing_pages(views: list[ListingView], *, site_url: str = "", cache: ViewCache | None = None) -> list[PagePlan]:
    """<kind>/<id>.md for each listing."""
    plans = []
    for view in views:
        page_url = f"{site_url.rstrip('/')}/{view.url}" if site_url else ""
        plans.append(
            PagePlan(
                f"{view.kind}/{view.id}.md",
                view.name,
                partial(_listing_html, view),
                view.summary,
                view,
                cache.jsonld(view, page_url) if cache is not None else listing_jsonld(view, page_url),
                views_shown([view]) or (),
            )
        )
    return plans


def _listing_html(view: ListingView, base: str) -> str:
    return render_listing_page(view, base=base)


ASSETS = Path(__file__).resolve().parents[1] / "assets"
STATIC_IMPORT = re.compile(r'(?:\bfrom|\bimport)\s*"(\.{1,2}/[^"]+\.js)"')
DYNAMIC_IMPORT = re.compile(r'\bimport\s*\(\s*"(\.{1,2}/[^"]+\.js)"')


def imported_modules(module: str, *, dynamic: bool = True) -> list[str]:
    """What a module under generator/assets/ imports (statically, and with dynamic, by import()), in the order
    written, as paths under assets/kindred/."""
    text = (ASSETS / module).read_text(encoding="utf-8")
    found = STATIC_IMPORT.findall(text) + (DYNAMIC_IMPORT.findall(text) if dynamic else [])
    return [posixpath.normpath(posixpath.join(posixpath.dirname(module), relative)) for relative in found]


def module_graph(*roots: str, dynamic: bool = True) -> tuple[str, ...]:
    """The modules under generator/assets/ that these import, directly or not (static and, unless dynamic is
    False, dynamic imports), the roots included: paths under assets/kindred/, sorted."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo += imported_modules(module, dynamic=dynamic)
    return tuple(sorted(seen))


def _finder_modules() -> tuple[str, ...]:
    """Every module the finder's page runs (early.js and what it imports, kindred.js, and the word search the
    finder imports when there are words), for the page's <head>, so the browser fetches them while it reads the
    HTML rather than one level of imports after another (#14: first results). What the first results need
    comes first, in the order early.js needs it; early.js itself is loaded by its own script element."""
    order: list[str] = []
    # early.js's own import (load.js: the listings start), then what it imports as it goes, in the order it
    # asks for them (the decoder before the finder), then the rest.
    early = "finder/early.js"
    asked = [m for m in imported_modules(early) if m not in imported_modules(early, dynamic=False)]
    graphs = [module_graph(early, dynamic=False)] + [module_graph(m, dynamic=False) for m in asked]
    for graph in graphs + [module_graph("kindred.js", early)]:
        order += [m for m in graph if m not in order and m != early]
    return tuple(order)


FINDER_MODULES = _finder_modules()


def finder_page(data_path: str, index_path: str) -> PagePlan:
    """find.md: the finder, which loads its listings and search index from these site paths."""
    return PagePlan(
        "find.md",
        _("Find support"),
        lambda base: render_template("finder.html", base=base, data_path=data_path, index_path=index_path),
        _("Search and filter every listing: by topic, country, language, cost, contact method and opening hours."),
        stylesheets=("finder.css",),
        head=lambda base: render_template("finder_head.html", base=base, data_path=data_path, modules=FINDER_MODULES),
    )


def browse_pages(directory: Directory, views: list[ListingView], *, page_size: int = 50) -> list[PagePlan]:
    """<kind>/, topics/ and topics/<id>, countries/ and countries/<code>, each split into pages of page_size."""
    plans: list[PagePlan] = []
    cards = CardCache()  # each card is rendered once, then reused on its kind, topic and country pages
    by_kind: defaultdict[str, list[ListingView]] = defaultdict(list)
    by_topic: defaultdict[str, list[ListingView]] = defaultdict(list)
    by_country: defaultdict[str, list[ListingView]] = defaultdict(list)
    worldwide: list[ListingView] = []
    for view in views:
        by_kind[view.kind].append(view)
        for topic, _label in view.topics:
            by_topic[topic].append(view)
        for code, _name in view.countries:
            (worldwide if code == "worldwide" else by_country[code]).append(view)

    for kind in KINDS:
        kind_views = by_kind[kind]

        def topic_links(base: str, kind_views=kind_views) -> list:
            counts: defaultdict[str, int] = defaultdict(int)
            for view in kind_views:
                for topic, _label in view.topics:
                    counts[topic] += 1
            links = [
                (f"{base}topics/{t}/", directory.taxonomy.label("topics", t), n)
                for t, n in sorted(counts.items(), key=lambda item: directory.taxonomy.label("topics", item[0]))
            ]
            return [(_("Browse by topic"), links)] if links else []

        plans += _paginated(
            kind,
            names.KIND_PLURALS[kind],
            _(KIND_INTROS[kind]),
            kind_views,
            page_size,
            topic_links,
            _(KIND_INTROS[kind]),
            folder_index=True,
            cards=cards,
        )

    def all_topics(base: str) -> list:
        return [
            (
                "",
                [
                    (f"{base}topics/{term.id}/", term.label, len(by_topic[term.id]))
                    for term in directory.taxonomy.facet("topics").values()
                ],
            )
        ]

    plans.append(
        PagePlan(
            "topics/index.md",
            _("Browse by topic"),
            lambda base: render_template(
                "index_page.html",
                title=_("Browse by topic"),
                intro=_("Every listing, grouped by what it helps with."),
                groups=all_topics(base),
                cards_html="",
                pages=[],
                count_text="",
                current=1,
            ),
            _("Every listing, grouped by what it helps with."),
        )
    )
    for term in directory.taxonomy.facet("topics").values():
        plans += _paginated(
            f"topics/{term.id}",
            term.label,
            term.description,
            by_topic[term.id],
            page_size,
            description=term.description,
            cards=cards,
        )

    country_codes = sorted(by_country, key=names.country_name)

    def all_countries(base: str) -> list:
        links = [
            (f"{base}countries/{code.lower()}/", names.country_name(code), len(by_country[code]) + len(worldwide))
            for code in country_codes
        ]
        return [("", links)]

    intro = _("Support listed for each country. Services open to everyone worldwide appear on every country's page.")
    plans.append(
        PagePlan(
            "countries/index.md",
            _("Browse by country"),
            lambda base: render_template(
                "index_page.html",
                title=_("Browse by country"),
                intro=intro,
                groups=all_countries(base),
                cards_html="",
                pages=[],
                count_text="",
                current=1,
            ),
            intro,
        )
    )
    for code in country_codes:
        name = names.country_name(code)
        plans += _paginated(
            f"countries/{code.lower()}",
            _("Support in %(country)s") % {"country": name},
            _("Listings that serve people in %(country)s, then services open to everyone worldwide.")
            % {"country": name},
            _country_order(by_country[code], worldwide),
            page_size,
            cards=cards,
        )
    return plans


def _country_order(specific: list[ListingView], worldwide: list[ListingView]) -> list[ListingView]:
    """ranking.py's order for one country: active first, then specific before worldwide, then the site's order
    (both lists are in it already, and sorting is stable)."""
    return sorted(specific + worldwide, key=lambda view: view.status == "paused")


KIND_INTROS = {
    "helplines": N_(
        "Phone, text and chat lines you can contact when you need to talk. Many are free and some are "
        "open all day and night."
    ),
    "communities": N_(
        "Online spaces where people support each other. Check how each one is moderated before you "
        "share anything personal."
    ),
    "teletherapy": N_("Therapy and counselling by video, phone or message. Teletherapy is not for emergencies."),
}
