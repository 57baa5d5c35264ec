"""Strings that mkdocs.yml holds (nav titles, the site description), marked here so Babel extracts them.

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
