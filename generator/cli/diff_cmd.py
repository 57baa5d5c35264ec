"""`kindred diff`: what a change does to the listings, for the pull request's reviewers."""

from __future__ import annotations

from pathlib import Path

import click

from ..review.diff import GitError, diff_against_ref, render


@click.command("diff")
@click.argument("ref", metavar="GIT_REF")
@click.option(
    "--directory",
    "root",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("directory"),
    show_default=True,
    help="The listings folder.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "text", "json"]),
    default="markdown",
    show_default=True,
    help="markdown for a pull request comment or job summary.",
)
def command(ref: str, root: Path, fmt: str) -> None:
    """Compare the listings at GIT_REF (such as origin/main) with the working tree.

    Reports listings added, removed and renamed, and every phone number, link
    and email address added, changed or removed, old beside new, with changed
    numbers and changed domains first. Exits 0 whatever changed; only a ref
    that cannot be read is an error.
    """
    if ref.startswith("-"):
        raise click.BadParameter(f"`{ref}` is not a git ref", param_hint="GIT_REF")
    try:
        result = diff_against_ref(ref, root)
    except GitError as exc:
        raise click.BadParameter(str(exc), param_hint="GIT_REF") from None
    click.echo(render(result, fmt), nl=False)
