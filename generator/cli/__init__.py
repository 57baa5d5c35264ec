"""The `kindred` command line: one module per command, registered here."""

from __future__ import annotations

import atexit
import gc
import importlib
import os
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


# Command name -> its module here. A module is imported only when its command runs or help lists it, so
# `kindred validate` does not load what `check-facts` or `import` need (about 50 ms at every start).
_COMMANDS = {
    "check-facts": "check_facts_cmd",
    "check-links": "check_links_cmd",
    "diff": "diff_cmd",
    "export": "export_cmd",
    "import": "import_cmd",
    "new": "new_cmd",
    "schema": "schema_cmd",
    "stale": "stale_cmd",
    "validate": "validate_cmd",
}


class _Commands(_NoTracebackGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = _COMMANDS.get(cmd_name)
        if module is None:
            return None
        return importlib.import_module(f"{__name__}.{module}").command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kindred")
def main() -> None:
    """Kindred: validate, review and publish a directory of support services."""


def run() -> None:
    """The `kindred` program ([project.scripts] in pyproject.toml): main(), and for `validate`, a quick way out.

    Once `kindred validate` has printed its report, Python's own teardown frees every module and cache one
    by one, about 0.1 s that changes nothing anyone sees. So validate, which leaves no thread, pool or file
    open behind it, runs the exit handlers, flushes its output and leaves. Every other command ends as usual.
    """
    if sys.argv[1:2] != ["validate"]:
        main()
        return
    # Loading the models and checks makes objects that live to the end, so the cyclic collector's passes
    # during those imports find nothing (about 25 ms); checking pauses it anyway (directory.collector_paused).
    gc.disable()
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    else:  # click in standalone mode ends in SystemExit; this is only for safety
        code = 0
    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")  # as sys.exit("message") would
        code = 1
    atexit._run_exitfuncs()  # logging's flush and any other exit handler, as at a normal exit
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: the reader has gone, nothing more to tell it
            pass
    os._exit(code)
