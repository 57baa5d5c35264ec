"""The crisis line and the Quick exit on every page: the exit replaces the page with a neutral site
(location.replace, so Back does not come back) from the button or from Shift pressed three times (Escape no
longer: it stops a page loading and closes the site search). Once leaving, nothing else happens; typed text is
not there on Back; the button, with its hint, covers no link or button at any width.

The exit target (the plugin's default, a weather page) is answered by a local stub: nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import re

import pytest
from kindred_browser import CHROMIUM, CHROMIUM_ARGS, QUICK_EXIT_URL, open_guarded_context

pytestmark = pytest.mark.browser

PAGES = ["", "guides/grief/", "helplines/fixture-helpline/", "communities/fixture-forum/",
         "teletherapy/fixture-therapy/", "helplines/", "topics/grief-loss/", "countries/gb/", "find/"]


def test_every_page_has_a_crisis_line_and_a_labelled_quick_exit(guarded_page, fixture_url):
    page, guard = guarded_page
    for path in PAGES:
        page.goto(fixture_url + path)
        crisis = page.get_by_role("region", name="Urgent help")
        assert crisis.is_visible(), path
        assert "emergency" in crisis.inner_text(), path
        assert crisis.bounding_box()["y"] < 80, path  # at the top
        help_link = crisis.get_by_role("link", name="Get help now")
        assert help_link.get_attribute("data-kd-crisis-link") == ""
        assert help_link.evaluate("a => a.href") == fixture_url + "help/", path  # the help-now pages
        button = page.get_by_role("link", name="Quick exit")
        assert button.is_visible(), path
        assert button.get_attribute("href") == QUICK_EXIT_URL, path
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, path
        # The hint is shown beside the name, and read with it.
        assert "or press Shift 3 times" in " ".join(button.inner_text().split()), path
        assert page.get_by_role("link", name=re.compile(r"^Quick exit or press Shift 3 times$")).count() == 1
    assert guard.external() == []


@pytest.mark.parametrize("width", [320, 360, 390])
def test_the_crisis_line_is_one_short_line_on_a_phone(chromium_browser, fixture_url, width):
    context, _ = open_guarded_context(chromium_browser, viewport={"width": width, "height": 800}, is_mobile=True,
                                      has_touch=True)
    page = context.new_page()
    page.goto(fixture_url)
    text = page.locator(".kd-crisis__text")
    line_height = float(text.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)"))
    assert text.bounding_box()["height"] < 1.5 * line_height
    assert " ".join(text.inner_text().split()) == "In danger? Get help now"
    context.close()


def leave_and_go_back(page, fixture_url, exit_action):
    """Open the home page, then a listing (both full loads), exit, then press Back."""
    page.goto(fixture_url)
    listing = fixture_url + "helplines/fixture-helpline/"
    page.goto(listing)
    history = page.evaluate("history.length")
    exit_action(page)
    page.wait_for_url(QUICK_EXIT_URL)
    assert page.locator("h1").inner_text() == "Stub neutral page"
    assert page.evaluate("history.length") == history  # replaced, not pushed
    page.go_back()
    assert page.url != listing
    assert page.url == fixture_url  # Back skips the page that was showing


def test_quick_exit_button_replaces_the_page(guarded_page, fixture_url):
    page, guard = guarded_page
    leave_and_go_back(page, fixture_url, lambda p: p.get_by_role("link", name="Quick exit").click())
    assert set(guard.quick_exit_hits) == {QUICK_EXIT_URL}
    assert guard.external() == [] and guard.blocked == []


def test_a_middle_click_leaves_too_and_opens_no_tab(guarded_context, fixture_url):
    context, guard = guarded_context
    page = context.new_page()
    page.goto(fixture_url + "helplines/fixture-helpline/")
    page.get_by_role("link", name="Quick exit").click(button="middle")
    page.wait_for_url(QUICK_EXIT_URL)
    page.wait_for_timeout(300)
    assert len(context.pages) == 1  # this page left; no tab with the site in it opened beside
    assert guard.quick_exit_hits == [QUICK_EXIT_URL]


def press_shift(page, times: int = 3) -> None:
    for _ in range(times):
        page.keyboard.press("Shift")


def test_shift_three_times_replaces_the_page(guarded_page, fixture_url):
    page, guard = guarded_page
    leave_and_go_back(page, fixture_url, press_shift)
    assert set(guard.quick_exit_hits) == {QUICK_EXIT_URL}


def test_shift_three_times_works_while_typing_in_a_search_box(guarded_page, fixture_url):
    page, guard = guarded_page
    page.goto(fixture_url + "helplines/fixture-helpline/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("Grief")  # a capital letter: Shift, then G, is not a Shift press of the gesture
    press_shift(page)
    page.wait_for_url(QUICK_EXIT_URL)
    assert guard.quick_exit_hits == [QUICK_EXIT_URL]


@pytest.mark.parametrize("keys", [
    ["Shift", "Shift"],
    ["Shift", "Shift", "a", "Shift"],
    ["Shift", "Shift", "Tab", "Shift"],
    ["Escape", "Escape"],
    ["Escape", "Escape", "Escape"],
], ids=lambda keys: "-".join(keys))
def test_other_key_sequences_do_nothing(guarded_page, fixture_url, keys):
    page, guard = guarded_page
    listing = fixture_url + "helplines/fixture-helpline/"
    page.goto(listing)
    for key in keys:
        page.keyboard.press(key)
    page.wait_for_timeout(400)
    assert page.url == listing
    assert page.locator("h1").count() == 1  # the page is still there
    assert guard.quick_exit_hits == []


def test_slow_shift_presses_do_nothing(guarded_page, fixture_url):
    page, guard = guarded_page
    listing = fixture_url + "helplines/fixture-helpline/"
    page.goto(listing)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(1300)  # longer than a second since the last press: a new count starts
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url == listing and guard.quick_exit_hits == []


def test_once_leaving_nothing_else_happens(guarded_page, fixture_url):
    page, guard = guarded_page
    held, heard = [], []  # the neutral page's request is answered only at the end: the page being left stays
    page.route(lambda url: url.startswith(QUICK_EXIT_URL), lambda route: held.append(route))
    page.on("console", lambda message: heard.append(message.text))
    page.goto(fixture_url + "helplines/fixture-helpline/")
    # (Playwright cannot evaluate in a page whose navigation is under way, so the page reports by console.)
    page.evaluate("""() => {
        for (const type of ['keydown', 'click']) document.addEventListener(type, () => console.log('heard ' + type));
        new MutationObserver(() => { if (!document.body.firstChild && document.title === '') console.log('blank'); })
          .observe(document.body, {childList: true}); }""")
    press_shift(page)
    page.wait_for_timeout(250)
    assert len(held) == 1
    assert heard == ["heard keydown", "heard keydown", "blank", "heard keydown"]  # blanked at once
    press_shift(page, 6)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.mouse.click(50, 20)
    page.wait_for_timeout(300)
    assert len(held) == 1  # no second navigation
    assert heard == ["heard keydown", "heard keydown", "blank", "heard keydown"]  # nothing reached the page
    held[0].fulfill(status=200, content_type="text/html", body="<!doctype html><title>Weather</title><h1>Stub</h1>")
    page.wait_for_url(QUICK_EXIT_URL)
    assert guard.blocked == [] and guard.external() == []


def test_the_first_page_of_a_visit_is_gone_from_history_too(guarded_page, fixture_url):
    page, _ = guarded_page
    page.goto(fixture_url + "communities/fixture-forum/")
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(QUICK_EXIT_URL)
    page.go_back()
    assert "fixture-forum" not in page.url and not page.url.startswith(fixture_url)


def test_quick_exit_after_instant_navigation(guarded_page, fixture_url):
    page, guard = guarded_page
    page.goto(fixture_url)
    page.evaluate("window.__same_document = true")
    page.locator(".md-sidebar--primary").get_by_role("link", name="Helplines", exact=True).first.click()
    page.wait_for_url(fixture_url + "helplines/")
    assert page.evaluate("window.__same_document === true")  # Material swapped the page in place
    press_shift(page)
    page.wait_for_url(QUICK_EXIT_URL)
    page.go_back()
    assert page.url == fixture_url  # not the helplines page the visitor was reading
    assert guard.external() == []


# -- typed text is not there on Back ----------------------------------------------------------------------------
TYPED = "domestic abuse"

# Every text field's value, and whether the typed words show anywhere on the page.
TRACES = """(typed) => ({
  fields: [...document.querySelectorAll('input, textarea')].filter(f => f.value && !['checkbox', 'radio', 'hidden',
           'submit', 'button'].includes(f.type)).map(f => f.value),
  inText: document.body.innerText.toLowerCase().includes(typed.split(' ')[0]),
})"""


def assert_no_trace(page) -> None:
    page.wait_for_function(f"() => !({TRACES})({TYPED!r}).inText", timeout=5000)
    assert page.evaluate(TRACES, TYPED) == {"fields": [], "inText": False}


def type_everywhere(page) -> None:
    """The typed words in the finder's box and in the site search."""
    page.locator("#kd-finder-q").fill(TYPED)
    page.locator("input.md-search__input").fill(TYPED)
    page.wait_for_timeout(500)  # the finder and the search have taken it in
    assert page.evaluate(TRACES, TYPED)["fields"] == [TYPED, TYPED]


def test_back_after_quick_exit_shows_nothing_typed(guarded_page, fixture_url):
    page, _ = guarded_page
    page.goto(fixture_url)
    page.goto(fixture_url + "find/")
    page.wait_for_selector("#kd-finder-q")
    type_everywhere(page)
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(QUICK_EXIT_URL)
    page.go_back()
    assert page.url.startswith(fixture_url)
    assert_no_trace(page)


def test_back_after_quick_exit_from_a_page_reached_by_instant_navigation(guarded_page, fixture_url):
    page, _ = guarded_page
    page.goto(fixture_url + "find/")
    page.wait_for_selector("#kd-finder-q")
    type_everywhere(page)
    page.keyboard.press("Escape")  # closes the site search
    page.evaluate("window.__same_document = true")
    page.locator(".md-sidebar--primary").get_by_role("link", name="Helplines", exact=True).first.click()
    page.wait_for_url(fixture_url + "helplines/")
    assert page.evaluate("window.__same_document === true")
    press_shift(page)
    page.wait_for_url(QUICK_EXIT_URL)
    page.go_back()
    assert page.url.startswith(fixture_url)
    assert_no_trace(page)


@pytest.fixture(scope="module")
def bfcache_browser(chromium_browser):
    """Chromium with its back/forward cache on (Playwright turns it off by default), so Back restores a page
    as it was left."""
    browser = chromium_browser.browser_type.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
                                                   ignore_default_args=["--disable-back-forward-cache"])
    yield browser
    browser.close()


def test_a_page_restored_from_the_back_forward_cache_has_nothing_typed(bfcache_browser, fixture_url):
    context, guard = open_guarded_context(bfcache_browser, viewport={"width": 1280, "height": 900})
    context.add_init_script("addEventListener('pageshow', (e) => { window.__restored = e.persisted; });")
    page = context.new_page()
    page.goto(fixture_url + "find/")
    page.wait_for_selector("#kd-finder-q")
    page.evaluate("window.__kept = 'this very document'")
    type_everywhere(page)
    page.goto(fixture_url + "helplines/fixture-helpline/")  # the finder goes into the cache
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(QUICK_EXIT_URL)
    page.go_back(wait_until="commit")  # a restored page fires no load event
    page.wait_for_function("() => window.__restored !== undefined")
    assert page.evaluate("[window.__restored, window.__kept]") == [True, "this very document"]  # from the cache
    assert_no_trace(page)
    assert guard.external() == []
    context.close()


# -- the button covers nothing -----------------------------------------------------------------------------------
WIDTHS = [320, 390, 768, 1024, 1280, 1440, 1920]
LAYOUT_PAGES = {"home": "", "listing": "helplines/fixture-helpline/", "browse": "helplines/", "finder": "find/"}

# Every visible link, button or field whose box overlaps Quick exit's (`within`: only those inside it).
OVERLAPS = """([within]) => {
  const exit = document.querySelector('[data-kd-quick-exit]');
  const box = exit.getBoundingClientRect();
  const found = [];
  const controls = 'a[href], button, [role=button], input:not([type=hidden]), select, textarea, summary, label[for]';
  for (const el of document.querySelectorAll(within ? within + ' :is(' + controls + ')' : controls)) {
    if (el === exit || exit.contains(el) || getComputedStyle(el).visibility !== 'visible') continue;
    if (el.matches('.md-overlay, .md-search__overlay')) continue;  // the dimmed backdrop behind the menu or search
    for (const r of el.getClientRects()) {
      if (r.width >= 1 && r.height >= 1 && r.left < box.right && r.right > box.left && r.top < box.bottom &&
          r.bottom > box.top) {
        found.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.innerText || el.getAttribute('aria-label') ||
                     '').trim().slice(0, 30)}" at ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${
                     Math.round(r.height)}`);
        break;
      }
    }
  }
  return found;
}"""

# Quick exit is whole on screen, on top (its middle is itself), and big enough to tap.
ON_TOP = """() => {
  const exit = document.querySelector('[data-kd-quick-exit]');
  const r = exit.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {inside: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
          onTop: exit.contains(hit), size: r.width >= 44 && r.height >= 44};
}"""


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda w: f"{w}px")
def wide_page(request, chromium_browser):
    context, _ = open_guarded_context(chromium_browser, viewport={"width": request.param, "height": 800})
    yield context.new_page(), request.param
    context.close()


@pytest.mark.parametrize("name", list(LAYOUT_PAGES))
def test_quick_exit_covers_no_link_or_button(wide_page, fixture_url, name):
    page, width = wide_page
    page.goto(fixture_url + LAYOUT_PAGES[name])
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(100)
    where = f"{name} at {width}px"
    assert page.evaluate(ON_TOP) == {"inside": True, "onTop": True, "size": True}, where
    assert page.evaluate(OVERLAPS, [None]) == [], where
    # Scrolled: the banner has gone, the sticky header is under the button; nothing of the header is covered.
    if page.evaluate("document.documentElement.scrollHeight <= innerHeight + 60"):
        return  # nothing to scroll (a short page on a wide screen)
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(300)
    assert page.evaluate("scrollY") > 50, where
    assert page.evaluate(ON_TOP) == {"inside": True, "onTop": True, "size": True}, where
    assert page.evaluate(OVERLAPS, [".md-header"]) == [], where


@pytest.mark.parametrize("width", [320, 390])
def test_quick_exit_covers_nothing_of_the_open_search_or_menu_on_a_phone(chromium_browser, fixture_url, width):
    context, _ = open_guarded_context(chromium_browser, viewport={"width": width, "height": 800}, is_mobile=True,
                                      has_touch=True)
    page = context.new_page()
    page.goto(fixture_url + "helplines/fixture-helpline/")
    page.locator(".md-header__button[for=__search]").click()
    page.locator("input.md-search__input").fill("fixture")
    page.wait_for_timeout(600)
    assert page.locator(".md-search__options button[type=reset]").is_visible()
    assert page.evaluate(ON_TOP)["onTop"]
    assert page.evaluate(OVERLAPS, [".md-search"]) == []
    page.keyboard.press("Escape")
    page.locator(".md-header__button[for=__drawer]").click()
    page.wait_for_timeout(400)
    assert page.evaluate(ON_TOP)["onTop"]  # still there to tap with the menu open
    assert page.evaluate(OVERLAPS, [".md-sidebar--primary"]) == []
    context.close()
