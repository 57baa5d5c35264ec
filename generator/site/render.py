"""Render listing pages, cards and index pages to HTML fragments with Jinja2 (autoescaped)."""

from __future__ import annotations

from functools import lru_cache
from gettext import NullTranslations
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape

from ..i18n import current_language, gettext, ngettext
from ..i18n.catalogues import translations
from ..i18n.dates import long_date
from ..i18n.languages import text_direction
from .names import COST_LABELS, KIND_LABELS, KIND_PLURALS, VERIFICATION_LABELS
from .safety import json_for_attribute, json_for_script, safe_href
from .view import ListingView

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # Every visitor-facing string in a template is `{{ _("...") }}`; the page language's catalogue fills it in
    # (the language of the build in progress: generator/i18n/context.py).
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals["_"] = _translate  # the same text as the extension's `_`, for a fraction of the calls (#14)
    env.filters["long_date"] = long_date
    env.globals["text_lang"] = text_lang_attributes
    env.globals["PROFILE_LANGUAGE"] = "en"  # country profiles' notes are written in English (directory/countries/)
    env.filters["href"] = safe_href
    env.filters["json_script"] = json_for_script
    env.filters["json_attr"] = json_for_attribute
    env.globals.update(
        KIND_LABELS=KIND_LABELS,
        KIND_PLURALS=KIND_PLURALS,
        COST_LABELS=COST_LABELS,
        VERIFICATION_LABELS=VERIFICATION_LABELS,
    )
    return env


@lru_cache(maxsize=4096)
def _translation(catalogue: NullTranslations, message: str) -> tuple[Markup, Markup | None]:
    """A message's translation as Markup, and formatted with no values when it can be (None when it names one).
    Kept by catalogue, not language: a catalogue read again (its .po changed) is a new key."""
    text = Markup(catalogue.gettext(message))
    try:
        return text, text % {}
    except (KeyError, ValueError, TypeError):
        return text, None


@pass_context
def _translate(context: Context, message: str, /, **values: object) -> str:
    """`_()` in templates: what jinja2.ext's newstyle gettext gives (the translation, as Markup when autoescaping,
    always %-formatted with the values), with each message's Markup made once per language, not on every page:
    a listing page asks for about 30 and the extension's path took a quarter of the page's time."""
    if not context.eval_ctx.autoescape:
        return gettext(message) % values
    text, plain = _translation(translations(current_language()), message)
    if values or plain is None:
        return text % values
    return plain


def text_lang_attributes(tag: str) -> Markup:
    """` lang="es" dir="ltr"` for listing text not in the page language (nothing when it is), so screen readers
    read it in its own language and Arabic or Hebrew text runs right to left."""
    if not tag or tag.lower() == current_language().lower():
        return Markup("")
    return Markup(' lang="%s" dir="%s"') % (tag, text_direction(tag))


def render_listing_page(view: ListingView, *, base: str) -> str:
    """`base` is the relative path from this page to the site root, e.g. '../../'.

    The page's JSON-LD is not in this fragment: see PagePlan.jsonld and render_jsonld."""
    return environment().get_template("listing.html").render(view=view, base=base)


def render_jsonld(data: dict) -> str:
    """A complete <script type="application/ld+json"> element, safe to print unescaped (e.g. in <head>)."""
    return f'<script type="application/ld+json">{json_for_script(data)}</script>'


_BASE = "\x00kindred-base\x00"  # stands for `base` in a cached card; autoescape leaves it as it is


class CardCache:
    """Cards rendered once per build and reused on every index page that shows them.

    The same card appears on its kind's page, each of its topics' pages and each of its countries'
    pages, at different depths: it is rendered once with a stand-in for `base`, which each page
    then replaces with its own (escaped, as Jinja would). Keep one cache per build (views change).
    """

    def __init__(self) -> None:
        self._cards: dict[tuple[int, int], tuple[ListingView, str]] = {}

    def card(self, view: ListingView, base: str, heading_level: int) -> Markup:
        key = (id(view), heading_level)
        hit = self._cards.get(key)
        if hit is None or hit[0] is not view:  # the view is kept alive with its card, so ids stay unique
            macro = environment().get_template("_card.html").module.card
            hit = self._cards[key] = (view, str(macro(view, _BASE, heading_level)))
        return Markup(hit[1].replace(_BASE, escape(base)))


def render_cards(views: list[ListingView], *, base: str, heading_level: int = 3, cache: CardCache | None = None) -> str:
    card = cache.card if cache is not None else environment().get_template("_card.html").module.card
    return (
        environment().get_template("cards.html").render(views=views, base=base, heading_level=heading_level, card=card)
    )


def render_template(name: str, **context) -> str:
    return environment().get_template(name).render(**context)
