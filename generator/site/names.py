"""Human names for codes: countries, regions, languages (babel + pycountry), and kinds."""

from __future__ import annotations

import gettext as gnu_gettext
from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names

from ..i18n import N_, current_language, gettext
from ..i18n import language as site_language


class Translated(dict):
    """A table of English strings (marked with N_) that reads out in the page language.

    json.dumps reads a dict's own storage and would print the English: use `translated(table)` for data."""

    def __getitem__(self, key):
        return gettext(super().__getitem__(key))

    def get(self, key, default=None):
        return self[key] if key in self else default

    def items(self):
        return [(key, self[key]) for key in self]

    def values(self):
        return [self[key] for key in self]


def vocab_label(value: str | None) -> str | None:
    """A vocabulary value in words, in the page language; a value the table lacks reads as itself."""
    if not value:
        return None
    return VOCAB_LABELS[value] if value in VOCAB_LABELS else value.replace("-", " ").capitalize()


def translated(table: dict) -> dict[str, str]:
    """A plain dict of the table in the page language (for JSON)."""
    return {key: table[key] for key in table}


KIND_LABELS = Translated(
    {"helplines": N_("Helpline"), "communities": N_("Online community"), "teletherapy": N_("Teletherapy")}
)
KIND_PLURALS = Translated(
    {"helplines": N_("Helplines"), "communities": N_("Online communities"), "teletherapy": N_("Teletherapy")}
)
COST_LABELS = Translated(
    {
        "free": N_("Free"),
        "free-standard-charges": N_("Free (standard call or data charges may apply)"),
        "low-cost": N_("Low cost"),
        "sliding-scale": N_("Sliding scale"),
        "paid": N_("Paid"),
        "insurance": N_("Insurance accepted"),
    }
)
METHOD_LABELS = Translated(
    {
        "phone": N_("Call"),
        "sms": N_("Text"),
        "whatsapp": N_("WhatsApp"),
        "chat": N_("Chat online"),
        "email": N_("Email"),
        "video": N_("Video call"),
        "app": N_("Get the app"),
        "join": N_("Join"),
    }
)
# Vocabulary values (models/vocab.py) as words: service types, platforms, moderation, professions...
VOCAB_LABELS = Translated(
    {
        "crisis": N_("Crisis"),
        "support": N_("Support"),
        "information": N_("Information"),
        "volunteers": N_("Volunteers"),
        "peers": N_("Peers"),
        "professionals": N_("Professionals"),
        "forum": N_("Forum"),
        "discord": N_("Discord"),
        "reddit": N_("Reddit"),
        "matrix": N_("Matrix"),
        "app": N_("App"),
        "group-chat": N_("Group chat"),
        "video-group": N_("Video group"),
        "other": N_("Other"),
        "open": N_("Open"),
        "sign-up": N_("Sign up"),
        "invite": N_("Invite"),
        "application": N_("Application"),
        "none": N_("None"),
        "volunteer": N_("Volunteer"),
        "trained-peer": N_("Trained peer"),
        "professional": N_("Professional"),
        "anonymous": N_("Anonymous"),
        "pseudonymous": N_("Pseudonymous"),
        "real-name": N_("Real name"),
        "video": N_("Video"),
        "phone": N_("Phone"),
        "live-chat": N_("Live chat"),
        "messaging": N_("Messaging"),
        "group": N_("Group"),
        "psychologist": N_("Psychologist"),
        "psychiatrist": N_("Psychiatrist"),
        "counsellor": N_("Counsellor"),
        "therapist": N_("Therapist"),
        "social-worker": N_("Social worker"),
        "coach": N_("Coach"),
    }
)
# How a listing was verified (models/vocab.py VerificationMethod), as its "Verified on …" sentence says it.
VERIFICATION_LABELS = Translated({"called": N_("called"), "website": N_("website"), "provider": N_("provider")})
# What a source supports, or what no source confirmed, in words a visitor reads (models/vocab.py SourcedFact).
FACT_LABELS = Translated(
    {
        "website": N_("website address"),
        "contacts": N_("contact details"),
        "hours": N_("opening hours"),
        "cost": N_("cost"),
        "countries": N_("countries served"),
        "regions": N_("areas served"),
        "languages": N_("languages"),
        "organization": N_("who runs it"),
        "service": N_("type of service"),
        "topics": N_("what it helps with"),
        "audiences": N_("who it is for"),
        "age": N_("age limits"),
        "price": N_("prices"),
        "status": N_("whether it is running"),
        "description": N_("description"),
    }
)


def day_name(day: str) -> str:
    """A weekday ("mo"…"su") as the page language names it, from CLDR, capitalised as a table heading."""
    return _day_name(day, current_language())


@lru_cache(maxsize=128)
def _day_name(day: str, page_language: str) -> str:
    name = get_day_names("wide", locale=_locale(page_language))[_DAY_NUMBERS[day]]
    return name[:1].upper() + name[1:]


_DAY_NUMBERS = {"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}  # CLDR numbers Monday as 0


@lru_cache(maxsize=16)
def _locale(code: str) -> Locale:
    return site_language(code).locale


def country_name(code: str) -> str:
    """The country's CLDR name in the page language ("Allemagne" on the French site)."""
    return _country_name(code, current_language())


@lru_cache(maxsize=4096)
def _country_name(code: str, page_language: str) -> str:
    if code == "worldwide":
        return gettext("Worldwide")
    return _locale(page_language).territories.get(code) or getattr(pycountry.countries.get(alpha_2=code), "name", code)


def region_name(code: str) -> str:
    return _region_name(code, current_language())


@lru_cache(maxsize=16)
def _subdivision_translations(page_language: str) -> gnu_gettext.NullTranslations:
    # pycountry ships the ISO 3166-2 names' translations (Debian's iso-codes); CLDR has none for regions.
    babel_code = str(_locale(page_language))
    return gnu_gettext.translation(
        "iso3166-2", pycountry.LOCALES_DIR, languages=[babel_code, babel_code.split("_")[0]], fallback=True
    )


@lru_cache(maxsize=8192)
def _region_name(code: str, page_language: str) -> str:
    subdivision = pycountry.subdivisions.get(code=code)
    if not subdivision:
        return code
    return _subdivision_translations(page_language).gettext(subdivision.name)


def language_name(tag: str) -> str:
    """The language's name in the page language ("Spanisch" on the German site)."""
    return _language_name(tag, current_language())


@lru_cache(maxsize=4096)
def _language_name(tag: str, page_language: str) -> str:
    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name(_locale(page_language)) or tag
        return name[:1].upper() + name[1:] if page_language != "en" else name
    except (UnknownLocaleError, ValueError):
        pass
    import langcodes

    try:
        return langcodes.Language.get(tag).display_name(page_language)
    except Exception:
        return tag
