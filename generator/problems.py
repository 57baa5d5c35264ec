"""Problems found in a directory: one shape for every check, reported all at once."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

# Characters that would act on a maintainer's terminal or reorder text when a message is shown:
# C0/C1 controls (ESC starts terminal escape sequences) and bidirectional embeddings and overrides.
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
QUOTE_LIMIT = 80


def printable(text: str) -> str:
    """Text with every control and bidirectional-override character written as an escape (\\x1b, \\u202e)."""

    def escape(match: re.Match) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return UNPRINTABLE.sub(escape, text)


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value for a message: in backticks, at most `limit` characters of it, controls escaped."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"`{printable(text)}`"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    severity: Severity = "error"
    field: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def as_text(self) -> str:
        # Escaped here too: whatever a check quoted, nothing reaches a terminal as a control sequence.
        path = printable(self.path).replace("\n", "\\n").replace("\t", "\\t")
        return f"{path}:{self.line}:{self.column}: {self.severity}: {printable(self.message)}"

    def as_github(self) -> str:
        """A workflow command (`::error file=...::message`) that GitHub turns into an annotation."""
        return (
            f"::{self.severity} file={github_property(self.path)},line={self.line},col={self.column}"
            f"::{github_data(self.message)}"
        )


def github_data(text: str) -> str:
    """A workflow command's message: '%', CR and LF escaped, so a value cannot end the command or start another;
    other controls escaped as in as_text, since the Actions log acts on terminal escapes too."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: str) -> str:
    """A workflow command's property value (file, title): ':' and ',' end a value there, so they are escaped too."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Problems:
    """An ordered collection of problems with helpers for reporting."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def promote_warnings(self) -> Problems:
        return Problems([Problem(p.path, p.line, p.column, p.message, "error", p.field) for p in self.items])

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=lambda p: (p.path, p.line, p.column, p.message))

    def __iter__(self):
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def format_problems(problems: Iterable[Problem], fmt: str) -> str:
    problems = list(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(p.as_github() for p in problems)
    return "\n".join(p.as_text() for p in problems)
