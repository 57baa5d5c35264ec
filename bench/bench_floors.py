#!/usr/bin/env python3
"""What the two unmet goals of #14 cost before Kindred does any work of its own, on this machine.

Usage:
    python bench/bench_floors.py [--site SITE] [--directory DIRECTORY] [--runs 3]

Three floors, each the median of --runs:
  1. write: the files of a built Kindred site (SITE, default the 10,000-listing one-language site that
     bench/bench_site.py leaves), read into memory first, then written into a new folder by two processes
     (one per core), folders included: no rendering, no encoding, only the bytes and the file system;
  2. start: a new Python process importing what `kindred validate` imports, and nothing run;
  3. parse: PyYAML's C composer (the project's parser; yamlsafe.py builds on its node tree) over every
     listing file of DIRECTORY (default the 10,000 listings bench/bench_validate.py writes), two processes.

Compare 1 with the clean build's goal (4x Hugo's time, bench/results/site.json) and 2 + 3 with the
validate goal (1 s): what is left of each goal is all the time there is for the work itself. Earlier output
is moved aside, not deleted, while timing (bench/aside.py). Writes bench/results/floors.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from multiprocessing import get_context
from pathlib import Path

import yaml
from aside import empty_trash, set_aside, wait_for_quiet_disk

PROJECT = Path(__file__).resolve().parent.parent
OUT = PROJECT / "bench" / "out"
RESULTS = PROJECT / "bench" / "results" / "floors.json"
DEFAULT_SITE = OUT / "site" / "10000" / "kindred_one_language" / "site"
DEFAULT_DIRECTORY = OUT / "validate-10000"
VALIDATE_IMPORTS = "import generator.cli, generator.directory, generator.rules, generator.validate_cache"

_items: list[tuple[str, bytes]] = []  # what the forked writers write (shared by fork, not pickled)


def _write_share(args: tuple[str, int, int]) -> None:
    target, start, step = args
    made: set[str] = set()
    for relative, data in _items[start::step]:
        folder = os.path.dirname(relative)
        if folder not in made:
            os.makedirs(os.path.join(target, folder), exist_ok=True)
            made.add(folder)
        with open(os.path.join(target, relative), "wb") as handle:
            handle.write(data)


def write_floor(site: Path, runs: int) -> dict:
    _items.clear()
    for folder, _, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                _items.append((os.path.relpath(path, site), handle.read()))
    walls = []
    for _ in range(runs):
        target = OUT / "floors-write"
        set_aside(target)
        target.mkdir(parents=True)
        started = time.perf_counter()
        with get_context("fork").Pool(2) as pool:
            pool.map(_write_share, [(str(target), 0, 2), (str(target), 1, 2)])
        walls.append(time.perf_counter() - started)
    return {"files": len(_items), "mib": round(sum(len(data) for _, data in _items) / 2**20, 1),
            "seconds": round(statistics.median(walls), 2), "runs": [round(w, 2) for w in walls]}


def start_floor(runs: int) -> dict:
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", VALIDATE_IMPORTS], cwd=PROJECT, check=True)
        walls.append(time.perf_counter() - started)
    return {"imports": VALIDATE_IMPORTS, "seconds": round(statistics.median(walls), 3),
            "runs": [round(w, 3) for w in walls]}


def _compose_share(paths: list[str]) -> int:
    for path in paths:
        with open(path, "rb") as handle:
            yaml.compose(handle.read(), Loader=yaml.CSafeLoader)
    return len(paths)


def parse_floor(directory: Path, runs: int) -> dict:
    paths = sorted(str(p) for p in directory.rglob("*.yaml"))
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        with get_context("fork").Pool(2) as pool:
            pool.map(_compose_share, [paths[0::2], paths[1::2]])
        walls.append(time.perf_counter() - started)
    return {"files": len(paths), "seconds": round(statistics.median(walls), 3), "runs": [round(w, 3) for w in walls]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=DEFAULT_SITE)
    parser.add_argument("--directory", type=Path, default=DEFAULT_DIRECTORY)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    for needed, how in ((args.site, "python bench/bench_site.py --sizes 10000"),
                        (args.directory, "python bench/bench_validate.py --sizes 10000")):
        if not needed.is_dir():
            raise SystemExit(f"{needed}: not there; run {how} first")
    empty_trash()
    wait_for_quiet_disk()
    try:
        result = {"write": write_floor(args.site, args.runs), "start": start_floor(args.runs),
                  "parse": parse_floor(args.directory, args.runs)}
    finally:
        empty_trash()
    result["validate_start_plus_parse_s"] = round(result["start"]["seconds"] + result["parse"]["seconds"], 2)
    for name in ("write", "start", "parse"):
        print(f"{name}: {result[name]}")
    print(f"validate, before any check: {result['validate_start_plus_parse_s']} s of the 1 s goal")
    RESULTS.write_text(json.dumps({
        "command": "python bench/bench_floors.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "load_average": os.getloadavg()[0], **result,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
