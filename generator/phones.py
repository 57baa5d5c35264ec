"""Phone numbers as people dial them, judged in the listing's countries.

Full national and international numbers go through libphonenumber's
validity rules; short codes (988, 116 123, 741741) through its short-number
metadata. The result carries what a `tel:`/`sms:` link needs.
"""

from __future__ import annotations

from dataclasses import dataclass
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
        return phonenumbers.format_number(phonenumbers.parse(self.dial, None), PhoneNumberFormat.INTERNATIONAL)


def _starts_with_trunk_prefix(digits: str, region: str) -> bool:
    """A short code never starts with the national trunk prefix (0 in GB, 1 in the US): "0800 12" is a
    mistyped national number, not a short code the library has not heard of."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    prefix = metadata.national_prefix if metadata else None
    return bool(prefix) and digits.startswith(prefix)


@lru_cache(maxsize=65536)
def parse_number(written: str, countries: tuple[str, ...], *, allow_short: bool = True) -> ParsedNumber | None:
    """The number's dialling form in the first listed country where it is valid, or None."""
    text = written.strip()
    if text.startswith(("+", "00")):
        try:
            number = phonenumbers.parse("+" + text[2:] if text.startswith("00") else text, None)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(number):
            return ParsedNumber(written, None, phonenumbers.format_number(number, PhoneNumberFormat.E164), False)
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
                number.country_code == phonenumbers.country_code_for_region(region)
                and phonenumbers.is_valid_number(number)):
            if allow_short and not phonenumbers.can_be_internationally_dialled(number):
                # Australia's 13/1300/1800 numbers fail when dialled as +61…: link the national digits.
                national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
                return ParsedNumber(written, region, phonenumbers.normalize_digits_only(national), False)
            return ParsedNumber(written, region, phonenumbers.format_number(number, PhoneNumberFormat.E164), False)
        if not allow_short:
            continue
        digits = phonenumbers.normalize_digits_only(text)
        if phonenumbers.is_valid_short_number_for_region(number, region):
            return ParsedNumber(written, region, digits, True)
        if (fallback is None and phonenumbers.is_possible_short_number_for_region(number, region)
                and digits == text.replace(" ", "") and not _starts_with_trunk_prefix(digits, region)):
            fallback = ParsedNumber(written, region, digits, True, known=False)
    return fallback
