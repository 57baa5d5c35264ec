"""Every shipped language on the real site, in Chromium: no English interface string (checked against the
catalogue), the right lang and hreflang, no axe violation, a switcher that lands on the same page, and finder
searches in the page's language that find what they should."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from kindred_browser import describe_violations, open_guarded_context

from generator.directory import load_directory
from generator.i18n import language
from generator.i18n.catalogues import catalogue_path

pytestmark = pytest.mark.browser

ROOT_DIRECTORY = __import__("pathlib").Path(__file__).resolve().parents[2] / "directory"
LANGUAGES = ["es", "pt-BR", "fr", "de", "nl"]
PAGES = {
    "home": "",
    "finder": "find/",
    "listing": "helplines/samaritans-uk/",
    "browse": "helplines/",
    "help": "help/gb/",
}
SEARCHES = {"es": "ansiedad", "pt-BR": "ansiedade", "fr": "anxiété", "de": "Angst", "nl": "angst"}
PLACEHOLDER = re.compile(r"%\(\w+\)s")
# Words that are the same in English and the other language, or names: not a sign of an untranslated string.
SHARED = {"WhatsApp", "Email", "App", "Discord", "Reddit", "Matrix", "Forum", "Online", "Chat", "Video", "Menu",
          "Filters", "Coaching", "Professional", "Professionals", "Counselor", "Open data (HSDS)", "SMS", "24/7"}


def english_strings(code: str) -> list[str]:
    """The catalogue's English messages whose translation differs, as fixed pieces a page could show."""
    with catalogue_path(code).open("rb") as handle:
        catalogue = read_po(handle)
    pieces: set[str] = set()
    for message in catalogue:
        if not message.id or not message.string:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        translated = message.string if isinstance(message.string, str) else message.string[0]
        if english == translated:
            continue
        for piece in PLACEHOLDER.split(re.sub(r"<[^>]+>", "", english)):
            piece = piece.strip(" .,:;·()")
            # Whole phrases only: two words or more, and not a word shared by both languages.
            if len(piece.split()) >= 2 and piece not in SHARED and piece not in translated:
                pieces.add(piece)
    return sorted(pieces, key=len, reverse=True)


@pytest.fixture(scope="module")
def pages(chromium_browser):
    opened = {}

    def page_for(code: str):
        if code not in opened:
            context, guard = open_guarded_context(chromium_browser, locale=code, timezone_id="Europe/London",
                                                  viewport={"width": 1280, "height": 900})
            opened[code] = (context, context.new_page(), guard)
        return opened[code][1], opened[code][2]

    yield page_for
    for context, _, guard in opened.values():
        assert guard.page_errors == [] and guard.external() == [] and guard.csp_violations() == []
        context.close()


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if "/find/" in url:
        page.wait_for_selector("#kd-finder[data-kd-ready='1']")
    page.wait_for_timeout(100)


VISIBLE_TEXT = """(pageLang) => {
  // The page's own words: leave out text another language is marked on (listing text as written, English
  // articles shown with the untranslated note) and what is not rendered.
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('[lang]').forEach((el) => { if (el.getAttribute('lang') !== pageLang) el.remove(); });
  copy.querySelectorAll('script, style, template, noscript, [hidden]').forEach((el) => el.remove());
  const attrs = [...document.querySelectorAll('[aria-label], [placeholder], [title]')]
    .filter((el) => !el.closest('[lang]:not([lang="' + pageLang + '"])'))
    .map((el) => [el.getAttribute('aria-label'), el.getAttribute('placeholder'), el.getAttribute('title')].join(' '));
  return copy.textContent.replace(/\\s+/g, ' ') + ' ' + attrs.join(' ');
}"""


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_english_interface_string_and_the_right_languages(pages, shipped_url, axe_check, code, name):
    page, _ = pages(code)
    slug = language(code).slug
    visit(page, f"{shipped_url}{slug}/{PAGES[name]}")
    assert page.evaluate("document.documentElement.lang") == code
    text = page.evaluate(VISIBLE_TEXT, code)
    leaked = [piece for piece in english_strings(code) if re.search(r"(?<!\w)" + re.escape(piece) + r"(?!\w)", text)]
    assert leaked == [], f"{code} {name}: English interface text {leaked[:5]}"
    switcher = page.eval_on_selector_all('.kd-languages a[hreflang]', "els => els.map(e => e.hreflang)")
    assert sorted(switcher) == sorted(["en", *LANGUAGES])
    violations = axe_check(page)
    assert violations == [], f"{code} {name}:\n{describe_violations(violations)}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_switcher_lands_on_the_same_page_in_the_other_language(pages, shipped_url, code):
    page, _ = pages(code)
    visit(page, f"{shipped_url}{language(code).slug}/helplines/samaritans-uk/")
    page.locator(".kd-languages__button").focus()  # the list opens on focus, as on hover
    page.locator('.kd-languages a[hreflang="en"]').click()
    page.wait_for_load_state("load")
    assert page.url == f"{shipped_url}helplines/samaritans-uk/"
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator(".kd-languages__button").focus()
    page.locator(f'.kd-languages a[hreflang="{code}"]').click()
    page.wait_for_load_state("load")
    assert page.url == f"{shipped_url}{language(code).slug}/helplines/samaritans-uk/"


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_search_in_the_page_language_finds_its_listings(pages, shipped_url, code):
    page, _ = pages(code)
    visit(page, f"{shipped_url}{language(code).slug}/find/")
    page.locator("#kd-finder-q").fill(SEARCHES[code])
    page.wait_for_timeout(700)
    found = set(page.eval_on_selector_all("#kd-finder .kd-finder__cards [data-listing-id]",
                                          "els => els.map(e => e.dataset.listingId)"))
    directory = load_directory(ROOT_DIRECTORY)
    anxiety = {r.id for r in directory.published if "anxiety" in r.listing.topics}
    assert found and found & anxiety, (code, sorted(found)[:5])


def test_the_finder_suggests_the_page_language_and_never_applies_it_by_itself(pages, shipped_url):
    page, _ = pages("es")
    visit(page, f"{shipped_url}es/find/")
    page.wait_for_selector("#kd-finder[data-kd-ranked='clock']")
    button = page.locator("[data-kd-suggest-language]")
    assert button.is_visible() and button.get_attribute("data-kd-suggest-language") == "es"
    listed = page.eval_on_selector_all("#kd-finder .kd-finder__cards [data-listing-id]", "els => els.length")
    directory = load_directory(ROOT_DIRECTORY)
    spanish = {r.id for r in directory.published if any(t.split("-")[0] == "es" for t in r.listing.languages)}
    every = page.locator("#kd-finder-count").inner_text()
    button.click()
    page.wait_for_function("(before) => document.querySelector('#kd-finder-count').textContent !== before", arg=every)
    shown = set(page.eval_on_selector_all("#kd-finder .kd-finder__cards [data-listing-id]",
                                          "els => els.map(e => e.dataset.listingId)"))
    assert shown and shown <= spanish and listed >= len(shown)
    assert not page.locator("[data-kd-suggest-language]").is_visible()


def test_the_english_finder_suggests_no_language(pages, shipped_url):
    page, _ = pages("es")
    visit(page, f"{shipped_url}find/")
    page.wait_for_selector("#kd-finder[data-kd-ranked='clock']")
    assert page.locator("[data-kd-suggest-language]").count() == 0


@pytest.mark.parametrize("code", LANGUAGES)
def test_quick_exit_and_the_crisis_line_fit_a_phone_in_every_language(chromium_browser, shipped_url, code):
    context, _ = open_guarded_context(chromium_browser, locale=code, viewport={"width": 320, "height": 700},
                                      is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{shipped_url}{language(code).slug}/")
    button = page.locator(".kd-quick-exit")
    fits = button.evaluate("b => b.scrollHeight <= b.clientHeight + 1 && b.scrollWidth <= b.clientWidth + 1")
    label = page.locator(".kd-quick-exit__label").bounding_box()
    box = button.bounding_box()
    assert fits and label["y"] >= box["y"] - 1 and label["y"] + label["height"] <= box["y"] + box["height"] + 1
    crisis = page.locator(".kd-crisis__text")
    line = float(crisis.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)"))
    assert crisis.bounding_box()["height"] < 2.5 * line  # at most two short lines, beside Quick exit
    context.close()
