"""`kindred validate`: every problem in a directory, at once, with file:line:column."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..directory import TAXONOMY_FILE, check_directory
from ..models import KINDS
from ..problems import format_problems
from ..validate_cache import ValidateCache


def directory_root(paths: tuple[Path, ...]) -> Path:
    """The directory a set of paths belongs to (pre-commit passes single files)."""
    if not paths:
        return Path("directory")
    first = paths[0]
    if first.is_dir():
        return first
    if first.name == TAXONOMY_FILE:
        return first.parent
    if first.parent.name in KINDS:
        return first.parent.parent
    return first.parent


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people, github for Actions annotations, json for other tools.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Check every file afresh, without reading or writing .cache/kindred/validate/.",
)
def command(paths: tuple[Path, ...], strict: bool, fmt: str, no_cache: bool) -> None:
    """Check every listing in DIRECTORY (default: directory/) against the contract."""
    root = directory_root(paths)
    # Each file's result is kept, keyed by everything it depends on, so the next run checks again only what
    # changed (validate_cache.py); the checks across files always run on the whole directory.
    cache = None
    if not no_cache:
        try:
            cache = ValidateCache(root, {"strict": strict})
        except OSError:  # the code's own files cannot be read for its fingerprint: validate without the cache
            cache = None
    checked = check_directory(root, cache=cache)  # the same problems as load_directory, without the listings
    problems = checked.problems.promote_warnings() if strict else checked.problems
    ordered = problems.sorted()
    if fmt == "json" or ordered:
        click.echo(format_problems(ordered, fmt))
    errors = sum(1 for p in ordered if p.is_error)  # counted as printed: a repeated problem is shown once
    warnings = len(ordered) - errors
    if fmt == "text":
        summary = f"{checked.listings} listing(s) read from {root}: {errors} error(s), {warnings} warning(s)"
        click.echo(summary, err=bool(ordered))
    sys.exit(1 if errors else 0)
