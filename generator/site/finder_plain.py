"""The finder page's plain list: every helpline by country, in the page's HTML, for a visitor whose browser runs
no JavaScript (or whose finder could not start). Each country's emergency number comes first when the country
has a help-now profile; each helpline shows its name (a link to its page) and its call and text links.

With JavaScript the list is hidden from the first paint (finder.css: `@media (scripting: enabled)`), and the
finder takes its place; it is in the HTML once, so nothing is downloaded twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from ..directory import Directory
from ..help_now import EmergencyCall, help_countries
from . import names
from .pages import PagePlan
from .render import render_template
from .view import ListingView

PLAIN_METHODS = ("phone", "sms")  # the links each helpline shows in the plain list (tel: and sms:)


@dataclass(frozen=True)
class PlainGroup:
    code: str  # "GB", or "worldwide"
    emergency: tuple[EmergencyCall, ...]
    views: tuple[ListingView, ...]  # in the site's order


def plain_groups(directory: Directory, views: list[ListingView]) -> list[PlainGroup]:
    """Helplines by country (a helpline serving several countries is under each), worldwide ones last."""
    emergency = {help_data.code: tuple(help_data.emergency) for help_data in help_countries(directory)}
    by_country: defaultdict[str, list[ListingView]] = defaultdict(list)
    for view in views:
        if view.kind == "helplines":
            for code, _name in view.countries:
                by_country[code].append(view)
    return [PlainGroup(code, emergency.get(code, ()), tuple(found)) for code, found in by_country.items()]


def with_plain_list(finder: PagePlan, directory: Directory, views: list[ListingView]) -> PagePlan:
    """The finder page with the plain list after the finder."""
    groups = plain_groups(directory, views)

    def render(base: str) -> str:
        named = sorted(
            ((names.country_name(g.code), g) for g in groups if g.code != "worldwide"), key=lambda item: item[0]
        )
        named += [(names.country_name(g.code), g) for g in groups if g.code == "worldwide"]
        plain = render_template("finder_plain.html", base=base, groups=named, methods=PLAIN_METHODS)
        return finder.render(base) + plain

    return replace(finder, render=render)
