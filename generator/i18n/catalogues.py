"""Gettext catalogues under generator/locale/<ll_CC>/LC_MESSAGES/kindred.po, read by the build as they are.

The .po files under version control are the source: the build compiles them in memory (no .mo to forget to
rebuild). `make i18n-extract`, `i18n-update` and `i18n-compile` are Babel's own commands (see Makefile).
"""

from __future__ import annotations

import gettext as gnu_gettext
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .context import current_language
from .languages import DEFAULT_LANGUAGE, language

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "kindred"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# Enough numbers to meet every CLDR plural category of the shipped languages (French "many" is a million).
_PLURAL_SAMPLES = (*range(0, 201), 1000, 1_000_000)


def N_(message: str) -> str:
    """Marks a string in a table for extraction; it is translated where it is shown, with `_()`."""
    return message


def catalogue_path(code: str) -> Path:
    return LOCALE_DIR / language(code).babel_code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=32)
def load_catalogue(code: str) -> Catalog | None:
    path = catalogue_path(code)
    if code == DEFAULT_LANGUAGE or not path.is_file():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=language(code).babel_code, domain=DOMAIN)


@lru_cache(maxsize=32)
def translations(code: str) -> gnu_gettext.NullTranslations:
    catalogue = load_catalogue(code)
    if catalogue is None:
        return gnu_gettext.NullTranslations()
    compiled = BytesIO()
    write_mo(compiled, catalogue)  # fuzzy entries are left out: English shows until someone confirms them
    compiled.seek(0)
    return gnu_gettext.GNUTranslations(compiled)


def gettext(message: str) -> str:
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return translations(current_language()).ngettext(singular, plural, count)


def _plural_samples(code: str) -> dict[str, int]:
    """One number for each CLDR plural category of the language, as the browser's Intl.PluralRules names them."""
    rule = language(code).locale.plural_form
    samples: dict[str, int] = {}
    for number in _PLURAL_SAMPLES:
        samples.setdefault(rule(number), number)
    return samples


@lru_cache(maxsize=32)
def browser_catalogue(code: str) -> dict[str, str | dict[str, str]]:
    """The translated messages the browser code uses (extracted from .js files), for `#kd-strings`.

    Plural messages become {CLDR category: text}, so the browser picks a form with Intl.PluralRules
    instead of evaluating gettext's C-like plural expression."""
    catalogue = load_catalogue(code)
    if catalogue is None:
        return {}
    compiled = translations(code)
    messages: dict[str, str | dict[str, str]] = {}
    for message in catalogue:
        if not message.id or message.fuzzy or not any(path.endswith(".js") for path, _ in message.locations):
            continue
        if message.pluralizable:
            singular, plural = message.id[0], message.id[1]
            if not isinstance(message.string, (tuple, list)) or not all(message.string):
                continue
            messages[singular] = {
                category: compiled.ngettext(singular, plural, number)
                for category, number in _plural_samples(code).items()
            }
        elif message.string:
            messages[str(message.id)] = str(message.string)
    return messages
