"""Hostile numbers: paid, emergency and foreign numbers never reach a call button."""

from __future__ import annotations

import pytest
from kindred_test_support import VALID_HELPLINE, line_of, set_field, with_contacts


def phone(number: str, extra: str = "") -> str:
    return f'  - method: phone\n    number: "{number}"\n{extra}'


@pytest.mark.parametrize("countries, number", [("[GB]", "0906 123 4567"), ("[US]", "1-900-555-0199"),
                                               ("[US]", "+1 900 555 0199")])
def test_a_premium_rate_number_is_an_error_even_when_marked_free(check, countries, number):
    text = with_contacts(set_field(VALID_HELPLINE, "countries", countries), phone(number, "    free: true\n"))
    errors = check("helplines", text).errors
    assert len(errors) == 1 and "premium-rate" in errors[0].message
    assert errors[0].line == line_of(text, number)


@pytest.mark.parametrize("countries, number", [("[GB]", "999"), ("[GB]", "112"), ("[US]", "911"), ("[AU]", "000")])
def test_an_emergency_number_belongs_in_the_country_profile_not_a_listing(check, countries, number):
    text = with_contacts(set_field(VALID_HELPLINE, "countries", countries), phone(number))
    errors = check("helplines", text).errors
    assert len(errors) == 1 and "emergency number" in errors[0].message and "country profile" in errors[0].message


def test_a_shared_cost_number_needs_its_charge_confirmed_from_a_source(check):
    text = with_contacts(set_field(VALID_HELPLINE, "countries", "[AU]"), phone("1300 22 4636"))
    assert "shared-cost" in check("helplines", text).problems[0].message
    confirmed = with_contacts(set_field(VALID_HELPLINE, "countries", "[AU]"),
                              phone("1300 22 4636", "    cost_confirmed: true\n"))
    errors = check("helplines", confirmed).errors
    assert len(errors) == 1 and "needs a source with `supports: [cost]`" in errors[0].message
    sourced = confirmed + ("sources:\n  - url: https://www.beyondblue.org.au/\n    read: 2026-11-29\n"
                           "    supports: [contacts, cost]\n")
    assert check("helplines", sourced).problems == []


def test_a_number_of_a_country_the_listing_does_not_serve_is_an_error(check):
    text = with_contacts(set_field(VALID_HELPLINE, "countries", "[GB]"), phone("+33 1 45 39 40 00"))
    errors = check("helplines", text).errors
    assert len(errors) == 1 and "a number in FR" in errors[0].message


def test_a_foreign_number_is_allowed_when_marked_international_with_a_note(check):
    text = with_contacts(set_field(VALID_HELPLINE, "countries", "[GB]"),
                         phone("+33 1 45 39 40 00", "    international: true\n"))
    errors = check("helplines", text).errors
    assert len(errors) == 1 and "needs a `note`" in errors[0].message
    noted = with_contacts(set_field(VALID_HELPLINE, "countries", "[GB]"), phone(
        "+33 1 45 39 40 00", "    international: true\n    note: A French number; callers dial abroad.\n"))
    assert check("helplines", noted).errors == []


def test_a_number_sharing_the_dialling_plan_of_a_listed_country_is_at_home(check):
    text = with_contacts(set_field(VALID_HELPLINE, "countries", "[CA]"), phone("+1 800 668 6868"))
    assert check("helplines", text).errors == []


def test_a_toll_free_number_said_to_cost_money_is_a_warning(check):
    text = with_contacts(VALID_HELPLINE, phone("0800 068 4141", "    free: false\n"))
    result = check("helplines", text)
    assert result.errors == []
    assert len(result.warnings) == 1 and "toll-free" in result.warnings[0].message
