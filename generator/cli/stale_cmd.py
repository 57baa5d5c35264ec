"""`kindred stale`: listings not verified in the last N months, oldest first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..review.stale import render, stale_listings
from ._shared import directory_option, load_valid_directory


@click.command("stale")
@click.option("--months", type=click.IntRange(min=0), default=12, show_default=True,
              help="Listings verified longer ago than this are stale.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@directory_option
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, hidden=True,
              help="Pretend today is this date (for tests and reproducible reports).")
def command(months: int, fmt: str, root: Path, today: dt.datetime | None) -> None:
    """List published listings never verified, or verified more than N months ago.

    Never-verified listings come first, then the oldest verification first.
    """
    directory = load_valid_directory(root)
    items = stale_listings(directory, months, today.date() if today else None)
    click.echo(render(items, fmt, months=months, total=len(directory.published)), nl=False)
