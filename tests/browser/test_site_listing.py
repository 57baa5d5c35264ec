"""Listing pages in a real browser: open now / opens at in the visitor's own time, verification age, contact
actions, printing, and browsing the whole directory without JavaScript."""

from __future__ import annotations

import datetime as dt

import pytest
from kindred_browser import open_guarded_context

pytestmark = pytest.mark.browser

HELPLINE = "helplines/fixture-helpline/"  # Europe/London: Mon–Fri 09:00–17:00, Sat 22:00–02:00, closed 2026-12-25


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


@pytest.fixture
def tokyo(chromium_browser):
    """A visitor in Tokyo (9 hours ahead of London in winter, 8 in summer), reading English."""
    context, guard = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Asia/Tokyo")
    yield context.new_page(), guard
    context.close()


def open_state(page, url: str, when: str) -> str:
    page.clock.set_fixed_time(utc(when))
    page.goto(url)
    state = page.locator(".kd-open-state").first
    return state.inner_text()


@pytest.mark.parametrize("when, expected", [
    ("2025-04-18T11:00:00", "Open now"),  # Friday 12:00 in London
    ("2025-04-19T22:30:00", "Open now"),  # Saturday 23:30 in London: the overnight shift
    ("2025-04-20T00:30:00", "Open now"),  # Sunday 01:30 in London: still the Saturday shift
])
def test_open_now(tokyo, fixture_url, when, expected):
    page, guard = tokyo
    assert open_state(page, fixture_url + HELPLINE, when) == expected
    assert "kd-open-state--open" in page.locator(".kd-open-state").first.get_attribute("class")
    assert guard.page_errors == []


@pytest.mark.parametrize("when, day, time", [
    ("2025-04-20T02:00:00", "Monday", "5:00 PM"),   # Sunday 03:00 London; opens Mon 09:00 BST = Mon 17:00 Tokyo
    ("2025-04-18T17:00:00", "Sunday", "6:00 AM"),   # Friday 18:00 London; opens Sat 22:00 BST = Sun 06:00 Tokyo
    ("2026-12-25T10:00:00", "Sunday", "7:00 AM"),   # a listed closed day; opens Sat 22:00 GMT = Sun 07:00 Tokyo
])
def test_closed_says_when_it_opens_in_the_visitors_time(tokyo, fixture_url, when, day, time):
    page, _ = tokyo
    text = open_state(page, fixture_url + HELPLINE, when)
    assert text.startswith("Closed"), text
    assert "opens" in text and day in text and time in text, text
    assert "kd-open-state--closed" in page.locator(".kd-open-state").first.get_attribute("class")


def test_service_hours_stay_in_the_services_zone(tokyo, fixture_url):
    page, _ = tokyo
    page.goto(fixture_url + HELPLINE)
    table = page.locator("table.kd-hours")
    assert "Europe/London" in table.locator("caption").inner_text()
    assert table.locator("tr", has=page.locator("th", has_text="Saturday")).locator("td").inner_text() == (
        "10:00 PM–2:00 AM (next day)")


def test_a_contacts_own_hours_get_an_open_state_too(tokyo, fixture_url):
    page, _ = tokyo
    text = open_state(page, fixture_url + "teletherapy/fixture-therapy/", "2025-04-14T18:30:00")  # Mon 19:30 BST
    assert text == "Open now"


def test_always_open(tokyo, fixture_url):
    page, _ = tokyo
    assert open_state(page, fixture_url + "helplines/fixture-always-open/", "2025-04-20T02:00:00").startswith(
        "Open now")


@pytest.mark.parametrize("when, months, tier", [
    ("2025-04-20T12:00:00", 3, "current"),
    ("2026-03-01T12:00:00", 13, "old"),
    ("2027-03-01T12:00:00", 25, "outdated"),
])
def test_verification_age_in_two_tiers_for_the_visitors_today(tokyo, fixture_url, when, months, tier):
    # The build wrote its own day's tier (generator/freshness.py); the browser redoes it for today.
    page, _ = tokyo
    page.clock.set_fixed_time(utc(when))
    page.goto(fixture_url + HELPLINE)
    verified = page.locator(".kd-verified")
    text = verified.inner_text()
    assert f"{months} months ago" in text, text
    assert ("Checked over a year ago" in text) is (tier == "old")
    assert ("Checked over two years ago: these facts may be out of date" in text) is (tier == "outdated")
    assert page.locator(".kd-verified .kd-freshness").count() == (0 if tier == "current" else 1)
    assert ("kd-verified--old" in verified.get_attribute("class")) is (tier != "current")


def test_where_these_facts_come_from(tokyo, fixture_url):
    page, _ = tokyo
    page.goto(fixture_url + HELPLINE)
    section = page.locator("section.kd-sources")
    assert section.locator("h2").inner_text() == "Where these facts come from"
    assert section.locator("li").count() == 2
    assert "Not confirmed by any source: languages, age limits." in section.inner_text()


def test_not_yet_verified(tokyo, fixture_url):
    page, _ = tokyo
    page.goto(fixture_url + "helplines/fixture-always-open/")
    assert "Not yet verified" in page.locator(".kd-verified").inner_text()


def test_contact_actions_are_big_tappable_links(tokyo, fixture_url):
    page, _ = tokyo
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(fixture_url + HELPLINE)
    actions = page.locator(".kd-actions a.kd-action")
    assert [actions.nth(i).get_attribute("href") for i in range(actions.count())] == [
        "tel:+442079460123", "sms:85258?body=TESTKW", "https://example.org/fixture-helpline/chat"]
    for i in range(actions.count()):
        box = actions.nth(i).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 200, box  # WCAG 2.5.5 target size, and full width
    assert page.get_by_role("link", name="Text TESTKW to 85258").is_visible()


def test_teletherapy_and_community_notes(tokyo, fixture_url):
    page, _ = tokyo
    page.goto(fixture_url + "teletherapy/fixture-therapy/")
    note = page.locator(".kd-not-crisis")
    assert "Not for emergencies" in note.inner_text()
    note.get_by_role("link", name="contact a helpline").click()
    page.wait_for_url(fixture_url + "helplines/")
    page.goto(fixture_url + "communities/fixture-forum/")
    assert page.locator(".kd-caution").is_visible()


def test_pages_print_cleanly(tokyo, fixture_url):
    page, _ = tokyo
    page.goto(fixture_url + HELPLINE)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.kd-quick-exit', '.kd-crisis', '.md-header', '.md-sidebar--primary',
                                     '.md-footer', '.kd-report']
        .map(s => [s, document.querySelector(s) ? getComputedStyle(document.querySelector(s)).display : 'absent'])""")
    assert all(display in ("none", "absent") for _, display in hidden), hidden
    assert page.locator("h1").is_visible()
    assert page.locator(".kd-actions").is_visible()
    # A printed call link still says where it goes.
    after = page.evaluate("() => getComputedStyle(document.querySelector('.kd-action--phone'), '::after').content")
    assert "tel:+442079460123" in after or "attr(href)" in after
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


# -- without JavaScript ------------------------------------------------------------------------------------------
@pytest.fixture
def no_script(chromium_browser):
    context, guard = open_guarded_context(chromium_browser, java_script_enabled=False, locale="en-GB")
    yield context.new_page(), guard
    context.close()


def nav_link(page, name: str):
    return page.locator(".md-sidebar--primary").get_by_role("link", name=name, exact=True).first


def test_browse_every_index_without_javascript(no_script, fixture_url):
    page, guard = no_script
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(fixture_url)
    nav_link(page, "Helplines").click()
    page.wait_for_url(fixture_url + "helplines/")
    cards = page.locator(".kd-card")
    assert cards.count() == 3
    page.get_by_role("link", name="Fixture Listening Line").click()
    page.wait_for_url(fixture_url + HELPLINE)
    assert page.locator("h1").inner_text() == "Fixture Listening Line"
    assert page.locator("a.kd-action--phone").get_attribute("href") == "tel:+442079460123"
    assert page.locator(".kd-open-state").inner_text() == "Times in Europe/London"  # the static fallback

    nav_link(page, "Browse by topic").click()
    page.wait_for_url(fixture_url + "topics/")
    page.get_by_role("link", name="Grief and loss").click()
    page.wait_for_url(fixture_url + "topics/grief-loss/")
    assert sorted(page.locator(".kd-card").evaluate_all("els => els.map(e => e.dataset.listingId)")) == [
        "fixture-forum", "fixture-helpline"]

    nav_link(page, "Browse by country").click()
    page.wait_for_url(fixture_url + "countries/")
    page.get_by_role("link", name="Canada").click()
    page.wait_for_url(fixture_url + "countries/ca/")
    ids = page.locator(".kd-card").evaluate_all("els => els.map(e => e.dataset.listingId)")
    assert sorted(ids) == ["fixture-always-open", "fixture-forum"]

    for name, path in (("Online communities", "communities/"), ("Teletherapy", "teletherapy/")):
        nav_link(page, name).click()
        page.wait_for_url(fixture_url + path)
        assert page.locator(".kd-card").count() >= 1
    assert guard.external() == []


def test_finder_page_points_to_the_indexes_without_javascript(no_script, fixture_url):
    page, _ = no_script
    page.goto(fixture_url + "find/")
    # (Playwright's text locators skip <noscript>, so query the DOM.)
    shown = page.evaluate("""() => [...document.querySelectorAll('noscript .admonition')].map(e => {
        const box = e.getBoundingClientRect();
        return [e.querySelector('.admonition-title').textContent, box.width > 0 && box.height > 0];
    })""")
    assert shown == [["This search needs JavaScript", True]]
    links = page.evaluate("() => [...document.querySelectorAll('noscript a')].map(a => [a.textContent, "
                          "a.getAttribute('href')])")
    assert dict(links) == {"helplines": "../helplines/", "online communities": "../communities/",
                           "teletherapy": "../teletherapy/", "by topic": "../topics/", "by country": "../countries/"}


def test_articles_show_listing_cards_built_in(no_script, fixture_url):
    page, _ = no_script
    page.goto(fixture_url + "guides/grief/")
    ids = page.locator(".kd-embedded .kd-card").evaluate_all("els => els.map(e => e.dataset.listingId)")
    assert ids == ["fixture-forum", "fixture-helpline"]
