"""The finder (/find/) in Chromium: exactly the expected listings for a table of filters and searches, links that
open with a search (and an address bar and history that never hold one), "open now" at fixed clock times in several
time zones (overnight hours included), the country suggestion, instant navigation, no JavaScript, keyboard use and
axe.

The expected ids come from the fixture YAML through a small filter written here from the contract
(ARCHITECTURE.md, "How the finder reads the data"), not from the finder's own record code; text searches are
what the Python twin finds (generator/search/query.py; tests/search/test_query.py shows lunr.js finds the same).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
from kindred_browser import describe_violations, open_guarded_context

from generator.directory import load_directory
from generator.search.index import build_lunr, documents
from generator.search.query import find, listing_tags
from generator.search.records import ordered_records
from generator.search.synonyms import phrase_table

pytestmark = pytest.mark.browser

FINDER_DIRECTORY = Path(__file__).resolve().parents[1] / "fixtures" / "finder_directory"
DAYS = ["mo", "tu", "we", "th", "fr", "sa", "su"]
CONTACT_NAMES = {"sms": "text"}


# -- what the finder should show, worked out independently ----------------------------------------------------
def hours_of(listing) -> list:
    return [h for h in [listing.hours, *(getattr(c, "hours", None) for c in listing.contacts)] if h is not None]


def always(hours) -> bool:
    return hours == "24/7" or getattr(hours, "always", False) is True


def open_at(hours, when: dt.datetime) -> bool:
    """Open at `when`: intervals belong to the day they start; closed dates close the whole day, and an overnight
    interval that would start on a closed date does not run."""
    if always(hours):
        return True
    local = when.astimezone(ZoneInfo(hours.timezone))
    closed = set(hours.closed_on)
    if local.date() in closed:
        return False
    minutes = local.hour * 60 + local.minute
    today = DAYS[local.weekday()]
    yesterday = DAYS[(local.weekday() - 1) % 7]
    yesterday_closed = (local.date() - dt.timedelta(days=1)) in closed
    for interval in hours.weekly:
        opens = int(interval.opens[:2]) * 60 + int(interval.opens[3:])
        closes = int(interval.closes[:2]) * 60 + int(interval.closes[3:])
        overnight = interval.closes != "24:00" and closes < opens
        if today in interval.days and opens <= minutes and (overnight or minutes < closes):
            return True
        if overnight and yesterday in interval.days and not yesterday_closed and minutes < closes:
            return True
    return False


def matches(record, key: str, wanted: list[str], when: dt.datetime) -> bool:
    listing = record.listing
    if key == "kind":
        return record.kind in wanted
    if key == "topic":
        return any(t in wanted for t in listing.topics)
    if key == "audience":
        return any(a in wanted for a in listing.audiences)
    if key == "country":  # a country filter also matches every worldwide listing
        return "worldwide" in listing.countries or any(c.upper() in wanted or c in wanted for c in listing.countries)
    if key == "language":  # a primary tag matches its regional forms
        tags = [t.lower() for t in listing.languages]
        return any(t == w or t.startswith(w + "-") for t in tags for w in wanted)
    if key == "cost":
        return any(c in wanted for c in listing.cost)
    if key == "contact":
        return any(CONTACT_NAMES.get(c.method, c.method) in wanted for c in listing.contacts)
    if key == "open":  # "open now" keeps listings without hours (after the open ones, labelled so)
        hours = hours_of(listing)
        return (("now" in wanted and (not hours or any(open_at(h, when) for h in hours)))
                or ("24-7" in wanted and any(always(h) for h in hours)))
    if key in ("moderation", "anonymity", "access"):
        return getattr(listing, key, None) in wanted
    if key == "modality":
        return any(m in wanted for m in getattr(listing, "modalities", []))
    if key == "insurance":
        insurance = getattr(listing, "insurance", None)
        return "yes" in wanted and (insurance is True or bool(isinstance(insurance, list) and insurance))
    if key == "trial":
        return "yes" in wanted and getattr(listing, "free_trial", None) is True
    raise AssertionError(key)


class Expected:
    def __init__(self) -> None:
        self.directory = load_directory(FINDER_DIRECTORY)
        assert self.directory.ok
        self.published = [r for r in self.directory.records if r.listing.status != "closed"]
        _, self.index = build_lunr(documents(self.directory))
        self.ref_ids = [r.id for r in ordered_records(self.directory)]
        self.table = phrase_table(self.directory.taxonomy)
        self.tags = listing_tags(self.directory)

    def ids(self, query: str, when: dt.datetime | None = None) -> set[str]:
        when = when or dt.datetime.now(dt.UTC)
        params = parse_qs(query.lstrip("?"))
        text = " ".join(params.pop("q", [])).strip()
        chosen = {r.id for r in self.published}
        found = find(self.index, text, self.table, self.tags) if text else None
        if found is not None:  # a text with no word to search for yet narrows nothing
            chosen &= {self.ref_ids[int(ref)] for ref, _ in found.matches}
        for key, values in params.items():
            wanted = [v.upper() if key == "country" and v != "worldwide" else v.lower() for v in values]
            chosen &= {r.id for r in self.published if matches(r, key, wanted, when)}
        return chosen


@pytest.fixture(scope="module")
def expected() -> Expected:
    return Expected()


@pytest.fixture(scope="module")
def finder_url(built_site, site_server) -> str:
    return site_server(built_site(FINDER_DIRECTORY)) + "find/"


@pytest.fixture(scope="module")
def london(chromium_browser):
    """One page for the table, in London, with the clock fixed on a Wednesday afternoon."""
    context, guard = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    page.clock.set_fixed_time(WEDNESDAY)
    yield page, guard
    assert guard.external() == [] and guard.page_errors == [] and guard.csp_violations() == []
    context.close()


WEDNESDAY = dt.datetime(2025, 4, 16, 12, 0, tzinfo=dt.UTC)  # London 13:00, New York 08:00, Tokyo 21:00


# -- reading the page ------------------------------------------------------------------------------------------
def wait_ready(page) -> None:
    page.wait_for_selector("#kd-finder[data-kd-ready='1']")
    page.wait_for_function("""() => {
        const s = document.querySelector('#kd-finder-count');
        const open = document.querySelector('input[data-kd-facet=open][value=now] + label .kd-facet__count');
        return s && /found|match/.test(s.textContent) && open && open.textContent !== '';
    }""")  # the "open now" count comes a moment after the first results


def shown_ids(page) -> list[str]:
    """The result cards, in order (crisis lines above the results carry data-listing-id too, outside this list)."""
    return page.eval_on_selector_all("#kd-finder .kd-finder__cards [data-listing-id]",
                                     "els => els.map(e => e.dataset.listingId)")


def count_text(page) -> str:
    return page.locator("#kd-finder-count").inner_text()


def expect_count(page, n: int) -> None:
    assert count_text(page) == (f"{n} listing{'s' if n != 1 else ''} found" if n else
                                "No listings match. Try fewer words or remove a filter.")


def settle(page) -> None:
    """Wait for the next results update (typing is drawn on the next animation frame)."""
    page.wait_for_timeout(50)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def checkbox(page, key: str, value: str):
    return page.locator(f"#kd-finder input[data-kd-facet='{key}'][value='{value}']")


def open_group(page, key: str) -> None:
    details = page.locator(f"details[data-kd-facet-group='{key}']")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def address_is_bare(page, finder_url) -> bool:
    return page.evaluate("location.href") == finder_url


# -- the table --------------------------------------------------------------------------------------------------
TABLE = [
    "", "?kind=helplines", "?kind=helplines&kind=communities", "?topic=anxiety", "?topic=anxiety&kind=teletherapy",
    "?topic=self-harm&topic=gambling", "?audience=youth&audience=lgbtq", "?audience=carers",
    "?country=GB", "?country=worldwide", "?country=US&country=AU", "?country=gb", "?country=MX&language=es",
    "?language=es", "?language=es-mx", "?language=fr", "?language=cy", "?language=ase&kind=helplines",
    "?cost=free-standard-charges", "?cost=low-cost&cost=insurance", "?cost=paid&country=MX",
    "?contact=text", "?contact=whatsapp&contact=video", "?contact=email", "?contact=join&kind=communities",
    "?open=24-7", "?open=now", "?open=now&country=GB", "?open=now&open=24-7&kind=helplines",
    "?moderation=trained-peer&moderation=volunteer", "?anonymity=real-name", "?access=invite&access=sign-up",
    "?modality=messaging", "?modality=video&trial=yes", "?insurance=yes", "?trial=yes",
    "?kind=communities&topic=anxiety", "?topic=anxiety&audience=everyone&country=US&language=en&cost=paid",
    "?q=anxiety", "?q=anxiety&country=US", "?q=day", "?q=relay", "?q=Monday", "?q=men%27s", "?q=self-harm",
    "?q=self-harm&country=IE", "?q=gam", "?q=panic&kind=teletherapy", "?q=nothing-matches-this", "?q=the", "?q=s&kind=communities",
    "?q=lonely+night&open=now", "?q=espa%C3%B1ol",
    # Forgiving search: phrases, folded apostrophes and accents, filler words, cost words, a typo.
    "?q=i+want+to+die", "?q=I+want+to+die&country=GB", "?q=cant+cope", "?q=can%E2%80%99t+cope", "?q=espanol",
    "?q=help", "?q=i+need+help+with+panic", "?q=free", "?q=free+therapy", "?q=anxeity", "?q=lonley+",
]


@pytest.mark.parametrize("query", TABLE)
def test_finder_shows_exactly_the_expected_listings(london, finder_url, expected, query):
    page, _ = london
    page.goto(finder_url + query)
    wait_ready(page)
    want = expected.ids(query, WEDNESDAY)
    got = shown_ids(page)
    assert len(got) == len(set(got))
    assert set(got) == want, query
    expect_count(page, len(want))


def test_the_table_covers_something(expected):
    sizes = {q: len(expected.ids(q, WEDNESDAY)) for q in TABLE}
    assert sizes[""] == 14
    assert sum(1 for n in sizes.values() if 0 < n < 14) >= 40  # most rows narrow the list to a real subset


def test_counts_beside_filters(london, finder_url, expected):
    page, _ = london
    page.goto(finder_url + "?kind=helplines&country=GB")
    wait_ready(page)
    open_group(page, "topic")

    def shown_count(key, value) -> int:
        label = page.locator(f"label[for='{checkbox(page, key, value).get_attribute('id')}']")
        return int(label.locator(".kd-facet__count").inner_text())

    # A value's count is what choosing it would give (the other filters applied; its own filter's choice not).
    assert shown_count("kind", "helplines") == len(expected.ids("?kind=helplines&country=GB"))
    assert shown_count("kind", "communities") == len(expected.ids("?kind=communities&country=GB"))
    assert shown_count("country", "US") == len(expected.ids("?kind=helplines&country=US"))
    assert shown_count("topic", "loneliness") == len(expected.ids("?kind=helplines&country=GB&topic=loneliness"))
    assert shown_count("open", "now") == len(expected.ids("?kind=helplines&country=GB&open=now", WEDNESDAY))


# -- nothing in the address bar or history; links still open with a search ------------------------------------
def copied_link(page) -> str:
    """What "Copy a link to these results" copies (the test context grants clipboard access)."""
    page.locator(".kd-finder__share-button").click()
    page.wait_for_function(
        "() => document.querySelector('.kd-finder__share-status').textContent.startsWith('Link copied')")
    return page.evaluate("navigator.clipboard.readText()")


def test_choices_stay_out_of_the_address_and_history_and_a_copied_link_brings_them_back(chromium_browser, finder_url,
                                                                                       expected):
    context, guard = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Europe/London")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(finder_url)
    wait_ready(page)
    length = page.evaluate("history.length")
    checkbox(page, "kind", "helplines").check()
    open_group(page, "country")
    checkbox(page, "country", "GB").check()
    page.locator("#kd-finder-q").press_sequentially("day", delay=30)
    page.wait_for_function("() => document.querySelector('#kd-finder-count').textContent.includes('found')")
    settle(page)
    first = sorted(shown_ids(page))
    assert set(first) == expected.ids("?q=day&kind=helplines&country=GB")
    assert address_is_bare(page, finder_url) and page.evaluate("history.length") == length
    assert page.locator(".kd-finder-active-filters").inner_text() == \
        "Showing: words “day”; Type of support: Helplines; Country: United Kingdom."

    shared = copied_link(page)
    assert urlsplit(shared).query == "q=day&kind=helplines&country=GB" and shared.startswith(finder_url)
    other = context.new_page()  # the copied link reproduces the same results
    other.goto(shared)
    wait_ready(other)
    assert sorted(shown_ids(other)) == first
    assert other.locator("#kd-finder-q").input_value() == "day"
    assert checkbox(other, "kind", "helplines").is_checked() and checkbox(other, "country", "GB").is_checked()
    assert other.locator("details[data-kd-facet-group='country']").get_attribute("open") is not None
    assert address_is_bare(other, finder_url)  # read, then taken out of the address

    # Back leaves the finder: typing and ticking made no history entries to step through.
    page.go_back()
    page.wait_for_url("about:blank")
    assert guard.page_errors == [] and guard.external() == []
    context.close()


def test_without_a_clipboard_the_link_is_shown_to_copy(chromium_browser, finder_url, expected):
    context, _ = open_guarded_context(chromium_browser)
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = context.new_page()
    page.goto(finder_url + "?topic=anxiety&kind=teletherapy")
    wait_ready(page)
    page.locator(".kd-finder__share-button").click()
    field = page.locator("#kd-finder-share-link")
    assert field.is_visible() and page.evaluate("document.activeElement.id") == "kd-finder-share-link"
    link = field.input_value()
    assert urlsplit(link).query == "kind=teletherapy&topic=anxiety"
    page.goto(link)
    wait_ready(page)
    assert set(shown_ids(page)) == expected.ids("?topic=anxiety&kind=teletherapy")
    context.close()


def test_typing_and_filtering_leave_history_and_address_alone(chromium_browser, finder_url):
    context, _ = open_guarded_context(chromium_browser)
    page = context.new_page()
    page.goto(finder_url + "?kind=helplines")
    wait_ready(page)
    assert address_is_bare(page, finder_url)
    length = page.evaluate("history.length")
    page.locator("#kd-finder-q").press_sequentially("lonely night", delay=30)
    settle(page)
    open_group(page, "topic")
    checkbox(page, "topic", "loneliness").check()
    checkbox(page, "kind", "helplines").uncheck()
    page.wait_for_timeout(700)
    assert page.evaluate("history.length") == length and address_is_bare(page, finder_url)
    context.close()


def test_instant_navigation_keeps_working(chromium_browser, finder_url, expected):
    """Material swaps pages without reloading: on the way back the finder starts again, once, with the search it
    had (kept in memory, never in the address); a new visit through the navigation starts empty."""
    context, guard = open_guarded_context(chromium_browser)
    page = context.new_page()
    page.goto(finder_url + "?topic=loneliness")
    wait_ready(page)
    before = set(shown_ids(page))
    page.locator("#kd-finder [data-listing-id] .kd-card__title a").first.click()
    page.wait_for_url(re.compile(r"/helplines/finder-[a-z-]+/$"))
    page.wait_for_function("() => !document.querySelector('[data-kd-finder]')")  # the listing page swapped in
    page.go_back()
    page.wait_for_url(finder_url)
    wait_ready(page)
    assert set(shown_ids(page)) == before == expected.ids("?topic=loneliness")
    assert checkbox(page, "topic", "loneliness").is_checked()
    assert page.locator("#kd-finder .kd-finder__layout").count() == 1
    # Away through the navigation and back through it.
    page.locator(".md-nav__link", has_text="Helplines").first.click()
    page.wait_for_url(re.compile(r"/helplines/$"))
    page.locator(".md-nav__link", has_text="Find support").first.click()
    page.wait_for_url(re.compile(r"/find/$"))
    wait_ready(page)
    assert set(shown_ids(page)) == expected.ids("")
    # A link to this same page with a filter: the finder follows it, and the address stays bare.
    length = page.evaluate("history.length")
    page.evaluate("""() => { const a = document.createElement('a'); a.href = '?kind=helplines'; a.id = 'same-page';
                             a.textContent = 'Helplines'; document.querySelector('article').prepend(a); }""")
    page.locator("#same-page").click()
    page.wait_for_function("() => document.querySelector('input[data-kd-facet=kind][value=helplines]').checked")
    assert set(shown_ids(page)) == expected.ids("?kind=helplines")
    assert address_is_bare(page, finder_url) and page.evaluate("history.length") == length
    assert guard.page_errors == [] and guard.csp_violations() == []
    context.close()


# -- open now -------------------------------------------------------------------------------------------------
def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


OPEN_TIMES = [
    ("2025-04-16T12:00:00", "finder-linea-ayuda", "finder-night-owl"),    # Wed: Madrid 14:00 open; London 13:00
    ("2025-04-19T23:30:00", "finder-night-owl", "finder-relay-line"),     # Sun 00:30 London: Saturday's night shift
    ("2025-04-20T05:30:00", "finder-day-line", "finder-night-owl"),       # Sun 06:30 London: the night shift is over
    ("2025-04-16T23:45:00", "finder-carers-circle", "finder-worldwide-chat"),  # Wed 19:45 Toronto; Thu 08:45 Tokyo
    ("2025-04-17T02:00:00", "finder-worldwide-chat", "finder-carers-circle"),  # Thu 11:00 Tokyo
    ("2025-04-17T14:00:00", "finder-relay-line", "finder-worldwide-chat"),     # Thu 10:00 New York
    ("2026-12-24T23:00:00", "finder-self-harm-text", "finder-night-owl"),  # closed on 24 December
    ("2026-12-25T01:00:00", "finder-mens-line", "finder-night-owl"),       # 24 December's shift never started
    ("2026-12-25T22:30:00", "finder-night-owl", "finder-linea-ayuda"),     # 25 December: open again
    ("2026-01-01T02:00:00", "finder-day-line", "finder-worldwide-chat"),   # Tokyo: closed on 1 January
]


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Los_Angeles"])
@pytest.mark.parametrize("when, one_open, one_closed", OPEN_TIMES)
def test_open_now_at_fixed_times(chromium_browser, finder_url, expected, zone, when, one_open, one_closed):
    """The visitor's own time zone changes nothing: each service's hours are in its own zone."""
    context, guard = open_guarded_context(chromium_browser, locale="en-GB", timezone_id=zone)
    page = context.new_page()
    page.clock.set_fixed_time(utc(when))
    page.goto(finder_url + "?open=now")
    wait_ready(page)
    want = expected.ids("?open=now", utc(when))
    assert one_open in want and one_closed not in want
    assert set(shown_ids(page)) == want
    states = page.eval_on_selector_all("#kd-finder .kd-finder__cards [data-listing-id]",
                                       "els => els.map(e => [e.dataset.listingId, "
                                       "(e.querySelector('.kd-open-state') || {}).textContent])")
    # Open ones first, then those without hours, labelled so: "open now" no longer hides them.
    texts = [text for _, text in states]
    open_count = sum(1 for text in texts if text.startswith("Open now"))
    assert all(text.startswith("Open now") for text in texts[:open_count]), states
    assert texts[open_count:] == ["Hours not known — check before you call or write"] * (len(texts) - open_count)
    assert open_count >= 1 and len(texts) - open_count >= 1
    # Without the filter, closed listings with hours say when they open, in the visitor's time.
    page.goto(finder_url + "?kind=helplines")
    wait_ready(page)
    card = page.locator(f"[data-listing-id='{one_closed}'] .kd-open-state")
    if one_closed != "finder-carers-circle":
        assert card.inner_text().startswith("Closed now · opens ") and card.inner_text().endswith("your time")
    assert guard.page_errors == []
    context.close()


def test_next_opening_is_in_the_visitors_time(chromium_browser, finder_url):
    context, _ = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.clock.set_fixed_time(utc("2025-04-16T12:00:00"))  # Wed 13:00 London = Wed 21:00 Tokyo
    page.goto(finder_url + "?q=night+owl")
    wait_ready(page)
    # The night shift opens at 22:00 London (BST) = 06:00 Thursday in Tokyo.
    assert page.locator("[data-listing-id='finder-night-owl'] .kd-open-state").inner_text() == \
        "Closed now · opens Thursday 6:00 AM your time"
    context.close()


# -- country suggestion, privacy ------------------------------------------------------------------------------
@pytest.mark.parametrize("locale, zone, country, name", [
    ("en-GB", "Europe/London", "GB", "United Kingdom"),
    ("fr-CA", "America/Toronto", "CA", "Canada"),
    ("en-US", "Asia/Tokyo", "US", "United States"),  # Japan has no listings; the language's region does
    ("en", "UTC", None, None),
])
def test_country_is_suggested_never_applied(chromium_browser, finder_url, expected, locale, zone, country, name):
    context, guard = open_guarded_context(chromium_browser, locale=locale, timezone_id=zone)
    page = context.new_page()
    page.goto(finder_url)
    wait_ready(page)
    assert set(shown_ids(page)) == expected.ids("")  # nothing applied silently
    button = page.locator("[data-kd-suggest-country]")
    if country is None:
        assert button.count() == 0 or not button.is_visible()
        context.close()
        return
    assert button.inner_text() == f"Show results for {name}"
    button.click()
    settle(page)
    assert checkbox(page, "country", country).is_checked() and query_of(page) == {}
    assert set(shown_ids(page)) == expected.ids(f"?country={country}")
    assert not page.locator(".kd-finder__suggest").is_visible()
    assert guard.external() == [] and guard.blocked == []
    assert page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    context.close()


def test_suggestion_can_be_dismissed(chromium_browser, finder_url):
    context, _ = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    page.goto(finder_url)
    wait_ready(page)
    page.locator(".kd-finder__suggest-no").click()
    assert not page.locator(".kd-finder__suggest").is_visible()
    assert page.evaluate("() => document.activeElement.id") == "kd-finder-results-title"
    assert urlsplit(page.url).query == ""
    context.close()


def test_search_loads_only_this_site_and_stores_nothing(chromium_browser, finder_url):
    context, guard = open_guarded_context(chromium_browser)
    page = context.new_page()
    page.goto(finder_url)
    wait_ready(page)
    requested = [urlsplit(u).path for u in guard.requests]
    assert any(p.endswith("/find/listings.json") for p in requested)
    assert not any(p.endswith(("/find/search-index.json", "/lunr.js")) for p in requested)  # loaded lazily
    page.locator("#kd-finder-q").fill("relay")
    page.wait_for_function("() => document.querySelector('#kd-finder-count').textContent === '1 listing found'")
    requested = [urlsplit(u).path for u in guard.requests]
    assert any(p.endswith("/find/search-index.json") for p in requested)
    assert any(p.endswith("/assets/kindred/lunr.js") for p in requested)  # only now
    assert guard.external() == [] and guard.csp_violations() == [] and guard.page_errors == []
    assert page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    context.close()


# -- cards ---------------------------------------------------------------------------------------------------
def test_cards_match_the_site_cards(london, finder_url):
    page, _ = london
    page.goto(finder_url + "?q=day+line")
    wait_ready(page)
    card = page.locator("#kd-finder li.kd-card[data-listing-id='finder-day-line']")
    assert card.get_attribute("data-kind") == "helplines"
    # The address it resolves to: cards drawn before Material's bundle starts (finder/early.js) have their
    # relative links made absolute by it, as it does with every link on the page.
    title = card.locator("h3.kd-card__title a")
    assert title.evaluate("a => a.href") == urljoin(finder_url, "../helplines/finder-day-line/")
    assert title.get_attribute("href").endswith("helplines/finder-day-line/")
    assert card.locator(".kd-card__meta").inner_text() == "Helpline · United Kingdom · 24/7"
    assert card.locator(".kd-card__summary").inner_text().startswith("Someone to talk to any day")
    actions = card.locator("a.kd-action")
    assert [actions.nth(i).get_attribute("href") for i in range(actions.count())] == ["tel:116123",
                                                                                       "sms:85258?body=DAY"]
    assert actions.first.inner_text() == "Call 116 123"
    assert card.locator(".kd-open-state").inner_text() == "Open now (24/7)"
    page.goto(finder_url + "?q=paused")
    wait_ready(page)
    assert page.locator("[data-listing-id='finder-paused-line'] .kd-card__meta strong").inner_text() == "Paused"


# -- without JavaScript, accessibility, keyboard ------------------------------------------------------------------
def test_without_javascript_the_page_says_where_to_browse(chromium_browser, finder_url):
    context = chromium_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(finder_url)
    assert not page.locator("#kd-finder").is_visible()
    text = page.locator("article").inner_text()
    assert "This search needs JavaScript" in text and "You can still browse every listing" in text
    for href in ("../helplines/", "../communities/", "../teletherapy/", "../topics/", "../countries/"):
        assert page.locator(f"article a[href='{href}']").count() == 1
    context.close()


def test_no_axe_violations(chromium_browser, finder_url, axe_check):
    context, _ = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    page.goto(finder_url + "?q=anx&kind=helplines&country=GB&language=es-mx")
    wait_ready(page)
    page.eval_on_selector_all("details.kd-facet", "els => els.forEach(d => { d.open = true; })")  # axe sees all
    violations = axe_check(page)
    assert violations == [], describe_violations(violations)
    page.goto(finder_url + "?q=nothing-matches-this")
    wait_ready(page)
    violations = axe_check(page)
    assert violations == [], describe_violations(violations)
    context.close()


def test_every_control_is_labelled(london, finder_url):
    page, _ = london
    page.goto(finder_url)
    wait_ready(page)
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('#kd-finder input, #kd-finder button')]
        .filter(e => !e.closest('[hidden]'))
        .filter(e => !(e.labels && e.labels.length) && !e.textContent.trim() && !e.getAttribute('aria-label'))
        .map(e => e.outerHTML)""")
    assert unlabelled == []
    status = page.locator("#kd-finder-count")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    groups = page.locator("#kd-finder fieldset")
    assert groups.count() == 14
    assert all(g.locator("legend").count() == 1 for g in groups.all())


def test_keyboard_only(chromium_browser, finder_url, expected):
    context, _ = open_guarded_context(chromium_browser, locale="en", timezone_id="UTC")
    page = context.new_page()
    page.goto(finder_url)
    wait_ready(page)
    page.locator("#kd-finder-q").focus()
    page.keyboard.type("gambling")
    page.wait_for_function("() => document.querySelector('#kd-finder-count').textContent === '2 listings found'")
    page.keyboard.press("Enter")  # submitting does not leave the page
    assert page.evaluate("() => document.activeElement.id") == "kd-finder-q"
    assert address_is_bare(page, finder_url)
    # Tab to the first filter (Helplines) and tick it with the space bar.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('data-kd-facet')") == "kind":
            break
    assert page.evaluate("() => document.activeElement.value") == "helplines"
    page.keyboard.press("Space")
    settle(page)
    assert checkbox(page, "kind", "helplines").is_checked() and address_is_bare(page, finder_url)
    assert set(shown_ids(page)) == expected.ids("?q=gambling&kind=helplines")
    assert count_text(page) == "1 listing found"
    assert page.evaluate("() => document.activeElement.value") == "helplines"  # focus stays put
    # A closed filter group opens with Enter on its summary.
    page.locator("details[data-kd-facet-group='language'] summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("details[data-kd-facet-group='language']").get_attribute("open") is not None
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('data-kd-facet')") == "language"
    # Clear all filters, with the keyboard; focus goes back to the search box.
    page.locator(".kd-finder__clear").focus()
    page.keyboard.press("Enter")
    settle(page)
    assert not checkbox(page, "kind", "helplines").is_checked()
    assert page.locator(".kd-finder-active-filters").inner_text() == "Showing: words “gambling”."
    assert page.evaluate("() => document.activeElement.id") == "kd-finder-q"
    context.close()


def test_filters_fold_away_on_a_phone(chromium_browser, finder_url, expected):
    context, _ = open_guarded_context(chromium_browser, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(finder_url + "?kind=helplines&country=GB")
    wait_ready(page)
    panel = page.locator("details.kd-finder__panel")
    assert panel.get_attribute("open") is None
    assert panel.locator("summary.kd-finder__panel-summary").text_content() == "Filters (2 selected)"
    assert page.locator("#kd-finder-count").is_visible()
    panel.locator("summary.kd-finder__panel-summary").click()
    assert checkbox(page, "kind", "helplines").is_visible() and checkbox(page, "kind", "helplines").is_checked()
    assert set(shown_ids(page)) == expected.ids("?kind=helplines&country=GB")
    context.close()


@pytest.fixture(scope="module")
def big_finder_url(tmp_path_factory, built_site, site_server) -> str:
    """A synthetic directory of 120 listings (bench/make_directory.py), for paging through results."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    target = tmp_path_factory.mktemp("finder-big") / "directory"
    subprocess.run([sys.executable, str(root / "bench" / "make_directory.py"), "120", str(target), "--seed", "3"],
                   check=True, capture_output=True)
    return site_server(built_site(target)) + "find/"


def test_show_more_keeps_focus_in_the_list(chromium_browser, big_finder_url):
    context, _ = open_guarded_context(chromium_browser)
    page = context.new_page()
    page.goto(big_finder_url)
    wait_ready(page)
    assert count_text(page) == "120 listings found"
    assert len(shown_ids(page)) == 50
    more = page.locator(".kd-finder__more")
    assert more.inner_text() == "Show 50 more (70 not shown)"
    more.focus()
    page.keyboard.press("Enter")
    assert len(shown_ids(page)) == 100
    focused = page.evaluate("() => document.activeElement.closest('[data-listing-id]').dataset.listingId")
    assert focused == shown_ids(page)[50]  # the first of the new cards
    assert more.inner_text() == "Show 20 more (20 not shown)"
    more.click()
    assert len(shown_ids(page)) == 120 and not more.is_visible()
    assert len(set(shown_ids(page))) == 120
    context.close()


def test_a_shared_search_link_opens_the_finder_not_the_site_search(london, finder_url, expected):
    # Material opens its own search over any page loaded with ?q= and later strips q from the address.
    page, _ = london
    page.goto(finder_url + "?q=anxiety&country=US")
    wait_ready(page)
    assert page.evaluate("document.getElementById('__search').checked") is False
    assert page.input_value("#kd-finder-q") == "anxiety"
    assert checkbox(page, "country", "US").is_checked() and address_is_bare(page, finder_url)
    assert set(shown_ids(page)) == expected.ids("?q=anxiety&country=US", WEDNESDAY)


def test_back_after_quick_exit_shows_nothing_that_was_typed_or_chosen(chromium_browser, finder_url, expected):
    """Type and tick, open a listing, leave with Quick exit, press Back: the finder holds none of it (pagehide
    empties it, and a page the browser kept for Back is that empty page)."""
    context, guard = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    page.goto(finder_url)
    wait_ready(page)
    page.locator("#kd-finder-q").press_sequentially("lonely", delay=20)
    checkbox(page, "kind", "helplines").check()
    settle(page)
    page.locator("#kd-finder .kd-finder__cards [data-listing-id] .kd-card__title a").first.click()
    page.wait_for_url(re.compile(r"/helplines/finder-[a-z-]+/$"))
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(re.compile(r"^https://www\.bbc\.co\.uk/"))
    page.go_back()
    page.wait_for_url(finder_url)
    wait_ready(page)
    settle(page)
    assert page.locator("#kd-finder-q").input_value() == ""
    assert not checkbox(page, "kind", "helplines").is_checked()
    assert set(shown_ids(page)) == expected.ids("")
    assert "lonely" not in page.locator("#kd-finder").inner_text()
    assert guard.page_errors == []
    context.close()
