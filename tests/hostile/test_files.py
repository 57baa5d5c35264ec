"""Hostile files: links, devices, FIFOs and oversized files are refused by name, never followed or read whole."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.directory import load_directory
from generator.safe_files import UnsafeFile, read_bounded, unsafe_source_files
from generator.yamlsafe import MAX_FILE_BYTES
from kindred_test_support import VALID_HELPLINE


def errors_for(root, name):
    return [p for p in load_directory(root).problems.errors if p.path.endswith(name)]


def test_a_listing_linked_to_a_valid_listing_outside_the_repository_is_refused_and_not_published(
        make_directory, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(VALID_HELPLINE, encoding="utf-8")
    root = make_directory()
    (root / "helplines" / "linked-line.yaml").symlink_to(outside)
    directory = load_directory(root)
    assert [r.id for r in directory.records] == []
    [error] = errors_for(root, "helplines/linked-line.yaml")
    assert (error.line, error.column) == (1, 1)
    assert "symbolic link" in error.message and "never followed" in error.message


def test_a_listing_linked_to_dev_zero_is_refused_without_reading_it(make_directory):
    root = make_directory()
    (root / "helplines" / "endless-line.yaml").symlink_to("/dev/zero")
    started = time.perf_counter()
    [error] = errors_for(root, "helplines/endless-line.yaml")
    assert time.perf_counter() - started < 5
    assert "symbolic link" in error.message


def test_a_fifo_named_like_a_listing_is_refused_without_blocking(make_directory):
    root = make_directory()
    os.mkfifo(root / "helplines" / "pipe-line.yaml")
    [error] = errors_for(root, "helplines/pipe-line.yaml")
    assert "FIFO" in error.message and "only regular files" in error.message


def test_a_linked_kind_folder_and_a_linked_taxonomy_are_each_reported_once(make_directory, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.yaml").write_text(VALID_HELPLINE, encoding="utf-8")
    root = make_directory(taxonomy=False)
    (root / "communities").rmdir()
    (root / "communities").symlink_to(elsewhere)
    (root / "taxonomy.yaml").symlink_to(tmp_path / "missing-target.yaml")
    problems = load_directory(root).problems.errors
    assert [p.path.rsplit("/", 1)[-1] for p in problems] == ["communities", "taxonomy.yaml"]
    assert all("symbolic link" in p.message for p in problems)


def test_read_bounded_reads_at_most_one_byte_past_the_limit(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * (MAX_FILE_BYTES * 4))
    assert len(read_bounded(big, MAX_FILE_BYTES)) == MAX_FILE_BYTES + 1
    with pytest.raises(UnsafeFile, match="device"):
        read_bounded("/dev/null", 10)


def test_an_oversized_listing_names_its_size_and_the_limit(make_directory):
    root = make_directory({"helplines/huge-line.yaml": "description: " + "x" * 200_000 + "\n"})
    [error] = errors_for(root, "helplines/huge-line.yaml")
    assert "200,014 bytes" in error.message and "65,536" in error.message


def test_links_in_articles_and_theme_overrides_are_errors_naming_the_path(tmp_path):
    content, overrides = tmp_path / "content", tmp_path / "overrides"
    content.mkdir(), overrides.mkdir()
    (content / "index.md").write_text("# Home\n", encoding="utf-8")
    (content / "secrets.md").symlink_to("/proc/self/environ")
    (overrides / "partials").mkdir()
    (overrides / "partials" / "git.html").symlink_to(tmp_path / ".git-config")
    problems = unsafe_source_files(str(content), str(overrides))
    assert sorted(p.path.rsplit("/", 2)[-1] for p in problems) == ["git.html", "secrets.md"]


def test_the_site_build_refuses_a_linked_article_and_publishes_nothing(tmp_path):
    """A real `mkdocs build` with content/secret.md -> a file outside the repository."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    project = tmp_path / "project"
    project.mkdir()
    (project / "content").mkdir()
    (project / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=ghs_not_for_the_site\n", encoding="utf-8")
    (project / "content" / "leak.txt").symlink_to(secret)
    (project / "mkdocs.yml").write_text(
        "site_name: T\ndocs_dir: content\nsite_dir: site\ntheme: {name: material}\n"
        f"plugins:\n  - kindred:\n      directory: {fixtures / 'site_directory'}\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, capture_output=True,
                         text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert run.returncode != 0
    assert "content/leak.txt" in run.stderr and "symbolic link" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (project / "site").exists()


def test_validate_reports_every_unsafe_file_at_once_without_a_traceback(make_directory, tmp_path):
    root = make_directory({"helplines/good-line.yaml": VALID_HELPLINE})
    (root / "helplines" / "a-link.yaml").symlink_to(root / "helplines" / "good-line.yaml")
    os.mkfifo(root / "communities" / "a-fifo.yaml")
    result = CliRunner().invoke(main, ["validate", str(root)])
    assert result.exit_code == 1
    assert "a-link.yaml:1:1: error:" in result.output and "a-fifo.yaml:1:1: error:" in result.output
    assert "Traceback" not in result.output
