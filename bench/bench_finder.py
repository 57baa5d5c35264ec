#!/usr/bin/env python3
"""Benchmark the finder (/find/) in Chromium on synthetic directories.

Usage:
    python bench/bench_finder.py [--sizes 1000 10000] [--seed 1] [--loads 7] [--iterations 40] [--reuse]

For each N this
  1. writes a synthetic directory (bench/make_directory.py N ... --seed S) under bench/out/finder/;
  2. times the search index on its own: lunr.py build with no cache, then again from the cache
     (generator/search/index.py; the cache is keyed by a hash of the index input);
  3. builds the site with MkDocs (the project's mkdocs.yml pointed at the synthetic listings; --reuse skips
     this when a site for the same N and seed is there);
  4. serves it from a thread on 127.0.0.1 and drives Debian's Chromium with Playwright:
     - first results: a fresh browser context per load (cold cache), time from navigation start to the
       finder's `kd-first-results` performance mark; and what was transferred before that mark (every
       resource the page fetched by then, sized gzip -6 here, since http.server does not compress);
     - a filter click: input.click() on a filter checkbox to the end of the finder's synchronous update
       (`kd-results` mark), and to the next animation frame after it;
     - a keystroke: a real key press (CDP) to the `kd-results` mark of the update it caused (updates are
       drawn on the next animation frame), with the lunr index already loaded; words are typed letter by
       letter, so the short prefixes ("a", "an"...) are in it;
     - loading the search index: from focusing the search box to `kd-index-ready` (lunr.js + index
       fetched, lunr.Index rebuilt).
Results go to bench/results/finder.json; a Markdown table is printed.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

PROJECT = Path(__file__).resolve().parents[1]
OUT = PROJECT / "bench" / "out" / "finder"
RESULTS = PROJECT / "bench" / "results" / "finder.json"
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# Issue #14's targets at 10,000 listings: first results 500 ms median, keystroke to results 30 ms at the 95th percentile.
TARGETS = {"first_results_ms": 500, "keystroke_p95_ms": 30, "update_median_ms": 50,
           "data_index_gzip_bytes": 1.5 * 1024 * 1024}
WORDS = ["anxiety", "support", "text line", "grief", "loneliness", "young people", "gambling", "chat"]
sys.path.insert(0, str(PROJECT))


# -- building --------------------------------------------------------------------------------------------------
def make_directory(n: int, seed: int) -> Path:
    target = OUT / f"dir-{n}-{seed}"
    stamp = target / ".complete"
    if not stamp.is_file():
        subprocess.run([PYTHON, str(PROJECT / "bench" / "make_directory.py"), str(n), str(target), "--seed",
                        str(seed), "--force"], check=True)
        stamp.write_text("ok")
    return target


def index_timings(directory_path: Path, cache: Path) -> dict:
    """lunr.py index: a clean build, then the same input again (served from the cache)."""
    code = f"""
import json, os, sys, time
sys.path.insert(0, {str(PROJECT)!r})
os.environ["KINDRED_CACHE_DIR"] = {str(cache)!r}
from pathlib import Path
from generator.directory import load_directory
from generator.search.index import search_index
d = load_directory(Path({str(directory_path)!r}))
t = time.perf_counter(); fresh = search_index(d, use_cache=False); clean = time.perf_counter() - t
search_index(d)  # writes the cache
t = time.perf_counter(); again = search_index(d); cached = time.perf_counter() - t
print(json.dumps({{"clean_build_s": round(clean, 2), "cached_s": round(cached, 3), "from_cache": again.cached,
                  "same_bytes": again.data == fresh.data}}))
"""
    done = subprocess.run([PYTHON, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def site_config(directory_path: Path, work: Path) -> Path:
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(PROJECT / config.get("docs_dir", "docs"))
    config["site_dir"] = str(work / "site")
    config["strict"] = False
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(PROJECT / theme["custom_dir"])
    plugins = []
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "kindred" in plugin:
            # The size guard lifted, as in bench_site.py: every language at 10,000 listings is over GitHub Pages' 1 GB.
            plugin = {"kindred": {**(plugin["kindred"] or {}), "directory": str(directory_path), "max_site_mb": 100_000}}
        plugins.append(plugin)
    config["plugins"] = plugins
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def build_site(n: int, seed: int, directory_path: Path, reuse: bool) -> tuple[Path, float | None]:
    work = OUT / f"site-{n}-{seed}"
    site = work / "site"
    if reuse and (site / "find" / "listings.json").is_file():
        return site, None
    work.mkdir(parents=True, exist_ok=True)
    config = site_config(directory_path, work)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KINDRED_CACHE_DIR": str(OUT / "cache")}
    started = time.perf_counter()
    with open(work / "build.log", "wb") as log:
        subprocess.run([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=work, env=env,
                       stdout=log, stderr=subprocess.STDOUT, check=True)
    return site, time.perf_counter() - started


# -- serving ---------------------------------------------------------------------------------------------------
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@functools.cache
def sizes_of(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 6))


def file_for(site: Path, url: str) -> Path | None:
    path = unquote(urlsplit(url).path).lstrip("/")
    candidate = site / path
    if candidate.is_dir() or path.endswith("/") or not path:
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


# -- measuring -------------------------------------------------------------------------------------------------
def summary(values: list[float]) -> dict:
    p95 = statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]
    return {"median": round(statistics.median(values), 2), "p95": round(p95, 2), "worst": round(max(values), 2),
            "best": round(min(values), 2), "n": len(values)}


def first_results(browser, base: str, site: Path, loads: int) -> dict:
    times, transfers, stages = [], [], []
    for _ in range(loads):
        context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
        page = context.new_page()
        page.goto(base + "find/")
        page.wait_for_function("() => performance.getEntriesByName('kd-first-results').length > 0", timeout=60000)
        at = page.evaluate("() => performance.getEntriesByName('kd-first-results')[0].startTime")
        stages.append(page.evaluate("""() => {
            const mark = (name) => (performance.getEntriesByName(name)[0] || {}).startTime;
            const nav = performance.getEntriesByType('navigation')[0];
            const data = performance.getEntriesByType('resource').find(r => r.name.endsWith('/find/listings.json'));
            return {html_loaded: nav.responseEnd, listings_json_loaded: data && data.responseEnd,
                    dom_content_loaded: nav.domContentLoadedEventStart, finder_started: mark('kd-mount'),
                    json_parsed: mark('kd-data-parsed'), data_decoded: mark('kd-data-decoded'),
                    first_results: mark('kd-first-results')};
        }"""))
        resources = page.evaluate("""(at) => performance.getEntriesByType('resource')
            .filter(r => r.responseEnd <= at).map(r => r.name)""", at)
        fetched = [base + "find/"] + resources
        raw = gz = 0
        files = []
        for url in fetched:
            path = file_for(site, url)
            if path is None:
                continue
            r, g = sizes_of(path)
            raw += r
            gz += g
            files.append({"path": str(path.relative_to(site)), "bytes": r, "gzip_bytes": g})
        times.append(at)
        transfers.append({"bytes": raw, "gzip_bytes": gz, "files": files})
        context.close()
    # Median time of each stage, from navigation start (where the first-results time goes).
    breakdown = {name: round(statistics.median(s[name] for s in stages if s.get(name) is not None), 1)
                 for name in stages[0] if any(s.get(name) is not None for s in stages)}
    return {"ms": summary(times), "stages_ms": breakdown, "transfer": transfers[0]}


CLICK = """async (selector) => {
  const input = document.querySelector(selector);
  const start = performance.now();
  input.click();
  const sync = performance.getEntriesByName('kd-results').pop().startTime - start;
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return [sync, performance.now() - start];
}"""


def filter_clicks(page, iterations: int) -> dict:
    selectors = page.evaluate("""() => {
        const wanted = [['kind', 'helplines'], ['open', 'now'], ['contact', 'text'], ['kind', 'communities'],
                        ['cost', 'free'], ['country', 'GB'], ['language', 'en'], ['topic', 'anxiety']];
        return wanted.filter(([k, v]) => document.querySelector(`input[data-kd-facet=${k}][value=${v}]`))
                     .map(([k, v]) => `input[data-kd-facet=${k}][value=${v}]`);
    }""")
    page.eval_on_selector_all("details.kd-facet", "els => els.forEach(d => { d.open = true; })")
    sync, frame = [], []
    for i in range(iterations):
        selector = selectors[(i // 2) % len(selectors)]  # on, then off again
        a, b = page.evaluate(CLICK, selector)
        sync.append(a)
        frame.append(b)
    return {"sync_ms": summary(sync), "to_next_frame_ms": summary(frame), "filters": selectors}


def keystrokes(page, iterations: int) -> dict:
    page.evaluate("""() => {
        window.__kdKeyAt = 0;
        document.addEventListener('keydown', () => { window.__kdKeyAt = performance.now(); }, true);
    }""")
    box = page.locator("#kd-finder-q")
    started = page.evaluate("() => performance.now()")
    box.focus()
    page.wait_for_function("() => performance.getEntriesByName('kd-index-ready').length > 0", timeout=120000)
    index_ms = page.evaluate("(s) => performance.getEntriesByName('kd-index-ready')[0].startTime - s", started)
    times, per_key = [], []
    word = 0
    while len(times) < iterations:
        text = WORDS[word % len(WORDS)]
        word += 1
        box.fill("")
        page.wait_for_timeout(30)
        for key in text:
            before = int(page.get_attribute("#kd-finder", "data-kd-updates"))
            page.keyboard.type(key)
            page.wait_for_function("(n) => +document.querySelector('#kd-finder').dataset.kdUpdates > n", arg=before)
            ms = page.evaluate("() => performance.getEntriesByName('kd-results').pop().startTime - window.__kdKeyAt")
            times.append(ms)
            per_key.append([box.input_value(), round(ms, 2)])
    slowest = sorted(per_key, key=lambda item: -item[1])[:5]
    return {"ms": summary(times), "index_load_ms": round(index_ms, 1), "slowest": slowest}


def run_browser(site: Path, loads: int, iterations: int) -> dict:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            first = first_results(browser, base, site, loads)
            context = browser.new_context(locale="en-GB", timezone_id="Europe/London",
                                          viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base + "find/")
            page.wait_for_selector("#kd-finder[data-kd-ready='1']")
            clicks = filter_clicks(page, iterations)
            page.goto(base + "find/")
            page.wait_for_selector("#kd-finder[data-kd-ready='1']")
            keys = keystrokes(page, iterations)
            context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {"first_results": first, "filter_click": clicks, "keystroke": keys}


# -- report ----------------------------------------------------------------------------------------------------
def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB"


def table(results: dict) -> str:
    rows = [
        ("listings.json (raw / gzip)", lambda r: f"{kb(r['files']['listings_bytes'])} / "
                                                 f"{kb(r['files']['listings_gzip'])}"),
        ("search-index.json (raw / gzip)", lambda r: f"{kb(r['files']['index_bytes'])} / "
                                                     f"{kb(r['files']['index_gzip'])}"),
        ("data + index, gzip (target < 1.5 MB)", lambda r: kb(r["files"]["listings_gzip"] + r["files"]["index_gzip"])),
        ("transferred before first results, gzip", lambda r: kb(r["browser"]["first_results"]["transfer"]["gzip_bytes"])),
        ("first results, median / worst (target 500 ms median)",
         lambda r: "{median:.0f} / {worst:.0f} ms".format(**r["browser"]["first_results"]["ms"])),
        ("filter click → results, median / worst",
         lambda r: "{median:.1f} / {worst:.1f} ms".format(**r["browser"]["filter_click"]["sync_ms"])),
        ("filter click → next frame, median / worst",
         lambda r: "{median:.1f} / {worst:.1f} ms".format(**r["browser"]["filter_click"]["to_next_frame_ms"])),
        ("keystroke → results, median / p95 / worst (target 30 ms p95)",
         lambda r: "{median:.1f} / {p95:.1f} / {worst:.1f} ms".format(**r["browser"]["keystroke"]["ms"])),
        ("search index load (lunr.js + index + rebuild)", lambda r: f"{r['browser']['keystroke']['index_load_ms']:.0f} ms"),
        ("lunr.py index build, clean / cached", lambda r: f"{r['index']['clean_build_s']:.1f} s / "
                                                          f"{r['index']['cached_s'] * 1000:.0f} ms"),
        ("site build (mkdocs)", lambda r: f"{r['site_build_s']:.0f} s" if r.get("site_build_s") else "reused"),
    ]
    sizes = [results[k] for k in sorted(results, key=int)]
    lines = ["| | " + " | ".join(f"{r['n']:,} listings" for r in sizes) + " |",
             "|---|" + "---|" * len(sizes)]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in sizes) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--loads", type=int, default=7, help="cold page loads for first results (default 7)")
    parser.add_argument("--iterations", type=int, default=40, help="filter clicks and keystrokes (default 40)")
    parser.add_argument("--reuse", action="store_true", help="reuse an existing built site for the same N and seed")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    results = {}
    for n in args.sizes:
        print(f"== {n} listings", flush=True)
        directory_path = make_directory(n, args.seed)
        index = index_timings(directory_path, OUT / "cache-index-timing")
        print(f"  index: {index}", flush=True)
        site, build_s = build_site(n, args.seed, directory_path, args.reuse)
        print(f"  site: {site} ({'reused' if build_s is None else f'{build_s:.0f} s'})", flush=True)
        listings_raw, listings_gz = sizes_of(site / "find" / "listings.json")
        index_raw, index_gz = sizes_of(site / "find" / "search-index.json")
        load_before = os.getloadavg()
        browser = run_browser(site, args.loads, args.iterations)
        results[str(n)] = {
            "load_average": {"before": [round(x, 2) for x in load_before],
                             "after": [round(x, 2) for x in os.getloadavg()]},
            "n": n, "seed": args.seed, "index": index, "site_build_s": round(build_s, 1) if build_s else None,
            "files": {"listings_bytes": listings_raw, "listings_gzip": listings_gz, "index_bytes": index_raw,
                      "index_gzip": index_gz},
            "browser": browser,
        }
        print(json.dumps(browser["first_results"]["stages_ms"]))
        print(json.dumps(browser["first_results"]["ms"]), json.dumps(browser["filter_click"]["sync_ms"]),
              json.dumps(browser["keystroke"]["ms"]), flush=True)
    payload = {"command": "python bench/bench_finder.py " + " ".join(argv if argv is not None else sys.argv[1:]),
               "machine": {"python": platform.python_version(), "platform": platform.platform(),
                           "cpus": os.cpu_count()},
               "targets": TARGETS, "results": results}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print()
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
