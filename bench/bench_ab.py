#!/usr/bin/env python3
"""The same clean build at two versions of the code, run alternately, so the machine's drift (load, disk
write-back) falls on both alike.

Usage:
    python bench/bench_ab.py --base REV [--config CONFIG] [--runs N]

CONFIG is a Kindred site's mkdocs.yml written by bench/bench_site.py (default: the 10,000-listing
one-language site). REV is checked out into bench/out/ab/<REV> (a git worktree); its build runs with that
checkout first on PYTHONPATH and its own content/ and overrides/. Each run starts with no site and no
.cache/kindred/ (the old ones moved aside, deleted only at the end). A single run of bench_site.py on this
shared 2-core machine moves by 10-20% from one run to the next (system time alone from 4.5 s to 9.6 s), more
than many changes are worth: alternating is fairer.
Writes bench/results/site-ab.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from aside import empty_trash, set_aside, wait_for_quiet_disk

PROJECT = Path(__file__).resolve().parent.parent
OUT = PROJECT / "bench" / "out" / "ab"
RESULTS = PROJECT / "bench" / "results" / "site-ab.json"
DEFAULT_CONFIG = PROJECT / "bench" / "out" / "site" / "10000" / "kindred_one_language" / "mkdocs.yml"
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "-q"]


def checkout(rev: str) -> tuple[str, Path]:
    commit = subprocess.run(["git", "rev-parse", "--short", rev], cwd=PROJECT, check=True,
                            capture_output=True, text=True).stdout.strip()
    tree = OUT / commit
    if not (tree / "generator").is_dir():
        subprocess.run(["git", "worktree", "add", "-f", "--detach", str(tree), commit], cwd=PROJECT, check=True,
                       capture_output=True)
    return commit, tree


def config_for(config: Path, tree: Path, work: Path) -> Path:
    """CONFIG with its docs, theme overrides and output moved to `tree` and `work`."""
    text = config.read_text(encoding="utf-8")
    for name in ("content", "overrides"):
        text = text.replace(str(PROJECT / name), str(tree / name))
    lines = [f"site_dir: {work / 'site'}" if line.startswith("site_dir:") else line for line in text.splitlines()]
    out = work / "mkdocs.yml"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def build(config: Path, tree: Path, work: Path) -> dict:
    set_aside(work / "site")  # not deleted while timing: bench/aside.py
    set_aside(work / ".cache")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tree), "NO_MKDOCS_2_WARNING": "1", "HOME": str(work)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(MKDOCS + ["-f", str(config)], cwd=work, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall_s": round(wall, 2), "user_s": round(after.ru_utime - before.ru_utime, 2),
            "sys_s": round(after.ru_stime - before.ru_stime, 2),
            "load_average_before": float(Path("/proc/loadavg").read_text().split()[0])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the version to compare with (a commit or tag)")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.config.is_file():
        raise SystemExit(f"{args.config}: no such config; run python bench/bench_site.py first")
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, check=True,
                          capture_output=True, text=True).stdout.strip()
    base, base_tree = checkout(args.base)
    sides = {"base": (base, base_tree), "head": (head, PROJECT)}
    configs = {}
    for side, (_, tree) in sides.items():
        work = OUT / f"work-{side}"
        work.mkdir(parents=True, exist_ok=True)
        configs[side] = (config_for(args.config, tree, work), tree, work)
    runs: dict[str, list[dict]] = {"base": [], "head": []}
    empty_trash()
    wait_for_quiet_disk()
    try:
        for number in range(args.runs):
            for side in ("base", "head"):
                result = build(*configs[side])
                runs[side].append(result)
                print(f"run {number + 1}/{args.runs} {side} ({sides[side][0]}): {result}", flush=True)
    finally:
        empty_trash()
    summary = {side: {key: round(statistics.median(r[key] for r in runs[side]), 2)
                       for key in ("wall_s", "user_s", "sys_s")} for side in runs}
    for side in ("base", "head"):
        print(f"{side} {sides[side][0]}: median {summary[side]}")
    RESULTS.write_text(json.dumps({
        "command": "python bench/bench_ab.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "config": str(args.config.relative_to(PROJECT)) if args.config.is_relative_to(PROJECT) else str(args.config),
        "base": base, "head": head, "median": summary, "runs": runs,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
