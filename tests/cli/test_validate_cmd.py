"""`kindred validate`: exit codes, output formats, single-file paths, and no traceback ever."""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from kindred_test_support import (
    VALID_HELPLINE,
    VALID_LISTINGS,
    VALID_SMS_HELPLINE,
    line_of,
    set_field,
)

from generator.cli import main

TEXT_LINE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<message>.+)$")


def validate(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


def no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "internal error" not in result.output


def test_clean_directory_exits_0_with_a_summary(make_directory):
    result = validate(str(make_directory(VALID_LISTINGS)))
    assert result.exit_code == 0
    assert "4 listing(s) read" in result.output and "0 error(s), 0 warning(s)" in result.output


def test_error_exits_1_and_prints_path_line_column(make_directory):
    text = set_field(VALID_HELPLINE, "cost", "cheap")
    root = make_directory({"helplines/samaritans.yaml": text})
    result = validate(str(root))
    assert result.exit_code == 1
    [line] = [m for m in map(TEXT_LINE.match, result.output.splitlines()) if m]
    assert Path(line["path"]).resolve() == (root / "helplines" / "samaritans.yaml").resolve()
    assert (int(line["line"]), int(line["column"]), line["severity"]) == (line_of(text, "cost:"), 7, "error")
    assert "1 error(s)" in result.output


def test_warning_alone_exits_0_unless_strict(make_directory):
    root = make_directory({"helplines/samaritans.yaml": set_field(VALID_HELPLINE, "website", "http://samaritans.org/")})
    relaxed, strict = validate(str(root)), validate("--strict", str(root))
    assert relaxed.exit_code == 0 and "warning: `website`" in relaxed.output
    assert strict.exit_code == 1 and "error: `website`" in strict.output


def test_json_format_is_a_parseable_list(make_directory):
    text = set_field(set_field(VALID_HELPLINE, "cost", "cheap"), "website", "http://www.samaritans.org/")
    result = validate("--format", "json", str(make_directory({"helplines/samaritans.yaml": text})))
    assert result.exit_code == 1
    problems = json.loads(result.output)
    assert isinstance(problems, list) and len(problems) == 2
    for problem in problems:
        assert {"path", "line", "column", "message", "severity"} <= set(problem)
        assert isinstance(problem["line"], int) and isinstance(problem["column"], int)
    assert sorted((p["line"], p["severity"]) for p in problems) == [
        (line_of(text, "website:"), "warning"), (line_of(text, "cost:"), "error")]


def test_json_format_of_a_clean_directory_is_an_empty_list(make_directory):
    result = validate("--format", "json", str(make_directory(VALID_LISTINGS)))
    assert result.exit_code == 0 and json.loads(result.output) == []


def test_github_format_gives_annotations(make_directory):
    text = set_field(VALID_HELPLINE, "topics", "[anxeity]")
    root = make_directory({"helplines/samaritans.yaml": text})
    result = validate("--format", "github", str(root))
    assert result.exit_code == 1
    [annotation] = result.output.strip().splitlines()
    match = re.fullmatch(r"::error file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+)::(?P<message>.+)",
                         annotation)
    assert match, annotation
    assert match["file"].endswith("samaritans.yaml")
    assert int(match["line"]) == line_of(text, "topics:")
    assert "did you mean `anxiety`?" in match["message"]


def test_github_format_escapes_newlines_in_messages(make_directory):
    root = make_directory({"helplines/samaritans.yaml": VALID_HELPLINE})
    (root / "helplines" / "broken.yaml").write_text("name: a\nsummary: [unclosed\n")
    result = validate("--format", "github", str(root))
    assert all(line.startswith("::") for line in result.output.strip().splitlines())


def test_single_listing_file_validates_its_whole_directory(make_directory):
    # pre-commit passes changed files; a shared number in another file must still be seen.
    second = VALID_SMS_HELPLINE.replace("https://www.crisistextline.org/", "https://www.samaritans.org/")
    root = make_directory({"helplines/aaa.yaml": VALID_HELPLINE, "helplines/bbb.yaml": second,
                           "communities/broken.yaml": "name: [\n"})
    result = validate(str(root / "helplines" / "aaa.yaml"))
    assert result.exit_code == 1
    assert "broken.yaml" in result.output and "also used by" in result.output
    assert "2 listing(s) read" in result.output


def test_taxonomy_file_path_validates_its_directory(make_directory):
    root = make_directory({"helplines/samaritans.yaml": VALID_HELPLINE})
    result = validate(str(root / "taxonomy.yaml"))
    assert result.exit_code == 0 and "1 listing(s) read" in result.output


def test_default_path_is_directory_in_the_working_folder(make_directory, monkeypatch):
    root = make_directory({"helplines/samaritans.yaml": VALID_HELPLINE})
    os.rename(root, root.parent / "directory")
    monkeypatch.chdir(root.parent)
    result = validate()
    assert result.exit_code == 0 and "1 listing(s) read from directory" in result.output


def test_missing_path_is_a_clear_error(tmp_path):
    result = validate(str(tmp_path / "no-such-directory"))
    assert result.exit_code == 2
    assert "does not exist" in result.output
    no_traceback(result)


def test_directory_without_kind_folders_or_taxonomy_says_so(tmp_path):
    result = validate(str(tmp_path))
    assert result.exit_code == 1
    assert "taxonomy file is missing" in result.output
    no_traceback(result)


# --- garbage never produces a traceback ------------------------------------------------------------------

GARBAGE = {
    "random-bytes": bytes(random.Random(1).randrange(256) for _ in range(4000)),
    "random-utf8": "".join(chr(random.Random(2).randrange(32, 0x2FFF)) for _ in range(2000)).encode("utf-8",
                                                                                                      "surrogatepass"),
    "top-level-list": b"- name: Samaritans\n- summary: hi\n",
    "a-number": b"42\n",
    "a-string": b"just some words\n",
    "null": b"~\n",
    "deep-flow": ("name: " + "[" * 2000 + "]" * 2000 + "\n").encode(),
    "deep-block": "".join("  " * i + "k:\n" for i in range(200)).encode(),
    "deep-contacts": ("contacts: " + "[{a: " * 300 + "1" + "}]" * 300 + "\n").encode(),
    "wrong-types": b"name: {a: 1}\nsummary: [1, 2]\nwebsite: 12\ncountries: GB\nlanguages: en\ntopics: anxiety\n"
                   b"cost: {}\ncontacts: {method: phone}\nhours: [24/7]\nage: [1]\nverified: yes\n",
    "contacts-junk": b"contacts: [1, null, [], {}, {method: [phone]}, {method: phone, number: [1]}, "
                     b"{method: sms, number: 99999999999999999999}]\n",
    "keys-junk": b"? [a]\n: 1\n1: 2\nnull: 3\ntrue: 4\n1.5: 5\n",
    "tags": b"name: !!python/object/apply:os.system ['true']\nsummary: !!binary aGk=\n",
    "control-chars": b"name: a\x01b\x1b[31m\n",
    "huge": b"description: " + b"x" * 70_000 + b"\n",
    "only-bom": b"\xef\xbb\xbf",
}


@pytest.mark.parametrize("name", sorted(GARBAGE))
def test_garbage_gives_problems_not_a_traceback(make_directory, name):
    root = make_directory({f"helplines/{name}.yaml": GARBAGE[name]})
    for fmt in ("text", "json", "github"):
        result = validate("--format", fmt, str(root))
        no_traceback(result)
        assert result.exit_code == 1, result.output
        assert f"{name}.yaml" in result.output


def test_garbage_taxonomy_gives_problems_not_a_traceback(make_directory):
    root = make_directory({"helplines/samaritans.yaml": VALID_HELPLINE}, taxonomy=False)
    (root / "taxonomy.yaml").write_bytes(b"topics: 5\naudiences: [[], {id: []}]\n")
    result = validate(str(root))
    no_traceback(result)
    assert result.exit_code == 1 and "taxonomy.yaml" in result.output
