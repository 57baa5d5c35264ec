"""An indentation mistake reads as what to fix, at its file and line, and never hides other files' problems."""

from __future__ import annotations

from click.testing import CliRunner
from kindred_test_support import VALID_HELPLINE, VALID_SMS_HELPLINE

from generator.cli import main
from generator.directory import load_directory
from generator.yamlsafe import load_yaml_bytes

# `free:` one space short of its siblings: the commonest slip in a contact.
MISALIGNED = VALID_HELPLINE.replace("    free: true", "   free: true")


def only_problem(text: str):
    document, problems = load_yaml_bytes(text.encode("utf-8"), "x.yaml")
    assert document is None and len(problems) == 1, problems
    return problems[0]


def test_a_misaligned_field_says_to_line_it_up_at_its_line():
    problem = only_problem(MISALIGNED)
    assert problem.line == MISALIGNED.splitlines().index("   free: true") + 1
    assert problem.message.startswith("YAML syntax error: this line is indented differently from the lines around it")
    assert "the block that starts on line" in problem.message and "same number of spaces" in problem.message
    assert problem.message.endswith("did not find expected '-' indicator)")  # the parser's words, last


def test_a_field_indented_too_far_says_so():
    problem = only_problem("name: Samaritans\n  summary: Someone to listen.\n")
    assert (problem.line, problem.message.split(";")[0]) == (
        2, "YAML syntax error: a `field:` here is indented further than the line before it, or a value contains `: `")


def test_a_nested_field_out_of_line_and_an_unclosed_quote():
    nested = only_problem("organization:\n  name: Samaritans\n url: https://www.samaritans.org/\n")
    assert nested.line == 3 and nested.message.startswith("YAML syntax error: this line is indented differently")
    assert "starts on line 1" in nested.message
    assert only_problem('name: "Samaritans\n').message.startswith("YAML syntax error: a quoted value is never closed")


def test_a_tab_still_gets_the_tab_advice():
    problem = only_problem("name: x\n\tsummary: y\n")
    assert "indent with spaces, not tabs" in problem.message and "line it up" not in problem.message


def test_other_files_problems_are_still_reported(make_directory):
    root = make_directory({"helplines/misaligned.yaml": MISALIGNED,
                           "helplines/crisis-text-line.yaml": VALID_SMS_HELPLINE.replace("cost: free", "cost: gratis")})
    messages = {p.path.rsplit("/", 1)[-1]: p.message for p in load_directory(root).problems.sorted()}
    assert messages["misaligned.yaml"].startswith("YAML syntax error: this line is indented differently")
    assert "`gratis` is not allowed" in messages["crisis-text-line.yaml"]
    result = CliRunner().invoke(main, ["validate", str(root)])
    assert result.exit_code == 1
    assert "misaligned.yaml:" in result.output and "crisis-text-line.yaml:" in result.output
    assert "Traceback" not in result.output
