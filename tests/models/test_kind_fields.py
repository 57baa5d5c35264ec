"""Fields of one kind only: helplines, communities, teletherapy."""

from __future__ import annotations

import pytest
from kindred_test_support import (
    VALID_COMMUNITY,
    VALID_HELPLINE,
    VALID_TELETHERAPY,
    column_of,
    drop_field,
    line_of,
    set_field,
)

from generator.models import Community, Helpline, Teletherapy


def one_error(result):
    assert len(result.errors) == 1, result.problems
    return result.errors[0]


@pytest.mark.parametrize("kind, text, model", [("helplines", VALID_HELPLINE, Helpline),
                                               ("communities", VALID_COMMUNITY, Community),
                                               ("teletherapy", VALID_TELETHERAPY, Teletherapy)])
def test_folder_decides_the_model(check, kind, text, model):
    result = check(kind, text)
    assert result.problems == []
    [record] = result.records
    assert type(record.listing) is model and record.kind == kind


@pytest.mark.parametrize("kind, text, field, value, owner", [
    ("helplines", VALID_HELPLINE, "platform", "discord", "communities"),
    ("helplines", VALID_HELPLINE, "crisis_signposting", "true", "communities"),
    ("helplines", VALID_HELPLINE, "price", "{from: 10, currency: GBP}", "teletherapy"),
    ("communities", VALID_COMMUNITY, "responders", "volunteers", "helplines"),
    ("communities", VALID_COMMUNITY, "modalities", "[video]", "teletherapy"),
    ("teletherapy", VALID_TELETHERAPY, "confidentiality", "Always", "helplines"),
])
def test_field_of_another_kind_names_its_kind(check, kind, text, field, value, owner):
    text = set_field(text, field, value)
    error = one_error(check(kind, text))
    assert (error.line, error.column) == (line_of(text, f"{field}:"), 1)
    assert f"`{field}` is a field of {owner} listings, not {kind}" in error.message


# --- helplines ---------------------------------------------------------------------------------


def test_helpline_service_typo_suggests_the_value(check):
    text = set_field(VALID_HELPLINE, "service", "crises")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "service:"), 10)
    assert "did you mean `crisis`?" in error.message


def test_responders_take_one_value_or_a_list(check):
    one = check("helplines", VALID_HELPLINE).records[0].listing
    many = check("helplines", set_field(VALID_HELPLINE, "responders", "[volunteers, professionals]")).records[0]
    assert one.responders == ["volunteers"]
    assert many.listing.responders == ["volunteers", "professionals"]


def test_unknown_responder_points_at_the_item(check):
    text = set_field(VALID_HELPLINE, "responders", "[volunteers, doctors]")
    error = one_error(check("helplines", text))
    assert error.column == column_of(text, "doctors") and "volunteers, peers, professionals" in error.message


# --- communities -----------------------------------------------------------------------------------


def test_community_without_crisis_signposting_defaults_to_false(check):
    result = check("communities", drop_field(VALID_COMMUNITY, "crisis_signposting"))
    assert result.problems == [] and result.records[0].listing.crisis_signposting is False


def test_crisis_signposting_yes_is_not_a_boolean(check):
    text = set_field(VALID_COMMUNITY, "crisis_signposting", "yes")
    error = one_error(check("communities", text))
    assert (error.line, error.column) == (line_of(text, "crisis_signposting:"), 21)
    assert "true or false" in error.message and "`yes`" in error.message


def test_platform_typo_suggests_the_platform(check):
    text = set_field(VALID_COMMUNITY, "platform", "discrod")
    error = one_error(check("communities", text))
    assert error.line == line_of(text, "platform:") and "did you mean `discord`?" in error.message


@pytest.mark.parametrize("field, bad, good", [("access", "closed", "open, sign-up, invite, application"),
                                              ("moderation", "ai", "none, volunteer, trained-peer, professional"),
                                              ("anonymity", "hidden", "anonymous, pseudonymous, real-name")])
def test_community_vocabularies_list_their_choices(check, field, bad, good):
    text = set_field(VALID_COMMUNITY, field, bad)
    error = one_error(check("communities", text))
    assert error.line == line_of(text, f"{field}:") and good in error.message


def test_rules_url_must_be_a_web_address(check):
    text = set_field(VALID_COMMUNITY, "rules_url", "mailto:mods@example.org")
    error = one_error(check("communities", text))
    assert error.line == line_of(text, "rules_url:") and "scheme `mailto`" in error.message


# --- teletherapy -------------------------------------------------------------------------------------


def test_price_to_below_from_points_at_to(check):
    text = set_field(VALID_TELETHERAPY, "price", "\n  from: 80\n  to: 50\n  currency: USD")
    error = one_error(check("teletherapy", text))
    assert (error.line, error.column) == (line_of(text, "to: 50"), 7)
    assert "`to` (50)" in error.message and "`from` (80)" in error.message


def test_price_read_with_from_alias(check):
    price = check("teletherapy", VALID_TELETHERAPY).records[0].listing.price
    assert (price.from_, price.to, price.currency, price.per) == (80, 150, "USD", "session")


@pytest.mark.parametrize("written, hint", [("usd", "did you mean `USD`?"), ("DOLLARS", "ISO 4217")])
def test_unknown_currency_is_refused(check, written, hint):
    text = set_field(VALID_TELETHERAPY, "price", f"{{from: 80, currency: {written}}}")
    error = one_error(check("teletherapy", text))
    assert (error.line, error.column) == (line_of(text, "price:"), column_of(text, written))
    assert "ISO 4217" in error.message and hint in error.message


def test_negative_price_is_refused(check):
    text = set_field(VALID_TELETHERAPY, "price", "{from: -5, currency: USD}")
    error = one_error(check("teletherapy", text))
    assert error.column == column_of(text, "-5") and "at least 0" in error.message


def test_price_per_hour_is_not_a_choice(check):
    text = set_field(VALID_TELETHERAPY, "price", "{from: 80, currency: USD, per: hour}")
    assert "session, week, month" in one_error(check("teletherapy", text)).message


def test_licence_area_accepts_countries_and_regions_only(check):
    good = check("teletherapy", set_field(VALID_TELETHERAPY, "licensed_in", "[US, US-CA, CA-ON]"))
    assert good.problems == []
    text = set_field(VALID_TELETHERAPY, "licensed_in", "[US-CA, XX-YY]")
    error = one_error(check("teletherapy", text))
    assert error.column == column_of(text, "XX-YY") and "ISO 3166" in error.message


@pytest.mark.parametrize("value, expected", [("true", True), ("[Aetna, Kaiser Permanente]", ["Aetna", "Kaiser Permanente"])])
def test_insurance_is_a_boolean_or_payer_names(check, value, expected):
    result = check("teletherapy", set_field(VALID_TELETHERAPY, "insurance", value))
    assert result.problems == [] and result.records[0].listing.insurance == expected


def test_modalities_and_professions_use_their_vocabularies(check):
    text = set_field(VALID_TELETHERAPY, "modalities", "[video, carrier-pigeon]")
    text = set_field(text, "professions", "[therapist, guru]")
    errors = check("teletherapy", text).errors
    assert sorted((e.line, e.column) for e in errors) == sorted(
        [(line_of(text, "modalities:"), column_of(text, "carrier-pigeon")),
         (line_of(text, "professions:"), column_of(text, "guru"))])
