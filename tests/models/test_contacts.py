"""Contacts: each method and the fields it needs, at the exact position."""

from __future__ import annotations

import pytest
from kindred_test_support import (
    VALID_HELPLINE,
    VALID_SMS_HELPLINE,
    column_of,
    line_of,
    with_contacts,
)

from generator.models.contacts import (
    EmailContact,
    PhoneContact,
    SmsContact,
    WhatsAppContact,
)


def one_error(result):
    assert len(result.errors) == 1, result.problems
    return result.errors[0]


@pytest.mark.parametrize("method, needs", [("phone", "number"), ("sms", "number"), ("chat", "url"),
                                           ("email", "address"), ("video", "url"), ("app", "url"),
                                           ("join", "url")])
def test_each_method_needs_its_field(check, method, needs):
    block = "  - method: phone\n    number: \"116 123\"\n" f"  - method: {method}\n    note: Ask for Jo\n"
    text = with_contacts(VALID_HELPLINE, block)
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, f"- method: {method}", 2 if method == "phone" else 1), 5)
    assert f"missing required field `{needs}`" in error.message and "`contacts[1]`" in error.message


def test_whatsapp_needs_a_number_or_a_link(check):
    text = with_contacts(VALID_HELPLINE, "  - method: whatsapp\n    note: Messages only\n")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "- method: whatsapp"), 5)
    assert "`number` or `url`" in error.message


@pytest.mark.parametrize("field", ['number: "+44 7911 123456"', "url: https://wa.me/447911123456"])
def test_whatsapp_with_a_number_or_a_link_is_accepted(check, field):
    text = with_contacts(VALID_HELPLINE, f"  - method: whatsapp\n    {field}\n")
    result = check("helplines", text)
    assert result.problems == []
    assert isinstance(result.records[0].listing.contacts[0], WhatsAppContact)


def test_whatsapp_short_code_is_refused(check):
    text = with_contacts(VALID_HELPLINE, "  - method: whatsapp\n    number: \"85258\"\n")
    error = one_error(check("helplines", text))
    assert error.column == column_of(text, '"85258"') and "WhatsApp" in error.message


def test_email_address_is_checked(check):
    text = with_contacts(VALID_HELPLINE, "  - method: email\n    address: jo-at-samaritans.org\n")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "address:"), column_of(text, "jo-at"))
    assert "not an email address" in error.message


def test_good_email_address_is_accepted(check):
    text = with_contacts(VALID_HELPLINE, "  - method: email\n    address: jo@samaritans.org\n")
    result = check("helplines", text)
    assert result.problems == []
    assert isinstance(result.records[0].listing.contacts[0], EmailContact)


def test_unknown_method_lists_the_methods(check):
    text = with_contacts(VALID_HELPLINE, "  - method: fax\n    number: \"116 123\"\n")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "method: fax"), 5)
    assert "unknown contact method `fax`" in error.message and "whatsapp" in error.message


def test_misspelt_method_suggests_the_method(check):
    text = with_contacts(VALID_HELPLINE, "  - method: phnoe\n    number: \"116 123\"\n")
    assert "did you mean `phone`?" in one_error(check("helplines", text)).message


def test_contact_without_a_method_asks_for_one(check):
    text = with_contacts(VALID_HELPLINE, "  - number: \"116 123\"\n")
    error = one_error(check("helplines", text))
    assert error.line == line_of(text, "- number:") and "needs a `method`" in error.message


def test_field_of_another_method_is_named_as_such(check):
    text = with_contacts(VALID_HELPLINE, "  - method: email\n    address: jo@samaritans.org\n    number: \"116 123\"\n")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "number:"), 5)
    assert "`number` is not a field of email contacts" in error.message and "address" in error.message


def test_misspelt_contact_field_suggests_the_field_of_that_method(check):
    text = with_contacts(VALID_HELPLINE, "  - method: phone\n    number: \"116 123\"\n    fre: true\n")
    error = one_error(check("helplines", text))
    assert error.line == line_of(text, "fre:")
    assert "unknown field `fre`" in error.message and "did you mean `free`?" in error.message


def test_empty_contact_list_is_refused(check):
    text = with_contacts(VALID_HELPLINE, "").replace("contacts:\n", "contacts: []\n")
    error = one_error(check("helplines", text))
    assert error.line == line_of(text, "contacts:") and "at least 1" in error.message


def test_chat_link_must_be_a_web_address(check):
    text = with_contacts(VALID_HELPLINE, "  - method: chat\n    url: javascript:openChat()\n")
    error = one_error(check("helplines", text))
    assert error.column == column_of(text, "javascript:") and "scheme `javascript`" in error.message


def test_sms_keyword_and_contact_hours_are_kept(check):
    result = check("helplines", VALID_SMS_HELPLINE)
    assert result.problems == []
    sms, chat = result.records[0].listing.contacts
    assert isinstance(sms, SmsContact) and sms.keyword == "HOME" and sms.number == "741741"
    assert chat.hours.timezone == "America/New_York"


def test_phone_free_flag_must_be_a_boolean(check):
    text = with_contacts(VALID_HELPLINE, "  - method: phone\n    number: \"116 123\"\n    free: yes\n")
    error = one_error(check("helplines", text))
    assert error.column == column_of(text, "yes") and "true or false" in error.message


def test_problems_in_several_contacts_are_all_reported(check):
    block = ("  - method: phone\n    number: \"116 123\"\n"
             "  - method: email\n    address: nope\n"
             "  - method: chat\n"
             "  - method: video\n    url: ftp://video.samaritans.org/\n")
    text = with_contacts(VALID_HELPLINE, block)
    lines = sorted(e.line for e in check("helplines", text).errors)
    assert lines == [line_of(text, "address: nope"), line_of(text, "- method: chat"), line_of(text, "url: ftp")]


def test_phone_contact_model_keeps_the_number_as_written(check):
    contact = check("helplines", VALID_HELPLINE).records[0].listing.contacts[0]
    assert isinstance(contact, PhoneContact) and contact.number == "116 123" and contact.free is True
