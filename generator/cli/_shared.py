"""Helpers shared by the review and export commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..directory import Directory, load_directory
from ..problems import format_problems


def directory_option(function):
    """`--directory DIR`, default `directory/`, the same folder `kindred validate` reads."""
    return click.option(
        "--directory",
        "root",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("directory"),
        show_default=True,
        help="The listings folder (with helplines/, communities/, teletherapy/, taxonomy.yaml).",
    )(function)


def load_valid_directory(root: Path) -> Directory:
    """The loaded directory; or, when it has errors, every problem (as `kindred validate` prints them) and exit 1."""
    directory = load_directory(root)
    if not directory.ok:
        click.echo(format_problems(directory.problems.sorted(), "text"), err=True)
        click.echo(
            f"{len(directory.records)} listing(s) read from {root}: {len(directory.problems.errors)} "
            f"error(s), {len(directory.problems.warnings)} warning(s); fix the errors first "
            f"(`kindred validate {root}`)",
            err=True,
        )
        sys.exit(1)
    return directory


def fetch_options(
    *,
    concurrency: int,
    max_concurrency: int,
    delay: float,
    timeout: float,
    retries: int,
    max_retries: int,
    concurrency_help: str = "Requests in flight at once, over all hosts.",
):
    """The politeness options every command that fetches pages takes (check-links, check-facts)."""
    options = [
        click.option(
            "--concurrency",
            type=click.IntRange(1, max_concurrency),
            default=concurrency,
            show_default=True,
            help=concurrency_help,
        ),
        click.option(
            "--delay",
            "host_delay",
            type=click.FloatRange(0, 60),
            default=delay,
            show_default=True,
            help="Seconds between the starts of two requests to one host.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(0.1, 300),
            default=timeout,
            show_default=True,
            help="Seconds to wait for a server before giving up on one request.",
        ),
        click.option(
            "--retries",
            type=click.IntRange(0, max_retries),
            default=retries,
            show_default=True,
            help="Retries after a 5xx, 429, timeout or dropped connection, with exponential backoff.",
        ),
    ]

    def decorate(function):
        for option in reversed(options):
            function = option(function)
        return function

    return decorate
