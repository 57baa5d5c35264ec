"""Load one listing file strictly, remembering where every value came from.

PyYAML's C composer builds the node tree fast; we then convert nodes to plain
Python ourselves so that:
- anchors, aliases, custom tags and duplicate keys become problems;
- scalars follow YAML 1.2's core schema, not 1.1 (``NO`` stays "NO", ``09:00``
  stays "09:00", ``YES`` stays a string; only true/false are booleans);
- every key and value keeps its line and column for error messages.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is a fixed choice; the fallback only keeps odd installs working
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from .problems import UNPRINTABLE, Problem, printable
from .safe_files import UnsafeFile, read_bounded
from .yaml_messages import plain_syntax_message

MAX_FILE_BYTES = 64 * 1024

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUES = {"true", "True", "TRUE"}
_FALSES = {"false", "False", "FALSE"}
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_PLAIN = "tag:kindred,2026:plain"  # an untagged plain scalar; _plain_value gives its type
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary", "merge")
} | {_PLAIN}
_NUMERIC_START = frozenset("0123456789+-.")
# An anchor is `&` then its name; "Veterans & Families" (a space after `&`) cannot be one.
_MAYBE_ANCHOR = re.compile(r"&[^\s,\[\]{}]")


class _StrictLoader(_Loader):
    """The C composer without PyYAML's YAML 1.1 implicit resolvers.

    Those run Python regexes on every scalar while composing (a third of the load time) only for
    _plain_value to type the scalar again, and they tagged a plain `=` as `!!value`, which then
    looked like a custom tag nobody wrote.
    """

    def descend_resolver(self, current_node, current_index):  # path resolvers: none are registered
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:  # plain, untagged
                return _MERGE if value == "<<" else _PLAIN
            return _STR  # quoted, block, or the non-specific `!` tag
        return _MAP if kind is yaml.MappingNode else _SEQ


@dataclass
class Document:
    """A parsed YAML document with source positions (1-based line and column)."""

    data: Any
    value_marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    # Block scalars (`description: |`) begin on the line after their mark: path -> first line of the text.
    text_lines: dict[tuple, int] = field(default_factory=dict)
    # A digest of the bytes the document was read from (load_yaml_file): what a build's caches key a listing by.
    digest: str = ""

    def text_line(self, path: tuple, offset: int = 0) -> int:
        """The file line of line `offset` (0-based) inside the text value at path."""
        if path in self.text_lines:
            return self.text_lines[path] + offset
        return self.position(path)[0] + offset

    def position(self, path: tuple, *, key: bool = False) -> tuple[int, int]:
        """Best position for a path: the exact key or value, else the nearest parent."""
        path = tuple(path)
        while True:
            if key and path in self.key_marks:
                return self.key_marks[path]
            if path in self.value_marks:
                return self.value_marks[path]
            if path in self.key_marks:
                return self.key_marks[path]
            if not path:
                return (1, 1)
            path = path[:-1]


class _Converter:
    def __init__(self, display_path: str, aliases_possible: bool = True, text: str | None = None):
        self.display_path = display_path
        self.text = text  # given only when the file may hold characters that no value may contain
        self.doc = Document(None)
        self.value_marks = self.doc.value_marks
        self.key_marks = self.doc.key_marks
        self.problems: list[Problem] = []
        # Aliases reuse a node; without an `&` in the file there are none to look for.
        self.seen_nodes: set[int] | None = set() if aliases_possible else None

    def problem(self, mark, message: str) -> None:
        self.problems.append(Problem(self.display_path, mark.line + 1, mark.column + 1, message))

    def convert(self, node, path: tuple) -> Any:
        mark = node.start_mark
        self.value_marks[path] = (mark.line + 1, mark.column + 1)
        if self.text is not None and type(node) is yaml.ScalarNode:
            self._check_characters(node)
        seen = self.seen_nodes
        if seen is not None:
            if id(node) in seen:
                return None  # an alias: the composer reuses the node; the event scan reported it
            seen.add(id(node))
        tag = node.tag
        if tag == _PLAIN:
            return _plain_value(node.value)
        if tag not in _STANDARD_TAGS:
            return self._custom_tag(node)
        kind = type(node)
        if kind is yaml.MappingNode:
            return self._mapping(node, path)
        if kind is yaml.SequenceNode:
            convert = self.convert
            return [convert(child, path + (i,)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _custom_tag(self, node) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!", 1)  # as written: !!python/object, not the URI
        self.problem(node.start_mark, f"custom YAML tag `{tag}` is not allowed; remove it and write a plain value")
        return None

    def _key_refused(self, key_node) -> bool:
        """Merge keys and keys that are lists or mappings are reported and skipped."""
        if key_node.tag == _MERGE:
            self.problem(key_node.start_mark, "YAML merge keys (<<) are not allowed; write the fields out in full")
            return True
        if type(key_node) is not yaml.ScalarNode:
            self.problem(key_node.start_mark, "a key must be a plain word, not a list or mapping")
            return True
        return False

    def _duplicate_key(self, key_node, first_line: int) -> None:
        key = key_node.value
        self.problem(key_node.start_mark, f"duplicate key `{key}` (first given on line {first_line}); keep only one")

    def _check_characters(self, node) -> None:
        """Control characters and bidirectional overrides (written as they are or as escapes) are refused:
        they would reach pages, CSV files and terminals, and overrides make text read other than it is."""
        found = UNPRINTABLE.search(node.value)
        if not found:
            return
        char = found.group()
        # Point at the character itself when it is in the file as written, else at the value's start.
        assert self.text is not None
        at = self.text.find(char, node.start_mark.index, node.end_mark.index)
        line, column = (
            _line_column(self.text, at) if at >= 0 else (node.start_mark.line + 1, node.start_mark.column + 1)
        )
        what = "a bidirectional override" if ord(char) > 0xFF else "a control character"
        self.problems.append(
            Problem(
                self.display_path,
                line,
                column,
                f"{what} ({printable(char)}) is not allowed in a value; delete it (tabs and line breaks are fine)",
            )
        )

    def _mapping(self, node, path: tuple) -> dict:
        result: dict = {}
        key_marks = self.key_marks
        for key_node, value_node in node.value:
            if (key_node.tag == _MERGE or type(key_node) is not yaml.ScalarNode) and self._key_refused(key_node):
                continue
            key = key_node.value
            mark = key_node.start_mark
            key_path = path + (key,)
            if key in result:
                self._duplicate_key(key_node, key_marks[key_path][0])
                continue
            key_marks[key_path] = (mark.line + 1, mark.column + 1)
            result[key] = self.convert(value_node, key_path)
        return result

    def _scalar(self, node, path: tuple) -> Any:
        """A scalar with an explicit standard tag (`!!str 123`), or quoted or block text."""
        value = node.value
        if node.style:  # the C composer gives '' for plain scalars
            if node.style in "|>":
                self.doc.text_lines[path] = node.start_mark.line + 2
            return value  # quoted and block scalars are always text
        return _tagged_value(node)


def _tagged_value(node) -> Any:
    """A plain scalar with an explicit standard tag: `!!str 123` stays text, `!!int 5` is typed."""
    value = node.value
    typed = _plain_value(value)
    if node.tag == _STR and not isinstance(typed, str):
        return value  # an explicit !!str makes "123" or "true" a string
    return typed


class _DataConverter(_Converter):
    """The same values and problems as _Converter, without recording a position for every key and value:
    a NodeDocument finds the few positions a check asks for in the node tree. Only for files without
    anchors, where no node is met twice."""

    def __init__(self, display_path: str, text: str | None = None):
        super().__init__(display_path, aliases_possible=False, text=text)
        # id(mapping node) -> key -> (key node, value node) of the key's first appearance, the one that is read
        self.entries: dict[int, dict[str, tuple]] = {}

    def convert(self, node, path: tuple = ()) -> Any:
        if self.text is not None and type(node) is yaml.ScalarNode:
            self._check_characters(node)
        tag = node.tag
        if tag == _PLAIN:
            return _plain_value(node.value)
        if tag not in _STANDARD_TAGS:
            return self._custom_tag(node)
        kind = type(node)
        if kind is yaml.MappingNode:
            return self._mapping(node, path)
        if kind is yaml.SequenceNode:
            return self._sequence(node)
        if node.style:
            return node.value  # quoted and block scalars are always text
        return _tagged_value(node)

    # Most values are scalars that _StrictLoader.resolve tagged with the very _PLAIN or _STR object (a tag written in
    # the file is another string, even when equal): those are typed here, in the loop, rather than by a call to
    # convert per value (a fifth of the conversion's time). Not when the file's characters must be checked.

    def _mapping(self, node, path: tuple = ()) -> dict:
        result: dict = {}
        firsts: dict[str, tuple] = {}
        self.entries[id(node)] = firsts
        convert = self.convert
        quick = self.text is None
        for key_node, value_node in node.value:
            if (key_node.tag == _MERGE or type(key_node) is not yaml.ScalarNode) and self._key_refused(key_node):
                continue
            key = key_node.value
            if key in result:
                self._duplicate_key(key_node, firsts[key][0].start_mark.line + 1)
                continue
            firsts[key] = (key_node, value_node)
            tag = value_node.tag
            if quick and tag is _PLAIN:
                value = value_node.value
                result[key] = (
                    _WORDS.get(value, value) if value and value[0] not in _NUMERIC_START else _plain_value(value)
                )
            elif quick and tag is _STR and value_node.style:
                result[key] = value_node.value  # quoted and block scalars are always text
            else:
                result[key] = convert(value_node)
        return result

    def _sequence(self, node) -> list:
        if self.text is not None:
            convert = self.convert
            return [convert(child) for child in node.value]
        items = []
        for child in node.value:
            tag = child.tag
            if tag is _PLAIN:
                value = child.value
                items.append(
                    _WORDS.get(value, value) if value and value[0] not in _NUMERIC_START else _plain_value(value)
                )
            elif tag is _STR and child.style:
                items.append(child.value)
            else:
                items.append(self.convert(child))
        return items


class NodeDocument(Document):
    """A Document that keeps the composed node tree and reads a position from it when one is asked for,
    giving what Document would have recorded (tests/test_yaml_positions.py compares the two on every path).
    `kindred validate` asks for a few positions per file, so recording every one is wasted; the tree is
    larger than the recorded positions, so documents kept for a build record them instead."""

    def __init__(self, data: Any, root, entries: dict[int, dict[str, tuple]]) -> None:
        super().__init__(data)
        self._root = root
        self._entries = entries  # every mapping's keys as _DataConverter read them: the first of duplicates

    def _find(self, path: tuple):
        """(node, key node or None, parts matched) for the longest start of path that the file has."""
        node, key_node, matched = self._root, None, 0
        entries = self._entries
        for part in path:
            if node.tag not in _STANDARD_TAGS:
                break  # a custom tag: its value was refused, and nothing under it was read
            kind = type(node)
            if kind is yaml.MappingNode:
                # Every mapping that was read has its entries; merge keys and list or mapping keys are not among them.
                entry = entries[id(node)].get(part) if isinstance(part, str) else None
                if entry is None:
                    break
                key_node, node = entry
            elif kind is yaml.SequenceNode and isinstance(part, int) and 0 <= part < len(node.value):
                key_node, node = None, node.value[part]
            else:
                break
            matched += 1
        return node, key_node, matched

    def position(self, path: tuple, *, key: bool = False) -> tuple[int, int]:
        node, key_node, _ = self._find(tuple(path))
        mark = key_node.start_mark if key and key_node is not None else node.start_mark
        return mark.line + 1, mark.column + 1

    def text_line(self, path: tuple, offset: int = 0) -> int:
        path = tuple(path)
        node, _, matched = self._find(path)
        if (
            matched == len(path)
            and type(node) is yaml.ScalarNode
            and node.style
            and node.style in "|>"
            and node.tag in _STANDARD_TAGS  # a custom-tagged block was refused, so no text line was kept
        ):
            return node.start_mark.line + 2 + offset  # a block scalar's text begins on the next line
        return self.position(path)[0] + offset


# The plain scalars that are not text although they start with neither a digit, a sign nor a point.
_WORDS: dict[str, Any] = {
    **dict.fromkeys(_NULLS - {""}),
    **dict.fromkeys(_TRUES, True),
    **dict.fromkeys(_FALSES, False),
}


def _plain_value(value: str) -> Any:
    """YAML 1.2 core schema for plain scalars."""
    if value and value[0] not in _NUMERIC_START and len(value) > 5:
        return value  # the common case, text: no null, boolean or number is longer and starts so
    if value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    if _INT.match(value):
        # "0800 1111" written without spaces must not lose its leading zero.
        digits = value.lstrip("+-")
        return value if len(digits) > 1 and digits.startswith("0") else int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def _scan_anchors_and_tags(text: str, display_path: str) -> list[Problem]:
    """Find anchors and aliases, which the composed tree no longer shows."""
    problems = []
    for event in yaml.parse(text, Loader=_Loader):
        anchor = getattr(event, "anchor", None)
        mark = event.start_mark
        if not anchor:
            continue
        if isinstance(event, yaml.AliasEvent):
            message = f"YAML aliases (*{anchor}) are not allowed; write the value out in full"
        else:
            message = f"YAML anchors (&{anchor}) are not allowed; write each value out in full"
        problems.append(Problem(display_path, mark.line + 1, mark.column + 1, message))
    return problems


def _line_column(text: str, position: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, position) + 1
    return text.count("\n", 0, position) + 1, position - line_start + 1


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display_path: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    context = exc.context or ""
    if context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        context += f" (from line {exc.context_mark.line + 1})"
    detail = " ".join(filter(None, [context, exc.problem]))
    lines = text.split("\n")
    if mark and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        detail += "; indent with spaces, not tabs"
    elif plain := plain_syntax_message(exc):  # indentation mistakes in words (yaml_messages.py)
        return Problem(display_path, line, column, f"YAML syntax error: {plain} (the parser said: {detail})")
    return Problem(display_path, line, column, f"YAML syntax error: {detail}")


def load_yaml_file(
    path: Path, display_path: str, *, positions_on_demand: bool = False, raw: bytes | None = None
) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file. Returns the document (or None) and its problems.

    With positions_on_demand, the document may be a NodeDocument: the same data, problems and positions,
    found when asked for rather than recorded while reading (faster when few are asked for).
    raw: what read_bounded(path, MAX_FILE_BYTES) gave the caller already (the very bytes it keyed a result by)."""
    if raw is None:
        try:
            raw = read_bounded(path, MAX_FILE_BYTES)
        except UnsafeFile as exc:
            return None, [Problem(display_path, 1, 1, str(exc))]
    if len(raw) > MAX_FILE_BYTES:  # a regular file, so its size can be told without reading the rest
        return None, [_too_large(display_path, os.lstat(path).st_size)]
    doc, problems = load_yaml_bytes(raw, display_path, positions_on_demand=positions_on_demand)
    if doc is not None:
        doc.digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    return doc, problems


def _too_large(display_path: str, size: int | None) -> Problem:
    told = f"{size:,} bytes" if size else f"larger than {MAX_FILE_BYTES:,} bytes"
    return Problem(
        display_path, 1, 1, f"file is {told}; a listing file may be at most {MAX_FILE_BYTES:,} bytes (64 KiB)"
    )


def load_yaml_bytes(
    raw: bytes, display_path: str, *, positions_on_demand: bool = False
) -> tuple[Document | None, list[Problem]]:
    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_large(display_path, len(raw))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                display_path, line, column, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Problem(display_path, line, 1, "file contains a NUL character; save it as plain UTF-8 text")]
    try:
        problems = []
        if "&" in text and _MAYBE_ANCHOR.search(text):  # no anchor, no alias: skip the slower event scan
            problems = _scan_anchors_and_tags(text, display_path)
        nodes = list(yaml.compose_all(text, Loader=_StrictLoader))
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, display_path)]
    except yaml.reader.ReaderError as exc:  # a character YAML forbids (control characters)
        line, column = _line_column(text, exc.position)
        return None, [
            Problem(
                display_path,
                line,
                column,
                f"character U+{exc.character:04X} is not allowed in YAML (control characters); delete it",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Problem(display_path, 1, 1, f"YAML error: {exc}")]
    except (ValueError, RecursionError) as exc:  # e.g. C reader rejecting control characters
        return None, [Problem(display_path, 1, 1, f"YAML error: {exc}")]
    if len(nodes) > 1:
        mark = nodes[1].start_mark
        return None, problems + [
            Problem(display_path, mark.line + 1, 1, "a listing file holds one YAML document; remove the second `---`")
        ]
    if not nodes:
        return None, [
            Problem(
                display_path,
                1,
                1,
                "file is empty; a listing needs at least name, summary, website, "
                "countries, languages, topics, cost and contacts",
            )
        ]
    # Most files have neither an escape nor an unwanted character: then no value needs checking.
    suspicious = "\\" in text or UNPRINTABLE.search(text) is not None
    if positions_on_demand and not problems:  # no anchor: no node is met twice
        quick = _DataConverter(display_path, text=text if suspicious else None)
        try:
            data = quick.convert(nodes[0])
        except RecursionError:
            return None, [Problem(display_path, 1, 1, "YAML nesting is too deep")]
        return NodeDocument(data, nodes[0], quick.entries), quick.problems
    converter = _Converter(display_path, aliases_possible=bool(problems), text=text if suspicious else None)
    try:
        converter.doc.data = converter.convert(nodes[0], ())
    except RecursionError:
        return None, [Problem(display_path, 1, 1, "YAML nesting is too deep")]
    return converter.doc, problems + converter.problems
