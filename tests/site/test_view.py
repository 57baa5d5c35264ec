"""What a listing page shows, computed from a validated record (generator/site/view.py): no MkDocs involved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.directory import load_directory
from generator.site.view import CAUTIONS, build_view

FIXTURE_DIRECTORY = Path(__file__).resolve().parents[1] / "fixtures" / "site_directory"
REPO = "https://github.com/kindred-directory/kindred"


@pytest.fixture(scope="module")
def directory():
    loaded = load_directory(FIXTURE_DIRECTORY)
    assert not loaded.problems.errors, loaded.problems.errors
    return loaded


@pytest.fixture(scope="module")
def views(directory):
    return {r.key: build_view(r, directory.taxonomy, REPO) for r in directory.records}


def actions_by_method(view):
    return {a.method: a for a in view.actions}


# -- contact actions ------------------------------------------------------------------------------------------------
def test_phone_action_dials_the_parsed_number(views):
    call = actions_by_method(views["helplines/fixture-helpline"])["phone"]
    assert call.href == "tel:+442079460123"  # "020 7946 0123" read in GB, published in E.164
    assert call.label == "Call 020 7946 0123"  # shown as the listing writes it
    assert "Free to call" in call.detail
    assert call.note == "Test fixture call note."
    assert not call.external


def test_sms_action_carries_the_keyword_in_the_body(views):
    text = actions_by_method(views["helplines/fixture-helpline"])["sms"]
    assert text.href == "sms:85258?body=TESTKW"  # a short code stays a short code
    assert text.label == "Text TESTKW to 85258"


def test_sms_keyword_is_percent_encoded_in_the_link():
    from generator.phones import parse_number

    parsed = parse_number("85258", ("GB",))
    assert parsed.sms_href('"HI" & <b>') == "sms:85258?body=%22HI%22%20%26%20%3Cb%3E"


def test_phone_extension_is_dialled_after_a_pause(views):
    call = actions_by_method(views["helplines/fixture-always-open"])["phone"]
    assert call.href == "tel:+12025550143,2"
    assert "press 2" in call.label


def test_link_actions_for_chat_join_video_and_email(views):
    chat = actions_by_method(views["helplines/fixture-helpline"])["chat"]
    assert (chat.href, chat.label, chat.external) == ("https://example.org/fixture-helpline/chat", "Chat online", True)
    assert "example.org" in chat.detail
    join = actions_by_method(views["communities/fixture-forum"])["join"]
    assert (join.href, join.label) == ("https://example.org/fixture-forum/join", "Join")
    video = actions_by_method(views["teletherapy/fixture-therapy"])["video"]
    assert (video.href, video.label) == ("https://example.org/fixture-therapy/book", "Video call")
    email = actions_by_method(views["helplines/fixture-always-open"])["email"]
    assert email.href == "mailto:fixture-night-line@example.org"


# -- hours ----------------------------------------------------------------------------------------------------------
def test_weekly_hours_are_shown_in_the_service_zone_with_overnight_marked(views):
    hours = views["helplines/fixture-helpline"].hours
    assert not hours.always
    assert hours.timezone == "Europe/London"
    assert hours.summary == "Times in Europe/London"
    rows = dict(hours.rows)
    assert list(rows) == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert rows["Monday"] == "9:00 AM–5:00 PM"
    assert rows["Saturday"] == "10:00 PM–2:00 AM (next day)"
    assert rows["Sunday"] == "Closed"
    assert hours.closed_on == ("25 December 2026",)
    assert hours.note == "Test fixture hours note."


def test_hours_data_for_the_browser_keeps_zone_intervals_and_closed_dates(views):
    data = views["helplines/fixture-helpline"].hours.data
    assert data == {
        "always": False, "tz": "Europe/London",
        "weekly": [{"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "17:00"},
                   {"days": ["sa"], "opens": "22:00", "closes": "02:00"}],
        "closed": ["2026-12-25"],
    }


def test_always_open(views):
    hours = views["helplines/fixture-always-open"].hours
    assert hours.always and hours.data == {"always": True}
    assert hours.summary == "Open 24 hours, every day"


def test_a_contacts_own_hours_are_kept_for_the_page(views):
    view = views["teletherapy/fixture-therapy"]
    assert view.hours is None
    [(label, hours)] = view.contact_hours
    assert label == "Call 020 7946 0777"
    assert hours.timezone == "Europe/London"
    assert dict(hours.rows)["Thursday"] == "6:00 PM–9:00 PM"
    assert dict(hours.rows)["Friday"] == "Closed"


# -- names, costs and facts -----------------------------------------------------------------------------------------
def test_languages_countries_and_regions_by_name(views):
    helpline = views["helplines/fixture-helpline"]
    assert helpline.languages == ["English", "Welsh"]
    assert helpline.countries == [("GB", "United Kingdom")]
    assert helpline.regions == ["Scotland"]
    night = views["helplines/fixture-always-open"]
    assert night.countries == [("US", "United States"), ("CA", "Canada")]
    assert night.languages == ["English", "Spanish (United States)", "French (Canada)"]
    assert views["communities/fixture-forum"].countries == [("worldwide", "Worldwide")]


def test_cost_age_topics_and_audiences(views):
    night = views["helplines/fixture-always-open"]
    assert night.costs == ["Free", "Free (standard call or data charges may apply)"]
    helpline = views["helplines/fixture-helpline"]
    assert helpline.age == "Ages 16 and over"
    assert helpline.topics == [("loneliness", "Loneliness"), ("grief-loss", "Grief and loss")]
    assert ("older-adults", "Older adults") in helpline.audiences
    assert night.audiences == [("everyone", "Everyone")]  # the default


def test_helpline_facts(views):
    facts = dict(views["helplines/fixture-helpline"].facts)
    assert facts["Type of service"] == "Support"
    assert facts["Who answers"] == "Volunteers, Professionals"
    assert facts["Confidentiality"] == "Test fixture confidentiality statement."


def test_community_facts_and_caution_without_crisis_signposting(views):
    forum = views["communities/fixture-forum"]
    facts = dict(forum.facts)
    assert facts["Moderation"] == "Volunteer"
    assert facts["Anonymity"] == "Pseudonymous"
    assert facts["How to join"] == "Sign up"
    assert facts["Points members in crisis to helplines"] == "Not stated"
    assert forum.caution == CAUTIONS["communities"]
    group = views["communities/fixture-signposting-group"]
    assert group.caution == ""
    assert dict(group.facts)["Points members in crisis to helplines"] == "Yes"


def test_teletherapy_price_and_licensing(views):
    facts = dict(views["teletherapy/fixture-therapy"].facts)
    assert facts["Price"] == "40–90 GBP per session"
    assert facts["Licensed in"] == "United Kingdom"
    assert facts["Professionals"] == "Counsellor"
    assert facts["Free trial"] == "Yes"
    assert facts["Insurance"] == "No"


# -- verification, status and links back to the source ----------------------------------------------------------------
def test_verification_record_is_passed_through_and_absent_when_missing(views):
    verified = views["helplines/fixture-helpline"].verified
    assert verified.date.isoformat() == "2025-01-15"
    assert verified.by == "Test fixture"
    assert views["helplines/fixture-always-open"].verified is None


def test_status(views):
    assert views["helplines/fixture-paused-line"].status == "paused"
    assert views["helplines/fixture-helpline"].status == "active"


def test_report_link_opens_the_issue_form_for_this_listing(views):
    view = views["communities/fixture-forum"]
    parts = urlsplit(view.report_url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/issues/new"
    query = parse_qs(parts.query)
    assert query["template"] == ["report-a-problem.yml"]
    assert query["listing"] == ["communities/fixture-forum"]
    assert "Fixture Peer Forum" in query["title"][0]


def test_no_report_link_without_a_repository(directory):
    record = next(r for r in directory.records if r.key == "helplines/fixture-helpline")
    assert build_view(record, directory.taxonomy, "").report_url == ""


def test_edit_path_and_url(views):
    view = views["teletherapy/fixture-therapy"]
    assert view.edit_path == "directory/teletherapy/fixture-therapy.yaml"
    assert view.url == "teletherapy/fixture-therapy/"


# -- sources, freshness and the email report link ---------------------------------------------------------------------
def test_sources_say_what_each_page_supports_and_when_it_was_read(views):
    view = views["helplines/fixture-helpline"]
    first, second = view.sources
    assert first.url == "https://example.org/fixture-helpline/contact"
    assert first.supports == "contact details, opening hours, cost"
    assert first.read == dt.date(2026, 1, 10)
    assert first.note == "Test fixture source note."
    assert first.shown == "example.org/fixture-helpline/contact"
    assert second.note == "" and second.supports == "countries served"
    assert len(second.shown) == 70 and second.shown.endswith("…")  # a long address is cut for the link text
    assert view.unconfirmed == ["languages", "age limits"]
    assert views["helplines/fixture-always-open"].sources == []


@pytest.mark.parametrize("today, tier", [
    (dt.date(2026, 1, 15), "current"),  # exactly 12 months after 2025-01-15
    (dt.date(2026, 1, 16), "old"),
    (dt.date(2027, 1, 15), "old"),  # exactly 24 months
    (dt.date(2027, 1, 16), "outdated"),
])
def test_freshness_tier_as_of_the_build_day(directory, today, tier):
    record = next(r for r in directory.records if r.key == "helplines/fixture-helpline")  # verified 2025-01-15
    assert build_view(record, directory.taxonomy, REPO, today=today).freshness == tier


def test_never_verified_has_no_freshness_tier(views):
    assert views["helplines/fixture-always-open"].freshness == "current"


def test_report_email_is_a_mailto_link_with_the_listing_named_in_an_encoded_subject(directory):
    record = next(r for r in directory.records if r.key == "communities/fixture-forum")
    view = build_view(record, directory.taxonomy, REPO, report_email="reports@kindred.example.org")
    parts = urlsplit(view.report_email)
    assert parts.scheme == "mailto" and parts.path == "reports@kindred.example.org"
    assert parse_qs(parts.query) == {"subject": ["Problem with communities/fixture-forum: Fixture Peer Forum"]}
    assert " " not in view.report_email and "&" not in view.report_email  # one field, nothing can be added
    assert build_view(record, directory.taxonomy, REPO).report_email == ""


def test_report_email_subject_cannot_add_a_header():
    from generator.site.view import _report_email

    link = _report_email("reports@kindred.example.org", "helplines/x", "Name&bcc=evil@example.org\r\nX: y")
    assert parse_qs(urlsplit(link).query) == {"subject": ["Problem with helplines/x: Name&bcc=evil@example.org\r\nX: y"]}
