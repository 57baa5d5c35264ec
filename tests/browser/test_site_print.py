"""Listing, finder and help pages on paper (print media emulated): no site chrome (Quick exit, skip link, banner,
header, navigation, search, footer, the finder's form and buttons), every web link followed by its address and
every call or text button by its number, "open now" marked as true when printed, the finder's filters in use
and the help page's emergency number kept."""

from __future__ import annotations

import pytest
from kindred_browser import open_guarded_context

pytestmark = pytest.mark.browser

CHROME = [".kd-quick-exit", ".kd-skip", ".kd-crisis", ".md-banner", ".md-header", ".md-sidebar--primary",
          ".md-search", ".md-footer", ".md-top", ".md-content__button"]

DISPLAYS = """(selectors) => Object.fromEntries(selectors.map((s) =>
  [s, [...document.querySelectorAll(s)].map((el) => getComputedStyle(el).display)]))"""

# Each link in the content with what is printed after it.
LINKS_AFTER = """(selector) => [...document.querySelectorAll(selector)].filter((a) => a.getClientRects().length)
  .map((a) => [a.getAttribute('href'), getComputedStyle(a, '::after').content])"""


@pytest.fixture
def page(chromium_browser):
    context, _ = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Europe/London",
                                      viewport={"width": 1024, "height": 900})
    yield context.new_page()
    context.close()


def printed(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")  # "open now" and the finder have filled in
    page.wait_for_timeout(150)
    page.emulate_media(media="print")


def assert_no_chrome(page) -> None:
    displays = page.evaluate(DISPLAYS, CHROME)
    assert [s for s, found in displays.items() if any(d != "none" for d in found)] == [], displays
    assert displays[".kd-quick-exit"] == ["none"] and displays[".md-header"] == ["none"]  # there, and hidden


def assert_links_show_where_they_go(page, scheme_prefixes) -> None:
    links = page.evaluate(LINKS_AFTER, "article a[href]")
    for prefix in scheme_prefixes:
        chosen = [(href, after) for href, after in links if href.startswith(prefix)]
        assert chosen, f"no {prefix} link to check"
        assert all(after == f'" ({href})"' for href, after in chosen), chosen


def test_a_listing_page_prints_without_chrome_and_with_addresses(page, fixture_url):
    printed(page, fixture_url + "helplines/fixture-helpline/")
    assert_no_chrome(page)
    assert page.locator("h1").is_visible()
    assert page.locator("table.kd-hours").first.is_visible()  # the hours, as text
    assert_links_show_where_they_go(page, ["https://", "tel:", "sms:"])
    state = page.locator(".kd-open-state").first
    assert state.evaluate("el => getComputedStyle(el, '::before').content") == '"When printed: "'
    # On screen none of it: the addresses and the note are for paper only.
    page.emulate_media(media="screen")
    assert page.get_by_role("link", name="Quick exit").is_visible()
    assert {after for _, after in page.evaluate(LINKS_AFTER, "article a[href^='tel:']")} == {"none"}
    assert state.evaluate("el => getComputedStyle(el, '::before').content") == "none"


def test_a_browse_page_prints_its_cards(page, fixture_url):
    printed(page, fixture_url + "helplines/")
    assert_no_chrome(page)
    assert page.locator("article [data-listing-id]").first.is_visible()
    assert_links_show_where_they_go(page, ["tel:"])


def test_the_finder_prints_its_results_and_the_filters_in_use(page, fixture_url):
    page.goto(fixture_url + "find/?country=GB&kind=helplines")  # a link in the form the finder has always read
    page.wait_for_selector("#kd-finder [data-listing-id]")
    page.wait_for_timeout(200)
    page.emulate_media(media="print")
    assert_no_chrome(page)
    displays = page.evaluate(DISPLAYS, [".kd-finder__form", ".kd-finder-active-filters"])
    assert displays[".kd-finder__form"] == ["none"]  # the search box and the filter boxes
    assert displays[".kd-finder-active-filters"] == ["block"]
    summary = page.locator(".kd-finder-active-filters")
    assert summary.is_visible() and "United Kingdom" in summary.inner_text()
    assert page.locator("#kd-finder [data-listing-id]").first.is_visible()
    assert page.evaluate("[...document.querySelectorAll('article button')].filter(b => b.getClientRects().length)"
                         ".length") == 0
    assert_links_show_where_they_go(page, ["tel:"])
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


def test_a_help_page_prints_its_emergency_number(page, shipped_url):
    printed(page, shipped_url + "help/gb/")
    assert_no_chrome(page)
    emergency = page.locator("a.kd-emergency").first
    assert emergency.is_visible()
    href = emergency.get_attribute("href")
    assert href.startswith("tel:")
    assert emergency.evaluate("el => getComputedStyle(el, '::after').content") == f'" ({href})"'


def test_the_printed_finder_names_the_chosen_countrys_emergency_number(page, shipped_url):
    page.goto(shipped_url + "find/?country=GB&kind=helplines")
    page.wait_for_selector("#kd-finder [data-listing-id]")
    summary = page.locator(".kd-finder-active-filters")
    assert "999" not in summary.inner_text()  # on screen the help pages and banner carry it
    page.emulate_media(media="print")
    assert "In an emergency in United Kingdom, call 999." in summary.inner_text()
