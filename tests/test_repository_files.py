"""Checks for the repository plumbing: GitHub workflows, issue forms,
Dependabot and pre-commit configuration.

Schemas come from check-jsonschema's vendored copies (``--builtin-schema``),
so these tests run offline. Each schema also has a negative test that feeds
it a deliberately broken copy, to prove the check can fail.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
ISSUE_TEMPLATE_DIR = GITHUB / "ISSUE_TEMPLATE"
ISSUE_CONFIG = ISSUE_TEMPLATE_DIR / "config.yml"
ISSUE_FORMS = sorted(
    p for p in ISSUE_TEMPLATE_DIR.glob("*.y*ml") if p.name != "config.yml"
)
DEPENDABOT = GITHUB / "dependabot.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"


def check_jsonschema(builtin: str, path: Path) -> subprocess.CompletedProcess[str]:
    """Validate ``path`` against one of check-jsonschema's vendored schemas.

    A proxy that goes nowhere makes sure nothing is fetched from the network,
    and ``--no-cache`` makes sure a previously cached download can't be used.
    """
    env = dict(os.environ)
    for var in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "http_proxy",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ):
        env[var] = "http://127.0.0.1:9"
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--no-cache",
            "--color",
            "never",
            "--builtin-schema",
            builtin,
            str(path),
        ],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def assert_valid(builtin: str, path: Path) -> None:
    result = check_jsonschema(builtin, path)
    assert result.returncode == 0, (
        f"{path.relative_to(ROOT)} does not match {builtin}:\n{result.stdout}\n{result.stderr}"
    )


def assert_rejected(
    builtin: str, original: Path, old: str, new: str, tmp_path: Path
) -> None:
    """Write a copy of ``original`` with ``old`` replaced by ``new`` and check the
    schema rejects it. The unchanged file must pass, so the failure is due to
    the change alone."""
    text = original.read_text(encoding="utf-8")
    assert old in text, (
        f"{old!r} not found in {original.name}; update the negative test"
    )
    broken = tmp_path / original.name
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert_valid(builtin, original)
    result = check_jsonschema(builtin, broken)
    assert result.returncode == 1, (
        f"broken copy of {original.name} was not rejected as invalid "
        f"(exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    assert "validation error" in (result.stdout + result.stderr).lower()


def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def workflow_triggers(data: dict):
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    return data["on"] if "on" in data else data[True]


def form_fields(form: dict) -> dict[str, dict]:
    return {item["id"]: item for item in form["body"] if "id" in item}


# --- schema validation ---------------------------------------------------


def test_expected_files_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"pr.yml", "deploy.yml", "weekly.yml"} <= names
    assert {p.name for p in ISSUE_FORMS} >= {
        "suggest-a-listing.yml",
        "report-a-problem.yml",
    }
    for path in (
        ISSUE_CONFIG,
        DEPENDABOT,
        PRE_COMMIT,
        GITHUB / "pull_request_template.md",
        ROOT / "CONTRIBUTING.md",
    ):
        assert path.is_file(), f"missing {path.relative_to(ROOT)}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_schema(path):
    assert_valid("vendor.github-workflows", path)


def test_broken_workflow_is_rejected(tmp_path):
    # A job without `runs-on` (here misspelt) is not a valid job.
    assert_rejected(
        "vendor.github-workflows",
        GITHUB / "workflows" / "pr.yml",
        "runs-on:",
        "runs_on:",
        tmp_path,
    )


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda p: p.name)
def test_issue_form_matches_schema(path):
    assert_valid("vendor.github-issue-forms", path)


def test_broken_issue_form_is_rejected(tmp_path):
    assert_rejected(
        "vendor.github-issue-forms",
        ISSUE_TEMPLATE_DIR / "report-a-problem.yml",
        "type: dropdown",
        "type: select",
        tmp_path,
    )


def test_issue_config_matches_schema():
    assert_valid("vendor.github-issue-config", ISSUE_CONFIG)


def test_broken_issue_config_is_rejected(tmp_path):
    assert_rejected(
        "vendor.github-issue-config",
        ISSUE_CONFIG,
        "blank_issues_enabled: true",
        "blank_issues_enabled: sometimes",
        tmp_path,
    )


def test_dependabot_matches_schema():
    assert_valid("vendor.dependabot", DEPENDABOT)


def test_broken_dependabot_is_rejected(tmp_path):
    assert_rejected(
        "vendor.dependabot",
        DEPENDABOT,
        "interval: weekly",
        "interval: fortnightly",
        tmp_path,
    )


# --- workflow details the schema cannot see --------------------------------

PINNED = {
    "actions/checkout": "v4",
    "actions/setup-python": "v5",
    "actions/configure-pages": "v5",
    "actions/upload-pages-artifact": "v3",
    "actions/deploy-pages": "v4",
    "actions/upload-artifact": "v4",
    "actions/download-artifact": "v4",
}
# `uses: owner/action@<full commit SHA> # vX.Y.Z`: a tag can be moved, a commit cannot.
USES_LINE = re.compile(
    r"\s*(?:- )?uses: (?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40}) # (?P<version>v\d+\.\d+\.\d+)"
)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_actions_pinned_and_permissions_explicit(path):
    data = load_yaml(path)
    assert data.get("permissions") == {}, (
        f"{path.name}: nothing by default (`permissions: {{}}`); each job asks for its own"
    )
    for job_name, job in data["jobs"].items():
        assert "permissions" in job, f"{path.name}:{job_name} must declare its permissions"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines, path.name
    for line in lines:
        match = USES_LINE.fullmatch(line)
        assert match, f"{path.name}: {line.strip()} is not pinned to a commit with its version"
        major = match["version"].split(".")[0]
        assert PINNED.get(match["action"]) == major, (
            f"{path.name}: {match['action']} {match['version']} (expected {PINNED.get(match['action'])})"
        )


def test_pr_workflow():
    data = load_yaml(GITHUB / "workflows" / "pr.yml")
    assert "pull_request" in workflow_triggers(data)
    assert data["permissions"] == {}
    assert [job["permissions"] for job in data["jobs"].values()] == [{"contents": "read"}]
    assert data["concurrency"]["cancel-in-progress"] is True
    assert "pull_request.number" in data["concurrency"]["group"]
    steps = [s for job in data["jobs"].values() for s in job["steps"]]
    checkout = next(
        s for s in steps if s.get("uses", "").startswith("actions/checkout@")
    )
    assert checkout["with"]["fetch-depth"] == 0
    assert checkout["with"]["persist-credentials"] is False
    runs = [s.get("run", "") for s in steps]
    for command in (
        "kindred validate --format github directory",
        "make test",
        "mkdocs build --strict",
        "$GITHUB_STEP_SUMMARY",
    ):
        assert any(command in r for r in runs), f"pr.yml does not run {command!r}"


def test_deploy_workflow():
    data = load_yaml(GITHUB / "workflows" / "deploy.yml")
    triggers = workflow_triggers(data)
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    build_steps = data["jobs"]["build"]["steps"]
    upload = next(
        s
        for s in build_steps
        if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["with"]["path"] == "site"
    assert any("mkdocs build --strict" in s.get("run", "") for s in build_steps)


def test_weekly_workflow():
    data = load_yaml(GITHUB / "workflows" / "weekly.yml")
    triggers = workflow_triggers(data)
    assert triggers["schedule"] and "workflow_dispatch" in triggers
    # The job that runs the repository's code reads; only the job that posts, running none, writes issues.
    assert data["permissions"] == {}
    assert data["jobs"]["check"]["permissions"] == {"contents": "read"}
    assert data["jobs"]["post"]["permissions"] == {"issues": "write"}
    assert data["jobs"]["post"]["needs"] == "check"
    assert not any("checkout" in s.get("uses", "") for s in data["jobs"]["post"]["steps"])
    steps = [s for job in data["jobs"].values() for s in job["steps"]]
    script = "\n".join(s.get("run", "") for s in steps)
    assert "kindred check-links --format markdown > links.md || true" in script
    assert "kindred stale --months 12 --format markdown > stale.md" in script
    # Numbers no page states go into the same issue, and must not stop the job.
    assert "kindred check-facts --format markdown > facts.md || true" in script
    report_step = next(s for s in steps if "> report.md" in s.get("run", ""))
    assert "section facts.md" in report_step["run"]
    for step in steps:  # values reach scripts through env:, never pasted into the script
        assert "${{" not in step.get("run", ""), step.get("name")
    for command in ("gh issue list", "gh issue edit", "gh issue create"):
        assert command in script
    issue_step = next(s for s in steps if "gh issue create" in s.get("run", ""))
    assert issue_step["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert issue_step["env"]["TITLE"] == "Weekly listing health report"


# --- issue forms -----------------------------------------------------------


def test_report_a_problem_form_fields():
    # The site prefills this form through query parameters named after these ids.
    fields = form_fields(load_yaml(ISSUE_TEMPLATE_DIR / "report-a-problem.yml"))
    assert set(fields) == {"listing", "problem", "details", "source"}
    assert fields["listing"]["type"] == "input"
    assert fields["problem"]["type"] == "dropdown"
    assert fields["problem"]["attributes"]["options"] == [
        "A phone number or link is wrong",
        "The service has closed or paused",
        "Hours or other details are wrong",
        "Something else",
    ]
    assert fields["details"]["type"] == "textarea"
    assert fields["source"]["type"] == "input"
    assert fields["source"].get("validations", {}).get("required", False) is False


def test_suggest_a_listing_form_kinds():
    fields = form_fields(load_yaml(ISSUE_TEMPLATE_DIR / "suggest-a-listing.yml"))
    assert fields["kind"]["type"] == "dropdown"
    assert fields["kind"]["attributes"]["options"] == [
        "helplines",
        "communities",
        "teletherapy",
    ]
    for field in ("name", "website", "countries"):
        assert fields[field]["validations"]["required"] is True
    assert any(item["type"] == "checkboxes" for item in fields.values())


def test_service_confirms_its_listing_form():
    form = load_yaml(ISSUE_TEMPLATE_DIR / "service-confirms-its-listing.yml")
    fields = form_fields(form)
    assert set(fields) == {"listing", "outcome", "changes", "source", "role", "confirm"}
    assert fields["outcome"]["attributes"]["options"] == [
        "Everything is correct",
        "Some details need to change",
        "The service has paused",
        "The service has closed",
    ]
    for required in ("listing", "outcome", "source", "role"):
        assert fields[required]["validations"]["required"] is True
    assert fields["changes"]["validations"]["required"] is False
    assert fields["confirm"]["attributes"]["options"][0]["required"] is True


def test_issue_config_links_to_helplines():
    config = load_yaml(ISSUE_CONFIG)
    links = {link["name"]: link["url"] for link in config["contact_links"]}
    assert links["In crisis? Find a helpline"].endswith("/helplines/")


# --- pre-commit ------------------------------------------------------------


def test_pre_commit_config():
    config = load_yaml(PRE_COMMIT)
    hooks = [
        hook
        for repo in config["repos"]
        if repo["repo"] == "local"
        for hook in repo["hooks"]
    ]
    hook = next(h for h in hooks if h["id"] == "kindred-validate")
    assert hook["entry"].split()[:2] == ["kindred", "validate"]
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    assert files.search("directory/helplines/samaritans.yaml")
    assert files.search("directory/taxonomy.yml")
    assert not files.search("generator/schema/listing.yaml")
    assert not files.search("directory/helplines/README.md")
