"""Phone numbers as people dial them, judged in the listing's countries.

Full national and international numbers go through libphonenumber's
validity rules; short codes (988, 116 123, 741741) through its short-number
metadata. The result carries what a `tel:`/`sms:` link needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote

import phonenumbers
from phonenumbers import PhoneNumberFormat


@dataclass(frozen=True)
class ParsedNumber:
    written: str
    region: str | None  # the country it was judged in (None for international numbers)
    dial: str  # what goes after tel: — E.164 for full numbers, national digits for short codes
    short: bool
    known: bool = True  # False: a possible short code the library's metadata does not list
    # The library's reading of the number, kept from parse_number so the cost and country checks need not
    # parse it again; not part of the value (two ParsedNumbers are equal whether or not they carry it).
    phone: phonenumbers.PhoneNumber | None = field(default=None, compare=False, repr=False)
    # Its type (fixed line, toll-free, premium rate...), when parse_number worked it out to judge the number
    # (international numbers): paid_kind and is_toll_free read it rather than match the patterns again.
    kind: int | None = field(default=None, compare=False, repr=False)

    @property
    def tel_href(self) -> str:
        return "tel:" + self.dial

    def tel_href_with(self, extension: str | None) -> str:
        # A comma is a pause in a dial string: phones dial the keys once the call connects.
        return self.tel_href + ("," + extension.replace("#", "%23") if extension else "")

    def sms_href(self, keyword: str | None = None) -> str:
        href = "sms:" + self.dial
        return href + "?body=" + quote(keyword, safe="") if keyword else href

    @property
    def whatsapp_href(self) -> str:
        return "https://wa.me/" + self.dial.lstrip("+")

    @property
    def international(self) -> str:
        if self.short or not self.dial.startswith("+"):  # short codes and national-only numbers
            return self.written
        # The kept reading has the very digits the dial string gives when parsed again (the dial string was made
        # from it), but an extension the number was written with, which the dial string leaves out.
        number = self.phone
        if number is None or number.extension:
            number = phonenumbers.parse(self.dial, None)
        return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def _starts_with_trunk_prefix(digits: str, region: str) -> bool:
    """A short code never starts with the national trunk prefix (0 in GB, 1 in the US): "0800 12" is a
    mistyped national number, not a short code the library has not heard of."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    prefix = metadata.national_prefix if metadata else None
    return bool(prefix) and digits.startswith(prefix)


@lru_cache(maxsize=65536)
def parse_number(
    written: str, countries: tuple[str, ...], *, allow_short: bool = True, claimed_short: bool = False
) -> ParsedNumber | None:
    """The number's dialling form in the first listed country where it is valid, or None.

    claimed_short (a contact marked `short_code: true`, which reviewers confirm with the service) accepts a
    3-6 digit code the library's metadata does not allow at all, such as the Philippines' 1553."""
    text = written.strip()
    if text.startswith(("+", "00")):
        try:
            number = phonenumbers.parse("+" + text[2:] if text.startswith("00") else text, None)
        except phonenumbers.NumberParseException:
            return None
        # is_valid_number(number) is number_type(number) != UNKNOWN: both match the number against the metadata of
        # region_code_for_number(number) (tests/test_phones.py compares them); the type is kept for the cost checks.
        kind = phonenumbers.number_type(number)
        if kind != phonenumbers.PhoneNumberType.UNKNOWN:
            return ParsedNumber(
                written,
                None,
                phonenumbers.format_number(number, PhoneNumberFormat.E164),
                False,
                phone=number,
                kind=kind,
            )
        return None
    regions = [c for c in countries if c != "worldwide"]
    fallback = None
    for region in regions:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        # A number from another region of the same dialling plan (a Jersey number in a GB listing, a
        # Canadian one in a US listing) is dialled the same way, so it counts as valid there.
        if phonenumbers.is_valid_number_for_region(number, region) or (
            number.country_code == phonenumbers.country_code_for_region(region) and phonenumbers.is_valid_number(number)
        ):
            if allow_short and not phonenumbers.can_be_internationally_dialled(number):
                # Australia's 13/1300/1800 numbers fail when dialled as +61…: link the national digits.
                national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
                return ParsedNumber(written, region, phonenumbers.normalize_digits_only(national), False, phone=number)
            return ParsedNumber(
                written, region, phonenumbers.format_number(number, PhoneNumberFormat.E164), False, phone=number
            )
        if not allow_short:
            continue
        digits = phonenumbers.normalize_digits_only(text)
        if phonenumbers.is_valid_short_number_for_region(number, region):
            return ParsedNumber(written, region, digits, True, phone=number)
        if (
            fallback is None
            and phonenumbers.is_possible_short_number_for_region(number, region)
            and digits == text.replace(" ", "")
            and not _starts_with_trunk_prefix(digits, region)
        ):
            fallback = ParsedNumber(written, region, digits, True, known=False, phone=number)
    if fallback is None and claimed_short and allow_short:
        digits = phonenumbers.normalize_digits_only(text)
        if 3 <= len(digits) <= 6 and digits == text.replace(" ", ""):
            short_region = next((r for r in regions if not _starts_with_trunk_prefix(digits, r)), None)
            if short_region:
                fallback = ParsedNumber(written, short_region, digits, True, known=False)
    return fallback


# --- what a number costs and where it rings: the checks a stranger's number must pass ---------------------------

_PAID_TYPES = {
    phonenumbers.PhoneNumberType.PREMIUM_RATE: "a premium-rate number",
    phonenumbers.PhoneNumberType.SHARED_COST: "a shared-cost number",
}


def _parse_for(parsed: ParsedNumber) -> phonenumbers.PhoneNumber | None:
    if parsed.phone is not None:  # the same reading parse_number made: no second parse
        return parsed.phone
    return _parse_again(parsed)


@lru_cache(maxsize=65536)  # paid_kind, is_toll_free and foreign_region each need the parsed number
def _parse_again(parsed: ParsedNumber) -> phonenumbers.PhoneNumber | None:
    """The number read from its dialling form (a claimed short code, or a ParsedNumber made elsewhere)."""
    try:
        return phonenumbers.parse(parsed.dial if parsed.dial.startswith("+") else parsed.written, parsed.region)
    except phonenumbers.NumberParseException:
        return None


def emergency_regions(written: str, countries: tuple[str, ...]) -> list[str]:
    """The listed countries where this number is the emergency number (999, 112, 911, 000…)."""
    if sum(map(written.count, "0123456789")) > 6:
        return []  # as below, without normalize_digits_only's loop over every character: seven digits are too many
    digits = phonenumbers.normalize_digits_only(written)
    if written.strip().startswith(("+", "00")) and digits != "000" or not digits or len(digits) > 6:
        return []
    return [c for c in countries if c != "worldwide" and phonenumbers.is_emergency_number(digits, c)]


def paid_kind(parsed: ParsedNumber) -> str | None:
    """ "a premium-rate number" / "a shared-cost number" when libphonenumber says so, else None."""
    number = _parse_for(parsed)
    if number is None:
        return None
    if parsed.short:
        cost = phonenumbers.shortnumberinfo.expected_cost_for_region(number, parsed.region or "")
        return "a premium-rate short code" if cost == phonenumbers.ShortNumberCost.PREMIUM_RATE else None
    return _PAID_TYPES.get(_number_type(parsed, number))


def _number_type(parsed: ParsedNumber, number: phonenumbers.PhoneNumber) -> int:
    return parsed.kind if parsed.kind is not None and parsed.phone is number else phonenumbers.number_type(number)


def is_toll_free(parsed: ParsedNumber) -> bool:
    number = _parse_for(parsed)
    if number is None:
        return False
    if parsed.short:
        return (
            phonenumbers.shortnumberinfo.expected_cost_for_region(number, parsed.region or "")
            == phonenumbers.ShortNumberCost.TOLL_FREE
        )
    return _number_type(parsed, number) == phonenumbers.PhoneNumberType.TOLL_FREE


def foreign_region(parsed: ParsedNumber, countries: tuple[str, ...]) -> str | None:
    """For a number written in international form: its country when no listed country shares its dialling
    code (a +1 number is at home in a US or CA listing, a Jersey one in a GB listing), else None."""
    if parsed.region is not None or not parsed.dial.startswith("+") or "worldwide" in countries:
        return None
    number = _parse_for(parsed)
    if number is None:
        return None
    if any(phonenumbers.country_code_for_region(c) == number.country_code for c in countries):
        return None
    return phonenumbers.region_code_for_number(number) or f"+{number.country_code}"
