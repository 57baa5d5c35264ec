"""`kindred export`: the open data files (listings.json, a CSV per kind, or HSDS 3.0)."""

from __future__ import annotations

from pathlib import Path

import click

from ..exports.open_data import export_open_data
from ._shared import directory_option, load_valid_directory


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "hsds"]),
    default="json",
    show_default=True,
    help="json: api/listings.json; csv: api/<kind>.csv for each kind; hsds: Open Referral HSDS 3.0.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("dist"),
    show_default=True,
    help="Folder to write into (files go under api/ inside it).",
)
@directory_option
def command(fmt: str, out_dir: Path, root: Path) -> None:
    """Write the published listings (closed ones are left out) as open data."""
    directory = load_valid_directory(root)
    if fmt == "hsds":
        try:
            from ..exports.hsds.export import export_hsds
        except ImportError as exc:
            raise click.ClickException(f"the HSDS export is not available in this copy of Kindred ({exc})") from None
        written = export_hsds(directory, out_dir)
    else:
        written = export_open_data(directory, out_dir, fmt)
    if isinstance(written, (list, tuple, dict)) and written:
        for path in written:
            click.echo(f"wrote {path}")
    else:
        click.echo(f"wrote {fmt} files under {out_dir}")
    click.echo(f"{len(directory.published)} published listing(s) exported.")
