"""The finder's page plain list: the main helplines of every country, in the page's HTML, for a visitor whose
browser runs no JavaScript (or whose finder could not start). Each country's emergency number comes first when
the country has a help-now profile; then its first PLAIN_SHOWN helplines in the help-now pages' order (the
profile's "start here" lines, then crisis lines, then the others: ranking.py with that country chosen), each
with its name (a link to its page) and its call and text links; then links to the country's help-now page and
to its browse page, which list the rest and work without JavaScript too.

The list is bounded so the finder's page stays light at any size of directory (#16): at 10,000 listings a
list of every helpline made the page 1 MB and held back the finder's first results (#14).

With JavaScript the list is hidden from the first paint (finder.css: `@media (scripting: enabled)`), and the
finder takes its place; it is in the HTML once, so nothing is downloaded twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from ..directory import Directory
from ..help_now import EmergencyCall, help_countries
from ..ranking import ranked
from . import names
from .pages import PagePlan
from .render import render_template
from .view import ListingView

PLAIN_METHODS = ("phone", "sms")  # the links each helpline shows in the plain list (tel: and sms:)
PLAIN_SHOWN = 6  # helplines shown per country; the country's pages list the rest


@dataclass(frozen=True)
class PlainGroup:
    code: str  # "GB", or "worldwide"
    emergency: tuple[EmergencyCall, ...]
    views: tuple[ListingView, ...]  # the first PLAIN_SHOWN, in the help-now pages' order
    more: int  # helplines of this country not shown
    help_page: bool  # whether the country has a help-now page (help/<cc>/)


def plain_groups(directory: Directory, views: list[ListingView]) -> list[PlainGroup]:
    """Helplines by country (a helpline serving several countries is under each), worldwide ones last."""
    profiles = {help_data.code: help_data for help_data in help_countries(directory)}
    by_id = {view.id: view for view in views}
    by_country: defaultdict[str, list] = defaultdict(list)
    for record in directory.published:
        if record.kind == "helplines" and record.id in by_id:
            for code in record.listing.countries:
                by_country[code].append(record)
    groups = []
    for code, records in by_country.items():
        profile = profiles.get(code)
        start_here = [r.id for group in profile.start_here for r in group] if profile else []
        country = None if code == "worldwide" else code
        first = ranked(records, country=country, start_here=start_here)[:PLAIN_SHOWN]
        groups.append(
            PlainGroup(
                code,
                tuple(profile.emergency) if profile else (),
                tuple(by_id[r.id] for r in first),
                len(records) - len(first),
                profile is not None,
            )
        )
    return groups


def with_plain_list(finder: PagePlan, directory: Directory, views: list[ListingView]) -> PagePlan:
    """The finder page with the plain list after the finder."""
    groups = plain_groups(directory, views)

    def render(base: str) -> str:
        named = sorted(
            ((names.country_name(g.code), g) for g in groups if g.code != "worldwide"), key=lambda item: item[0]
        )
        named += [(names.country_name(g.code), g) for g in groups if g.code == "worldwide"]
        plain = render_template("finder_plain.html", base=base, groups=named, methods=PLAIN_METHODS, shown=PLAIN_SHOWN)
        return finder.render(base) + plain

    return replace(finder, render=render)
