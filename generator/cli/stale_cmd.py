"""`kindred stale`: listings not verified in the last N months, oldest first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..freshness import OUTDATED_MONTHS
from ..review.stale import outdated_listings, render, stale_listings
from ._shared import directory_option, load_valid_directory


@click.command("stale")
@click.option(
    "--months",
    type=click.IntRange(min=0),
    default=12,
    show_default=True,
    help="Listings verified longer ago than this are stale.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option(
    "--strict",
    is_flag=True,
    help=f"Exit 1 when a listing was last verified more than {OUTDATED_MONTHS} months ago "
    "(its page says the facts may be out of date).",
)
@directory_option
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    hidden=True,
    help="Pretend today is this date (for tests and reproducible reports).",
)
def command(months: int, fmt: str, strict: bool, root: Path, today: dt.datetime | None) -> None:
    """List published listings never verified, or verified more than N months ago.

    Never-verified listings come first, then the oldest verification first. With --strict, a verification
    older than 24 months fails the command; a listing never verified does not (it says so on its page).
    """
    directory = load_valid_directory(root)
    day = today.date() if today else None
    items = stale_listings(directory, months, day)
    click.echo(render(items, fmt, months=months, total=len(directory.published)), nl=False)
    if strict:
        outdated = outdated_listings(stale_listings(directory, OUTDATED_MONTHS, day))
        for item in outdated:
            click.echo(
                f"{item.path}:{item.line}: error: `verified` is {item.age_months} months old (more than "
                f"{OUTDATED_MONTHS}); the page says its facts may be out of date. Check the listing again "
                f"and update `verified`.",
                err=True,
            )
        if outdated:
            raise SystemExit(1)
