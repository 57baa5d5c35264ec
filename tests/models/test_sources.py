"""`sources` and `unconfirmed`: the pages a listing's facts come from, each refusal pointing at its line."""

from __future__ import annotations

import datetime as dt

from kindred_test_support import VALID_HELPLINE, column_of, line_of

SOURCES = """\
sources:
  - url: https://www.samaritans.org/how-we-can-help/contact-samaritan/
    read: 2026-01-10
    supports: [contacts, hours, cost]
    note: States 116 123 is free, 24 hours.
  - url: https://www.gov.uk/helplines
    read: 2026-01-11
    supports: [countries]
unconfirmed: [languages]
"""


def with_sources(block: str) -> str:
    return VALID_HELPLINE + block


def only_error(result):
    assert len(result.errors) == 1, result.problems
    return result.errors[0]


def test_sources_and_unconfirmed_are_read_into_the_listing(check):
    result = check("helplines", with_sources(SOURCES))
    assert result.problems == []
    listing = result.records[0].listing
    assert [s.url for s in listing.sources] == ["https://www.samaritans.org/how-we-can-help/contact-samaritan/",
                                                "https://www.gov.uk/helplines"]
    assert listing.sources[0].read == dt.date(2026, 1, 10)
    assert listing.sources[0].supports == ["contacts", "hours", "cost"]
    assert listing.sources[0].note == "States 116 123 is free, 24 hours."
    assert listing.sources[1].note is None
    assert listing.unconfirmed == ["languages"]


def test_a_listing_without_sources_still_loads_with_empty_lists(check):
    listing = check("helplines", VALID_HELPLINE).records[0].listing
    assert listing.sources == [] and listing.unconfirmed == []


def test_a_plain_http_source_is_refused_at_its_line(check):
    text = with_sources(SOURCES.replace("https://www.gov.uk/helplines", "http://www.gov.uk/helplines"))
    error = only_error(check("helplines", text))
    assert "must start with https://" in error.message
    assert "sources[1].url" in error.message
    assert error.line == line_of(text, "http://www.gov.uk")


def test_a_non_web_source_is_refused(check):
    text = with_sources(SOURCES.replace("https://www.gov.uk/helplines", "javascript:alert(1)"))
    error = only_error(check("helplines", text))
    assert "javascript:alert(1)" in error.message and "sources[1].url" in error.message
    assert error.line == line_of(text, "javascript:")


def test_a_read_date_in_the_future_is_refused(check):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    text = with_sources(SOURCES.replace("read: 2026-01-11", f"read: {tomorrow}"))
    error = only_error(check("helplines", text))
    assert f"read date {tomorrow} is in the future" in error.message
    assert error.line == line_of(text, f"read: {tomorrow}")


def test_a_read_date_of_today_is_accepted(check):
    text = with_sources(SOURCES.replace("read: 2026-01-11", f"read: {dt.date.today().isoformat()}"))
    assert check("helplines", text).problems == []


def test_a_read_value_that_is_not_a_date_is_refused(check):
    text = with_sources(SOURCES.replace("read: 2026-01-11", "read: last week"))
    error = only_error(check("helplines", text))
    assert "`sources[1].read` should be a date (YYYY-MM-DD)" in error.message


def test_supports_must_name_at_least_one_fact(check):
    text = with_sources(SOURCES.replace("supports: [countries]", "supports: []"))
    error = only_error(check("helplines", text))
    assert "`sources[1].supports` needs at least 1 item(s)" in error.message


def test_supports_outside_the_vocabulary_is_refused_with_a_suggestion(check):
    text = with_sources(SOURCES.replace("supports: [countries]", "supports: [countrys]"))
    error = only_error(check("helplines", text))
    assert "`countrys` is not allowed" in error.message and "did you mean `countries`?" in error.message
    assert error.line == line_of(text, "[countrys]")


def test_a_fact_listed_twice_in_supports_points_at_the_repeat(check):
    text = with_sources(SOURCES.replace("supports: [contacts, hours, cost]",
                                        "supports:\n      - contacts\n      - hours\n      - contacts"))
    error = only_error(check("helplines", text))
    assert "`contacts` repeats" in error.message
    assert "sources[0].supports[2]" in error.message
    assert error.line == line_of(text, "- contacts", 2)


def test_the_same_page_twice_is_refused_at_the_second(check):
    text = with_sources(SOURCES.replace("https://www.gov.uk/helplines",
                                        "https://www.samaritans.org/how-we-can-help/contact-samaritan"))
    error = only_error(check("helplines", text))
    assert "already listed as sources[0]" in error.message
    assert "sources[1].url" in error.message
    assert error.line == line_of(text, "contact-samaritan", 2)


def test_a_note_over_300_characters_is_refused(check):
    text = with_sources(SOURCES.replace("note: States 116 123 is free, 24 hours.", "note: " + "x" * 301))
    error = only_error(check("helplines", text))
    assert "is 301 characters; at most 300 are allowed" in error.message
    assert (error.line, error.column) == (line_of(text, "note: xxx"), column_of(text, "xxx"))


def test_a_missing_read_date_is_named(check):
    text = with_sources(SOURCES.replace("    read: 2026-01-11\n", ""))
    error = only_error(check("helplines", text))
    assert "missing required field `read` in `sources[1]`" in error.message


def test_an_unknown_source_field_gets_a_hint(check):
    text = with_sources(SOURCES.replace("    read: 2026-01-11\n", "    read: 2026-01-11\n    suports: [hours]\n"))
    error = only_error(check("helplines", text))
    assert "unknown field `suports`" in error.message and "did you mean `supports`?" in error.message


def test_unconfirmed_uses_the_same_vocabulary_without_repeats(check):
    text = with_sources(SOURCES.replace("unconfirmed: [languages]", "unconfirmed: [hours, hours]"))
    error = only_error(check("helplines", text))
    assert "`hours` repeats" in error.message and "unconfirmed[1]" in error.message
    text = with_sources(SOURCES.replace("unconfirmed: [languages]", "unconfirmed: [opening]"))
    assert "`opening` is not allowed" in only_error(check("helplines", text)).message
