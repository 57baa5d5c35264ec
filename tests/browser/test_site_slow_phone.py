"""The first minute on a slow phone (#16), on the shipped site: pages that work with JavaScript off, plain tel:
links in the HTML, no layout shift while the finder loads or as its filters change, a named search dialog, and
help and listing pages light enough (sizes, never timings)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from kindred_browser import open_guarded_context

from generator.directory import load_directory
from generator.site.finder_plain import PLAIN_SHOWN

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
LISTING = "helplines/samaritans-uk/"
HELP = "help/gb/"
WEIGHT_LIMIT = 100_000  # bytes, gzip, everything a help or listing page loads
FINDER_LIMIT = 150_000  # bytes, gzip, everything the finder loads until its first results
CLS_LIMIT = 0.02
TIMES = re.compile(r"\d{1,2}:\d\d(?:\s?[AP]M)?–\d{1,2}:\d\d(?:\s?[AP]M)?")  # "9:00 AM–5:00 PM" on the English site

# Layout shifts as Chromium reports them (the Layout Instability API), from the first paint on.
WATCH_SHIFTS = """
window.__kdShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__kdShifts.push({value: entry.value, input: entry.hadRecentInput});
}).observe({type: "layout-shift", buffered: true});
"""
CLS = "() => window.__kdShifts.filter(s => !s.input).reduce((sum, s) => sum + s.value, 0)"


def profile(code: str) -> dict:
    return yaml.safe_load((ROOT / "directory" / "countries" / f"{code}.yaml").read_text(encoding="utf-8"))


def emergency_href(code: str) -> str:
    return "tel:" + "".join(ch for ch in profile(code)["emergency"][0]["number"] if ch.isdigit())


@pytest.fixture
def no_script(chromium_browser):
    context, guard = open_guarded_context(chromium_browser, java_script_enabled=False, locale="en-GB",
                                          timezone_id="Europe/London", viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(chromium_browser):
    context, guard = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Europe/London",
                                          viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_init_script(WATCH_SHIFTS)
    yield context, guard
    context.close()


def reachable(page, selector: str) -> list[str]:
    """The hrefs of the links matching `selector` that are visible and would take a tap (Playwright's trial click:
    visible, stable, enabled and not covered)."""
    links = page.locator(selector)
    hrefs = []
    for index in range(links.count()):
        link = links.nth(index)
        if link.is_visible():
            link.click(trial=True, timeout=2_000)
            hrefs.append(link.get_attribute("href"))
    return hrefs


# -- without JavaScript ----------------------------------------------------------------------------------------
def test_a_listing_page_works_without_javascript(no_script, shipped_url):
    page = no_script
    page.goto(shipped_url + LISTING)
    calls = reachable(page, ".kd-listing .kd-actions a[href^='tel:']")
    assert calls[:2] == ["tel:116123", "tel:+448081640123"]
    assert reachable(page, ".kd-listing-emergency a[href^='tel:']") == [emergency_href("GB")]
    assert "Call 999" in page.locator(".kd-listing-emergency").inner_text()
    hours = page.locator("section[aria-labelledby='kd-hours']").inner_text()
    assert "Open 24 hours, every day" in hours and TIMES.search(hours)  # the Welsh line's weekly hours


def test_a_help_page_works_without_javascript(no_script, shipped_url):
    page = no_script
    page.goto(shipped_url + HELP)
    emergency = page.locator("a.kd-emergency").first
    assert emergency.get_attribute("href") == emergency_href("GB") and emergency.is_visible()
    emergency.click(trial=True)
    assert "tel:116123" in reachable(page, ".kd-card a[href^='tel:']")
    # Hours as text on every card: "24/7", or the week's times in words (not "see the listing").
    cards = page.locator(".kd-card")
    weekly = 0
    for index in range(cards.count()):
        card = cards.nth(index)
        if card.locator(".kd-open-state").count():
            weekly += 1
            assert TIMES.search(card.locator(".kd-open-state").inner_text()), card.inner_text()
        else:
            assert card.locator(".kd-card__meta").inner_text().endswith("24/7"), card.inner_text()
    assert weekly >= 1  # GB has crisis lines with weekly hours


def test_the_finder_lists_helplines_by_country_without_javascript(no_script, shipped_url):
    page = no_script
    page.goto(shipped_url + "find/")
    assert not page.locator("#kd-finder").is_visible()
    note = page.evaluate("() => [...document.querySelectorAll('noscript')].map(n => n.textContent).join(' ')")
    assert "This search needs JavaScript" in note
    plain = page.locator(".kd-finder-plain")
    assert plain.is_visible()
    # Helplines under each of their countries, by name and with their call links: at most PLAIN_SHOWN a country
    # (the page stays light at any size of directory), each country's own pages linked for the rest.
    directory = load_directory(ROOT / "directory")
    helplines = [r for r in directory.published if r.kind == "helplines"]
    names = set(plain.locator("li > a:first-child").all_inner_texts())
    assert names <= {r.listing.name for r in helplines}
    countries = {code for r in helplines for code in r.listing.countries}
    sizes = plain.locator("ul.kd-finder-plain__list").evaluate_all("lists => lists.map(l => l.children.length)")
    assert len(sizes) == len(countries) and max(sizes) == PLAIN_SHOWN
    gb = page.locator("#kd-plain-gb + .kd-finder-plain__emergency")
    assert gb.locator("a").first.get_attribute("href") == emergency_href("GB")
    samaritans = plain.locator("li", has=page.locator("a[href$='helplines/samaritans-uk/']")).first
    samaritans.locator("a[href='tel:116123']").click(trial=True)
    # The rest of the British helplines: the help page and the country's browse page, plain links that work
    # without JavaScript too.
    gb_more = page.locator("#kd-plain-gb ~ .kd-finder-plain__more").first
    shown = sum(1 for r in helplines if "GB" in r.listing.countries) - PLAIN_SHOWN
    assert gb_more.inner_text().startswith(f"{shown} more helplines.")
    gb_more.locator("a[href$='countries/gb/']").click()
    page.wait_for_url("**/countries/gb/")
    assert page.locator(".kd-card a[href^='tel:']").count() > 0


def test_with_javascript_the_finder_takes_the_plain_lists_place(phone, shipped_url):
    context, guard = phone
    page = context.new_page()
    page.goto(shipped_url + "find/")
    page.wait_for_selector("#kd-finder[data-kd-ready='1']")
    assert not page.locator(".kd-finder-plain").is_visible()
    assert page.locator(".kd-finder__cards .kd-card").count() > 0
    # The list came once, inside the page: the finder fetched only its own data, and no page twice.
    documents = [url for url in guard.requests if urlsplit(url).path.endswith("/")]
    assert documents == [shipped_url + "find/"]


# -- plain links in the HTML -------------------------------------------------------------------------------------
def test_emergency_and_call_links_are_plain_tel_links_in_the_html(shipped_site):
    help_html = (shipped_site / HELP / "index.html").read_text(encoding="utf-8")
    assert f'<a class="kd-emergency" href="{emergency_href("GB")}">' in help_html
    directory = load_directory(ROOT / "directory")
    profiled = set(directory.countries)
    for record in directory.published:
        page = (shipped_site / record.kind / record.id / "index.html").read_text(encoding="utf-8")
        emergency = page[page.index('class="kd-listing-emergency"'):]
        emergency = emergency[:emergency.index("</aside>")]
        codes = [c for c in record.listing.countries if c in profiled]
        assert len(re.findall(r'href="tel:\d+"', emergency)) == len(codes), record.key
        phones = [c for c in record.listing.contacts if c.method == "phone"]
        assert len(re.findall(r'class="kd-action kd-action--phone" href="tel:[+\d]', page)) == len(phones), record.key


# -- no layout shift -------------------------------------------------------------------------------------------
def test_the_finder_does_not_shift_while_it_loads_or_as_filters_change(phone, shipped_url):
    context, _ = phone
    page = context.new_page()
    page.goto(shipped_url + "find/")
    page.wait_for_selector("#kd-finder[data-kd-ready='1']")
    page.wait_for_timeout(500)  # the second pass, in the visitor's clock order
    assert page.evaluate(CLS) <= CLS_LIMIT
    if page.locator("details.kd-finder__panel").get_attribute("open") is None:
        page.locator("summary.kd-finder__panel-summary").click()
    for key, value in (("kind", "helplines"), ("country", "GB")):
        group = page.locator(f"details[data-kd-facet-group='{key}']")
        if group.get_attribute("open") is None:
            group.locator("summary").click()
        updates = page.locator("#kd-finder").get_attribute("data-kd-updates")
        page.locator(f"#kd-finder input[data-kd-facet='{key}'][value='{value}']").check()
        page.wait_for_function(f"() => document.querySelector('#kd-finder').dataset.kdUpdates !== '{updates}'")
    page.wait_for_timeout(700)  # past the 500 ms a shift right after a tap is excused for
    assert page.evaluate(CLS) <= CLS_LIMIT


@pytest.mark.parametrize("path", ["", HELP, LISTING])
def test_home_help_and_listing_pages_do_not_shift(phone, shipped_url, path):
    context, _ = phone
    page = context.new_page()
    page.goto(shipped_url + path)
    page.wait_for_load_state("networkidle")
    if path == "":  # the help suggestion for this device (GB) has arrived in the space kept for it
        page.locator("a[data-kd-help-country='GB']").wait_for()
    page.wait_for_timeout(300)
    assert page.evaluate(CLS) <= CLS_LIMIT


# -- accessibility ---------------------------------------------------------------------------------------------
def test_the_search_dialog_and_header_buttons_pass_axe(phone, shipped_url, axe_check):
    context, _ = phone
    page = context.new_page()
    page.goto(shipped_url + HELP)
    page.wait_for_load_state("networkidle")
    dialog = page.locator(".md-search[role=dialog]")
    assert dialog.get_attribute("aria-label") == "Search"
    axe_check(page)  # loads axe-core into the page
    rules = ["aria-dialog-name", "aria-allowed-role", "button-name", "nested-interactive"]
    failing = page.evaluate("""async (rules) => (await axe.run(document, {runOnly: {type: 'rule', values: rules}}))
        .violations.map(v => v.id + ': ' + v.nodes.map(n => n.html.slice(0, 80)).join(' | '))""", rules)
    assert failing == []
    assert page.get_by_role("button", name="Search").get_attribute("aria-expanded") == "false"


# -- weight ----------------------------------------------------------------------------------------------------
def gzip_weight(site: Path, base: str, urls: list[str]) -> dict[str, int]:
    """Each distinct file of the site that was requested, gzipped (level 6, as a compressing server would send
    it; images as they are)."""
    sizes = {}
    for url in dict.fromkeys(urls):
        if not url.startswith(base):
            continue
        path = unquote(urlsplit(url).path)[len(urlsplit(base).path):]
        file = site / path
        if file.is_dir() or path == "":
            file = file / "index.html"
        if not file.is_file():
            sizes[path] = -1  # not a file of the site: a request that ends in 404
            continue
        data = file.read_bytes()
        sizes[path or "/"] = len(data) if file.suffix in (".png", ".ico") else len(gzip.compress(data, 6))
    return sizes


@pytest.mark.parametrize("path", [HELP, LISTING])
def test_help_and_listing_pages_load_at_most_100_kb(phone, shipped_site, shipped_url, path):
    context, guard = phone
    page = context.new_page()
    page.goto(shipped_url + path)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    sizes = gzip_weight(shipped_site, shipped_url, guard.requests)
    assert sum(sizes.values()) <= WEIGHT_LIMIT, sorted(sizes.items(), key=lambda item: -item[1])
    # Every request is for a file of the site (a 404 costs a round trip and headers on a slow phone): no
    # sitemap beside an hreflang <link>; the one sitemap is the site's own, for instant navigation.
    assert [path for path, size in sizes.items() if size < 0 or (path.endswith(".xml") and path != "sitemap.xml")] == []
    assert "finder.css" not in " ".join(sizes)  # the finder's stylesheet is on the finder's page only
    # Material's site search (its index and worker) waits until it is opened, and then works.
    assert not [url for url in guard.requests if "search_index.json" in url or "/workers/search." in url]
    page.get_by_role("button", name="Search").click()
    page.locator("input.md-search__input").press_sequentially("grief", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    assert [url for url in guard.requests if "search_index.json" in url]


def test_the_finders_first_results_load_at_most_150_kb(phone, shipped_site, shipped_url):
    context, guard = phone
    page = context.new_page()
    page.goto(shipped_url + "find/")
    page.wait_for_selector("#kd-finder[data-kd-ready='1']")
    page.wait_for_load_state("networkidle")
    sizes = gzip_weight(shipped_site, shipped_url, guard.requests)
    assert "find/listings.json" in sizes
    assert sum(sizes.values()) <= FINDER_LIMIT, sorted(sizes.items(), key=lambda item: -item[1])
    assert [path for path, size in sizes.items() if size < 0 or (path.endswith(".xml") and path != "sitemap.xml")] == []
    # That sitemap names pages by address only (their languages are in sitemap-languages.xml, for search engines).
    assert "hreflang" not in (shipped_site / "sitemap.xml").read_text(encoding="utf-8")


# -- what Material fetches in the background (generator/assets/material_on_demand.js) -------------------------
SITEMAP_REQUESTED = "() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/sitemap.xml'))"
SITEMAP_AND_FIRST_RESULTS = """() => {
  const sitemap = performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname.endsWith("/sitemap.xml"));
  const first = performance.getEntriesByName("kd-first-results")[0];
  const load = performance.getEntriesByType("navigation")[0].loadEventStart;
  return {sitemap: sitemap ? sitemap.startTime : null, first: first ? first.startTime : null, load};
}"""


def test_on_the_finders_page_the_sitemap_waits_for_the_first_results(phone, shipped_url):
    context, _ = phone
    page = context.new_page()
    page.goto(shipped_url + "find/")
    page.wait_for_selector("#kd-finder[data-kd-ready='1']")
    page.wait_for_function(SITEMAP_REQUESTED)  # a function: the page's CSP forbids evaluating a string
    times = page.evaluate(SITEMAP_AND_FIRST_RESULTS)
    assert times["first"] is not None and times["sitemap"] >= times["first"], times
    # Instant navigation still takes over once the sitemap is in: a listing opens in the same document.
    page.evaluate("window.__kdSameDocument = true")
    page.locator(".kd-finder__cards [data-listing-id] a[href*='helplines/']").first.click()
    page.wait_for_url("**/helplines/**")
    page.locator(".kd-listing").wait_for()
    assert page.evaluate("window.__kdSameDocument === true")


def test_elsewhere_the_sitemap_is_not_held(phone, shipped_url):
    context, _ = phone
    page = context.new_page()
    page.goto(shipped_url + HELP)
    page.wait_for_function(SITEMAP_REQUESTED)  # a function: the page's CSP forbids evaluating a string
    times = page.evaluate(SITEMAP_AND_FIRST_RESULTS)
    # Requested as Material's bundle starts, before the page's load event (held, it would wait 5 s).
    page.wait_for_load_state("load")
    times = page.evaluate(SITEMAP_AND_FIRST_RESULTS)
    assert times["first"] is None and 0 < times["sitemap"] < times["load"], times


# -- page-specific stylesheets (PagePlan.stylesheets) ---------------------------------------------------------
@pytest.mark.parametrize("path", ["", HELP, LISTING, "find/"])
def test_text_for_screen_readers_only_stays_hidden_on_every_page(phone, shipped_url, path):
    # .kd-sr-only is site-wide: on a page without the finder's stylesheet the switcher's name must not show
    # (it did once, squeezing the site's name in the header to "K…").
    context, _ = phone
    page = context.new_page()
    page.goto(shipped_url + path)
    label = page.locator(".kd-languages .kd-sr-only").first
    box = label.bounding_box()
    assert label.count() and box is not None and box["width"] <= 1 and box["height"] <= 1, box
