"""Plain words for the YAML parser's commonest complaints, which are mostly about indentation.

A contributor who indents one line a space too far gets "while parsing a block collection did not find
expected '-' indicator" from the parser; this says what to change instead, and keeps the parser's own
words at the end for anyone who wants them.
"""

from __future__ import annotations

import yaml

_LINE_UP = "line it up with the fields above it, using the same number of spaces"


def _from_line(exc: yaml.MarkedYAMLError) -> str:
    """' (the block starting on line N)' when the parser names where the block began."""
    context, problem = exc.context_mark, exc.problem_mark
    if context is not None and problem is not None and context.line != problem.line:
        return f" (the block that starts on line {context.line + 1})"
    return ""


def plain_syntax_message(exc: yaml.MarkedYAMLError) -> str | None:
    """What to fix, in words; None when the parser's message is as good as any."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "did not find expected '-' indicator" in problem or (
        "did not find expected key" in problem and "block mapping" in context
    ):
        return f"this line is indented differently from the lines around it{_from_line(exc)}; {_LINE_UP}"
    if problem.startswith("expected <block end>"):
        return (
            f"this line is indented further than the fields above it{_from_line(exc)}; {_LINE_UP}, or, if it "
            f"belongs to the field above, put that field's value on the following lines"
        )
    if "mapping values are not allowed" in problem:
        return (
            "a `field:` here is indented further than the line before it, or a value contains `: `; "
            f"{_LINE_UP}, or put the value in quotes"
        )
    if "could not find expected ':'" in problem:
        return "a line here has no `:` after its field name; write `field: value`, or put text in quotes"
    if "found unexpected end of stream" in problem and "quoted scalar" in context:
        return "a quoted value is never closed; add the closing quote"
    return None
