"""The home page's search box hands its words to the finder in memory: they never reach the address bar,
the history or any request, and the finder shows their results."""

from __future__ import annotations


def test_home_search_reaches_the_finder_without_putting_the_words_in_any_address(chromium_browser, shipped_url):
    context = chromium_browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB",
                                           timezone_id="Europe/London")
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(shipped_url)
        page.locator("#home-q").fill("bereavement")
        history_before = page.evaluate("history.length")
        page.locator("#home-q").press("Enter")
        page.wait_for_url("**/find/")
        page.locator(".kd-finder__cards [data-listing-id]").first.wait_for()
        assert page.locator("input[type=search]").first.input_value() == "bereavement"
        assert page.evaluate("location.search") == ""
        assert not [url for url in requested if "bereavement" in url]
        # Material adds one entry for the new page; none holds the words (Back shows the home page).
        assert page.evaluate("history.length") == history_before + 1
        page.go_back()
        page.wait_for_url(shipped_url)
        assert page.locator("#home-q").input_value() == ""
    finally:
        context.close()
