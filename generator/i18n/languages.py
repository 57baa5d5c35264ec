"""A site language: its code in mkdocs.yml and file names, its URL folder, CLDR locale and direction."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from babel import Locale, UnknownLocaleError

DEFAULT_LANGUAGE = "en"


class UnknownLanguage(ValueError):
    pass


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47 as written in mkdocs.yml and in translated file names: "es", "pt-BR"

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(self.code, sep="-")

    @property
    def slug(self) -> str:
        """The site's folder: "pt-br" for pt-BR (URLs are case-sensitive on some hosts; lower case is safe)."""
        return self.code.lower()

    @property
    def babel_code(self) -> str:
        """The catalogue's folder under generator/locale/: "pt_BR"."""
        return str(self.locale)

    @property
    def direction(self) -> str:
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    @property
    def native_name(self) -> str:
        """The language in its own words, as a language switcher shows it: "Español", "Português (Brasil)"."""
        name = self.locale.get_display_name(self.locale) or self.code
        return name[:1].upper() + name[1:]

    @property
    def is_default(self) -> bool:
        return self.code == DEFAULT_LANGUAGE


@lru_cache(maxsize=64)
def language(code: str) -> Language:
    """The language for a code from mkdocs.yml; UnknownLanguage when CLDR does not know it."""
    if not isinstance(code, str) or not code.strip() or code != code.strip():
        raise UnknownLanguage(f"`{code}` is not a language code; write one like `es` or `pt-BR`")
    try:
        found = Language(code)
        _ = found.locale
    except (UnknownLocaleError, ValueError):
        raise UnknownLanguage(f"`{code}` is not a language CLDR knows; write one like `es` or `pt-BR`") from None
    return found


def text_direction(tag: str) -> str:
    """ "rtl" for text written in a right-to-left language (a listing in Arabic or Hebrew), else "ltr"."""
    try:
        return language(tag).direction
    except UnknownLanguage:
        return "ltr"
