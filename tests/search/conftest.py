"""Fixtures for the finder's data and search tests: the finder fixture directory and lunr.js in Node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.directory import load_directory
from generator.mkdocs_plugin.assets import lunr_js_path

ROOT = Path(__file__).resolve().parents[2]
FINDER_DIRECTORY = ROOT / "tests" / "fixtures" / "finder_directory"
HARNESS = Path(__file__).resolve().parent / "lunr_harness.mjs"
FINDER_MODULES = ROOT / "generator" / "assets" / "finder"


@pytest.fixture(scope="session")
def finder_directory():
    directory = load_directory(FINDER_DIRECTORY)
    assert directory.ok, directory.problems
    return directory


@pytest.fixture(scope="session")
def lunr_js():
    """lunr_js(op, **request) -> the answer of tests/search/lunr_harness.js, run by Node."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node is not installed")

    def run(op: str, **request):
        payload = json.dumps({"lunr": str(lunr_js_path()), "finder": str(FINDER_MODULES), "op": op, **request})
        done = subprocess.run([node, str(HARNESS)], input=payload, capture_output=True, text=True, timeout=120,
                              check=False)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run
