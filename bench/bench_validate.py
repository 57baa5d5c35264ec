#!/usr/bin/env python3
"""Time `kindred validate` on synthetic directories of 1,000 and 10,000 listings.

Usage:
    python bench/bench_validate.py [--sizes 1000 10000] [--runs 3] [--seed 1] [--profile]

For each N this
  1. writes a synthetic directory (bench/make_directory.py N bench/out/validate-N --seed S --force);
  2. cold: runs `kindred validate bench/out/validate-N` as a whole process --runs times, each with an empty
     results cache (KINDRED_CACHE_DIR=bench/out/validate-cache, emptied before each run: what a first run,
     or a run after the code, taxonomy or options changed, costs, writing the cache included);
  3. warm: fills that cache with one run (not timed), then --runs times edits one listing file (a comment
     added, different each time) and runs it again: the usual loop of a contributor, with one file checked
     afresh and every other result read from the cache; the file is put back at the end;
  4. keeps for each the median wall time, the median CPU time (user + system) and the peak RSS (os.wait4's
     rusage of that child, so other processes on the machine do not count), and checks that every run read
     all N listings and reported no error.

It prints a Markdown table and writes bench/results/validate.json, with the command that made it. The
target (issue #14) is 10,000 listings in at most 1 s, cold. With --profile it also runs cProfile over
`check_directory(workers=1)` at the largest size (in this process: what `kindred validate` runs, on
one core) and prints the functions with the most time of their own.

Wall time on a shared machine moves with whatever else runs; CPU time moves much less, so both
are recorded.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
OUT = PROJECT / "bench" / "out"
RESULTS = PROJECT / "bench" / "results" / "validate.json"
CACHE = OUT / "validate-cache"
MAKE_DIRECTORY = PROJECT / "bench" / "make_directory.py"
TARGET = (10_000, 1.0)  # listings, seconds (issue #14)
SUMMARY = re.compile(r"(\d+) listing\(s\) read from .*: (\d+) error\(s\), (\d+) warning\(s\)")


def kindred_command() -> list[str]:
    script = Path(sys.executable).with_name("kindred")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from generator.cli import main; main()"]


def generate(n: int, seed: int) -> Path:
    target = OUT / f"validate-{n}"
    start = time.perf_counter()
    subprocess.run([sys.executable, str(MAKE_DIRECTORY), str(n), str(target), "--seed", str(seed), "--force"],
                   check=True, cwd=PROJECT, stdout=subprocess.DEVNULL)
    print(f"wrote {n:,} listings to {target.relative_to(PROJECT)} in {time.perf_counter() - start:.1f} s",
          flush=True)
    return target


def timed(cmd: list[str]) -> tuple[float, float, float, str]:
    """(wall s, CPU s, peak RSS MiB, output) of one whole child process."""
    log = OUT / "validate-last-run.log"
    env = {**os.environ, "KINDRED_CACHE_DIR": str(CACHE)}
    env.pop("KINDRED_CACHE", None)
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    output = log.read_text(encoding="utf-8", errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.stderr.write(output[-4000:])
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output  # ru_maxrss: KiB on Linux


def checked_run(cmd: list[str], n: int) -> tuple[float, float, float]:
    wall, cpu, peak, output = timed(cmd)
    match = SUMMARY.search(output)
    if not match or int(match[1]) != n or match[2] != "0":
        raise SystemExit(f"unexpected result for {n}: {output[-2000:]}")
    return wall, cpu, peak


def summary(n: int, cmd: list[str], walls: list[float], cpus: list[float], peaks: list[float]) -> dict:
    return {"listings": n, "command": " ".join(["kindred"] + cmd[-2:]), "seconds": round(statistics.median(walls), 3),
            "runs": [round(w, 3) for w in walls], "cpu_seconds": round(statistics.median(cpus), 3),
            "peak_rss_mib": round(max(peaks), 1)}


def measure(n: int, directory: Path, runs: int) -> tuple[dict, dict]:
    """(cold, warm) figures for one directory."""
    cmd = kindred_command() + ["validate", str(directory.relative_to(PROJECT))]
    walls, cpus, peaks = [], [], []
    for run in range(runs):
        shutil.rmtree(CACHE, ignore_errors=True)
        wall, cpu, peak = checked_run(cmd, n)
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
        print(f"  {n:>6,} cold: run {run + 1}/{runs}: {wall:.2f} s wall, {cpu:.2f} s CPU, {peak:.0f} MiB", flush=True)
    cold = summary(n, cmd, walls, cpus, peaks)
    # The cache as the last cold run left it holds every file's result; each warm run edits one file first.
    edited = sorted((directory / "helplines").glob("*.yaml"))[0]
    original = edited.read_bytes()
    walls, cpus, peaks = [], [], []
    try:
        for run in range(runs):
            edited.write_bytes(original + f"# edited for warm run {run + 1}\n".encode())
            wall, cpu, peak = checked_run(cmd, n)
            walls.append(wall)
            cpus.append(cpu)
            peaks.append(peak)
            print(f"  {n:>6,} warm: run {run + 1}/{runs}: {wall:.2f} s wall, {cpu:.2f} s CPU, {peak:.0f} MiB",
                  flush=True)
    finally:
        edited.write_bytes(original)
    warm = summary(n, cmd, walls, cpus, peaks)
    warm["edited"] = str(edited.relative_to(directory))
    return cold, warm


def profile(directory: Path, top: int = 20) -> str:
    sys.path.insert(0, str(PROJECT))
    from generator.directory import check_directory

    # One cold run, as `kindred validate` makes (the address and number caches start empty), on one core:
    # cProfile sees only this process.
    profiler = cProfile.Profile()
    profiler.enable()
    check_directory(directory, workers=1)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def table(rows: list[dict]) -> str:
    lines = ["| listings | cache | median wall (s) | runs (s) | CPU (s) | peak RSS (MiB) | per 1,000 (s) |",
             "|---:|---|---:|---|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row['listings']:,} | {row['cache']} | {row['seconds']:.2f} | "
                     f"{', '.join(f'{r:.2f}' for r in row['runs'])} | {row['cpu_seconds']:.2f} | "
                     f"{row['peak_rss_mib']:.0f} | {row['seconds'] / row['listings'] * 1000:.3f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="cProfile load_directory at the largest size")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    directories = {}
    for n in args.sizes:
        directories[n] = generate(n, args.seed)
        cold, warm = measure(n, directories[n], args.runs)
        rows += [{**cold, "cache": "cold (empty)"}, {**warm, "cache": "warm (one file edited)"}]

    print()
    print(table(rows))
    target_n, target_s = TARGET
    verdict = None
    for row in rows:
        if row["listings"] == target_n and row["cache"].startswith("cold"):
            verdict = row["seconds"] <= target_s
            print(f"\ntarget: {target_n:,} listings in at most {target_s:.0f} s, cold: "
                  f"{'met' if verdict else 'NOT met'} ({row['seconds']:.2f} s)")
    result = {
        "benchmark": "kindred validate, whole process",
        "reproduce": "python bench/bench_validate.py " + " ".join(sys.argv[1:]),
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "load_average_before": list(os.getloadavg())},
        "seed": args.seed,
        "runs_per_size": args.runs,
        "target": {"listings": target_n, "seconds": target_s, "cache": "cold (empty)", "met": verdict},
        "results": rows,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(PROJECT)}")
    if args.profile:
        print(profile(directories[max(args.sizes)]))


if __name__ == "__main__":
    main()
