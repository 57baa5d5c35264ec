"""Human names for codes: countries, regions, languages (babel + pycountry), and kinds."""

from __future__ import annotations

from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError

KIND_LABELS = {"helplines": "Helpline", "communities": "Online community", "teletherapy": "Teletherapy"}
KIND_PLURALS = {"helplines": "Helplines", "communities": "Online communities", "teletherapy": "Teletherapy"}
COST_LABELS = {
    "free": "Free",
    "free-standard-charges": "Free (standard call or data charges may apply)",
    "low-cost": "Low cost",
    "sliding-scale": "Sliding scale",
    "paid": "Paid",
    "insurance": "Insurance accepted",
}
METHOD_LABELS = {
    "phone": "Call",
    "sms": "Text",
    "whatsapp": "WhatsApp",
    "chat": "Chat online",
    "email": "Email",
    "video": "Video call",
    "app": "Get the app",
    "join": "Join",
}
# What a source supports, or what no source confirmed, in words a visitor reads (models/vocab.py SourcedFact).
FACT_LABELS = {
    "website": "website address",
    "contacts": "contact details",
    "hours": "opening hours",
    "cost": "cost",
    "countries": "countries served",
    "regions": "areas served",
    "languages": "languages",
    "organization": "who runs it",
    "service": "type of service",
    "topics": "what it helps with",
    "audiences": "who it is for",
    "age": "age limits",
    "price": "prices",
    "status": "whether it is running",
    "description": "description",
}
DAY_NAMES = {
    "mo": "Monday",
    "tu": "Tuesday",
    "we": "Wednesday",
    "th": "Thursday",
    "fr": "Friday",
    "sa": "Saturday",
    "su": "Sunday",
}


@lru_cache(maxsize=1)
def _locale() -> Locale:
    return Locale.parse("en")


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    if code == "worldwide":
        return "Worldwide"
    return _locale().territories.get(code) or getattr(pycountry.countries.get(alpha_2=code), "name", code)


@lru_cache(maxsize=2048)
def region_name(code: str) -> str:
    subdivision = pycountry.subdivisions.get(code=code)
    return subdivision.name if subdivision else code


@lru_cache(maxsize=1024)
def language_name(tag: str) -> str:
    try:
        return Locale.parse(tag.replace("-", "_")).get_display_name("en") or tag
    except (UnknownLocaleError, ValueError):
        pass
    import langcodes

    try:
        return langcodes.Language.get(tag).display_name("en")
    except Exception:
        return tag
