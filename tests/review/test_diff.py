"""`kindred diff` core: a real (temporary) git repository, changed the way pull requests change it."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from generator.review.diff import GitError, code, diff_against_ref, render

KINDS = ("helplines", "communities", "teletherapy")

NEW_LINE = """\
name: Papyrus HOPELINE247
summary: Confidential support for young people with thoughts of suicide.
website: https://www.papyrus-uk.org/
countries: [GB]
languages: [en]
topics: [suicidal-thoughts]
cost: free
contacts:
  - method: phone
    number: "0800 068 4141"
  - method: email
    address: pat@papyrus-uk.org
"""


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    result = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                             "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                            cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture
def repo(tmp_path, valid_listings, taxonomy_text, monkeypatch):
    """A git repository with directory/ holding the four valid listings, committed; cwd is its root."""
    repo = tmp_path / "repo"
    root = repo / "directory"
    for kind in KINDS:
        (root / kind).mkdir(parents=True)
    (root / "taxonomy.yaml").write_text(taxonomy_text, encoding="utf-8")
    for name, text in valid_listings.items():
        (root / name).write_text(text, encoding="utf-8")
    (repo / "README.md").write_text("test\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    monkeypatch.chdir(repo)
    return repo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def make_pull_request_changes(repo: Path) -> None:
    root = repo / "directory"
    edit(root / "helplines/samaritans.yaml", 'number: "116 123"', 'number: "0800 1111"')
    edit(root / "helplines/samaritans.yaml", "name: Samaritans", "name: Samaritans UK")
    edit(root / "helplines/crisis-text-line.yaml", "keyword: HOME", "keyword: HELLO")
    edit(root / "helplines/crisis-text-line.yaml", "https://www.crisistextline.org/text-us/",
         "https://crisis-text.example.net/chat")
    (root / "teletherapy/calm-harbor.yaml").unlink()
    (root / "communities/side-by-side.yaml").rename(root / "communities/side-by-side-forum.yaml")
    (root / "helplines/papyrus.yaml").write_text(NEW_LINE, encoding="utf-8")


def test_markdown_puts_changed_numbers_and_domains_first(repo):
    make_pull_request_changes(repo)
    result = diff_against_ref("HEAD", "directory")
    markdown = render(result, "markdown")

    assert markdown.startswith("## Listing changes since `HEAD`")
    assert "**1** added · **1** removed · **1** renamed · **2** changed" in markdown

    numbers = markdown.index("### ⚠ Changed phone numbers")
    domains = markdown.index("### ⚠ Changed domains")
    assert numbers < domains < markdown.index("### Added listings")
    number_table = markdown[numbers:domains]
    assert ("| `helplines/samaritans` | phone | `116 123` → `tel:116123` | `0800 1111` → `tel:+448001111` |"
            in number_table)
    assert ("| `helplines/crisis-text-line` | sms | `741741 (keyword HOME)` → `sms:741741?body=HOME` | "
            "`741741 (keyword HELLO)` → `sms:741741?body=HELLO` |" in number_table)

    domain_table = markdown[domains:markdown.index("### Added listings")]
    assert "chat link" in domain_table
    assert "`https://www.crisistextline.org/text-us/`" in domain_table
    assert "`https://crisis-text.example.net/chat`" in domain_table
    assert "**domain changed: crisistextline.org → crisis-text.example.net**" in domain_table

    assert "#### `helplines/papyrus` — Papyrus HOPELINE247" in markdown
    assert "| phone | `0800 068 4141` → `tel:+448000684141` |" in markdown
    assert "| email | `pat@papyrus-uk.org` |" in markdown
    assert "- `teletherapy/calm-harbor` — Calm Harbor Therapy" in markdown
    assert "#### `communities/side-by-side` → `communities/side-by-side-forum`" in markdown
    assert "(same content)" in markdown
    assert "- name: `Samaritans` → `Samaritans UK`" in markdown


def test_the_structured_result(repo):
    make_pull_request_changes(repo)
    result = diff_against_ref("HEAD", repo / "directory")
    assert [(c.change, c.key) for c in result.listings] == [
        ("added", "helplines/papyrus"),
        ("removed", "teletherapy/calm-harbor"),
        ("renamed", "communities/side-by-side-forum"),
        ("changed", "helplines/crisis-text-line"),
        ("changed", "helplines/samaritans"),
    ]
    changed = {(c.key, p.old.value, p.new.value) for c, p in result.number_changes}
    assert changed == {("helplines/samaritans", "116 123", "0800 1111"),
                       ("helplines/crisis-text-line", "741741", "741741")}
    ((_, point),) = result.domain_changes
    assert point.domain_changed == ("crisistextline.org", "crisis-text.example.net")
    renamed = result.by_change("renamed")[0]
    assert renamed.old_key == "communities/side-by-side" and not renamed.points and not renamed.fields
    assert result.new_errors == [] and result.old_error_count == 0


def test_rename_with_a_changed_number_is_still_flagged(repo):
    root = repo / "directory"
    (root / "helplines/samaritans.yaml").rename(root / "helplines/samaritans-uk-ie.yaml")
    edit(root / "helplines/samaritans-uk-ie.yaml", 'number: "116 123"', 'number: "0800 1111"')
    result = diff_against_ref("HEAD", "directory")
    (change,) = result.listings
    assert change.change == "renamed" and change.rename_reason == "same website"
    assert [(p.old.href, p.new.href) for _, p in result.number_changes] == [("tel:116123", "tel:+448001111")]


def test_a_new_link_on_a_new_domain_and_reformatted_numbers(repo):
    root = repo / "directory"
    edit(root / "helplines/samaritans.yaml", 'number: "116 123"', 'number: "116123"')
    edit(root / "helplines/samaritans.yaml", "    free: true\n",
         "    free: true\n  - method: chat\n    url: https://samaritans-help.example.com/chat\n")
    result = diff_against_ref("HEAD", "directory")
    assert result.number_changes == [], "the same number written differently dials the same"
    (change,) = result.listings
    assert [(p.change, p.label) for p in change.points] == [("added", "chat link"), ("reformatted", "phone")]
    markdown = render(result, "markdown")
    assert "**new domain: samaritans-help.example.com**" in markdown


def test_other_fields_contact_details_status_and_verification(repo):
    root = repo / "directory"
    edit(root / "helplines/samaritans.yaml", "hours: 24/7\n", "status: closed\nverified: {date: 2026-01-02, "
         "method: called, by: someone, source: \"https://www.samaritans.org/\"}\n")
    edit(root / "helplines/crisis-text-line.yaml", "    hours: 24/7\n  - method: chat",
         "    hours: 24/7\n    note: Standard rates may apply.\n  - method: chat")
    edit(root / "helplines/crisis-text-line.yaml", "countries: [US]", "countries: [US, CA]")
    markdown = render(diff_against_ref("HEAD", "directory"), "markdown")
    assert "### ⚠ Verification records added or changed" in markdown
    assert "- status: `(none)` → `closed`" in markdown
    assert "- hours: `24/7` → `(none)`" in markdown
    assert "- countries: `US` → `US, CA`" in markdown
    assert "- sms 741741: note: `(none)` → `Standard rates may apply.`" in markdown


def test_an_invalid_listing_at_the_ref_is_still_compared(repo):
    root = repo / "directory"
    edit(root / "helplines/samaritans.yaml", "cost: free", "cost: gratis")
    git(repo, "commit", "-q", "-am", "broken listing")
    edit(root / "helplines/samaritans.yaml", "cost: gratis", "cost: free")
    edit(root / "helplines/samaritans.yaml", 'number: "116 123"', 'number: "0800 1111"')
    result = diff_against_ref("HEAD", "directory")
    assert result.old_error_count == 1
    assert [(c.key, p.old.value, p.new.value) for c, p in result.number_changes] == [
        ("helplines/samaritans", "116 123", "0800 1111")]
    markdown = render(result, "markdown")
    assert "had 1 validation error(s)" in markdown
    assert "- cost: `gratis` → `free`" in markdown


def test_errors_in_the_new_version_are_listed(repo):
    edit(repo / "directory/helplines/samaritans.yaml", "cost: free", "cost: gratis")
    result = diff_against_ref("HEAD", "directory")
    assert len(result.new_errors) == 1
    assert "### ⛔ 1 validation error(s) in this version" in render(result, "markdown")
    assert [c.key for c in result.listings] == ["helplines/samaritans"]


def test_no_changes(repo):
    result = diff_against_ref("HEAD", "directory")
    assert result.empty
    assert "No listings were added, removed or changed." in render(result, "markdown")
    assert json.loads(render(result, "json"))["counts"] == {"added": 0, "removed": 0, "renamed": 0, "changed": 0}


def test_a_ref_from_before_the_directory_existed(repo):
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    git(repo, "rm", "-rq", "--cached", "directory")
    git(repo, "commit", "-q", "-m", "no directory")
    result = diff_against_ref("HEAD", "directory")
    assert len(result.by_change("added")) == 4
    assert diff_against_ref(first, "directory").empty


def test_works_from_another_folder_and_ignores_uncommitted_index_state(repo, monkeypatch):
    make_pull_request_changes(repo)
    git(repo, "add", "-A")  # staged, not committed: the ref still has the old files
    monkeypatch.chdir(repo.parent)
    result = diff_against_ref("HEAD", repo / "directory")
    assert len(result.number_changes) == 2


def test_bad_ref_and_not_a_repository(repo, tmp_path):
    with pytest.raises(GitError, match="is not a commit, branch or tag"):
        diff_against_ref("no-such-branch", "directory")
    outside = tmp_path / "outside"
    (outside / "directory").mkdir(parents=True)
    with pytest.raises(GitError, match="not inside a git repository"):
        diff_against_ref("HEAD", outside / "directory")


def test_text_and_json_reports(repo):
    make_pull_request_changes(repo)
    result = diff_against_ref("HEAD", "directory")
    text = render(result, "text")
    assert "CHANGED NUMBER helplines/samaritans phone: 116 123 [tel:116123] -> 0800 1111 [tel:+448001111]" in text
    assert "DOMAIN CHANGED helplines/crisis-text-line chat link: crisistextline.org -> crisis-text.example.net" in text
    data = json.loads(render(result, "json"))
    assert data["counts"] == {"added": 1, "removed": 1, "renamed": 1, "changed": 2}
    assert {(n["old"]["href"], n["new"]["href"]) for n in data["changed_numbers"]} == {
        ("tel:116123", "tel:+448001111"), ("sms:741741?body=HOME", "sms:741741?body=HELLO")}
    assert data["changed_domains"][0]["domain_changed"] == ["crisistextline.org", "crisis-text.example.net"]


def test_markdown_cannot_be_broken_by_listing_text(repo):
    (repo / "directory/helplines/papyrus.yaml").write_text(
        NEW_LINE.replace("name: Papyrus HOPELINE247", 'name: "Evil | `name` [link](https://x.example/) <b>"'),
        encoding="utf-8")
    markdown = render(diff_against_ref("HEAD", "directory"), "markdown")
    title = next(line for line in markdown.splitlines() if line.startswith("#### "))
    assert title == r"#### `helplines/papyrus` — Evil \| \`name\` \[link\]\(https://x.example/\) \<b\>"


@pytest.mark.parametrize("value, table, expected", [
    ("plain", False, "`plain`"),
    ("a`b", False, "``a`b``"),
    ("`x`", False, "`` `x` ``"),
    ("a|b", True, r"`a\|b`"),
    ("two\nlines", False, "`two lines`"),
])
def test_code_spans(value, table, expected):
    assert code(value, table=table) == expected


def test_numbers_of_new_listings_and_new_contacts_are_in_the_warning_section(repo):
    root = repo / "directory"
    (root / "helplines/papyrus.yaml").write_text(NEW_LINE, encoding="utf-8")
    edit(root / "helplines/crisis-text-line.yaml", "contacts:\n",
         'contacts:\n  - method: phone\n    number: "+1 800 273 8255"\n')
    result = diff_against_ref("HEAD", "directory")
    assert [(c.key, p.new.value) for c, p in result.new_numbers] == [
        ("helplines/papyrus", "0800 068 4141"), ("helplines/crisis-text-line", "+1 800 273 8255")]
    markdown = render(result, "markdown")
    warning = markdown[markdown.index("### ⚠ New phone numbers"):markdown.index("### Added listings")]
    assert "| `helplines/papyrus` | phone | `0800 068 4141` → `tel:+448000684141` |" in warning
    assert "| `helplines/crisis-text-line` | phone | `+1 800 273 8255` → `tel:+18002738255` |" in warning
    assert "email" not in warning  # only numbers: links and addresses have their own checks
    text = render(result, "text")
    assert "NEW NUMBER helplines/papyrus phone: 0800 068 4141 [tel:+448000684141]" in text
    data = json.loads(render(result, "json"))
    assert [item["listing"] for item in data["new_numbers"]] == ["helplines/papyrus", "helplines/crisis-text-line"]
