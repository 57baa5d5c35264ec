"""The keyboard on every page: "Skip to content" is the first Tab stop and Quick exit the second; the skip link
lands on the content (on find/, in the finder's search box); every Tab stop is something the visitor can see,
on a phone and a desktop screen; the header's menu and search open from the keyboard."""

from __future__ import annotations

import pytest
from kindred_browser import open_guarded_context

pytestmark = pytest.mark.browser

PAGES = {"home": "", "listing": "helplines/fixture-helpline/", "browse": "helplines/", "finder": "find/"}
WIDTHS = (390, 1280)
MAX_TAB_STOPS = 250

# What the focused element is and whether a sighted visitor can see it: a box of some size, on the screen,
# not transparent or hidden, and the element itself (not something drawn over it) at the middle of its box,
# or of one of its lines for a link that wraps.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const box = el.getBoundingClientRect();
  let opacity = 1;
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    opacity *= parseFloat(getComputedStyle(node).opacity);
  }
  const mine = (hit) => !!hit && (el === hit || el.contains(hit) ||
                                  (!!el.labels && [...el.labels].some((label) => label.contains(hit))));
  const middles = [...el.getClientRects()].filter((r) => r.width >= 1 && r.height >= 1)
    .map((r) => [r.left + r.width / 2, r.top + r.height / 2])
    .filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
  const style = getComputedStyle(el);
  return {
    what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className}`.slice(0, 80) +
          ` "${(el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`,
    box: [Math.round(box.left), Math.round(box.top), Math.round(box.width), Math.round(box.height)],
    sized: box.width >= 1 && box.height >= 1,
    onScreen: middles.length > 0,
    shown: style.visibility === 'visible' && opacity > 0.2,
    uncovered: middles.some(([x, y]) => mine(document.elementFromPoint(x, y))),
    skip: el.hasAttribute('data-kd-skip'),
  };
}"""
LOST = {"what": "focus lost (it was on something that then disappeared)", "sized": False, "onScreen": False,
        "shown": False, "uncovered": False, "skip": False}


def focused(page):
    return page.evaluate(FOCUSED)


def visible(stop) -> bool:
    return stop["sized"] and stop["onScreen"] and stop["shown"] and stop["uncovered"]


def tab_stops(page) -> list[dict]:
    """Tab from the top of the page to its end; each stop as FOCUSED describes it (a second look after Material's
    transitions for a stop that is not visible at once)."""
    stops = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop is None or (stop["skip"] and stops):
            return stops  # past the last stop, or round again to the first
        if not visible(stop):
            page.wait_for_timeout(450)
            stop = focused(page) or LOST
        stops.append(stop)
    raise AssertionError(f"more than {MAX_TAB_STOPS} Tab stops")


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda w: f"{w}px")
def sized_page(request, chromium_browser):
    width = request.param
    context, guard = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Europe/London",
                                          viewport={"width": width, "height": 844 if width < 600 else 900})
    yield context.new_page(), width
    context.close()


def load(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")  # the finder and "open now" have filled in
    page.wait_for_timeout(150)


@pytest.mark.parametrize("name", list(PAGES))
def test_every_tab_stop_is_visible(sized_page, fixture_url, name):
    page, width = sized_page
    load(page, fixture_url + PAGES[name])
    stops = tab_stops(page)
    assert len(stops) > 5, stops  # the walk really went through the page
    invisible = [stop for stop in stops if not visible(stop)]
    assert invisible == [], f"{name} at {width}px: {invisible}"


@pytest.mark.parametrize("name", list(PAGES))
def test_skip_link_then_quick_exit_come_first(sized_page, fixture_url, name):
    page, _ = sized_page
    load(page, fixture_url + PAGES[name])
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content"
    assert visible(focused(page))  # shown while it has focus
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-kd-quick-exit')")
    assert "Quick exit" in page.locator(":focus").inner_text()


def test_the_skip_link_is_out_of_sight_until_focused(sized_page, fixture_url):
    page, _ = sized_page
    load(page, fixture_url)
    box = page.locator("[data-kd-skip]").bounding_box()
    assert box["y"] + box["height"] <= 0
    assert page.locator(".md-skip").count() == 1 and not page.locator(".md-skip").is_visible()  # Material's own


@pytest.mark.parametrize("name", ["home", "listing", "browse"])
def test_skip_link_goes_to_the_content(sized_page, fixture_url, name):
    page, width = sized_page
    url = fixture_url + PAGES[name]
    load(page, url)
    history = page.evaluate("history.length")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "kd-content"
    assert page.url == url and page.evaluate("history.length") == history  # no #fragment, no history entry
    # The next Tab stop is in the article, past the header, banner and navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article')"), focused(page)
    assert visible(focused(page))


def test_skip_link_on_the_finder_goes_to_its_search_box(sized_page, fixture_url):
    page, _ = sized_page
    load(page, fixture_url + "find/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "kd-finder-q"
    assert visible(focused(page))
    page.keyboard.type("grief")
    assert page.locator("#kd-finder-q").input_value() == "grief"


def test_skip_link_works_after_instant_navigation(chromium_browser, fixture_url):
    context, _ = open_guarded_context(chromium_browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    load(page, fixture_url)
    page.evaluate("window.__same_document = true")
    page.locator(".md-sidebar--primary").get_by_role("link", name="Find support", exact=True).first.click()
    page.wait_for_url(fixture_url + "find/")
    page.wait_for_selector("#kd-finder-q")
    assert page.evaluate("window.__same_document === true")
    page.locator("[data-kd-skip]").focus()  # the banner Material swapped in with the page
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "kd-finder-q"
    context.close()


# -- the header's menu and search, from the keyboard ----------------------------------------------------------------
@pytest.fixture
def phone(chromium_browser):
    context, _ = open_guarded_context(chromium_browser, viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


def test_menu_opens_and_closes_from_the_keyboard(phone, fixture_url):
    page = phone
    load(page, fixture_url + PAGES["listing"])
    menu = page.get_by_role("button", name="Menu")
    assert menu.get_attribute("aria-expanded") == "false"
    # The closed drawer takes no focus: the menu button is the way in.
    assert not any("md-nav__link" in stop["what"] for stop in tab_stops(page))
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_timeout(350)
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
    assert visible(focused(page))
    # Every stop in the open drawer is visible: the sections' panels that are not open take no focus.
    in_drawer = []
    for _ in range(30):
        page.keyboard.press("Tab")
        if not page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"):
            break
        in_drawer.append(focused(page))
    assert len(in_drawer) >= 5 and [stop for stop in in_drawer if not visible(stop)] == []
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Menu"


def test_search_opens_from_the_keyboard(phone, fixture_url):
    page = phone
    load(page, fixture_url + PAGES["listing"])
    search = page.get_by_role("button", name="Search")
    search.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert page.evaluate("document.getElementById('__search').checked")
    assert search.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert visible(focused(page))
    page.keyboard.press("Escape")  # Material closes its search; focus goes back to the button
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Search"
    assert search.get_attribute("aria-expanded") == "false"
