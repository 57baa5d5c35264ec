"""The finder page's plain list for browsers without JavaScript (generator/site/finder_plain.py): a few helplines
per country in the help pages' order, and links to the country's pages for the rest (#16; its size at 10,000
listings, #14). The browser side is tests/browser/test_site_slow_phone.py."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from pathlib import Path

import pytest

from generator.directory import load_directory
from generator.ranking import ranked
from generator.site.finder_plain import PLAIN_SHOWN, plain_groups, with_plain_list
from generator.site.pages import FINDER_MODULES, finder_page, listing_views

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped():
    directory = load_directory(ROOT / "directory")
    return directory, listing_views(directory)


def helplines_by_country(directory) -> Counter:
    counts: Counter = Counter()
    for record in directory.published:
        if record.kind == "helplines":
            counts.update(record.listing.countries)
    return counts


def test_each_country_shows_at_most_a_few_helplines_and_counts_the_rest(shipped):
    directory, views = shipped
    groups = {group.code: group for group in plain_groups(directory, views)}
    counts = helplines_by_country(directory)
    assert set(groups) == set(counts)
    for code, group in groups.items():
        assert len(group.views) == min(PLAIN_SHOWN, counts[code]), code
        assert group.more == counts[code] - len(group.views), code
    assert groups["GB"].more > 0  # the shipped directory has more British helplines than the list shows


def test_the_order_is_the_help_pages_start_here_lines_then_crisis_lines(shipped):
    directory, views = shipped
    gb = next(group for group in plain_groups(directory, views) if group.code == "GB")
    start_here = [entry for group in directory.countries["GB"].profile.start_groups() for entry in group]
    shown = [view.id for view in gb.views]
    assert shown[: len(start_here)] == start_here
    serving = [r for r in directory.published if r.kind == "helplines" and "GB" in r.listing.countries]
    assert shown == [r.id for r in ranked(serving, country="GB", start_here=start_here)][:PLAIN_SHOWN]


def test_the_list_links_each_countrys_pages_for_the_rest(shipped):
    directory, views = shipped
    html = with_plain_list(finder_page("find/listings.json", "find/search-index.json"), directory, views).render("../")
    gb_more = helplines_by_country(directory)["GB"] - PLAIN_SHOWN
    section = html[html.index('id="kd-plain-gb"') :]
    section = section[: section.index("<h3", 1)]
    assert f"{gb_more} more helplines." in section
    assert 'href="../help/gb/"' in section and 'href="../countries/gb/"' in section
    assert len(re.findall(r"<li>", section)) == PLAIN_SHOWN
    # A country with every helpline shown and no help page would need no links; every shipped country has a
    # profile, so each links its help page.
    for code in directory.countries:
        if code in helplines_by_country(directory):
            assert f'href="../help/{code.lower()}/"' in html, code


def test_the_finder_page_preloads_every_module_it_runs_and_nothing_else():
    plan = finder_page("find/listings.json", "find/search-index.json")
    assert "modulepreload" not in plan.render("../")  # in the page's <head> (PagePlan.head), not its body
    html = plan.head("../")
    preloaded = re.findall(r'<link rel="modulepreload" href="\.\./assets/kindred/([^"]+)">', html)
    assert preloaded == list(FINDER_MODULES)
    assets = ROOT / "generator" / "assets"
    assert all((assets / module).is_file() for module in preloaded)
    # kindred.js, the finder it imports on demand, and what those import (match.js through query.js)
    assert {"kindred.js", "finder/page.js", "finder/finder.js", "finder/match.js", "i18n.js"} <= set(preloaded)
    # Classic scripts and lunr.js (fetched only once there are words to search) are not modules of the page;
    # early.js has its own script element.
    assert not {"privacy.js", "material_on_demand.js", "lunr.js", "finder/early.js"} & set(preloaded)
    assert '<script type="module" async src="../assets/kindred/finder/early.js"></script>' in html

    # Every module a preloaded module imports is preloaded too.
    def imports(module, dynamic=True):
        text = (assets / module).read_text(encoding="utf-8")
        pattern = (
            r'(?:\bfrom|\bimport)\s*\(?\s*"(\.{1,2}/[^"]+)"' if dynamic else r'(?:\bfrom|\bimport)\s*"(\.{1,2}/[^"]+)"'
        )
        return [posixpath.normpath(posixpath.join(posixpath.dirname(module), r)) for r in re.findall(pattern, text)]

    for module in preloaded + ["finder/early.js"]:
        for imported in imports(module):
            assert imported in preloaded, (module, imported)

    # What early.js needs, in the order it needs it, is named first: its own import (the listings start
    # there), the decoder, then the finder; the word search is in none of them.
    def graph(root):
        found, todo = {root}, [root]
        while todo:
            for imported in imports(todo.pop(), dynamic=False):
                if imported not in found:
                    found.add(imported)
                    todo.append(imported)
        return found - {"finder/early.js"}

    stages = [graph("finder/early.js"), graph("finder/country.js"), graph("finder/data.js"), graph("finder/page.js")]
    assert stages[0] == {"finder/load.js"}
    seen: set[str] = set()
    for stage in stages:
        assert set(preloaded[: len(seen | stage)]) == seen | stage
        seen |= stage
    assert not {"finder/query.js", "finder/match.js", "finder/index_load.js", "kindred.js"} & seen


def test_the_finder_page_fetches_its_listings_from_its_head():
    plan = finder_page("find/listings.json", "find/search-index.json")
    head = plan.head("../")
    assert (
        '<link rel="preload" href="../find/listings.json" as="fetch" type="application/json" '
        'crossorigin="anonymous" data-kd-finder-data>'
    ) in head
    assert head.index("find/listings.json") < head.index("early.js") < head.index("modulepreload")
    assert 'rel="preload"' not in plan.render("../")
