"""`kindred stale` as the weekly workflow runs it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from generator.cli import main

VERIFIED = ('verified: {date: 2024-05-01, method: website, by: tester, '
            'source: "https://www.samaritans.org/contact"}\n')


def stale(*args):
    return CliRunner().invoke(main, ["stale", *args])


def test_markdown_report_oldest_first(make_directory, valid_listings):
    listings = dict(valid_listings)
    listings["helplines/samaritans.yaml"] += VERIFIED
    root = make_directory(listings)
    result = stale("--directory", str(root), "--format", "markdown", "--today", "2026-01-16")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("| `")]
    assert [line.split("|")[1].strip() for line in lines] == [
        "`communities/side-by-side`", "`helplines/crisis-text-line`", "`helplines/samaritans`",
        "`teletherapy/calm-harbor`"]
    assert "| 2024-05-01 | 20 months |" in lines[2] and "| 2025-01-15 | 12 months |" in lines[3]
    assert result.stdout.startswith("**4 of 4 published listings have not been verified in the last 12 months "
                                    "(2 never verified).**")


def test_months_option_and_json(make_directory, valid_listings):
    root = make_directory(valid_listings)
    result = stale("--directory", str(root), "--months", "36", "--format", "json", "--today", "2026-01-15")
    data = json.loads(result.stdout)
    assert [item["key"] for item in data["listings"]] == [
        "communities/side-by-side", "helplines/crisis-text-line", "helplines/samaritans"]


def test_an_invalid_directory_prints_its_problems_and_exits_1(make_directory, valid_listings):
    listings = dict(valid_listings)
    listings["helplines/samaritans.yaml"] = listings["helplines/samaritans.yaml"].replace("cost: free", "cost: gratis")
    root = make_directory(listings)
    result = stale("--directory", str(root))
    assert result.exit_code == 1
    assert "samaritans.yaml:8:7: error:" in result.stderr
    assert "fix the errors first" in result.stderr and result.stdout == ""
    assert "Traceback" not in result.output


def test_strict_fails_only_on_a_verification_older_than_24_months(make_directory, valid_listings):
    listings = dict(valid_listings)
    listings["helplines/samaritans.yaml"] += VERIFIED  # 2024-05-01
    root = make_directory(listings)
    # 20 months old (and two never-verified listings): listed, but --strict passes.
    passing = stale("--directory", str(root), "--strict", "--today", "2026-01-16")
    assert passing.exit_code == 0, passing.output
    assert "helplines/samaritans" in passing.stdout
    # 25 months old: --strict fails and names the file and the line of `verified`.
    failing = stale("--directory", str(root), "--strict", "--today", "2026-06-02")
    assert failing.exit_code == 1
    line = listings["helplines/samaritans.yaml"].splitlines().index(VERIFIED.strip()) + 1
    assert f"samaritans.yaml:{line}: error: `verified` is 25 months old" in failing.stderr
    assert "may be out of date" in failing.stderr
    # Without --strict the same report exits 0; a longer --months does not hide the outdated one from --strict.
    assert stale("--directory", str(root), "--today", "2026-06-02").exit_code == 0
    assert stale("--directory", str(root), "--strict", "--months", "36", "--today", "2026-06-02").exit_code == 1
