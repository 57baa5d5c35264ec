"""Hostile text in `kindred validate --format github`: a file name or message that tries to end its annotation and
forge another (workflow commands are one per line, and `:` and `,` end a property value)."""

from __future__ import annotations

import re

from click.testing import CliRunner
from kindred_test_support import VALID_HELPLINE

from generator.cli import main
from generator.problems import Problem

FORGED = "x,1:2%25\r\n::error file=forged.yaml,line=1::forged"


def test_properties_and_messages_are_escaped_as_the_workflow_command_spec_says():
    problem = Problem(path=f"helplines/{FORGED}.yaml", line=3, column=5,
                      message="50% off\r\n::warning::forged\x1b[31m", severity="warning")
    assert problem.as_github() == (
        "::warning file=helplines/x%2C1%3A2%2525%0D%0A%3A%3Aerror file=forged.yaml%2Cline=1%3A%3Aforged.yaml,"
        "line=3,col=5::50%25 off%0D%0A::warning::forged\\x1b[31m")


def test_a_listing_file_named_to_forge_an_annotation_stays_one_annotation_per_problem(make_directory):
    root = make_directory({"helplines/samaritans.yaml": VALID_HELPLINE,
                           f"helplines/{FORGED}.yaml": VALID_HELPLINE.replace("116 123", "0800 068 4141")})
    result = CliRunner().invoke(main, ["validate", "--format", "github", str(root)])

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    command = re.compile(r"::(error|warning) file=(?P<file>[^,:]+),line=\d+,col=\d+::.*")
    assert all(command.fullmatch(line) for line in lines), lines
    files = {command.fullmatch(line)["file"] for line in lines}
    escaped = "x%2C1%3A2%2525%0D%0A%3A%3Aerror file=forged.yaml%2Cline=1%3A%3Aforged.yaml"
    assert any(name.endswith(f"helplines/{escaped}") for name in files), files
    assert not any(line.startswith("::error file=forged.yaml") for line in lines)
    assert "\r" not in result.output
