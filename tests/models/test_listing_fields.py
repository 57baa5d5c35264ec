"""Fields every listing has: each rule, the exact position it reports, and the words that help."""

from __future__ import annotations

import datetime as dt

import pytest
from kindred_test_support import (
    VALID_HELPLINE,
    VALID_SMS_HELPLINE,
    column_of,
    drop_field,
    line_of,
    set_field,
    with_contacts,
)

from generator.directory import load_directory

REQUIRED = ["name", "summary", "website", "countries", "languages", "topics", "cost", "contacts"]


def one_error(result):
    assert len(result.errors) == 1, result.problems
    return result.errors[0]


def test_valid_helpline_has_no_problems(check):
    result = check("helplines", VALID_HELPLINE)
    assert result.problems == []
    [record] = result.records
    assert record.listing.name == "Samaritans"


# --- required fields -------------------------------------------------------------------------


@pytest.mark.parametrize("field", REQUIRED)
def test_missing_required_field_is_named(check, field):
    text = drop_field(VALID_HELPLINE, field)
    error = one_error(check("helplines", text))
    assert f"missing required field `{field}`" in error.message
    assert error.line == 2  # the start of the listing (line 1 is the schema comment)
    assert check("helplines", text).records == []


def test_every_missing_field_is_reported_in_one_run(check):
    text = "# just a comment\nname: Lonely listing\n"
    result = check("helplines", text)
    named = {field for field in REQUIRED if any(f"`{field}`" in p.message for p in result.errors)}
    assert named == set(REQUIRED) - {"name"}


# --- name and summary ----------------------------------------------------------------------------


def test_one_letter_name_is_too_short(check):
    text = set_field(VALID_HELPLINE, "name", "S")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "name:"), 7)
    assert "`name`" in error.message and "at least 2" in error.message


def test_name_over_120_characters_is_refused(check):
    text = set_field(VALID_HELPLINE, "name", "N" * 121)
    error = one_error(check("helplines", text))
    assert error.line == line_of(text, "name:")
    assert "121 characters" in error.message and "120" in error.message


def test_name_of_exactly_120_characters_is_accepted(check):
    assert check("helplines", set_field(VALID_HELPLINE, "name", "N" * 120)).problems == []


def test_summary_over_200_characters_points_at_summary(check):
    text = set_field(VALID_HELPLINE, "summary", "word " * 40 + "x")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "summary:"), 10)
    assert "201 characters" in error.message and "at most 200" in error.message


def test_summary_of_exactly_200_characters_is_accepted(check):
    assert check("helplines", set_field(VALID_HELPLINE, "summary", "s" * 200)).problems == []


def test_number_written_as_a_name_is_kept_as_text(check):
    result = check("helplines", set_field(VALID_HELPLINE, "name", "85258"))
    assert result.problems == []
    assert result.records[0].listing.name == "85258"


def test_boolean_where_text_is_expected_says_to_quote_it(check):
    text = set_field(VALID_HELPLINE, "summary", "true")
    error = one_error(check("helplines", text))
    assert error.line == line_of(text, "summary:")
    assert "should be text" in error.message and "quotes" in error.message


def test_markdown_description_is_accepted(check):
    text = set_field(VALID_HELPLINE, "description", "|\n  **Free** to call.\n\n  - from landlines\n  - from mobiles")
    result = check("helplines", text)
    assert result.problems == []
    assert "**Free**" in result.records[0].listing.description


# --- website -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url, scheme", [("javascript:alert(1)", "javascript"),
                                         ("data:text/html,hello", "data"),
                                         ("ftp://ftp.samaritans.org/", "ftp"),
                                         ("www.samaritans.org", "none")])
def test_website_with_another_scheme_is_an_error(check, url, scheme):
    text = set_field(VALID_HELPLINE, "website", url)
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "website:"), 10)
    assert f"scheme `{scheme}`" in error.message and "https://" in error.message


def test_http_website_is_a_warning_not_an_error(check):
    text = set_field(VALID_HELPLINE, "website", "http://www.samaritans.org/")
    result = check("helplines", text)
    assert result.errors == []
    [warning] = result.warnings
    assert (warning.line, warning.column) == (line_of(text, "website:"), 10)
    assert "http://" in warning.message and "https://" in warning.message
    assert len(result.records) == 1


def test_http_organisation_url_is_a_warning_at_that_url(check):
    text = set_field(VALID_HELPLINE, "organization", '{name: Samaritans, url: "http://www.samaritans.org/"}')
    [warning] = check("helplines", text).warnings
    assert (warning.line, warning.column) == (line_of(text, "organization:"), column_of(text, '"http://'))


@pytest.mark.parametrize("url", ["https://localhost/", "https://exa mple.org/"])
def test_website_must_be_a_complete_address(check, url):
    text = set_field(VALID_HELPLINE, "website", url)
    error = one_error(check("helplines", text))
    assert error.line == line_of(text, "website:") and "complete web address" in error.message


# --- countries and regions ---------------------------------------------------------------------------


def test_unknown_country_code_is_an_error_at_the_code(check):
    text = set_field(VALID_HELPLINE, "countries", "[GB, XX]")
    error = one_error(check("helplines", text))  # and no follow-on phone-number error
    assert (error.line, error.column) == (line_of(text, "countries:"), column_of(text, "XX"))
    assert "`XX`" in error.message and "ISO 3166-1" in error.message


@pytest.mark.parametrize("written, meant", [("UK", "GB"), ("gb", "GB"), ("Worldwide", "worldwide")])
def test_near_miss_country_suggests_the_code(check, written, meant):
    text = set_field(VALID_HELPLINE, "countries", f"[{written}]")
    error = one_error(check("helplines", text))
    assert error.column == column_of(text, written)
    assert f"did you mean `{meant}`?" in error.message


def test_bad_country_does_not_also_fail_every_phone_number(check):
    text = set_field(VALID_HELPLINE, "countries", "[UK]")
    errors = check("helplines", text).errors
    assert [e.line for e in errors] == [line_of(text, "countries:")]


def test_worldwide_must_stand_alone(check):
    text = set_field(VALID_SMS_HELPLINE, "countries", "[worldwide, US]")
    error = one_error(check("helplines", text))
    assert error.line == line_of(text, "countries:")
    assert "`worldwide` stands alone" in error.message


def test_worldwide_alone_is_accepted(check):
    text = with_contacts(set_field(VALID_HELPLINE, "countries", "[worldwide]"),
                         "  - method: chat\n    url: https://www.samaritans.org/chat\n")
    result = check("helplines", text)
    assert result.problems == []
    assert result.records[0].listing.worldwide


def test_country_listed_twice_is_an_error_at_the_copy(check):
    text = set_field(VALID_HELPLINE, "countries", "[GB, GB]")
    result = check("helplines", text)
    assert [(e.line, e.field) for e in result.errors] == [(line_of(text, "countries:"), "countries[1]")]
    assert "repeats `countries[0]`" in result.errors[0].message


def test_empty_country_list_is_refused(check):
    text = set_field(VALID_HELPLINE, "countries", "[]")
    errors = check("helplines", text).errors
    assert any(e.line == line_of(text, "countries:") and "at least 1" in e.message for e in errors)


def test_region_outside_the_listed_countries_points_at_the_region(check):
    text = set_field(VALID_HELPLINE, "countries", "[GB]")
    text = set_field(text, "regions", "[GB-SCT, US-CA]")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "regions:"), column_of(text, "US-CA"))
    assert "`US-CA`" in error.message and "(GB)" in error.message and "add `US`" in error.message


def test_regions_inside_the_countries_are_accepted(check):
    text = set_field(VALID_HELPLINE, "regions", "[GB-SCT, GB-WLS, IE-D]")
    assert check("helplines", text).problems == []


def test_unknown_region_code_is_refused(check):
    text = set_field(VALID_HELPLINE, "regions", "[GB-XYZ]")
    error = one_error(check("helplines", text))
    assert error.column == column_of(text, "GB-XYZ") and "ISO 3166-2" in error.message


# --- languages --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["english", "xx-YY-ZZ-", "en_GB"])
def test_language_that_is_not_bcp47_is_refused_at_the_tag(check, tag):
    text = set_field(VALID_HELPLINE, "languages", f"[en, {tag}]")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "languages:"), column_of(text, tag))
    assert "BCP 47" in error.message and "pt-BR" in error.message


def test_posix_locale_form_suggests_the_hyphen(check):
    text = set_field(VALID_HELPLINE, "languages", "[en_GB]")
    assert "write `en-GB` with a hyphen" in one_error(check("helplines", text)).message


@pytest.mark.parametrize("tags", ["[pt-BR]", "[ase]", "[es-419, es-MX]", "[zh-Hant-TW]", "[cy, ga, gd]"])
def test_real_bcp47_tags_are_accepted(check, tags):
    assert check("helplines", set_field(VALID_HELPLINE, "languages", tags)).problems == []


# --- topics and audiences --------------------------------------------------------------------------


def test_topic_typo_suggests_the_taxonomy_term(check):
    text = set_field(VALID_HELPLINE, "topics", "[depression, anxeity]")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "topics:"), column_of(text, "anxeity"))
    assert "not in the taxonomy" in error.message and "did you mean `anxiety`?" in error.message


def test_audience_typo_suggests_the_taxonomy_term(check):
    text = set_field(VALID_HELPLINE, "audiences", "[yuth]")
    error = one_error(check("helplines", text))
    assert error.column == column_of(text, "yuth") and "did you mean `youth`?" in error.message


def test_topics_come_from_the_directory_taxonomy(make_directory, taxonomy_text):
    listing = set_field(VALID_HELPLINE, "topics", "[housing]")
    before = load_directory(make_directory({"helplines/samaritans.yaml": listing}))
    assert any("`housing`" in p.message for p in before.problems.errors)
    extended = taxonomy_text.replace(
        "audiences:\n",
        "  - {id: housing, label: \"Housing\", description: \"Somewhere safe to live.\"}\naudiences:\n", 1)
    root = make_directory({"helplines/samaritans.yaml": listing}, taxonomy=False)
    (root / "taxonomy.yaml").write_text(extended, encoding="utf-8")
    assert load_directory(root).problems.items == []


def test_empty_topics_is_refused(check):
    text = set_field(VALID_HELPLINE, "topics", "[]")
    assert any("`topics` needs at least 1" in e.message for e in check("helplines", text).errors)


def test_topic_listed_twice_is_an_error(check):
    text = set_field(VALID_HELPLINE, "topics", "[anxiety, anxiety]")
    result = check("helplines", text)
    assert len(result.errors) == 1 and "`anxiety` repeats `topics[0]`" in result.errors[0].message


def test_audiences_default_to_everyone(check):
    record = check("helplines", VALID_HELPLINE).records[0]
    assert record.listing.audiences == ["everyone"]


# --- cost ---------------------------------------------------------------------------------------------------


def test_single_cost_becomes_a_list(check):
    assert check("helplines", VALID_HELPLINE).records[0].listing.costs == ["free"]


def test_list_of_costs_is_accepted(check):
    result = check("helplines", set_field(VALID_HELPLINE, "cost", "[free, free-standard-charges]"))
    assert result.problems == [] and result.records[0].listing.costs == ["free", "free-standard-charges"]


def test_unknown_cost_lists_the_choices(check):
    text = set_field(VALID_HELPLINE, "cost", "cheap")
    error = one_error(check("helplines", text))  # one message, not one per union branch
    assert (error.line, error.column) == (line_of(text, "cost:"), 7)
    assert "`cheap`" in error.message and "sliding-scale" in error.message and "free-standard-charges" in error.message


def test_unknown_cost_in_a_list_points_at_the_item(check):
    text = set_field(VALID_HELPLINE, "cost", "[free, low-cots]")
    error = one_error(check("helplines", text))
    assert error.column == column_of(text, "low-cots") and "did you mean `low-cost`?" in error.message


# --- status, age, verification, unknown fields ------------------------------------------------------------


def test_closed_listing_is_loaded_but_not_published(check):
    result = check("helplines", set_field(VALID_HELPLINE, "status", "closed"))
    assert result.problems == []
    assert len(result.directory.records) == 1 and result.directory.published == []


def test_paused_listing_is_still_published(check):
    result = check("helplines", set_field(VALID_HELPLINE, "status", "paused"))
    assert [r.listing.status for r in result.directory.published] == ["paused"]


def test_status_typo_suggests_the_value(check):
    text = set_field(VALID_HELPLINE, "status", "closd")
    error = one_error(check("helplines", text))
    assert error.line == line_of(text, "status:") and "did you mean `closed`?" in error.message


def test_age_min_above_max_points_at_max(check):
    text = set_field(VALID_HELPLINE, "age", "\n  min: 18\n  max: 12")
    error = one_error(check("helplines", text))
    assert error.line == line_of(text, "max: 12")
    assert "`min` (18)" in error.message and "`max` (12)" in error.message


def test_negative_age_is_refused(check):
    text = set_field(VALID_HELPLINE, "age", "{min: -1}")
    error = one_error(check("helplines", text))
    assert error.column == column_of(text, "-1") and "at least 0" in error.message


def test_verification_date_in_the_future_points_at_the_date(check):
    future = dt.date.today() + dt.timedelta(days=30)
    text = set_field(VALID_HELPLINE, "verified",
                     f"\n  date: {future.isoformat()}\n  method: called\n  by: Kindred volunteers\n"
                     f"  source: https://www.samaritans.org/")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "date:"), 9)
    assert "in the future" in error.message and future.isoformat() in error.message


def test_verification_today_is_accepted(check):
    text = set_field(VALID_HELPLINE, "verified", f"{{date: {dt.date.today().isoformat()}, method: called, by: Jo, "
                                                 f"source: \"https://www.samaritans.org/\"}}")
    result = check("helplines", text)
    assert result.problems == [] and result.records[0].listing.verified.date == dt.date.today()


def test_verification_method_must_be_a_known_one(check):
    text = set_field(VALID_HELPLINE, "verified", "{date: 2025-02-01, method: emailed, by: Jo, "
                                                 "source: \"https://www.samaritans.org/\"}")
    error = one_error(check("helplines", text))
    assert error.column == column_of(text, "emailed") and "called, website, provider" in error.message


def test_unknown_field_is_refused_at_its_key(check):
    text = set_field(VALID_HELPLINE, "colour", "blue")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "colour:"), 1)
    assert "unknown field `colour`" in error.message


def test_misspelt_field_suggests_the_right_one(check):
    text = set_field(VALID_HELPLINE, "langauges", "[en]")
    error = one_error(check("helplines", text))
    assert error.line == line_of(text, "langauges:") and "did you mean `languages`?" in error.message


def test_problems_in_several_fields_are_all_reported(check):
    text = set_field(VALID_HELPLINE, "website", "ftp://x.org/")
    text = set_field(text, "topics", "[anxeity]")
    text = set_field(text, "cost", "cheap")
    text = set_field(text, "languages", "[english]")
    lines = {e.line for e in check("helplines", text).errors}
    assert lines == {line_of(text, key) for key in ("website:", "topics:", "cost:", "languages:")}
