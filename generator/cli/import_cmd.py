"""`kindred import hsds DIR --out directory/`: listings from an Open Referral HSDS 3.0 dataset."""

from __future__ import annotations

import sys
import zoneinfo
from pathlib import Path

import click

from ..models import KINDS
from ..models.vocab import Cost


@click.group("import")
def command() -> None:
    """Create listing files from another format."""


def _zone(_ctx, _param, value: str | None) -> str | None:
    if value is not None and value not in zoneinfo.available_timezones():
        raise click.BadParameter(f"`{value}` is not an IANA time zone (such as Europe/London)")
    return value


def _country(_ctx, _param, value: str | None) -> str | None:
    import pycountry

    if value is not None and (value == "worldwide" or pycountry.countries.get(alpha_2=value.upper())):
        return value if value == "worldwide" else value.upper()
    if value is not None:
        raise click.BadParameter(f"`{value}` is not an ISO 3166-1 alpha-2 country code (such as GB) or worldwide")
    return value


@command.command("hsds")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("directory"),
    show_default=True,
    help="The listings folder to write into.",
)
@click.option(
    "--default-kind",
    type=click.Choice(KINDS),
    default="helplines",
    show_default=True,
    help="Kind for services whose attributes do not say.",
)
@click.option(
    "--default-topic",
    default="supporting-others",
    show_default=True,
    help="Topic for services none of whose taxonomy terms match a Kindred topic.",
)
@click.option(
    "--default-cost",
    type=click.Choice(list(Cost.__args__)),
    default=None,
    help="Cost for services with no fees or cost options (otherwise they are skipped).",
)
@click.option("--default-language", default="en", show_default=True, help="Language for services that list none.")
@click.option(
    "--timezone",
    callback=_zone,
    default=None,
    help="IANA zone for opening hours that give none (otherwise taken from a single-zone country).",
)
@click.option(
    "--country",
    callback=_country,
    default=None,
    help="Country for services whose areas, addresses and numbers name none.",
)
@click.option(
    "--taxonomy",
    "taxonomy_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="taxonomy.yaml to check topics against (default: the one in --out).",
)
@click.option("--overwrite", is_flag=True, help="Replace listing files that already exist.")
def hsds(
    source: Path,
    out: Path,
    default_kind: str,
    default_topic: str,
    default_cost: str | None,
    default_language: str,
    timezone: str | None,
    country: str | None,
    taxonomy_path: Path | None,
    overwrite: bool,
) -> None:
    """Turn the HSDS 3.0 dataset in SOURCE (JSON files, or CSV files with datapackage.json) into listings.

    Every service that cannot become a valid listing is skipped and reported with
    its HSDS id and the reason; every field not carried over is reported too.
    Nothing that fails `kindred validate` is written. Exit code 1 when a service
    was skipped.
    """
    from ..exports.hsds.import_ import import_hsds
    from ..exports.hsds.mapping import Options

    options = Options(
        default_kind=default_kind,
        default_topic=default_topic,
        default_cost=default_cost,
        default_language=default_language,
        timezone=timezone,
        country=country,
    )
    result = import_hsds(source, out, options, taxonomy_path=taxonomy_path, overwrite=overwrite)
    if result.error:
        click.echo(f"kindred import hsds: {result.error}", err=True)
        sys.exit(2)
    for line in result.lines():
        click.echo(line)
    for path in result.written:
        click.echo(f"wrote {path}")
    click.echo(
        f"{len(result.written)} listing(s) written to {out}; {len(result.skipped)} service(s) skipped",
        err=bool(result.skipped),
    )
    sys.exit(1 if result.skipped else 0)
