"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any kind of page, on a desktop and a phone screen."""

from __future__ import annotations

import pytest
from kindred_browser import describe_violations, open_guarded_context

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "article": "guides/grief/",
    "helpline": "helplines/fixture-helpline/",
    "helpline-24-7-unverified": "helplines/fixture-always-open/",
    "helpline-paused": "helplines/fixture-paused-line/",
    "community": "communities/fixture-forum/",
    "teletherapy": "teletherapy/fixture-therapy/",
    "kind-index": "helplines/",
    "topic-index": "topics/",
    "topic": "topics/grief-loss/",
    "country-index": "countries/",
    "country": "countries/gb/",
    "finder": "find/",
}
PHONE_PAGES = ("home", "helpline", "community", "teletherapy", "topic", "finder")


@pytest.fixture(scope="module")
def desktop(chromium_browser):
    context, guard = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Europe/London",
                                          viewport={"width": 1280, "height": 900})
    yield context.new_page(), guard
    context.close()


@pytest.fixture(scope="module")
def phone(chromium_browser):
    context, guard = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Europe/London",
                                          viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    yield context.new_page(), guard
    context.close()


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")  # the finder and "open now" have filled in
    page.wait_for_timeout(100)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_violations_on_desktop(desktop, fixture_url, axe_check, name):
    page, guard = desktop
    visit(page, fixture_url + PAGES[name])
    violations = axe_check(page)
    assert violations == [], f"{name}:\n{describe_violations(violations)}"
    assert guard.external() == []


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_no_violations_on_a_phone(phone, fixture_url, axe_check, name):
    page, _ = phone
    visit(page, fixture_url + PAGES[name])
    violations = axe_check(page)
    assert violations == [], f"{name}:\n{describe_violations(violations)}"


def test_no_violations_with_the_menu_and_search_open(phone, fixture_url, axe_check):
    page, _ = phone
    visit(page, fixture_url + PAGES["helpline"])
    page.locator(".md-header__button[for=__drawer]").click()
    page.wait_for_timeout(400)
    violations = axe_check(page)
    assert violations == [], describe_violations(violations)
    page.locator("label.md-overlay").click(position={"x": 360, "y": 400})
    page.wait_for_timeout(300)
    page.locator(".md-header__button[for=__search]").first.click()
    page.locator("input.md-search__input").press_sequentially("fixture", delay=20)
    page.wait_for_timeout(500)
    violations = axe_check(page)
    assert violations == [], describe_violations(violations)


def test_axe_is_really_checking(desktop, fixture_url, axe_check):
    # A page broken on purpose must fail, or a pass above means nothing.
    page, _ = desktop
    visit(page, fixture_url)
    page.evaluate("""() => { const img = document.createElement('img'); img.src = 'data:,';
                             document.querySelector('article').append(img); }""")
    assert "image-alt" in [v["id"] for v in axe_check(page)]
