"""Privacy in a real browser: a visit that reads pages, searches, opens the menu, uses instant navigation and
the finder sends nothing anywhere but 127.0.0.1, stores nothing (no cookies, no localStorage or
sessionStorage), and trips no Content-Security-Policy violation."""

from __future__ import annotations

import pytest
from kindred_browser import is_local, open_guarded_context

pytestmark = pytest.mark.browser


def assert_nothing_stored(page, context):
    state = page.evaluate("() => ({cookie: document.cookie, local: Object.keys(localStorage), "
                          "session: Object.keys(sessionStorage)})")
    assert state == {"cookie": "", "local": [], "session": []}
    assert context.cookies() == []
    assert all(not origin.get("localStorage") for origin in context.storage_state()["origins"])


def sidebar_link(page, name: str):
    return page.locator(".md-sidebar--primary").get_by_role("link", name=name, exact=True).first


def test_a_whole_visit_stays_local_and_stores_nothing(guarded_context, fixture_url):
    context, guard = guarded_context
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(fixture_url)
    page.evaluate("window.__same_document = true")

    # Instant navigation (Material swaps pages in without reloading).
    sidebar_link(page, "Helplines").click()
    page.wait_for_url(fixture_url + "helplines/")
    page.get_by_role("link", name="Fixture Listening Line").click()
    page.wait_for_url(fixture_url + "helplines/fixture-helpline/")
    page.locator(".kd-verified__age").wait_for()  # kindred.js ran on the swapped-in page
    assert page.locator(".kd-open-state").inner_text() != "Times in Europe/London"
    sidebar_link(page, "Browse by topic").click()
    page.wait_for_url(fixture_url + "topics/")
    page.go_back()
    page.wait_for_url(fixture_url + "helplines/fixture-helpline/")
    assert page.evaluate("window.__same_document === true"), "instant navigation did not happen"
    page.wait_for_timeout(300)  # Material closes search and the drawer 125 ms after the location changes

    # Search: open it, type, follow a result.
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("grief", delay=20)  # Material searches on key events
    page.locator(".md-search-result__item").first.wait_for()
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state()
    page.wait_for_timeout(300)

    # Open and close the navigation drawer on a phone-sized screen.
    page.set_viewport_size({"width": 375, "height": 740})
    page.locator(".md-header__button[for=__drawer]").click()
    page.wait_for_timeout(300)
    assert page.locator("#__drawer").is_checked()
    page.locator("label.md-overlay").click(position={"x": 360, "y": 400})
    page.wait_for_timeout(300)
    assert not page.locator("#__drawer").is_checked()
    page.set_viewport_size({"width": 1280, "height": 900})

    # Scroll down and back to the top.
    page.goto(fixture_url + "countries/gb/")
    page.mouse.wheel(0, 2000)
    page.mouse.wheel(0, -500)
    page.wait_for_timeout(200)
    top = page.locator(".md-top")
    if top.is_visible():
        top.click()

    # The finder: type a query and toggle a filter if it offers them.
    page.goto(fixture_url + "find/")
    page.wait_for_load_state("networkidle")
    finder = page.locator("#kd-finder")
    text_inputs = finder.locator("input[type=search], input[type=text]")
    if text_inputs.count():
        text_inputs.first.fill("grief")
    boxes = finder.locator("input[type=checkbox]")
    if boxes.count():
        boxes.first.check()
        boxes.first.uncheck()
    page.wait_for_timeout(300)

    # Every page kind, loaded in full.
    for path in ("", "guides/grief/", "communities/fixture-forum/", "teletherapy/fixture-therapy/",
                 "helplines/fixture-always-open/", "topics/grief-loss/", "countries/", "404.html"):
        page.goto(fixture_url + path)
        assert_nothing_stored(page, context)

    assert guard.requests, "nothing was recorded"
    assert [url for url in guard.requests if not is_local(url)] == []
    assert guard.blocked == []
    assert guard.csp_violations() == []
    assert guard.page_errors == []
    assert_nothing_stored(page, context)


def test_the_page_declares_a_strict_csp(guarded_page, fixture_url):
    page, _ = guarded_page
    page.goto(fixture_url + "helplines/fixture-helpline/")
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["connect-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert page.locator('meta[name="referrer"]').get_attribute("content") == "no-referrer"


def test_csp_really_blocks_inline_script(guarded_page, fixture_url):
    # The guard must see a violation when there is one, or the other tests prove nothing.
    page, guard = guarded_page
    page.goto(fixture_url)
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.__inline_ran = true'; document.body.append(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__inline_ran === undefined")
    assert any("script-src" in v for v in guard.csp_violations())


def test_csp_stops_a_request_to_another_host(guarded_page, fixture_url):
    page, guard = guarded_page
    page.goto(fixture_url)
    page.evaluate("() => fetch('https://example.org/tracker').catch(() => null)")
    page.wait_for_timeout(200)
    assert any("connect-src" in v and "example.org" in v for v in guard.csp_violations())


def test_the_guard_records_and_stops_requests_the_csp_would_not(chromium_browser, fixture_url):
    # With CSP bypassed, the request reaches the network layer: the guard must record and abort it.
    context, guard = open_guarded_context(chromium_browser, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(fixture_url)
        page.evaluate("() => fetch('https://example.org/tracker').catch(() => null)")
        page.wait_for_timeout(200)
        assert guard.external() == ["https://example.org/tracker"]
        assert guard.blocked == ["https://example.org/tracker"]
    finally:
        context.close()
