"""Help-now pages on the shipped site: a crisis line for the visitor's country within two taps of the home
page, above the fold on a phone; the emergency number first, as a plain tel: link."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
# country -> (time zone, locale) of a phone there
DEVICES = {
    "GB": ("Europe/London", "en-GB"),
    "US": ("America/Chicago", "en-US"),
    "IN": ("Asia/Kolkata", "en-IN"),
    "AU": ("Australia/Sydney", "en-AU"),
    "BR": ("America/Sao_Paulo", "pt-BR"),
    "DE": ("Europe/Berlin", "de-DE"),
}


def profile(code: str) -> dict:
    return yaml.safe_load((ROOT / "directory" / "countries" / f"{code}.yaml").read_text(encoding="utf-8"))


def first_start_id(code: str) -> str:
    entry = profile(code)["start_here"][0]
    return entry if isinstance(entry, str) else entry[0]


def phone_page(browser, code: str):
    zone, locale = DEVICES[code]
    context = browser.new_context(viewport=PHONE, timezone_id=zone, locale=locale, has_touch=True, is_mobile=True)
    return context, context.new_page()


def tappable_call_in_view(page, listing_id: str) -> bool:
    """A tel: or sms: link of this listing's card that is on the first screen."""
    links = page.locator(f'[data-listing-id="{listing_id}"] a[href^="tel:"], '
                         f'[data-listing-id="{listing_id}"] a[href^="sms:"]')
    links.first.wait_for(state="visible")  # instant navigation changes the address before the content
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        if box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]:
            return True
    return False


@pytest.mark.parametrize("code", sorted(DEVICES))
def test_one_tap_from_home_to_a_crisis_line_above_the_fold(chromium_browser, shipped_url, code):
    context, page = phone_page(chromium_browser, code)
    try:
        page.goto(shipped_url)
        suggestion = page.locator(f'a[data-kd-help-country="{code}"]')
        suggestion.wait_for(state="visible", timeout=10_000)
        box = suggestion.bounding_box()
        assert box and box["y"] + box["height"] <= PHONE["height"], "the suggestion is above the fold"
        suggestion.tap()  # tap 1
        page.wait_for_url(f"**/help/{code.lower()}/")
        assert tappable_call_in_view(page, first_start_id(code))
        emergency = page.locator("a.kd-emergency").first
        digits = "".join(ch for ch in profile(code)["emergency"][0]["number"] if ch.isdigit())
        assert emergency.get_attribute("href") == f"tel:{digits}"
    finally:
        context.close()


@pytest.mark.parametrize("code", ["GB", "IN"])
def test_two_taps_without_a_suggestion(chromium_browser, shipped_url, code):
    context = chromium_browser.new_context(viewport=PHONE, timezone_id="UTC", locale="en", is_mobile=True,
                                           has_touch=True)
    page = context.new_page()
    try:
        page.goto(shipped_url)
        page.locator("a.kd-help-block__go").tap()  # tap 1
        page.wait_for_url("**/help/")
        page.locator(f'.kd-help-countries a[data-country="{code}"]').tap()  # tap 2
        page.wait_for_url(f"**/help/{code.lower()}/")
        assert tappable_call_in_view(page, first_start_id(code))
    finally:
        context.close()


def test_start_here_groups_are_shown_whole_and_in_order(chromium_browser, shipped_url):
    context, page = phone_page(chromium_browser, "GB")
    try:
        page.goto(shipped_url + "help/gb/")
        shown = page.locator("#kd-help-start ~ .kd-cards .kd-card").evaluate_all(
            "cards => cards.map(c => c.getAttribute('data-listing-id'))")
        expected = [i for entry in profile("GB")["start_here"] for i in ([entry] if isinstance(entry, str) else entry)]
        assert shown == expected
        others = page.locator("#kd-help-others ~ .kd-cards .kd-card").evaluate_all(
            "cards => cards.map(c => c.getAttribute('data-listing-id'))")
        assert not set(others) & set(expected)
    finally:
        context.close()


@pytest.mark.parametrize("path", ["help/", "help/gb/", "help/us/"])
def test_help_pages_have_no_axe_violations(chromium_browser, shipped_url, axe_check, path):
    context, page = phone_page(chromium_browser, "GB")
    try:
        page.goto(shipped_url + path)
        page.wait_for_timeout(300)
        assert axe_check(page) == []
    finally:
        context.close()
