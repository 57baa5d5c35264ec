"""generator/cli/__init__.py: every command is found by its name, and a command loads only its own module."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from generator.cli import _COMMANDS, main


def test_every_listed_command_is_found_under_its_own_name():
    ctx = click.Context(main)
    assert main.list_commands(ctx) == sorted(_COMMANDS)
    for name in _COMMANDS:
        command = main.get_command(ctx, name)
        assert command is not None and command.name == name


def test_an_unknown_command_is_refused():
    result = CliRunner().invoke(main, ["valdiate"])
    assert result.exit_code == 2 and "No such command 'valdiate'" in result.output


def test_validate_does_not_load_the_other_commands(make_directory):
    root = make_directory({})
    script = (
        "import sys\n"
        "from generator.cli import main\n"
        f"try:\n    main(['validate', {str(root)!r}])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('generator.cli.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "['generator.cli.validate_cmd']"


def _run_program(*args: str) -> subprocess.CompletedProcess:
    """`kindred ARGS` as the installed script runs it: generator.cli.run."""
    script = f"import sys\nsys.argv = ['kindred', *{list(args)!r}]\nfrom generator.cli import run\nrun()\n"
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)


def test_the_program_ends_validate_with_its_whole_report_and_exit_code(make_directory):
    clean = make_directory({})
    result = _run_program("validate", str(clean))
    assert result.returncode == 0
    assert result.stdout.strip().endswith("0 error(s), 0 warning(s)")
    broken = make_directory({f"helplines/broken-{index:03d}.yaml": "name: [\n" for index in range(300)})
    result = _run_program("validate", str(broken), "--format", "json")
    assert result.returncode == 1
    assert result.stdout.count('"message"') == 300  # every line of a long report reaches the reader
    assert result.stdout.rstrip().endswith("]")


def test_the_program_runs_other_commands_as_before():
    result = _run_program("--version")
    assert result.returncode == 0 and result.stdout.startswith("kindred, version")
    result = _run_program("no-such-command")
    assert result.returncode == 2 and "No such command" in result.stderr
