"""bench/aside.py: earlier output is renamed, not deleted, until every timing is taken."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "aside.py"


@pytest.fixture
def aside(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("kindred_bench_aside", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "TRASH", tmp_path / "out" / "trash")
    monkeypatch.setattr(module, "_EMPTIED", tmp_path / "out" / "trash-emptied-at")
    return module


def test_set_aside_renames_the_folder_into_the_trash_and_keeps_its_files(aside, tmp_path):
    site = tmp_path / "work" / "site"
    (site / "helplines" / "a").mkdir(parents=True)
    (site / "helplines" / "a" / "index.html").write_text("page", encoding="utf-8")
    aside.set_aside(site)
    assert not site.exists()
    [moved] = list(aside.TRASH.iterdir())
    assert moved.name.startswith("site-")
    assert (moved / "helplines" / "a" / "index.html").read_text(encoding="utf-8") == "page"


def test_set_aside_twice_keeps_both_and_ignores_a_missing_folder(aside, tmp_path):
    for _ in range(2):
        (tmp_path / "site").mkdir()
        aside.set_aside(tmp_path / "site")
    aside.set_aside(tmp_path / "never-made")
    assert len(list(aside.TRASH.iterdir())) == 2


def test_empty_trash_deletes_and_the_next_benchmark_waits_for_a_quiet_disk(aside, tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    aside.set_aside(tmp_path / "site")
    aside.empty_trash()
    assert not aside.TRASH.exists()
    slept: list[float] = []
    monkeypatch.setattr(aside.time, "sleep", slept.append)
    aside.wait_for_quiet_disk(say=lambda message: None)
    assert len(slept) == 1 and aside.QUIET_AFTER - 5 < slept[0] <= aside.QUIET_AFTER


def test_no_wait_when_the_trash_was_emptied_long_ago_or_never(aside, monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(aside.time, "sleep", slept.append)
    aside.wait_for_quiet_disk(say=lambda message: None)
    aside._EMPTIED.parent.mkdir(parents=True)
    aside._EMPTIED.write_text(str(time.time() - aside.QUIET_AFTER - 1), encoding="utf-8")
    aside.wait_for_quiet_disk(say=lambda message: None)
    assert slept == []
