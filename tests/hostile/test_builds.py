"""Hostile builds: two builds at once, a crash mid-swap, a site/ the builder cannot change, a site too big to publish.

Every case ends the same way: the last good site is whole, nothing half-built is published, the message says
what happened (never a traceback), and the next build needs no cleaning up by hand.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.mkdocs_plugin import staging

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
NOBODY = 65534
PR_CAPBSET_DROP = 24  # prctl(2)

MKDOCS_YML = """\
site_name: Hostile build test
site_url: https://kindred.example.org/
docs_dir: content
site_dir: site
theme:
  name: material
  custom_dir: {overrides}
  font: false
plugins:
  - search
  - kindred:
      directory: directory
{options}
markdown_extensions: [admonition, attr_list, md_in_html]
validation:
  links:
    not_found: warn
nav:
  - Home: index.md
  - Find support: find.md
  - Helplines: helplines/index.md
  - Online communities: communities/index.md
  - Teletherapy: teletherapy/index.md
  - Browse by topic: topics/index.md
  - Browse by country: countries/index.md
  - Guides:
      - guides/grief.md
"""


def make_project(root: Path, **options) -> Path:
    shutil.copytree(FIXTURES / "site_directory", root / "directory")
    shutil.copytree(FIXTURES / "site_content", root / "content")
    configure(root, **options)
    return root


def configure(root: Path, **options) -> None:
    lines = "".join(f"      {key}: {value}\n" for key, value in options.items()).rstrip("\n")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(overrides=ROOT / "overrides", options=lines),
                                     encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


def build_in_process(root: Path) -> None:
    config = load_config(str(root / "mkdocs.yml"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def mkdocs_build(root: Path, **popen) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")],
                          cwd=root, check=False, capture_output=True, text=True, timeout=180, env=ENV, **popen)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if "kindred-" in p.name)


def a_whole_site(site: Path) -> bool:
    return all((site / page).is_file() for page in (
        "index.html", "helplines/fixture-helpline/index.html", "guides/grief/index.html", "search/search_index.json"))


def output_of(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


# -- two builds at once ---------------------------------------------------------------------------------------------
def test_a_second_build_waits_for_the_first_then_builds(project):
    first_build = staging.BuildLock(str(project / "site"))
    first_build.acquire(wait=0)
    log = project.parent / "second-build.log"
    with log.open("w") as out:
        second = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                                   str(project / "mkdocs.yml")], cwd=project, env=ENV, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + 60
        while "waiting up to 120 s" not in log.read_text() and time.monotonic() < deadline:
            assert second.poll() is None, log.read_text()
            time.sleep(0.1)
        assert "another build is writing" in log.read_text()
        # While it waits it has made no staging folder and touched no site.
        assert second.poll() is None
        assert not (project / "site").exists()
        assert [name for name in leftovers(project) if "staging" in name] == []
    finally:
        first_build.release()
    assert second.wait(timeout=120) == 0, log.read_text()
    assert a_whole_site(project / "site")
    assert leftovers(project) == []


def test_a_second_build_refuses_clearly_when_the_wait_runs_out(project):
    assert mkdocs_build(project).returncode == 0
    before = snapshot(project / "site")
    configure(project, build_lock_wait=0.5)
    first_build = staging.BuildLock(str(project / "site"))
    first_build.acquire(wait=0)
    try:
        result = mkdocs_build(project)
    finally:
        first_build.release()
    assert result.returncode == 1
    assert (f"another build is writing {project / 'site'} (it holds {project / '.site.kindred-lock'}); "
            "waited 0.5 s. Nothing was built") in output_of(result)
    assert "Traceback" not in output_of(result)
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_two_builds_started_together_both_succeed_one_after_the_other(project):
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml")]
    builds = [subprocess.Popen(command, cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True) for _ in range(2)]
    outputs = [b.communicate(timeout=180)[0] for b in builds]
    assert [b.returncode for b in builds] == [0, 0], outputs
    assert a_whole_site(project / "site")
    assert leftovers(project) == []


# -- a crash in the middle of the swap -------------------------------------------------------------------------------
def test_where_the_one_step_swap_exists_publishing_never_renames(tmp_path, monkeypatch):
    site, new = tmp_path / "site", staging.new_staging(str(tmp_path / "site"))
    site.mkdir()
    (site / "old.html").write_text("old")
    Path(new, "new.html").write_text("new")

    def no_rename(*args, **kwargs):
        raise AssertionError("publish renamed a folder: there was a moment with no site")

    monkeypatch.setattr(os, "rename", no_rename)
    if not staging._exchange(str(site), new) or not staging._exchange(str(site), new):  # swap there and back
        pytest.skip("this file system cannot swap two folders in one step")
    assert staging.publish(new, str(site)) == []
    assert [p.name for p in site.iterdir()] == ["new.html"]
    assert leftovers(tmp_path) == []


def test_a_failure_between_the_two_renames_puts_the_last_good_site_back(project, monkeypatch, caplog):
    build_in_process(project)
    before = snapshot(project / "site")
    (project / "content" / "guides" / "grief.md").write_text("# Grief\n\nA newer page.\n", encoding="utf-8")
    monkeypatch.setattr(staging, "_exchange", lambda a, b: False)  # a system without the one-step swap
    real_rename = os.rename

    def crash_on_the_second_rename(source, target, *args, **kwargs):
        if Path(source).name.startswith(".site.kindred-staging-") and Path(target).name == "site":
            raise OSError(errno.EIO, "Input/output error", source)
        return real_rename(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "rename", crash_on_the_second_rename)
    with pytest.raises(Abort):
        build_in_process(project)
    assert (f"could not put the new build in place of {project / 'site'}; the last good site is unchanged: "
            "Input/output error") in caplog.text
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_after_a_process_killed_between_the_renames_the_next_build_puts_the_site_back(project, caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.kindred")
    build_in_process(project)
    before = snapshot(project / "site")
    # What a build killed between its two renames leaves: the old site aside, the new one unfinished.
    (project / "site").rename(project / ".site.kindred-old-5e1f")
    (project / ".site.kindred-staging-7a2b").mkdir()
    (project / ".site.kindred-staging-7a2b" / "index.html").write_text("half")
    # The next build fails late (a broken link under --strict): the last good site must still be there.
    (project / "content" / "guides" / "grief.md").write_text("# Grief\n\n[gone](missing.md)\n", encoding="utf-8")
    with pytest.raises(Abort, match="strict mode"):
        build_in_process(project)
    assert "put the previous site back" in caplog.text
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


# -- a site/ this builder cannot change ---------------------------------------------------------------------------
def _drop_capabilities() -> None:  # runs in the child, before exec
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in range(64):
        libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)


@pytest.fixture
def as_builder(tmp_path_factory):
    """Run `mkdocs build` as an ordinary user, whom file permissions bind.

    Root ignores them, so as root the build keeps uid 0 and drops every capability: it can still read the
    interpreter under /root, and it is refused where an ordinary user would be.
    """
    if os.geteuid() != 0:
        return mkdocs_build
    locked = Path(tmp_path_factory.mktemp("probe"))
    locked.chmod(0o555)
    probe = subprocess.run([sys.executable, "-c", f"import os; os.mkdir({str(locked / 'x')!r})"],
                           check=False, capture_output=True, preexec_fn=_drop_capabilities)
    if probe.returncode == 0:
        pytest.skip("cannot drop root's capabilities here")
    return lambda root: mkdocs_build(root, preexec_fn=_drop_capabilities)


def read_only(tree: Path) -> None:
    for path in sorted(tree.rglob("*"), reverse=True) + [tree]:
        path.chmod(0o555 if path.is_dir() else 0o444)


def test_a_read_only_site_is_replaced_and_leaves_nothing_behind(project, as_builder):
    assert as_builder(project).returncode == 0
    (project / "content" / "guides" / "grief.md").write_text("# Grief\n\nRebuilt.\n", encoding="utf-8")
    # A read-only site/, and a read-only copy an older Kindred left beside it: both blocked every later build.
    shutil.copytree(project / "site", project / ".site.kindred-old")
    read_only(project / "site")
    read_only(project / ".site.kindred-old")

    result = as_builder(project)

    assert result.returncode == 0, output_of(result)
    assert "Rebuilt." in (project / "site" / "guides" / "grief" / "index.html").read_text(encoding="utf-8")
    assert a_whole_site(project / "site")
    assert leftovers(project) == []


def test_a_site_owned_by_someone_else_is_a_clear_error_and_the_next_build_recovers(project, as_builder):
    if os.geteuid() != 0:
        pytest.skip("needs root, to give site/ to another user")
    assert mkdocs_build(project).returncode == 0
    before = snapshot(project / "site")
    # site/ belongs to another user, in a folder anyone may add to but only owners may move things out of
    # (like /tmp): the builder may not move site/ out of the way.
    for path in [project / "site", *(project / "site").rglob("*")]:
        os.lchown(path, NOBODY, NOBODY)
    os.chown(project, NOBODY, NOBODY)
    project.chmod(0o1777)

    result = as_builder(project)

    assert result.returncode == 1
    assert (f"could not put the new build in place of {project / 'site'}; the last good site is unchanged: "
            "Operation not permitted") in output_of(result)
    assert "Traceback" not in output_of(result)
    assert snapshot(project / "site") == before
    assert leftovers(project) == []

    for path in [project / "site", *(project / "site").rglob("*")]:
        os.lchown(path, os.geteuid(), os.getegid())  # the owner fixed; nothing else needs cleaning up
    recovered = as_builder(project)
    assert recovered.returncode == 0, output_of(recovered)
    assert a_whole_site(project / "site") and leftovers(project) == []


def test_a_folder_that_cannot_be_written_is_a_clear_error_before_anything_is_built(project, as_builder):
    assert mkdocs_build(project).returncode == 0
    before = snapshot(project / "site")
    project.chmod(0o555)  # the folder that holds site/
    try:
        result = as_builder(project)
    finally:
        project.chmod(0o755)
    assert result.returncode == 1
    assert (f"cannot build into {project / 'site'}: the folder it is in is not writable: Permission denied "
            f"({project / '.site.kindred-lock'})") in output_of(result)
    assert "Traceback" not in output_of(result)
    assert snapshot(project / "site") == before
    assert leftovers(project) == []
    assert as_builder(project).returncode == 0, "once the folder is writable again, the next build just works"


# -- a site too big for GitHub Pages ---------------------------------------------------------------------------------
def test_a_page_that_would_take_the_site_over_its_budget_stops_the_build_and_publishes_nothing(project):
    assert mkdocs_build(project).returncode == 0
    before = snapshot(project / "site")
    configure(project, max_site_mb=6)  # the fixture site is under 4 MB
    flood = "Repeated words from a hostile page. " * 100_000  # 3.6 MB of Markdown, more of HTML
    (project / "content" / "guides" / "flood.md").write_text(f"# Flood\n\n{flood}\n", encoding="utf-8")

    result = mkdocs_build(project)

    assert result.returncode == 1
    output = output_of(result)
    assert "the site would be larger than its budget of 6 MB (`max_site_mb` in mkdocs.yml)" in output
    assert "and guides/flood.md would add 3.6 MB" in output
    assert "nothing was published and the last good site is unchanged" in output
    assert "Traceback" not in output
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_file_that_would_take_the_site_over_its_budget_is_never_copied(project, caplog):
    build_in_process(project)
    before = snapshot(project / "site")
    configure(project, max_site_mb=5)
    (project / "content" / "big-photo.jpg").write_bytes(b"\xff" * 3_000_000)
    with pytest.raises(Abort):
        build_in_process(project)
    # Static files are counted before any is copied; whichever passes the budget is named.
    assert "the site would be larger than its budget of 5 MB (`max_site_mb` in mkdocs.yml)" in caplog.text
    assert re.search(r"[0-4]\.\d MB written so far, and \S+ would add \d+\.\d MB", caplog.text), caplog.text
    assert snapshot(project / "site") == before
    assert leftovers(project) == []
