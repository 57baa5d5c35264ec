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
