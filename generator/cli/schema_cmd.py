"""`kindred schema`: write or check the JSON Schema generated from the models."""

from __future__ import annotations

import sys

import click

from ..schema_export import SCHEMA_DIR, render_schemas


@click.command("schema")
@click.option("--check", is_flag=True, help="Exit 1 if the committed schema files are out of date.")
def command(check: bool) -> None:
    """Regenerate generator/schema/*.schema.json from the listing models."""
    stale = []
    for name, text in render_schemas().items():
        target = SCHEMA_DIR / name
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            stale.append(name)
            if not check:
                target.write_text(text, encoding="utf-8")
    if check and stale:
        click.echo(f"out of date: {', '.join(stale)}; run `kindred schema` and commit the result", err=True)
        sys.exit(1)
    click.echo("schema files are up to date" if not stale else f"wrote {', '.join(stale)}")
