"""The emergency number on every listing page, as a plain tel: link in the page's HTML (#16): a visitor who
opened a listing in crisis, on any browser, with or without JavaScript, has the number there.

A listing serving countries with a help-now profile shows each one's first emergency number; a worldwide
listing, or one whose countries have no profile yet, says to call the local emergency number and links to
help/. The line goes straight after the listing's "How to reach them" section.
"""

from __future__ import annotations

from dataclasses import replace

from ..directory import Directory
from ..help_now import EmergencyCall, help_countries
from ..i18n import current_language
from . import names
from .pages import PagePlan
from .render import render_template
from .view import ListingView

CONTACT_SECTION = 'aria-labelledby="kd-contact"'  # listing.html's first section: the ways to reach the service


def emergency_calls(directory: Directory) -> dict[str, EmergencyCall]:
    """Each profiled country's first emergency number."""
    return {help_data.code: help_data.emergency[0] for help_data in help_countries(directory) if help_data.emergency}


def insert_after_contacts(page_html: str, block: str) -> str:
    start = page_html.find(CONTACT_SECTION)
    end = page_html.find("</section>", start) if start >= 0 else -1
    if end < 0:
        return block + page_html
    end += len("</section>")
    return page_html[:end] + "\n" + block + page_html[end:]


def with_emergency_numbers(pages: list[PagePlan], directory: Directory) -> list[PagePlan]:
    calls = emergency_calls(directory)
    blocks: dict[tuple[str, str, tuple[str, ...]], str] = {}  # most listings share their countries: one render each
    return [_with_emergency(plan, plan.listing, calls, blocks) if plan.listing else plan for plan in pages]


def _with_emergency(
    plan: PagePlan,
    view: ListingView,
    calls: dict[str, EmergencyCall],
    blocks: dict[tuple[str, str, tuple[str, ...]], str],
) -> PagePlan:
    codes = tuple(code for code, _name in view.countries if code in calls)
    inner = plan.render

    def render(base: str) -> str:
        key = (current_language(), base, codes)
        block = blocks.get(key)
        if block is None:
            shown = [(names.country_name(code), calls[code]) for code in codes]
            block = blocks[key] = render_template("listing_emergency.html", base=base, calls=shown)
        return insert_after_contacts(inner(base), block)

    return replace(plan, render=render)
