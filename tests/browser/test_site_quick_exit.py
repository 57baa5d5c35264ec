"""The crisis line and the Quick exit on every page: the exit replaces the page with a neutral site
(location.replace, so Back does not come back) from the button or from Escape pressed twice.

The exit target (the plugin's default, a weather page) is answered by a local stub: nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import pytest
from kindred_browser import QUICK_EXIT_URL

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
        button = page.get_by_role("link", name="Quick exit")
        assert button.is_visible(), path
        assert button.get_attribute("href") == QUICK_EXIT_URL, path
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, path
    assert guard.external() == []


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


def test_escape_twice_replaces_the_page(guarded_page, fixture_url):
    page, guard = guarded_page

    def escape_twice(p):
        p.keyboard.press("Escape")
        p.keyboard.press("Escape")

    leave_and_go_back(page, fixture_url, escape_twice)
    assert set(guard.quick_exit_hits) == {QUICK_EXIT_URL}


def test_a_single_escape_does_nothing(guarded_page, fixture_url):
    page, guard = guarded_page
    listing = fixture_url + "helplines/fixture-helpline/"
    page.goto(listing)
    page.keyboard.press("Escape")
    page.wait_for_timeout(1000)
    page.keyboard.press("Escape")  # too late to count as a double press
    page.wait_for_timeout(300)
    assert page.url == listing
    assert guard.quick_exit_hits == []


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
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(QUICK_EXIT_URL)
    page.go_back()
    assert page.url == fixture_url  # not the helplines page the visitor was reading
    assert guard.external() == []
