"""Reusable field types: each checks one kind of value and explains a refusal."""

from __future__ import annotations

import difflib
import re
import zoneinfo
from functools import lru_cache
from typing import Annotated, Any

import langcodes
import pycountry
from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..problems import quoted
from ..urls import MAX_URL_LENGTH, check_web_url
from .caps import MAX_LIST_ITEMS

WORLDWIDE = "worldwide"


def close_match(value: str, choices) -> str:
    """' did you mean `x`?' for the nearest choice, or ''."""
    if not isinstance(value, str) or len(value) > 64:  # nothing long is a near miss of a code
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
            "{given} is not an ISO 3166-1 alpha-2 country code (two capital letters such as GB, US, NO) "
            "or `worldwide`{hint}",
            {"given": quoted(value), "hint": hint},
        )
    return value


def _region(value: str) -> str:
    if value not in region_codes():
        raise PydanticCustomError(
            "region",
            "{given} is not an ISO 3166-2 subdivision code (such as GB-SCT, US-CA){hint}",
            {"given": quoted(value), "hint": close_match(value, region_codes())},
        )
    return value


def _country_or_region(value: str) -> str:
    if value in country_codes() or value in region_codes():
        return value
    raise PydanticCustomError(
        "licence_area",
        "{given} is neither an ISO 3166-1 country code (GB) nor an ISO 3166-2 region code (US-CA){hint}",
        {"given": quoted(value), "hint": close_match(value, country_codes() | region_codes())},
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
            "language",
            "{given} {reason} (use tags such as en, es, pt-BR, ase for American Sign Language)",
            {"given": quoted(value), "reason": reason},
        )
    return value


def _time_zone(value: str) -> str:
    if value not in time_zones():
        raise PydanticCustomError(
            "timezone",
            "{given} is not an IANA time zone (such as Europe/London, America/New_York){hint}",
            {"given": quoted(value), "hint": close_match(value, time_zones())},
        )
    return value


def _currency(value: str) -> str:
    if value not in currency_codes():
        raise PydanticCustomError(
            "currency",
            "{given} is not an ISO 4217 currency code (such as USD, GBP, EUR){hint}",
            {"given": quoted(value), "hint": close_match(value, currency_codes())},
        )
    return value


def _url_checker(https_only: bool):
    def check(value: str) -> str:
        errors = [f.message for f in check_web_url(value, https_only=https_only) if f.severity == "error"]
        if errors:
            raise PydanticCustomError("url", "{given} {reason}", {"given": quoted(value), "reason": "; ".join(errors)})
        return value.strip()

    return check


def _email(value: str) -> str:
    """A plain address, checked by email-validator: anything after it (`?bcc=`, a name, `mailto:`) is refused,
    so a published mailto: link can never copy someone in."""
    try:
        address = validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        raise PydanticCustomError(
            "email",
            "{given} is not an email address such as help@example.org; write the plain address alone ({reason})",
            {"given": quoted(value), "reason": str(exc).rstrip(".")},
        ) from None
    host_errors = [f.message for f in check_web_url(f"https://{address.ascii_domain}/") if f.severity == "error"]
    if host_errors:
        raise PydanticCustomError(
            "email", "{given}: the domain {reason}", {"given": quoted(value), "reason": "; ".join(host_errors)}
        )
    return value


_TIME_OF_DAY = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]|24:00")


def _time_of_day(value: Any) -> Any:
    if isinstance(value, str) and _TIME_OF_DAY.fullmatch(value):
        return value
    raise PydanticCustomError(
        "time",
        '{given} is not a time of day; write it as "HH:MM" in 24-hour time, in quotes ("09:00", "17:30")',
        {"given": quoted(value)},
    )


def _one_or_many(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


def one_or_many(item_schema: dict, max_items: int) -> WithJsonSchema:
    """JSON Schema for a field that takes one value or a list of them."""
    return WithJsonSchema(
        {"anyOf": [item_schema, {"type": "array", "items": item_schema, "minItems": 1, "maxItems": max_items}]}
    )


class _NumberAsText:
    """The models read a plain number as text (`name: 50808`, `number: 988`), so the schema editors
    use must accept one too, or they flag what `kindred validate` accepts."""

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        schema = handler(core_schema)
        if schema.get("type") == "string":
            schema["type"] = ["string", "number"]
        return schema


Text = Annotated[str, StringConstraints(strip_whitespace=True), _NumberAsText()]  # non-empty: str_min_length
CountryCode = Annotated[
    str, AfterValidator(_country), WithJsonSchema({"type": "string", "enum": sorted(country_codes()) + [WORLDWIDE]})
]
RegionCode = Annotated[
    str, AfterValidator(_region), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}-[A-Z0-9]{1,3}$"})
]
LicenceArea = Annotated[
    str,
    AfterValidator(_country_or_region),
    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}(-[A-Z0-9]{1,3})?$"}),
]
LanguageTag = Annotated[
    str,
    AfterValidator(_language),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$",
            "description": "BCP 47 language tag, e.g. en, es, pt-BR, ase",
        }
    ),
]
TimeZone = Annotated[
    str,
    AfterValidator(_time_zone),
    WithJsonSchema({"type": "string", "description": "IANA time zone, e.g. Europe/London"}),
]
CurrencyCode = Annotated[
    str, AfterValidator(_currency), WithJsonSchema({"type": "string", "enum": sorted(currency_codes())})
]
WebUrl = Annotated[
    str,
    AfterValidator(_url_checker(https_only=False)),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://", "maxLength": MAX_URL_LENGTH}),
]
ContactUrl = Annotated[
    str,
    AfterValidator(_url_checker(https_only=True)),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://", "maxLength": MAX_URL_LENGTH}),
]
Email = Annotated[str, AfterValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]
TimeOfDay = Annotated[
    str,
    BeforeValidator(_time_of_day),
    WithJsonSchema({"type": "string", "pattern": "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"}),
]
PhoneText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=2, max_length=40),
    _NumberAsText(),
    Field(description='As people dial it: "116 123", "988", "+1 800 273 8255"'),
]


def many(item_type, item_schema: dict, max_items: int = MAX_LIST_ITEMS):
    """A list field that also accepts a single value (`cost: free`)."""
    return Annotated[
        list[item_type], BeforeValidator(_one_or_many), Field(max_length=max_items), one_or_many(item_schema, max_items)
    ]
