"""The pages the site adds beyond the articles, and their HTML (generator/site/pages.py, render.py, jsonld.py),
tested without MkDocs or a browser."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.directory import load_directory
from generator.site.render import render_cards, render_jsonld
from generator.site_plan import plan_site

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPO = "https://github.com/kindred-directory/kindred"
SITE = "https://kindred.example.org/"
SAFE_SCHEMES = ("https:", "http:", "tel:", "sms:", "mailto:")


def plan_pages(directory, **options):
    """(pages, listing views), as the site plan lays them out."""
    plan = plan_site(directory, **options)
    return plan.pages, plan.views


class Tree(HTMLParser):
    """Elements, attributes, text and script bodies of a fragment, as a browser's tokenizer would see them."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self._stack: list[tuple[str, list[str]]] = []
        self.texts: dict[str, list[str]] = {}
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "script":
            self._script = attributes
            self._body = []
        self._stack.append((tag, []))

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._body)))
            self._script = None
        while self._stack:
            name, parts = self._stack.pop()
            self.texts.setdefault(name, []).append("".join(parts))
            for _, outer in self._stack:
                outer.extend(parts)
            if name == tag:
                break

    def handle_data(self, data):
        if self._script is not None:
            self._body.append(data)
        if self._stack:
            self._stack[-1][1].append(data)

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def with_class(self, name: str) -> list[tuple[str, dict]]:
        return [(t, a) for t, a in self.elements if name in (a.get("class") or "").split()]


@pytest.fixture(scope="module")
def planned():
    directory = load_directory(FIXTURES / "site_directory")
    plans, views = plan_pages(directory, repo_url=REPO, page_size=50, site_url=SITE)
    return directory, {p.src_uri: p for p in plans}, views


@pytest.fixture(scope="module")
def plans(planned):
    return planned[1]


def page(plans, src_uri: str, base: str = "../../") -> str:
    return plans[src_uri].render(base)


# -- which pages exist -----------------------------------------------------------------------------------------------
def test_a_page_per_published_listing(planned):
    directory, plans, views = planned
    published = {f"{r.kind}/{r.id}.md" for r in directory.records if r.published}
    listing_pages = {uri for uri, plan in plans.items() if plan.listing is not None}
    assert listing_pages == published
    assert "helplines/fixture-closed-line.md" not in plans
    assert len(views) == len(published)
    assert plans["helplines/fixture-helpline.md"].title == "Fixture Listening Line"
    assert plans["helplines/fixture-helpline.md"].description.startswith("A test listing with weekday hours")


def test_browse_pages_per_kind_topic_and_country(planned):
    directory, plans, _ = planned
    for kind in ("helplines", "communities", "teletherapy"):
        assert f"{kind}/index.md" in plans
    assert "topics/index.md" in plans and "countries/index.md" in plans
    for topic in directory.taxonomy.topics:
        assert f"topics/{topic}.md" in plans
    assert {uri for uri in plans if uri.startswith("countries/")} == {
        "countries/index.md", "countries/gb.md", "countries/us.md", "countries/ca.md"}
    assert "find.md" in plans


def card_ids(fragment: str) -> list[str]:
    return [a["data-listing-id"] for a in Tree(fragment).find("li") if "data-listing-id" in a]


def test_kind_index_lists_its_listings_and_links_topics(plans):
    out = page(plans, "helplines/index.md", "../")
    assert sorted(card_ids(out)) == ["fixture-always-open", "fixture-helpline", "fixture-paused-line"]
    assert '<a href="../topics/loneliness/">Loneliness</a>' in out
    assert "3 listings" in out


def test_topic_page(plans):
    out = page(plans, "topics/grief-loss.md", "../../")
    assert sorted(card_ids(out)) == ["fixture-forum", "fixture-helpline"]
    assert '<a href="../../helplines/fixture-helpline/">Fixture Listening Line</a>' in out


def test_country_page_includes_worldwide_services(plans):
    assert sorted(card_ids(page(plans, "countries/us.md"))) == ["fixture-always-open", "fixture-forum"]
    gb = card_ids(page(plans, "countries/gb.md"))
    assert "fixture-forum" in gb and "fixture-always-open" not in gb and "fixture-closed-line" not in gb


def test_topic_and_country_indexes_link_every_page(plans):
    topics = page(plans, "topics/index.md", "../")
    assert '<a href="../topics/grief-loss/">Grief and loss</a> <span class="kd-count">(2)</span>' in topics
    countries = page(plans, "countries/index.md", "../")
    assert '<a href="../countries/gb/">United Kingdom</a>' in countries
    assert '<a href="../countries/ca/">Canada</a>' in countries


def test_pagination():
    directory = load_directory(FIXTURES / "site_directory")
    plans = {p.src_uri: p for p in plan_pages(directory, repo_url=REPO, page_size=2)[0]}
    assert {"helplines/index.md", "helplines/pages/2.md"} <= set(plans)
    assert "helplines/pages/3.md" not in plans
    first, second = plans["helplines/index.md"].render("../"), plans["helplines/pages/2.md"].render("../../../")
    assert len(card_ids(first)) == 2 and len(card_ids(second)) == 1
    assert "Listings 1–2 of 3" in first and "Listings 3–3 of 3" in second
    assert '<a aria-current="page" href="../helplines/">1</a>' in first
    assert '<a href="../helplines/pages/2/">2</a>' in first
    assert '<a aria-current="page" href="../../../helplines/pages/2/">2</a>' in second
    assert plans["helplines/pages/2.md"].title == "Helplines (page 2)"


# -- a listing page --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def helpline(plans):
    return page(plans, "helplines/fixture-helpline.md")


def test_listing_page_basics(helpline):
    tree = Tree(helpline)
    assert tree.texts["h1"] == ["Fixture Listening Line"]
    assert "A test listing with weekday hours and an overnight Saturday shift." in helpline
    assert "<strong>Bold words</strong>" in helpline  # the description, rendered
    assert tree.find("a", href="tel:+442079460123")
    assert tree.find("a", href="sms:85258?body=TESTKW")
    assert tree.find("a", href="https://example.org/fixture-helpline/chat")
    assert "Welsh" in helpline and "United Kingdom" in helpline and "Scotland" in helpline
    assert '<a href="../../topics/grief-loss/">Grief and loss</a>' in helpline
    assert '<a href="../../countries/gb/">United Kingdom</a>' in helpline


def test_listing_actions_are_big_links_with_classes_for_styling(helpline):
    classes = [a.get("class", "") for t, a in Tree(helpline).elements if t == "a" and "kd-action" in a.get("class", "")]
    assert classes == ["kd-action kd-action--phone", "kd-action kd-action--sms", "kd-action kd-action--chat"]


def test_listing_hours_table_and_browser_data(helpline):
    tree = Tree(helpline)
    [state] = tree.with_class("kd-open-state")
    assert json.loads(state[1]["data-kd-hours"])["tz"] == "Europe/London"
    assert "Opening hours (Europe/London time)" in helpline
    assert "<th scope=\"row\">Saturday</th><td>10:00 PM–2:00 AM (next day)</td>" in helpline
    assert "Closed on 25 December 2026." in helpline


def test_contact_hours_are_shown_when_the_listing_has_none(plans):
    out = page(plans, "teletherapy/fixture-therapy.md")
    assert '<h3 class="kd-hours-for">Call 020 7946 0777</h3>' in out
    assert "<th scope=\"row\">Monday</th><td>6:00 PM–9:00 PM</td>" in out
    [state] = Tree(out).with_class("kd-open-state")
    assert json.loads(state[1]["data-kd-hours"])["weekly"][0]["opens"] == "18:00"


def test_verified_and_not_verified(plans, helpline):
    tree = Tree(helpline)
    [(_, verified)] = tree.with_class("kd-verified")
    assert verified["data-kd-verified"] == "2025-01-15"
    assert "Verified on" in helpline and "by Test fixture" in helpline
    never = page(plans, "helplines/fixture-always-open.md")
    assert "Not yet verified." in never
    assert "data-kd-verified" not in never


def test_where_these_facts_come_from(plans, helpline):
    tree = Tree(helpline)
    assert tree.texts["h2"].count("Where these facts come from") == 1
    section = helpline[helpline.index('<section class="kd-section kd-sources"'):]
    section = section[:section.index("</section>")]
    links = Tree(section).find("a")
    assert [a["href"] for a in links] == [
        "https://example.org/fixture-helpline/contact",
        "https://example.org/a/very/long/address/that/goes/on/and/on/for/far/more/than/seventy/characters/in/all"]
    assert all(a["rel"] == "noopener noreferrer nofollow" for a in links)
    assert ">example.org/fixture-helpline/contact</a>" in section
    assert "States: contact details, opening hours, cost. Read on <time datetime=\"2026-01-10\">10 January 2026</time>." \
        in section
    assert '<span class="kd-source-note">Test fixture source note.</span>' in section
    assert ("<strong>Not confirmed by any source:</strong> languages, age limits. Check these with the service "
            "before relying on them.") in section
    never = page(plans, "helplines/fixture-always-open.md")
    assert "This listing does not yet name the pages its facts come from." in never
    assert "kd-unconfirmed" not in never


def test_an_old_verification_says_so_on_the_page(planned):
    import datetime as dt

    from generator.site.render import render_listing_page
    from generator.site.view import build_view

    directory = planned[0]
    record = next(r for r in directory.records if r.key == "helplines/fixture-helpline")  # verified 2025-01-15
    shown = {day: render_listing_page(build_view(record, directory.taxonomy, REPO, today=day), base="../../")
             for day in (dt.date(2025, 6, 1), dt.date(2026, 6, 1), dt.date(2027, 6, 1))}
    assert "kd-freshness" not in shown[dt.date(2025, 6, 1)]
    assert "Checked over a year ago" in shown[dt.date(2026, 6, 1)]
    assert "may be out of date" not in shown[dt.date(2026, 6, 1)]
    assert "Checked over two years ago: these facts may be out of date." in shown[dt.date(2027, 6, 1)]
    for html in shown.values():  # the browser redoes the tier for its own today (kindred.js)
        assert 'data-kd-verified="2025-01-15"' in html


def test_report_a_problem_link(helpline):
    [link] = [a for a in Tree(helpline).find("a") if "/issues/new?" in a.get("href", "")]
    assert link["href"].startswith(
        f"{REPO}/issues/new?template=report-a-problem.yml&listing=helplines%2Ffixture-helpline")


def test_community_caution_and_facts(plans):
    forum = page(plans, "communities/fixture-forum.md")
    assert "kd-caution" in forum and "has not told us that it points members in crisis" in forum
    assert '<a href="../../helplines/">contact a helpline</a>' in forum
    assert "<dt>Moderation</dt><dd>Volunteer</dd>" in forum
    assert "<dt>Anonymity</dt><dd>Pseudonymous</dd>" in forum
    assert "kd-caution" not in page(plans, "communities/fixture-signposting-group.md")


def test_teletherapy_not_for_emergencies_and_price(plans):
    therapy = page(plans, "teletherapy/fixture-therapy.md")
    assert "Not for emergencies" in therapy
    assert '<a href="../../helplines/">contact a helpline</a>' in therapy
    assert "<dt>Price</dt><dd>40–90 GBP per session</dd>" in therapy
    assert "<dt>Licensed in</dt><dd>United Kingdom</dd>" in therapy


def test_paused_listing_says_so(plans):
    assert "kd-paused" in page(plans, "helplines/fixture-paused-line.md")
    assert "<strong>Paused</strong>" in page(plans, "helplines/index.md", "../")


def test_listing_fragment_has_no_script(helpline):
    # JSON-LD goes in <head> (PagePlan.jsonld): Material's instant navigation re-creates body scripts untyped.
    assert Tree(helpline).scripts == []


def test_json_ld(plans):
    [(attrs, body)] = Tree(render_jsonld(plans["helplines/fixture-helpline.md"].jsonld)).scripts
    assert attrs == {"type": "application/ld+json"}
    data = json.loads(body)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Service"
    assert data["@id"] == f"{SITE}helplines/fixture-helpline/"
    assert data["name"] == "Fixture Listening Line"
    assert data["url"] == "https://example.org/fixture-helpline"
    assert data["provider"] == {"@type": "Organization", "name": "Fixture Trust", "url": "https://example.org/trust"}
    phones = [c["servicePhone"]["telephone"] for c in data["availableChannel"] if "servicePhone" in c]
    assert phones == ["+442079460123", "85258"]
    assert {"@type": "OpeningHoursSpecification", "dayOfWeek": ["Saturday"], "opens": "22:00",
            "closes": "02:00"} in data["hoursAvailable"]
    assert data["areaServed"] == [{"@type": "Country", "name": "United Kingdom"}]


def test_cards_for_articles(planned):
    _, _, views = planned
    out = render_cards([v for v in views if v.id == "fixture-helpline"], base="../")
    tree = Tree(out)
    assert tree.find("a", href="../helplines/fixture-helpline/")
    assert tree.find("a", href="tel:+442079460123")


# -- hostile listings --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile():
    directory = load_directory(FIXTURES / "hostile_directory")
    assert not directory.problems.errors, directory.problems.errors
    plans, _ = plan_pages(directory, repo_url=REPO, site_url=SITE)
    raw = {r.key: yaml.safe_load(r.path.read_text(encoding="utf-8")) for r in directory.records}
    return {p.src_uri: p for p in plans}, raw


@pytest.mark.parametrize("key", ["helplines/hostile-helpline", "communities/hostile-community",
                                 "teletherapy/hostile-therapy"])
def test_hostile_listing_fields_are_text_not_markup(hostile, key):
    plans, raw = hostile
    out = plans[f"{key}.md"].render("../../")
    tree = Tree(out)
    # Nothing a listing wrote became an element, an event handler or a script.
    assert not {t for t, _ in tree.elements} & {"img", "svg", "iframe", "style", "b", "object", "embed"}
    for tag, attrs in tree.elements:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            if name in attrs and not attrs[name].startswith(("../", "#")):
                assert attrs[name].strip().lower().startswith(SAFE_SCHEMES), (tag, attrs)
    assert tree.scripts == []
    # The text reads exactly as written.
    assert tree.texts["h1"] == [raw[key]["name"]]
    jsonld = Tree(render_jsonld(plans[f"{key}.md"].jsonld))
    [(_, body)] = jsonld.scripts  # `</script>` in a field did not end the block
    assert [t for t, _ in jsonld.elements] == ["script"]
    data = json.loads(body)
    assert data["name"] == raw[key]["name"]
    assert data["description"] == raw[key]["summary"]


def test_hostile_attributes_stay_inside_their_quotes(hostile):
    plans, raw = hostile
    out = plans["helplines/hostile-helpline.md"].render("../../")
    tree = Tree(out)
    listing = raw["helplines/hostile-helpline"]
    assert tree.find("a", href=listing["website"])
    assert tree.find("a", href=listing["organization"]["url"])
    assert tree.find("a", href=listing["verified"]["source"])
    assert tree.find("a", href=listing["sources"][0]["url"])
    assert listing["sources"][0]["note"] in tree.texts["span"]
    sms = [a["href"] for a in tree.find("a") if a.get("href", "").startswith("sms:")]
    assert sms == ["sms:85258?body=%22HI%22%20%27%26%3Cb%3Ex%3C%2Fb%3E"]
    assert listing["contacts"][0]["note"] in tree.texts["span"]
    assert listing["hours"]["note"] in tree.texts["p"]


def test_hostile_description_is_sanitised(hostile):
    plans, _ = hostile
    out = plans["helplines/hostile-helpline.md"].render("../../")
    description = out[out.index('<div class="kd-description">'):out.index("</div>", out.index("kd-description"))]
    tree = Tree(description)
    assert {t for t, _ in tree.elements} <= {"div", "p", "a", "br"}
    hrefs = [a.get("href") for a in tree.find("a") if "href" in a]
    assert hrefs == ["https://example.org/fine"]
    assert re.search(r"<script", description) is None
