"""Hostile characters: controls and bidirectional overrides are refused where they stand; messages stay safe."""

from __future__ import annotations

from click.testing import CliRunner
from kindred_test_support import VALID_HELPLINE, line_of, set_field

from generator.cli import main


def test_escaped_control_characters_are_errors_at_their_value(check):
    text = set_field(VALID_HELPLINE, "name", '"Samaritans\\x1b[2J\\a\\0"')
    errors = check("helplines", text).errors
    assert len(errors) == 1 and "control character (\\x1b)" in errors[0].message
    assert (errors[0].line, errors[0].column) == (line_of(text, "name:"), 7)


def test_a_bidirectional_override_is_an_error_at_the_character(check):
    text = set_field(VALID_HELPLINE, "summary", "Call us \u202egnp.exe today")
    [error] = check("helplines", text).errors
    assert "bidirectional override (\\u202e)" in error.message
    assert (error.line, error.column) == (line_of(text, "summary:"), 18)


def test_a_terminal_never_receives_an_escape_sequence_from_a_bad_value(make_directory):
    text = set_field(VALID_HELPLINE, "countries", '["\\x1b]0;pwned\\x07GB"]')
    root = make_directory({"helplines/escape-line.yaml": text})
    output = CliRunner().invoke(main, ["validate", str(root)]).output
    assert "\x1b" not in output and "\x07" not in output
    assert "\\x1b" in output


def test_a_huge_bad_value_is_quoted_in_at_most_80_characters(make_directory):
    text = set_field(VALID_HELPLINE, "countries", "[" + "Q" * 60_000 + "]")
    root = make_directory({"helplines/long-line.yaml": text})
    output = CliRunner().invoke(main, ["validate", str(root)]).output
    assert "Q" * 80 not in output and "Q" * 79 + "…" in output or "Q" * 79 in output
    assert len(output) < 2_000
