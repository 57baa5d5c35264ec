"""Listings nobody has verified recently, or ever: the weekly to-do list for volunteers."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ..directory import Directory
from ..freshness import OUTDATED_MONTHS, months_before, months_between


@dataclass(frozen=True)
class StaleListing:
    key: str
    kind: str
    id: str
    name: str
    path: str
    line: int  # where `verified` is, or 1
    verified: dt.date | None
    age_months: int | None  # whole months since `verified`, None when never verified
    outdated: bool = False  # verified more than OUTDATED_MONTHS ago: the page says it may be out of date

    @property
    def never_verified(self) -> bool:
        return self.verified is None


def stale_listings(directory: Directory, months: int = 12, today: dt.date | None = None) -> list[StaleListing]:
    """Published listings never verified, or last verified before `months` months ago.

    Never-verified listings come first (by kind and id), then the oldest verification first.
    """
    today = today or dt.date.today()
    cutoff = months_before(today, months)
    outdated_before = months_before(today, OUTDATED_MONTHS)
    found: list[StaleListing] = []
    for record in directory.published:
        verified = record.listing.verified
        if verified is not None and verified.date >= cutoff:
            continue
        line = record.line_of("verified") if verified is not None else 1
        found.append(
            StaleListing(
                record.key,
                record.kind,
                record.id,
                record.listing.name,
                record.display_path,
                line,
                verified.date if verified else None,
                months_between(verified.date, today) if verified else None,
                verified is not None and verified.date < outdated_before,
            )
        )
    return sorted(found, key=lambda s: (s.verified is not None, s.verified or dt.date.min, s.key))


def outdated_listings(items: list[StaleListing]) -> list[StaleListing]:
    """The ones `kindred stale --strict` fails on."""
    return [i for i in items if i.outdated]


def _age(item: StaleListing) -> str:
    if item.verified is None:
        return "never verified"
    return f"{item.age_months} months" + (" (over 2 years: may be out of date)" if item.outdated else "")


def _cell(text: str) -> str:
    escaped = "".join("\\" + ch if ch in "\\`*_[]<>|#!" else ch for ch in " ".join(text.split()))
    return escaped


def render(items: list[StaleListing], fmt: str, *, months: int, total: int) -> str:
    never = sum(1 for i in items if i.never_verified)
    outdated = len(outdated_listings(items))
    if fmt == "json":
        return (
            json.dumps(
                {
                    "months": months,
                    "published": total,
                    "stale": len(items),
                    "never_verified": never,
                    "outdated": outdated,
                    "outdated_months": OUTDATED_MONTHS,
                    "listings": [
                        {
                            "key": i.key,
                            "kind": i.kind,
                            "id": i.id,
                            "name": i.name,
                            "path": i.path,
                            "verified": i.verified.isoformat() if i.verified else None,
                            "age_months": i.age_months,
                            "outdated": i.outdated,
                        }
                        for i in items
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    summary = (
        f"{len(items)} of {total} published listings have not been verified in the last {months} months "
        f"({never} never verified)."
    )
    if outdated:
        summary += (
            f" Verified more than {OUTDATED_MONTHS} months ago, so their pages say the facts may be out "
            f"of date: {outdated}."
        )
    if not items:
        summary = f"All {total} published listings were verified in the last {months} months."
    if fmt == "markdown":
        lines = [f"**{summary}**" if items else summary]
        if items:
            lines += [
                "",
                (
                    "Pick one, check it against the service's own website (or call it), fix what is out "
                    "of date and add a `verified` record. Never guess one."
                ),
                "",
                "| listing | name | verified | age | file |",
                "|---|---|---|---|---|",
            ]
            for i in items:
                lines.append(
                    f"| `{i.key}` | {_cell(i.name)} | {i.verified.isoformat() if i.verified else 'never'} "
                    f"| {_age(i)} | `{i.path}` |"
                )
        return "\n".join(lines) + "\n"
    lines = [summary]
    if items:
        width = max(len(i.key) for i in items)
        lines.append("")
        for i in items:
            shown = i.verified.isoformat() if i.verified else "never"
            lines.append(f"{i.key:<{width}}  {shown:<10}  {_age(i):<15}  {i.name}")
    return "\n".join(lines) + "\n"
