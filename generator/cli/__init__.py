"""The `kindred` command line: one module per command, registered here."""

from __future__ import annotations

import sys

import click

from .. import __version__


class _NoTracebackGroup(click.Group):
    """Contributors see a sentence, never a traceback, whatever goes wrong."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            click.echo(
                f"kindred: internal error: {type(exc).__name__}: {exc}\nPlease report this with the command you ran.",
                err=True,
            )
            sys.exit(2)


@click.group(cls=_NoTracebackGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kindred")
def main() -> None:
    """Kindred: validate, review and publish a directory of support services."""


def _register() -> None:
    from . import (
        check_facts_cmd,
        check_links_cmd,
        diff_cmd,
        export_cmd,
        import_cmd,
        new_cmd,
        schema_cmd,
        stale_cmd,
        validate_cmd,
    )

    for module in (
        validate_cmd,
        schema_cmd,
        new_cmd,
        diff_cmd,
        stale_cmd,
        check_links_cmd,
        check_facts_cmd,
        export_cmd,
        import_cmd,
    ):
        main.add_command(module.command)


_register()
