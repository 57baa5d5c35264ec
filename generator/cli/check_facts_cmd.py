"""`kindred check-facts`: confirm every number and keyword appears on the listing's sources or website."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..review.facts import PageReader, check_facts, render_report
from ._shared import directory_option, fetch_options, load_valid_directory


def _resolve(values: tuple[str, ...]) -> dict[str, tuple[str, int]]:
    mapped = {}
    for value in values:
        host, _, target = value.partition("=")
        address, _, port = target.rpartition(":")
        if not host or not address or not port.isdigit():
            raise click.BadParameter(f"{value!r} is not HOST=ADDRESS:PORT", param_hint="--resolve")
        mapped[host] = (address, int(port))
    return mapped


@click.command("check-facts")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@fetch_options(
    concurrency=4,
    max_concurrency=32,
    delay=1.0,
    timeout=15.0,
    retries=1,
    max_retries=5,
    concurrency_help="Pages fetched at once, over all hosts.",
)
@click.option(
    "--resolve",
    "resolve",
    multiple=True,
    hidden=True,
    help="HOST=ADDRESS:PORT: fetch HOST's pages over plain http from this address (for tests).",
)
@directory_option
def command(
    fmt: str, concurrency: int, host_delay: float, timeout: float, retries: int, resolve: tuple[str, ...], root: Path
) -> None:
    """Fetch each published listing's sources and website, and report every phone number,
    text number and keyword that none of them states, with the file and line it is written on.

    Numbers are compared by their digits, so "0800 111 1", "+44 800 1111", "0800-1111" and a
    tel: link are the same number; a vanity number's letters (1-800-GAMBLER) count as keypad
    digits. Keywords are matched as whole words, in the capitals the listing uses. Exits 1 if
    any number or keyword was not found.
    """
    directory = load_valid_directory(root)
    reader = PageReader(
        concurrency=concurrency, timeout=timeout, retries=retries, host_delay=host_delay, resolve=_resolve(resolve)
    )
    if sys.stderr.isatty():
        click.echo("Reading each listing's sources and website…", err=True)
    results = check_facts(directory, reader)
    click.echo(render_report(results, fmt), nl=False)
    sys.exit(1 if any(r.outcome == "missing" for r in results) else 0)
