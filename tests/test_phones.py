"""Phone numbers as people dial them, judged with libphonenumber in the listing's countries."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import phonenumbers
import pytest
from kindred_test_support import (
    VALID_HELPLINE,
    column_of,
    line_of,
    set_field,
    with_contacts,
)

from generator.phones import parse_number

# --- parse_number ---------------------------------------------------------------------------------


def test_national_number_becomes_e164_in_its_country():
    parsed = parse_number("0800 1111", ("GB",))
    assert parsed is not None and not parsed.short
    assert parsed.region == "GB"
    assert parsed.tel_href == "tel:+448001111"
    assert phonenumbers.is_valid_number(phonenumbers.parse(parsed.dial, None))


def test_international_number_is_valid_whatever_the_listed_country():
    parsed = parse_number("+1 800 273 8255", ("GB",))
    assert parsed is not None and parsed.region is None
    assert parsed.tel_href == "tel:+18002738255"
    assert parsed.international == "+1 800-273-8255"


def test_00_prefix_is_read_as_international():
    assert parse_number("00 44 800 1111", ("US",)).dial == "+448001111"


@pytest.mark.parametrize("written, country, dial", [
    ("988", "US", "988"), ("988", "CA", "988"),
    ("116 123", "GB", "116123"), ("116 123", "IE", "116123"),
    ("741741", "US", "741741"), ("85258", "GB", "85258"),
    ("1737", "NZ", "1737"),
])
def test_short_codes_keep_their_digits(written, country, dial):
    parsed = parse_number(written, (country,))
    assert parsed is not None, f"{written} should be a valid short code in {country}"
    assert parsed.short and parsed.known and parsed.region == country
    assert parsed.tel_href == f"tel:{dial}"
    assert parsed.international == written  # short codes are shown as written


def test_short_code_is_judged_in_the_listed_country_only():
    assert parse_number("116 123", ("GB",)).known
    assert parse_number("116 123", ("US",)) is None  # 1 is the US trunk prefix: no short code starts with it
    assert not parse_number("1737", ("GB",)).known  # only a possible short code in the UK


def test_national_number_with_digits_missing_is_not_taken_for_a_short_code():
    assert parse_number("0800 12", ("GB", "IE")) is None


def test_australian_13_number_links_national_digits():
    # 13 numbers cannot be dialled as +61…; libphonenumber says so, and the link must work in Australia.
    parsed = parse_number("13 11 14", ("AU",))
    assert parsed is not None and parsed.region == "AU"
    number = phonenumbers.parse("13 11 14", "AU")
    assert phonenumbers.is_valid_number(number) and not phonenumbers.can_be_internationally_dialled(number)
    assert parsed.tel_href == "tel:131114"


def test_vanity_number_is_translated_to_digits():
    parsed = parse_number("1-800-GAMBLER", ("US",))
    assert parsed is not None
    assert parsed.tel_href == "tel:+18004262537"  # G4 A2 M6 B2 L5 E3 R7


def test_number_is_tried_in_each_listed_country():
    parsed = parse_number("0800 1111", ("US", "GB"))
    assert parsed is not None and parsed.region == "GB"


def test_number_of_another_region_in_the_same_dialling_plan_is_accepted():
    # 07911 numbers are Guernsey's in libphonenumber's metadata, dialled exactly like any UK mobile.
    assert phonenumbers.region_code_for_number(phonenumbers.parse("07911 123456", "GB")) == "GG"
    assert parse_number("07911 123456", ("GB",)).dial == "+447911123456"


@pytest.mark.parametrize("written, countries", [("0800 1111", ("worldwide",)), ("12", ("GB",)),
                                                ("+44 12", ("GB",)), ("not a number", ("GB",)),
                                                ("0800 1111", ("US",))])
def test_impossible_numbers_are_refused(written, countries):
    assert parse_number(written, countries) is None


def test_whatsapp_numbers_may_not_be_short_codes():
    assert parse_number("85258", ("GB",), allow_short=False) is None
    assert parse_number("+44 7911 123456", ("GB",), allow_short=False) is not None


def test_sms_link_carries_the_keyword_url_encoded():
    parsed = parse_number("741741", ("US",))
    assert parsed.sms_href() == "sms:741741"
    href = parsed.sms_href("HOME")
    assert href == "sms:741741?body=HOME"
    spaced = parsed.sms_href("HELLO & bye?")
    assert " " not in spaced and "&" not in spaced.split("?body=", 1)[1]
    assert parse_qs(urlsplit(spaced).query)["body"] == ["HELLO & bye?"]


def test_unlisted_short_code_is_possible_but_not_known():
    parsed = parse_number("14416", ("IN",))
    assert parsed is not None and parsed.short and not parsed.known
    assert parsed.tel_href == "tel:14416"


# --- in a listing -----------------------------------------------------------------------------------


def numbers_listing(countries: str, block: str) -> str:
    return with_contacts(set_field(VALID_HELPLINE, "countries", countries), block)


def test_invalid_number_names_file_line_and_countries(check):
    text = numbers_listing("[GB, IE]", '  - method: phone\n    number: "0800 12"\n')
    result = check("helplines", text)
    [error] = result.errors
    assert Path(error.path).name == "listing-under-test.yaml"
    assert (error.line, error.column) == (line_of(text, "number:"), column_of(text, '"0800 12"'))
    assert "`0800 12`" in error.message and "GB or IE" in error.message
    assert not result.directory.ok  # an error anywhere means nothing is published


def test_worldwide_listing_needs_international_numbers(check):
    text = numbers_listing("[worldwide]", '  - method: phone\n    number: "0800 1111"\n')
    [error] = check("helplines", text).errors
    assert error.line == line_of(text, "number:")
    assert "international form" in error.message


def test_worldwide_listing_accepts_international_numbers(check):
    text = numbers_listing("[worldwide]", '  - method: phone\n    number: "+44 800 1111"\n')
    assert check("helplines", text).problems == []


def test_parsed_numbers_are_kept_on_the_record_by_contact_index(check):
    block = ('  - method: chat\n    url: https://www.samaritans.org/chat\n'
             '  - method: phone\n    number: "116 123"\n'
             '  - method: sms\n    number: "85258"\n    keyword: SHOUT\n')
    record = check("helplines", numbers_listing("[GB]", block)).records[0]
    assert sorted(record.numbers) == [1, 2]
    assert record.numbers[1].tel_href == "tel:116123"
    assert record.numbers[2].sms_href("SHOUT") == "sms:85258?body=SHOUT"


def test_unlisted_short_code_is_a_warning(check):
    text = numbers_listing("[IN]", '  - method: phone\n    number: "14416"\n')
    result = check("helplines", text)
    assert result.errors == []
    [warning] = result.warnings
    assert (warning.line, warning.column) == (line_of(text, "number:"), column_of(text, '"14416"'))
    assert "short_code: true" in warning.message and "IN" in warning.message


def test_short_code_flag_silences_the_unlisted_short_code_warning(check):
    text = numbers_listing("[IN]", '  - method: phone\n    number: "14416"\n    short_code: true\n')
    result = check("helplines", text)
    assert result.problems == []
    assert result.records[0].numbers[0].tel_href == "tel:14416"


def test_number_checks_run_even_when_another_field_is_wrong(check):
    text = set_field(numbers_listing("[GB]", '  - method: phone\n    number: "0800 12"\n'), "cost", "cheap")
    lines = {e.line for e in check("helplines", text).errors}
    assert lines == {line_of(text, "cost:"), line_of(text, "number:")}


def test_a_claimed_short_code_the_library_does_not_allow_is_accepted_as_unlisted():
    from generator.phones import parse_number
    assert parse_number("1553", ("PH",)) is None
    parsed = parse_number("1553", ("PH",), claimed_short=True)
    assert parsed is not None and parsed.short and not parsed.known and parsed.tel_href == "tel:1553"
    assert parse_number("0553", ("PH",), claimed_short=True) is None  # starts with the trunk prefix
    assert parse_number("15 5x", ("PH",), claimed_short=True) is None


def _numbers_of_every_type():
    """libphonenumber's example number of every type in every region, written internationally, each also with
    its last digit changed and with a digit missing (which makes some of them invalid)."""
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in range(12):  # every PhoneNumberType, UNKNOWN's 99 aside
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            written = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
            yield written
            yield written[:-1] + str((int(written[-1]) + 1) % 10)
            yield written[:-1]


def test_an_international_number_is_judged_and_typed_as_the_library_does():
    """parse_number takes an international number as valid when its type is known, and keeps that type for
    paid_kind and is_toll_free: the same answers as is_valid_number and number_type asked afresh."""
    from dataclasses import replace

    from generator.phones import is_toll_free, paid_kind

    seen = valid = 0
    for written in _numbers_of_every_type():
        seen += 1
        number = phonenumbers.parse(written, None)
        parsed = parse_number(written, ("GB",))
        assert (parsed is not None) == phonenumbers.is_valid_number(number), written
        if parsed is None:
            continue
        valid += 1
        assert parsed.kind == phonenumbers.number_type(number), written
        afresh = replace(parsed, kind=None)  # as a ParsedNumber made without the type: number_type asked again
        assert paid_kind(parsed) == paid_kind(afresh), written
        assert is_toll_free(parsed) == is_toll_free(afresh), written
    assert seen > 1000 and 0 < valid < seen  # valid and invalid numbers both met
