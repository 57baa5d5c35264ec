"""A directory full of script-injection attempts (tests/fixtures/hostile_directory) runs none of them.

Asserted in the page, not by reading HTML: window.__pwned stays undefined, no dialog opens, no element
carries an event handler or a javascript: link, and every field reads as the literal text that was written.
Checked twice: with the site's CSP, and with CSP bypassed, so escaping alone is shown to be enough.
"""

from __future__ import annotations

import json

import pytest
import yaml
from kindred_browser import HOSTILE_DIRECTORY, open_guarded_context

pytestmark = pytest.mark.browser

LISTINGS = {
    "helplines/hostile-helpline/": "helplines/hostile-helpline.yaml",
    "communities/hostile-community/": "communities/hostile-community.yaml",
    "teletherapy/hostile-therapy/": "teletherapy/hostile-therapy.yaml",
}
OTHER_PAGES = ["", "guides/grief/", "helplines/", "communities/", "teletherapy/", "topics/loneliness/",
               "topics/anxiety/", "countries/gb/", "countries/", "find/"]
ALLOWED_PROTOCOLS = ["http:", "https:", "tel:", "sms:", "mailto:"]

# Everything a page could have been tricked into: handlers, script elements that are not the site's,
# links with other schemes, and elements that only an injection would create.
PAGE_AUDIT = """() => {
    const problems = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames()) {
            if (attr.toLowerCase().startsWith('on')) problems.push(`${el.tagName} has ${attr}`);
        }
    }
    for (const a of document.querySelectorAll('a[href]')) {
        const protocol = new URL(a.href, location.href).protocol;
        if (!PROTOCOLS.includes(protocol)) problems.push(`link to ${a.getAttribute('href')}`);
    }
    for (const s of document.querySelectorAll('script')) {
        const fine = s.src ? new URL(s.src).origin === location.origin
                           : ['application/json', 'application/ld+json'].includes(s.type);
        if (!fine) problems.push(`script ${s.outerHTML.slice(0, 120)}`);
    }
    for (const el of document.querySelectorAll('article iframe, article img, article svg script, article object, '
                                               + 'article embed, article style, .kd-listing form, .kd-card form, '
                                               + '.kd-listing b, .kd-card b')) {
        problems.push(`injected element ${el.outerHTML.slice(0, 120)}`);
    }
    return problems;
}""".replace("PROTOCOLS", json.dumps(ALLOWED_PROTOCOLS))

# Give any handler that slipped through every chance to run.
PROVOKE = """() => {
    for (const el of document.querySelectorAll('article *, .md-header *')) {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'click', 'load', 'error']) {
            if (type === 'click' && el.closest('a[href], button, label, input, summary')) continue;
            el.dispatchEvent(new Event(type, {bubbles: false}));
        }
    }
}"""


def raw_listing(relative: str) -> dict:
    return yaml.safe_load((HOSTILE_DIRECTORY / relative).read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["csp", "csp-bypassed"])
def hostile_page(request, chromium_browser):
    context, guard = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Europe/London",
                                          bypass_csp=request.param == "csp-bypassed")
    yield context.new_page(), guard
    context.close()


def assert_nothing_ran(page, guard) -> None:
    page.evaluate(PROVOKE)
    page.wait_for_timeout(50)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert guard.dialogs == []
    assert page.evaluate(PAGE_AUDIT) == []


@pytest.mark.parametrize("path", list(LISTINGS))
def test_listing_page_runs_nothing_and_shows_the_text(hostile_page, hostile_url, path):
    page, guard = hostile_page
    page.goto(hostile_url + path)
    page.wait_for_load_state("networkidle")
    assert_nothing_ran(page, guard)
    raw = raw_listing(LISTINGS[path])

    # Every field reads as written.
    assert page.locator("article h1").inner_text() == raw["name"]
    assert page.title() == f"{raw['name']} - Kindred test site"
    assert page.locator(".kd-summary").inner_text() == raw["summary"]
    assert page.locator('meta[name="description"]').get_attribute("content") == raw["summary"]
    website = page.locator(".kd-website a")
    assert website.get_attribute("href") == raw["website"]
    notes = page.locator(".kd-action__note").all_inner_texts()
    assert notes == [c["note"] for c in raw["contacts"] if c.get("note")]
    hrefs = page.locator("a.kd-action").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    for contact in raw["contacts"]:
        if contact.get("url"):
            assert contact["url"] in hrefs

    # The JSON-LD block was not cut short by a `</script>` in a field.
    blocks = page.locator('script[type="application/ld+json"]')
    assert blocks.count() == 1
    data = json.loads(blocks.text_content())
    assert data["name"] == raw["name"] and data["description"] == raw["summary"]
    assert guard.page_errors == []


def test_helpline_specific_fields(hostile_page, hostile_url):
    page, guard = hostile_page
    page.goto(hostile_url + "helplines/hostile-helpline/")
    raw = raw_listing("helplines/hostile-helpline.yaml")
    facts = dict(zip(page.locator(".kd-facts dt").all_inner_texts(), page.locator(".kd-facts dd").all_inner_texts()))
    assert facts["Confidentiality"] == raw["confidentiality"]
    assert facts["Run by"] == raw["organization"]["name"]
    assert page.locator(".kd-facts a", has_text="Org").get_attribute("href") == raw["organization"]["url"]
    assert page.locator(".kd-eyebrow").text_content() == f"Helpline · {raw['organization']['name']}"
    assert page.locator(".kd-hours-note").inner_text() == raw["hours"]["note"]
    hours = json.loads(page.locator(".kd-open-state").get_attribute("data-kd-hours"))
    assert hours["tz"] == "Europe/London"
    verified = page.locator(".kd-verified")
    assert f"by {raw['verified']['by']}" in verified.inner_text()
    assert verified.get_by_role("link", name="source").get_attribute("href") == raw["verified"]["source"]
    keyword = raw["contacts"][1]["keyword"]
    text = page.locator("a.kd-action--sms")
    assert text.locator(".kd-action__label").inner_text() == f"Text {keyword} to 85258"
    assert text.get_attribute("href") == "sms:85258?body=%22HI%22%20%27%26%3Cb%3Ex%3C%2Fb%3E"
    email = page.locator("a.kd-action--email")
    assert email.get_attribute("href") == f"mailto:{raw['contacts'][3]['address']}"
    assert_nothing_ran(page, guard)


def test_description_is_sanitised_but_readable(hostile_page, hostile_url):
    page, guard = hostile_page
    page.goto(hostile_url + "helplines/hostile-helpline/")
    description = page.locator(".kd-description")
    text = description.inner_text()
    assert "<script>window.__pwned='description-script';alert('d1')</script>" in text  # shown, not run
    assert '<img src=x onerror="window.__pwned=\'description-img\'">' in text
    links = description.locator("a")
    assert links.evaluate_all("els => els.filter(e => e.hasAttribute('href')).map(e => e.getAttribute('href'))") == [
        "https://example.org/fine"]
    assert description.locator("img, iframe, style, script").count() == 0
    assert page.locator("body").is_visible()  # the <style>body{display:none}</style> did nothing
    assert_nothing_ran(page, guard)


def test_teletherapy_payers_and_community_fields(hostile_page, hostile_url):
    page, guard = hostile_page
    page.goto(hostile_url + "teletherapy/hostile-therapy/")
    raw = raw_listing("teletherapy/hostile-therapy.yaml")
    facts = dict(zip(page.locator(".kd-facts dt").all_inner_texts(), page.locator(".kd-facts dd").all_inner_texts()))
    assert facts["Insurance"] == ", ".join(raw["insurance"])
    assert_nothing_ran(page, guard)
    page.goto(hostile_url + "communities/hostile-community/")
    assert page.locator(".kd-caution").is_visible()
    assert_nothing_ran(page, guard)


@pytest.mark.parametrize("path", OTHER_PAGES)
def test_cards_and_indexes_run_nothing(hostile_page, hostile_url, path):
    page, guard = hostile_page
    page.goto(hostile_url + path)
    page.wait_for_load_state("networkidle")
    assert_nothing_ran(page, guard)
    if path in ("helplines/", "topics/loneliness/", "guides/grief/"):
        name = raw_listing("helplines/hostile-helpline.yaml")["name"]
        assert name in page.locator(".kd-card__title").all_inner_texts()


def test_the_finder_shows_hostile_names_as_text(hostile_page, hostile_url):
    page, guard = hostile_page
    page.goto(hostile_url + "find/")
    page.wait_for_load_state("networkidle")
    finder = page.locator("#kd-finder")
    inputs = finder.locator("input[type=search], input[type=text]")
    if inputs.count():
        inputs.first.press_sequentially("Hostile", delay=10)
        page.wait_for_timeout(400)
    assert_nothing_ran(page, guard)
    if finder.is_visible():
        name = raw_listing("helplines/hostile-helpline.yaml")["name"]
        assert name in finder.inner_text()


def test_instant_navigation_to_a_hostile_page_runs_nothing(hostile_page, hostile_url):
    page, guard = hostile_page
    page.goto(hostile_url + "helplines/")
    page.evaluate("window.__same_document = true")
    name = raw_listing("helplines/hostile-helpline.yaml")["name"]
    page.locator(".kd-card__title a", has_text="Hostile").click()
    page.wait_for_url(hostile_url + "helplines/hostile-helpline/")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__same_document === true")
    assert page.locator("article h1").inner_text() == name
    assert_nothing_ran(page, guard)
    assert guard.page_errors == []


def test_the_audit_catches_an_injection(chromium_browser, hostile_url):
    # If the page were injectable, these checks would say so.
    context, _ = open_guarded_context(chromium_browser, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(hostile_url)
        page.evaluate("""() => { const d = document.createElement('div');
            d.innerHTML = '<img src=x onerror="window.__pwned=1"><a href="javascript:void(0)">x</a>';
            document.querySelector('article').append(d); }""")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__pwned") == 1
        problems = page.evaluate(PAGE_AUDIT)
        assert any("onerror" in p for p in problems) and any("javascript:" in p for p in problems)
    finally:
        context.close()
