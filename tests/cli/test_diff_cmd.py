"""`kindred diff` as the pull request workflow runs it."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from click.testing import CliRunner

from generator.cli import main


def git(repo, *args):
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false",
                    *args], cwd=repo, env=env, capture_output=True, check=True)


@pytest.fixture
def repo(tmp_path, make_directory, valid_listings, monkeypatch):
    root = make_directory(valid_listings)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    monkeypatch.chdir(root)
    return root


def diff(*args):
    return CliRunner().invoke(main, ["diff", *args])


def test_markdown_by_default_with_the_changed_number(repo):
    path = repo / "helplines" / "samaritans.yaml"
    path.write_text(path.read_text().replace('"116 123"', '"0800 1111"'))
    result = diff("HEAD", "--directory", str(repo))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("## Listing changes since `HEAD`")
    assert "| `helplines/samaritans` | phone | `116 123` → `tel:116123` | `0800 1111` → `tel:+448001111` |" \
        in result.stdout


def test_exit_0_even_when_the_new_version_is_invalid(repo):
    path = repo / "helplines" / "samaritans.yaml"
    path.write_text(path.read_text().replace("cost: free", "cost: gratis"))
    result = diff("HEAD", "--directory", str(repo), "--format", "text")
    assert result.exit_code == 0
    assert "1 validation error(s) in this version" in result.stdout


def test_json_format(repo):
    (repo / "teletherapy" / "calm-harbor.yaml").unlink()
    result = diff("HEAD", "--directory", str(repo), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["counts"]["removed"] == 1


@pytest.mark.parametrize("ref", ["no-such-branch", "--output=/tmp/x"])
def test_a_bad_ref_is_a_clear_error(repo, ref):
    result = diff("--directory", str(repo), "--", ref)
    assert result.exit_code == 2
    assert "GIT_REF" in result.output and "Traceback" not in result.output
    assert "not a" in result.output


def test_outside_a_repository(tmp_path, monkeypatch, make_directory):
    root = make_directory()
    monkeypatch.chdir(tmp_path)
    env_ceiling = {"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    result = CliRunner(env=env_ceiling).invoke(main, ["diff", "HEAD", "--directory", str(root)])
    assert result.exit_code == 2
    assert "not inside a git repository" in result.output
