"""`kindred check-links`: visit every link in the directory and report the broken ones."""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path

import click

from ..review.links import (
    LinkChecker,
    LinkReport,
    collect_links,
    load_cache,
    render_report,
    save_cache,
)
from ._shared import directory_option, fetch_options, load_valid_directory


def _networks(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise click.BadParameter(f"{value!r} is not an IP network") from None
    return values


@click.command("check-links")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@fetch_options(concurrency=8, max_concurrency=64, delay=0.5, timeout=10.0, retries=2, max_retries=10)
@click.option(
    "--per-host",
    type=click.IntRange(1, 16),
    default=2,
    show_default=True,
    help="Requests in flight at once to one host.",
)
@click.option(
    "--cache",
    "cache_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path(".kindred-cache/links.json"),
    show_default=True,
    help="Where recent results are kept.",
)
@click.option(
    "--cache-hours",
    type=click.FloatRange(0),
    default=24,
    show_default=True,
    help="Links found working this recently are not fetched again.",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
# For tests that serve pages on 127.0.0.1: otherwise only public addresses are ever visited.
@click.option("--allow-network", "allow_networks", multiple=True, hidden=True, callback=_networks)
@directory_option
def command(
    fmt: str,
    concurrency: int,
    per_host: int,
    host_delay: float,
    timeout: float,
    retries: int,
    cache_path: Path,
    cache_hours: float,
    no_cache: bool,
    allow_networks: tuple[str, ...],
    root: Path,
) -> None:
    """Check every website, organisation page, rules page, verification source and
    contact link in the published listings.

    Broken links are grouped by listing, each with the file and line it is
    written on. Exits 1 if any link is broken.

    Only public addresses are visited: a link or redirect to a loopback,
    private, link-local or cloud metadata address is refused and reported as
    broken. Addresses are shown without user names, passwords, queries or
    fragments, so no token reaches the report.
    """
    directory = load_valid_directory(root)
    refs = collect_links(directory)
    urls = list(dict.fromkeys(ref.url for ref in refs))
    cache = {} if no_cache else load_cache(cache_path)
    checker = LinkChecker(
        concurrency=concurrency,
        per_host=per_host,
        timeout=timeout,
        retries=retries,
        host_delay=host_delay,
        allow_networks=allow_networks,
    )
    if sys.stderr.isatty() and urls:
        with click.progressbar(length=len(urls), label="Checking links", file=sys.stderr) as bar:
            results = checker.check(urls, cache=cache, cache_hours=cache_hours, progress=lambda _: bar.update(1))
    else:
        results = checker.check(urls, cache=cache, cache_hours=cache_hours)
    if not no_cache:
        try:
            save_cache(cache_path, {**cache, **results})
        except OSError as exc:
            click.echo(f"note: could not write the cache {cache_path}: {exc}", err=True)
    report = LinkReport(refs, results)
    click.echo(render_report(report, fmt), nl=False)
    sys.exit(1 if report.has_broken else 0)
