"""What a help-now page shows for one country, as plain data: emergency numbers first, then the profile's
"start here" crisis lines, then the other crisis lines for that country and worldwide (ranking.py's order)."""

from __future__ import annotations

from dataclasses import dataclass

from .countries import CountryRecord
from .directory import Directory
from .listing_record import ListingRecord
from .phones import parse_number
from .ranking import CRISIS, ranked, tier

OTHER_LINES_SHOWN = 12  # a short page loads fast on a slow phone; the finder has the rest


@dataclass(frozen=True)
class EmergencyCall:
    number: str  # as written
    href: str  # tel:
    note: str


@dataclass(frozen=True)
class CountryNote:
    text: str
    number: str
    href: str  # tel: when the note has a number
    url: str


@dataclass(frozen=True)
class CountryHelp:
    code: str
    emergency: list[EmergencyCall]
    start_here: list[list[ListingRecord]]  # groups, in the profile's order; a group is all or nothing
    other_lines: list[ListingRecord]  # further crisis lines: the country's own, then worldwide
    notes: list[CountryNote]
    more_lines: int  # crisis lines serving the country beyond those shown


def _tel(number: str, code: str) -> str:
    parsed = parse_number(number, (code,))
    if parsed is not None:
        return parsed.tel_href
    digits = "".join(ch for ch in number if ch.isdigit())
    return f"tel:{digits}"  # emergency numbers such as 000 or 112 are short codes the parser may not take


def country_help(directory: Directory, record: CountryRecord) -> CountryHelp:
    code, profile = record.code, record.profile
    published = {r.id: r for r in directory.published}
    groups = []
    for group in profile.start_groups():
        members = [published.get(listing_id) for listing_id in group]
        if all(members):  # validation refuses a closed or missing id; a group is shown whole or not at all
            groups.append([m for m in members if m is not None])
    started = {r.id for group in groups for r in group}
    serving = [
        r
        for r in directory.published
        if r.kind == "helplines"
        and tier(r.kind, getattr(r.listing, "service", None)) == CRISIS
        and (code in r.listing.countries or "worldwide" in r.listing.countries)
        and r.id not in started
        and r.listing.status != "paused"
    ]
    others = ranked(serving, country=code)
    return CountryHelp(
        code=code,
        emergency=[EmergencyCall(e.number, _tel(e.number, code), e.note or "") for e in profile.emergency],
        start_here=groups,
        other_lines=others[:OTHER_LINES_SHOWN],
        notes=[
            CountryNote(n.text, n.number or "", _tel(n.number, code) if n.number else "", n.url or "")
            for n in profile.notes
        ],
        more_lines=max(0, len(others) - OTHER_LINES_SHOWN),
    )


def help_countries(directory: Directory) -> list[CountryHelp]:
    return [country_help(directory, record) for _, record in sorted(directory.countries.items())]
