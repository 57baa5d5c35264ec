"""Strings that mkdocs.yml and the English articles hold, marked here so Babel extracts them: nav titles, the
site description, and each article's title (an article shown in English on another language's site keeps
its English text, but the nav and the page title name it in the page language).

The MkDocs plugin translates nav titles and the description with `_()` in each language's build;
tests/i18n/test_catalogues.py fails when mkdocs.yml has a nav title or description this list lacks.
"""

from __future__ import annotations

from . import N_

NAV_TITLES = (
    N_("Home"),
    N_("Get help now"),
    N_("Find support"),
    N_("Helplines"),
    N_("Online communities"),
    N_("Teletherapy"),
    N_("Browse by topic"),
    N_("Browse by country"),
    N_("Guides"),
    N_("About"),
    N_("Open data (HSDS)"),
)
SITE_DESCRIPTION = N_(
    "Find online support communities, helplines and teletherapy that fit you. Private, free, no tracking."
)

ARTICLE_TITLES = (
    N_("About Kindred"),
    N_("Connection at a distance"),
    N_("What happens when you contact a helpline"),
    N_("Finding an online community that fits you"),
    N_("If you need help right now"),
    N_("How listings are chosen and kept accurate"),
    N_("Guides"),
    N_("Staying safe in online communities"),
    N_("Supporting someone who is struggling"),
    N_("Teletherapy: talking to a therapist online"),
    N_("Using this site safely"),
    N_("How results are ordered"),
    N_("Find support that fits you"),
    N_("HSDS export: field-by-field mapping"),
)
