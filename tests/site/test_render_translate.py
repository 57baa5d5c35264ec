"""`_()` in the site's templates (generator/site/render.py `_translate`) gives what jinja2.ext's newstyle gettext
gives: the page language's translation, as Markup when autoescaping, %-formatted with escaped values."""

from __future__ import annotations

import pytest
from jinja2 import Environment, select_autoescape

from generator.i18n import gettext, ngettext, use_language
from generator.site.render import environment

TEMPLATE = (
    '{{ _("Paused") }}|{{ _("Opening hours (%(zone)s time)", zone="<Europe/London>") }}|'
    '{{ _("Closed on %(dates)s.", dates="1 & 2") }}|{{ _("100%% free") }}|{{ _("Not a format: %(x)s", x=1) }}|'
    '{% autoescape false %}{{ _("Opening hours (%(zone)s time)", zone="<b>") }}|{{ _("Paused") }}{% endautoescape %}'
)


def _extensions_own() -> Environment:
    env = Environment(autoescape=select_autoescape(default=True), extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    return env


@pytest.mark.parametrize("language", ["en", "de", "es", "pt-BR"])
def test_the_same_text_as_the_i18n_extension(language):
    with use_language(language):
        ours = environment().from_string(TEMPLATE).render()
        theirs = _extensions_own().from_string(TEMPLATE).render()
        again = environment().from_string(TEMPLATE).render()  # the second time from what was kept
    assert ours == theirs == again
    assert "&lt;Europe/London&gt;" in ours and "1 &amp; 2" in ours and "100% free" in ours and "<b>" in ours


def test_each_language_keeps_its_own_translation():
    with use_language("de"):
        german = environment().from_string('{{ _("Paused") }}').render()
    with use_language("en"):
        english = environment().from_string('{{ _("Paused") }}').render()
    assert (german, english) == ("Pausiert", "Paused")


def test_a_message_that_names_a_value_needs_it():
    with pytest.raises(KeyError):
        environment().from_string('{{ _("Closed on %(dates)s.") }}').render()
