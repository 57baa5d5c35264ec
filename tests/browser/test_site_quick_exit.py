"""The crisis line and the Quick exit on every page: the exit replaces the page with a neutral site
(location.replace, so Back does not come back) from the button or from Shift pressed three times (Escape no
longer: it stops a page loading and closes the site search). Once leaving, nothing else happens; typed text is
not there on Back; the button, with its hint, covers no link or button at any width.

The exit target (the plugin's default, a weather page) is answered by a local stub: nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import re

import pytest
from kindred_browser import CHROMIUM_ARGS, QUICK_EXIT_URL, open_guarded_context

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
    held = []  # the neutral page's request, answered only at the end: the page being left stays around
    page.route(lambda url: url.startswith(QUICK_EXIT_URL), lambda route: held.append(route))
    page.goto(fixture_url + "helplines/fixture-helpline/")
    page.evaluate("""() => { window.__seen = [];
        for (const type of ['keydown', 'click']) document.addEventListener(type, (e) => window.__seen.push(type)); }""")
    press_shift(page)
    page.wait_for_timeout(200)
    assert len(held) == 1
    seen = page.evaluate("window.__seen.length")
    assert page.evaluate("document.body.innerHTML === '' && document.title === ''")  # blanked at once
    press_shift(page, 6)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.mouse.click(50, 20)
    page.evaluate("document.body.click()")
    page.wait_for_timeout(300)
    assert len(held) == 1  # no second navigation
    assert page.evaluate("window.__seen.length") == seen  # nothing on the page heard those
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
