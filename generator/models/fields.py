"""Reusable field types: each checks one kind of value and explains a refusal."""

from __future__ import annotations

import difflib
import re
import zoneinfo
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlsplit

import langcodes
import pycountry
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

WORLDWIDE = "worldwide"


def close_match(value: str, choices) -> str:
    """' did you mean `x`?' for the nearest choice, or ''."""
    if not isinstance(value, str):
        return ""
    lowered = {c.lower(): c for c in choices}
    if value.lower() in lowered and lowered[value.lower()] != value:
        return f"; did you mean `{lowered[value.lower()]}`?"
    matches = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)
    return f"; did you mean `{lowered[matches[0]]}`?" if matches else ""


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


@lru_cache(maxsize=1)
def region_codes() -> frozenset[str]:
    return frozenset(s.code for s in pycountry.subdivisions)


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


@lru_cache(maxsize=1)
def time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


# Codes people write that ISO 3166-1 reserves for something else.
_COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}


def _country(value: str) -> str:
    if value == WORLDWIDE:
        return value
    if value not in country_codes():
        alias = _COUNTRY_ALIASES.get(value.upper())
        hint = f"; did you mean `{alias}`?" if alias else close_match(value, country_codes() | {WORLDWIDE})
        raise PydanticCustomError(
            "country",
            "`{given}` is not an ISO 3166-1 alpha-2 country code (two capital letters such as GB, US, NO) "
            "or `worldwide`{hint}",
            {"given": value, "hint": hint},
        )
    return value


def _region(value: str) -> str:
    if value not in region_codes():
        raise PydanticCustomError(
            "region",
            "`{given}` is not an ISO 3166-2 subdivision code (such as GB-SCT, US-CA){hint}",
            {"given": value, "hint": close_match(value, region_codes())},
        )
    return value


def _country_or_region(value: str) -> str:
    if value in country_codes() or value in region_codes():
        return value
    raise PydanticCustomError(
        "licence_area",
        "`{given}` is neither an ISO 3166-1 country code (GB) nor an ISO 3166-2 region code (US-CA){hint}",
        {"given": value, "hint": close_match(value, country_codes() | region_codes())},
    )


@lru_cache(maxsize=4096)
def _language_ok(value: str) -> str | None:
    """None when the tag is well-formed BCP 47 made of registered subtags, else a reason."""
    if "_" in value:  # langcodes accepts the POSIX locale form; BCP 47 and the site's filters use hyphens
        return f"is not a BCP 47 language tag; write `{value.replace('_', '-')}` with a hyphen"
    try:
        if langcodes.tag_is_valid(value) and langcodes.Language.get(value, normalize=False).is_valid():
            return None
    except (ValueError, LookupError):  # langcodes' LanguageTagError is a ValueError
        pass
    return "is not a valid BCP 47 language tag"


def _language(value: str) -> str:
    reason = _language_ok(value)
    if reason:
        raise PydanticCustomError(
            "language", "`{given}` {reason} (use tags such as en, es, pt-BR, ase for American Sign Language)",
            {"given": value, "reason": reason},
        )
    return value


def _time_zone(value: str) -> str:
    if value not in time_zones():
        raise PydanticCustomError(
            "timezone", "`{given}` is not an IANA time zone (such as Europe/London, America/New_York){hint}",
            {"given": value, "hint": close_match(value, time_zones())},
        )
    return value


def _currency(value: str) -> str:
    if value not in currency_codes():
        raise PydanticCustomError(
            "currency", "`{given}` is not an ISO 4217 currency code (such as USD, GBP, EUR){hint}",
            {"given": value, "hint": close_match(value, currency_codes())},
        )
    return value


_SAFE_SCHEMES = ("https", "http")
_SPACE = re.compile(r"\s")


@lru_cache(maxsize=4096)
def split_url(url: str):
    """urlsplit, remembered: each address is split by the model, the http check and the shared-site check."""
    return urlsplit(url)


def _web_url(value: str) -> str:
    parts = split_url(value.strip())
    if parts.scheme.lower() not in _SAFE_SCHEMES:
        shown = parts.scheme or "none"
        raise PydanticCustomError(
            "url_scheme", "`{given}` must be an https:// web address (scheme `{scheme}` is not allowed)",
            {"given": value, "scheme": shown},
        )
    if not parts.hostname or "." not in parts.hostname or _SPACE.search(value.strip()):
        raise PydanticCustomError("url_host", "`{given}` is not a complete web address such as https://example.org/",
                                  {"given": value})
    return value.strip()


_EMAIL = re.compile(r"[^@\s<>\"'()]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\Z")


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise PydanticCustomError("email", "`{given}` is not an email address such as help@example.org",
                                  {"given": value})
    return value


def _time_of_day(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]|24:00", value):
        return value
    raise PydanticCustomError("time", "`{given}` is not a time of day; write it as \"HH:MM\" in 24-hour time, "
                                      "in quotes (\"09:00\", \"17:30\")", {"given": value})


def _one_or_many(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


def one_or_many(item_schema: dict) -> WithJsonSchema:
    """JSON Schema for a field that takes one value or a list of them."""
    return WithJsonSchema({"anyOf": [item_schema, {"type": "array", "items": item_schema, "minItems": 1}]})


class _NumberAsText:
    """The models read a plain number as text (`name: 50808`, `number: 988`), so the schema editors
    use must accept one too, or they flag what `kindred validate` accepts."""

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        schema = handler(core_schema)
        if schema.get("type") == "string":
            schema["type"] = ["string", "number"]
        return schema


Text = Annotated[str, StringConstraints(strip_whitespace=True), _NumberAsText()]  # non-empty: str_min_length
CountryCode = Annotated[str, AfterValidator(_country),
                        WithJsonSchema({"type": "string", "enum": sorted(country_codes()) + [WORLDWIDE]})]
RegionCode = Annotated[str, AfterValidator(_region),
                       WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}-[A-Z0-9]{1,3}$"})]
LicenceArea = Annotated[str, AfterValidator(_country_or_region),
                        WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}(-[A-Z0-9]{1,3})?$"})]
LanguageTag = Annotated[str, AfterValidator(_language),
                        WithJsonSchema({"type": "string", "pattern": "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$",
                                        "description": "BCP 47 language tag, e.g. en, es, pt-BR, ase"})]
TimeZone = Annotated[str, AfterValidator(_time_zone),
                     WithJsonSchema({"type": "string", "description": "IANA time zone, e.g. Europe/London"})]
CurrencyCode = Annotated[str, AfterValidator(_currency),
                         WithJsonSchema({"type": "string", "enum": sorted(currency_codes())})]
WebUrl = Annotated[str, AfterValidator(_web_url),
                   WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]
Email = Annotated[str, AfterValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]
TimeOfDay = Annotated[str, BeforeValidator(_time_of_day),
                      WithJsonSchema({"type": "string", "pattern": "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"})]
PhoneText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=40), _NumberAsText(),
                      Field(description="As people dial it: \"116 123\", \"988\", \"+1 800 273 8255\"")]


def many(item_type, item_schema: dict):
    """A list field that also accepts a single value (`cost: free`)."""
    return Annotated[list[item_type], BeforeValidator(_one_or_many), one_or_many(item_schema)]
