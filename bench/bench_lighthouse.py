#!/usr/bin/env python3
"""Lighthouse (mobile) on the shipped site, served with gzip as GitHub Pages serves it (#16).

Usage:
    python bench/bench_lighthouse.py [--site DIR] [--runs 3] [--label after] [--page NAME ...]

This
  1. builds the site from the repository's own mkdocs.yml (content/ and directory/) into a temporary folder,
     or takes an already built one with --site;
  2. serves it on 127.0.0.1 from a thread, gzip-compressing text responses (HTML, CSS, JavaScript, JSON, SVG,
     XML) for requests that accept gzip, as GitHub Pages does;
  3. runs Lighthouse (node_modules/.bin/lighthouse, pinned in package-lock.json) against Debian's Chromium
     (CHROME_PATH=/usr/bin/chromium, --headless=new --no-sandbox), mobile form factor with Lighthouse's default
     simulated throttling (slow 4G, 4x CPU slowdown), performance and accessibility only, `--runs` times per
     page; the run with the median performance score is kept, with every run's score beside it;
  4. records, per page: performance, accessibility (and the failing accessibility audits), first contentful
     paint, largest contentful paint, cumulative layout shift, total transfer bytes, and what was transferred
     by kind (document, stylesheets, scripts, data, other; compressed sizes as sent, headers included).
Results go under --label in bench/results/lighthouse.json (other labels are kept, so "before" and "after"
sit side by side); a Markdown table is printed.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import mimetypes
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

PROJECT = Path(__file__).resolve().parents[1]
RESULTS = PROJECT / "bench" / "results" / "lighthouse.json"
LIGHTHOUSE = PROJECT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox"
PYTHON = sys.executable
# name -> path on the site: the home page, the finder, a help-now page and a listing page
PAGES = {
    "home": "",
    "finder": "find/",
    "help": "help/gb/",
    "listing": "helplines/samaritans-uk/",
}
COMPRESSED = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
    "application/manifest+json",
)
KINDS = {"Document": "html", "Stylesheet": "css", "Script": "js", "Fetch": "data", "XHR": "data"}


# -- building --------------------------------------------------------------------------------------------------
def build_site(work: Path) -> Path:
    """The repository's site (its mkdocs.yml, content/ and directory/) built into work/site."""
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(PROJECT / config.get("docs_dir", "docs"))
    config["site_dir"] = str(work / "site")
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(PROJECT / theme["custom_dir"])
    plugins = []
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "kindred" in plugin:
            settings = plugin["kindred"] or {}
            plugin = {"kindred": {**settings, "directory": str(PROJECT / settings.get("directory", "directory"))}}
        plugins.append(plugin)
    config["plugins"] = plugins
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(work / "build.log", "wb") as log:
        subprocess.run(
            [PYTHON, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(path)],
            cwd=work,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )
    return work / "site"


# -- serving with compression ----------------------------------------------------------------------------------
class GzipHandler(http.server.BaseHTTPRequestHandler):
    """Static files from `site`, gzip-compressed (level 6, cached) when the request accepts gzip."""

    site: Path
    cache: dict[tuple[str, float], bytes] = {}
    lock = threading.Lock()
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def do_HEAD(self):
        self.respond(body=False)

    def do_GET(self):
        self.respond(body=True)

    def respond(self, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        target = (self.site / path.lstrip("/")).resolve()
        if not target.is_relative_to(self.site):
            return self.plain(404, body)
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            target = target / "index.html"
        status = 200
        if not target.is_file():
            # As GitHub Pages does: the site's own 404.html, with status 404 (Material asks for a sitemap.xml
            # beside each hreflang alternate, and those answers count towards a page's weight).
            target, status = self.site / "404.html", 404
            if not target.is_file():
                return self.plain(404, body)
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        data = target.read_bytes()
        compress = content_type.startswith(COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            key = (str(target), target.stat().st_mtime)
            with self.lock:
                if key not in self.cache:
                    self.cache[key] = gzip.compress(data, compresslevel=6, mtime=0)
                data = self.cache[key]
        self.send_response(status)
        self.send_header("Content-Type", content_type + ("; charset=utf-8" if content_type.startswith("text/") else ""))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)
        return None

    def plain(self, status: int, body: bool) -> None:
        data = b"Not found"
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(site: Path) -> tuple[Server, str]:
    handler = type("SiteHandler", (GzipHandler,), {"site": site.resolve(), "cache": {}})
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# -- Lighthouse ------------------------------------------------------------------------------------------------
def lighthouse_command(url: str, output: Path) -> list[str]:
    return [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        "--only-categories=performance,accessibility",
        "--form-factor=mobile",
        f"--chrome-flags={CHROME_FLAGS}",
    ]


def run_lighthouse(url: str, output: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(
        lighthouse_command(url, output), env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    return json.loads(output.read_text(encoding="utf-8"))


def summarise(report: dict, base: str) -> dict:
    audits = report["audits"]
    categories = report["categories"]
    by_kind: dict[str, int] = {}
    resources = []
    for item in audits["network-requests"]["details"]["items"]:
        kind = KINDS.get(item.get("resourceType", "")) or ("data" if item["url"].endswith((".json", ".xml")) else "")
        kind = kind or "other"
        size = int(item.get("transferSize") or 0)
        by_kind[kind] = by_kind.get(kind, 0) + size
        resources.append({"url": item["url"].removeprefix(base.rstrip("/")), "kind": kind, "transfer_bytes": size})
    failing = sorted(
        ref["id"]
        for ref in categories["accessibility"]["auditRefs"]
        if ref["weight"] and audits[ref["id"]].get("score") not in (None, 1)
    )
    return {
        "performance": categories["performance"]["score"],
        "accessibility": categories["accessibility"]["score"],
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 4),
        "total_bytes": int(audits["total-byte-weight"]["numericValue"]),
        "bytes_by_kind": dict(sorted(by_kind.items())),
        "accessibility_failures": failing,
        "render_blocking": [
            item["url"].removeprefix(base.rstrip("/"))
            for item in (audits["render-blocking-resources"].get("details") or {}).get("items", [])
        ],
        "resources": resources,
    }


def measure(base: str, pages: dict[str, str], runs: int, work: Path) -> dict:
    results = {}
    for name, path in pages.items():
        summaries = []
        for run in range(runs):
            report = run_lighthouse(base + path, work / f"{name}-{run}.json")
            summaries.append(summarise(report, base))
        scores = [s["performance"] for s in summaries]
        median = sorted(summaries, key=lambda s: s["performance"])[len(summaries) // 2]
        results[name] = {
            "path": "/" + path,
            **median,
            "performance_runs": scores,
            "performance_median": statistics.median(scores),
        }
        print(f"  {name}: performance {scores}, accessibility {median['accessibility']}", file=sys.stderr)
    return results


def versions() -> dict:
    package = json.loads((PROJECT / "node_modules" / "lighthouse" / "package.json").read_text(encoding="utf-8"))
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "lighthouse": package["version"],
        "chromium": chromium,
        "node": node,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }


def table(results: dict) -> str:
    lines = [
        "| page | performance | accessibility | FCP | LCP | CLS | transferred (gzip) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} `{r['path']}` | {r['performance']:.2f} | {r['accessibility']:.2f} | "
            f"{r['fcp_ms'] / 1000:.1f} s | {r['lcp_ms'] / 1000:.1f} s | {r['cls']:.3f} | "
            f"{r['total_bytes'] / 1024:.1f} KiB |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an already built site (default: build the repository's)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is kept)")
    parser.add_argument("--label", default="after", help="the key the results are stored under")
    parser.add_argument("--page", action="append", choices=sorted(PAGES), help="only these pages")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm ci` (make bench does)", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"Chromium is not at {CHROMIUM} (make browser installs it)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="kindred-lighthouse-"))
    try:
        site = args.site.resolve() if args.site else build_site(work)
        server, base = serve(site)
        try:
            pages = {name: PAGES[name] for name in (args.page or PAGES)}
            results = measure(base, pages, args.runs, work)
        finally:
            server.shutdown()
            server.server_close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    stored = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    example = lighthouse_command(base + "help/gb/", Path("report.json"))
    example[0] = "node_modules/.bin/lighthouse"
    stored.update(
        {
            "command": "python " + " ".join(["bench/bench_lighthouse.py", *map(shlex.quote, sys.argv[1:])]),
            "lighthouse_command": f"CHROME_PATH={CHROMIUM} " + " ".join(map(shlex.quote, example)),
            "server": "bench/bench_lighthouse.py's threaded server on 127.0.0.1, gzip level 6 for text responses",
        }
    )
    stored.setdefault("runs", {}).setdefault(args.label, {})
    stored["runs"][args.label].update(
        {
            "machine": versions(),
            "runs_per_page": args.runs,
            "pages": {**stored["runs"][args.label].get("pages", {}), **results},
        }
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
