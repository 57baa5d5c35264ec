"""The directory shipped with the project validates cleanly."""

from __future__ import annotations

from click.testing import CliRunner
from kindred_test_support import SHIPPED_DIRECTORY

from generator.cli import main
from generator.directory import load_directory


def test_shipped_directory_has_no_errors():
    directory = load_directory(SHIPPED_DIRECTORY)
    errors = [p.as_text() for p in directory.problems.sorted() if p.severity == "error"]
    assert errors == []
    assert directory.records, "the shipped directory holds no listings"


def test_shipped_directory_has_no_warnings():
    # A warning (http://, a shared number, an unlisted short code) is a question for a reviewer:
    # the shipped data answers it (https, `short_code: true`) rather than carrying it.
    warnings = [p.as_text() for p in load_directory(SHIPPED_DIRECTORY).problems.sorted() if p.severity == "warning"]
    assert warnings == []


def test_shipped_directory_passes_strict_validation_from_the_command_line():
    result = CliRunner().invoke(main, ["validate", "--strict", str(SHIPPED_DIRECTORY)])
    assert result.exit_code == 0, result.output


def test_every_kind_has_listings():
    kinds = {record.kind for record in load_directory(SHIPPED_DIRECTORY).records}
    assert kinds == {"helplines", "communities", "teletherapy"}
