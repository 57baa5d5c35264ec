"""Languages: which ones a site is built in, the page language of the current build, and its strings.

Core code marks visitor-facing strings with `_()` (translated now, in the current build's language) or
`N_()` (a table of English strings, translated where they are shown). Babel extracts both, the templates'
`{{ _("...") }}` and the browser's `t("...")` into generator/locale/kindred.pot (see CONTRIBUTING.md).
"""

from .catalogues import N_, browser_catalogue, gettext, ngettext
from .context import current_language, use_language
from .languages import DEFAULT_LANGUAGE, Language, language

_ = gettext

__all__ = [
    "DEFAULT_LANGUAGE",
    "Language",
    "N_",
    "_",
    "browser_catalogue",
    "current_language",
    "gettext",
    "language",
    "ngettext",
    "use_language",
]
