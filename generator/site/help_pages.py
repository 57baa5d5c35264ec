"""The help-now pages: help/ (choose a country) and help/<cc>/ for every country with a profile."""

from __future__ import annotations

from functools import partial

from ..directory import Directory
from ..help_now import CountryHelp, help_countries
from ..i18n import N_, _
from . import names
from .pages import PagePlan, views_shown
from .render import render_cards, render_template
from .view import ListingView

HELP_INTRO = N_("Crisis lines you can call or text now, with your country's emergency number first.")


def help_pages(directory: Directory, views: list[ListingView]) -> list[PagePlan]:
    by_id = {view.id: view for view in views}
    countries = help_countries(directory)
    choices = sorted(((h.code, names.country_name(h.code)) for h in countries), key=lambda item: item[1])
    plans = [
        PagePlan(
            "help/index.md",
            _("Get help now"),
            lambda base: render_template("help_index.html", base=base, countries=choices),
            _(HELP_INTRO),
        )
    ]
    for help_data in countries:
        name = names.country_name(help_data.code)
        shown = [views_shown([by_id[r.id] for r in group if r.id in by_id]) for group in help_data.start_here]
        shown.append(views_shown([by_id[r.id] for r in help_data.other_lines if r.id in by_id]))
        plans.append(
            PagePlan(
                f"help/{help_data.code.lower()}.md",
                _("Get help now in %(country)s") % {"country": name},
                partial(_country_html, help_data, name, by_id),
                _("Emergency number and crisis lines in %(country)s, open now, one tap to call or text.")
                % {"country": name},
                # The country's profile (its emergency numbers) is the directory's, named by the engine's key.
                inputs=("help", help_data.code, name, tuple(shown), help_data.more_lines, repr(help_data.notes))
                if None not in shown
                else (),
            )
        )
    return plans


def _country_html(help_data: CountryHelp, name: str, by_id: dict[str, ListingView], base: str) -> str:
    groups = [[by_id[r.id] for r in group if r.id in by_id] for group in help_data.start_here]
    start_html = [render_cards(group, base=base, heading_level=3) for group in groups if group]
    others = [by_id[r.id] for r in help_data.other_lines if r.id in by_id]
    return render_template(
        "help_country.html",
        base=base,
        country_name=name,
        code=help_data.code,
        help=help_data,
        start_html=start_html,
        others_html=render_cards(others, base=base, heading_level=3) if others else "",
    )


def help_block(directory: Directory, base: str) -> str:
    """The home page's way in: a button to help/, and (by JavaScript) the device's country as a one-tap link."""
    codes = sorted(directory.countries)
    return render_template(
        "help_block.html", base=base, codes=" ".join(codes), names={code: names.country_name(code) for code in codes}
    )
