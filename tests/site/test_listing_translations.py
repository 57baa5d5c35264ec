"""A listing's own language and its translations (written_in, translations): what each site language shows,
and the lang and dir a page gives text that is not in the page's language."""

from __future__ import annotations

from kindred_test_support import VALID_HELPLINE

from generator.i18n import use_language
from generator.site.render import render_cards, render_listing_page
from generator.site.view import build_view

SPANISH = VALID_HELPLINE.replace(
    "\nwebsite:",
    "\nwritten_in: es\ntranslations:\n  en: {summary: \"Listening, day and night.\"}\n"
    "  pt-BR: {name: \"Linha Escuta\", description: \"Escutamos você.\"}\nwebsite:",
    1,
)
ARABIC = VALID_HELPLINE.replace("\nwebsite:", "\nwritten_in: ar\nwebsite:", 1)


def view_of(check, text):
    checked = check("helplines", text)
    assert not checked.directory.problems.errors, checked.directory.problems.errors
    [record] = checked.directory.records
    return lambda: build_view(record, checked.directory.taxonomy)


def test_each_site_language_shows_its_translation_field_by_field(check):
    make = view_of(check, SPANISH)
    english = make()
    assert english.summary == "Listening, day and night." and english.summary_lang == "en"
    assert english.name_lang == "es"  # no English name: the listing's own, marked as Spanish
    with use_language("pt-BR"):
        portuguese = make()
    assert (portuguese.name, portuguese.name_lang) == ("Linha Escuta", "pt-BR")
    assert "Escutamos você." in portuguese.description_html and portuguese.text_lang == "pt-BR"
    with use_language("es"):
        spanish = make()
    assert spanish.name_lang == spanish.summary_lang == "es"


def test_text_not_in_the_page_language_carries_its_own_lang(check):
    make = view_of(check, SPANISH)
    page = render_listing_page(make(), base="../../")
    assert '<h1 lang="es" dir="ltr">' in page
    assert '<p class="kd-summary">Listening, day and night.</p>' in page  # English on the English site: no lang
    with use_language("es"):
        view = make()
        page = render_listing_page(view, base="../../")
        cards = render_cards([view], base="")
    assert "<h1>" in page and 'lang="es"' not in page  # the page's own language needs no marking
    assert 'lang="es"' not in cards


def test_right_to_left_text_runs_right_to_left_on_a_left_to_right_page(check):
    page = render_listing_page(view_of(check, ARABIC)(), base="../../")
    assert '<h1 lang="ar" dir="rtl">' in page
    assert '<p class="kd-summary" lang="ar" dir="rtl">' in page


def test_a_translation_needs_something_to_say_and_a_real_language(check):
    empty = VALID_HELPLINE.replace("\nwebsite:", "\ntranslations:\n  es: {}\nwebsite:", 1)
    assert any("at least one of" in p.message for p in check("helplines", empty).directory.problems.errors)
    unknown = VALID_HELPLINE.replace("\nwebsite:", "\ntranslations:\n  xx-nope: {summary: Hola}\nwebsite:", 1)
    assert check("helplines", unknown).directory.problems.errors


def test_a_misleading_link_in_a_translated_description_is_an_error_on_its_line(check):
    text = VALID_HELPLINE.replace(
        "\nwebsite:",
        "\ntranslations:\n  es:\n    description: |\n      Hola.\n      Mira [www.samaritans.org](https://evil.example/).\n"
        "website:",
        1,
    )
    [error] = check("helplines", text).directory.problems.errors
    assert "translations.es.description" in error.message and "evil.example" in error.message
    assert error.line == text.splitlines().index("      Mira [www.samaritans.org](https://evil.example/).") + 1
