#!/usr/bin/env python3
"""Where a `mkdocs build` spends its time, without cProfile's overhead.

Usage:
    python bench/profile_site.py CONFIG [--cprofile OUT.pstats]

Runs `mkdocs build -q -f CONFIG` in this process with wall-clock timers around
the phases that matter (loading the directory, planning pages, our HTML,
MkDocs' Markdown step, Material's Jinja rendering, the search plugin, writing
files, publishing the staging folder) and prints a table. Timers nest: the
indented rows are part of the row above them. With --cprofile it also writes a
cProfile dump of the same run (slower; use it for the shape, not the seconds).

CONFIG is usually bench/out/site/10000/kindred/mkdocs.yml written by
bench/bench_site.py.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import sys
import time
from collections import defaultdict
from pathlib import Path

totals: dict[str, float] = defaultdict(float)
counts: dict[str, int] = defaultdict(int)

# (label, module, attribute path, depth in the printed tree)
PHASES = [
    ("kindred on_config (load + validate directory)", "generator.mkdocs_plugin.plugin", "KindredPlugin.on_config", 0),
    ("load_directory_for_build", "generator.mkdocs_plugin.plugin", "load_directory_for_build", 1),
    ("kindred on_files (views, page plans, data files)", "generator.mkdocs_plugin.plugin", "KindredPlugin.on_files", 0),
    ("plan_site (listing views, page plans)", "generator.mkdocs_plugin.plugin", "plan_site", 1),
    ("data files (worker processes; here with --serial)", "generator.mkdocs_plugin.data_files", "DataJob._write", 1),
    ("open data (listings.json, CSV)", "generator.site_plan", "open_data_files", 2),
    ("HSDS export", "generator.site_plan", "write_hsds", 2),
    ("finder files (finder data, lunr index)", "generator.site_plan", "finder_files", 2),
    ("File.generated", "mkdocs.structure.files", "File.generated", 1),
    ("get_navigation", "mkdocs.commands.build", "get_navigation", 0),
    ("_populate_page (all pages)", "mkdocs.commands.build", "_populate_page", 0),
    ("Page.read_source", "mkdocs.structure.pages", "Page.read_source", 1),
    ("Page.render (Markdown)", "mkdocs.structure.pages", "Page.render", 1),
    ("kindred on_page_content", "generator.mkdocs_plugin.plugin", "KindredPlugin.on_page_content", 1),
    ("render_listing_page", "generator.site.pages", "render_listing_page", 2),
    ("render_cards (index pages)", "generator.site.pages", "render_cards", 2),
    ("copy_static_files", "mkdocs.structure.files", "Files.copy_static_files", 0),
    ("_build_theme_template (sitemap, 404)", "mkdocs.commands.build", "_build_theme_template", 0),
    ("_build_page (all pages)", "mkdocs.commands.build", "_build_page", 0),
    ("get_context", "mkdocs.commands.build", "get_context", 1),
    ("search on_page_context", "material.plugins.search.plugin", "SearchPlugin.on_page_context", 1),
    ("Material templates (Template.render)", "jinja2.environment", "Template.render", 1),
    ("utils.write_file", "mkdocs.utils", "write_file", 1),
    ("validate_anchor_links", "mkdocs.structure.pages", "Page.validate_anchor_links", 0),
    ("search on_post_build (index)", "material.plugins.search.plugin", "SearchPlugin.on_post_build", 0),
    ("plugin's pages (worker processes; here with --serial)", "generator.mkdocs_plugin.fast_pages",
     "PageWriter.write", 0),
    ("page values (content, meta)", "generator.mkdocs_plugin.fast_pages", "PageWriter.values", 1),
    ("listing page HTML (cached or rendered)", "generator.mkdocs_plugin.fast_pages", "ListingPageCache.content", 2),
    ("pages built as MkDocs does (shells, checks)", "generator.mkdocs_plugin.fast_pages", "PageWriter.as_mkdocs", 1),
    ("kindred on_post_build (publish; waits for workers)", "generator.mkdocs_plugin.plugin",
     "KindredPlugin.on_post_build", 0),
]


inside_build_page = [False]


def wrap(label: str, module: str, path: str) -> None:
    try:
        owner = importlib.import_module(module)
        for parent in path.split(".")[:-1]:
            owner = getattr(owner, parent)
        getattr(owner, path.split(".")[-1])
    except (ImportError, AttributeError):
        print(f"(not timed: {module}.{path} is not there)", file=sys.stderr)
        return
    owner = importlib.import_module(module)
    *parents, name = path.split(".")
    for parent in parents:
        owner = getattr(owner, parent)
    original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
    is_static = isinstance(original, (staticmethod, classmethod))
    func = original.__func__ if is_static else original
    depth = [0]

    only_in_build_page = label.startswith("Material templates")
    marks_build_page = label.startswith("_build_page")

    @functools.wraps(func)
    def timed(*args, **kwargs):
        if depth[0] or (only_in_build_page and not inside_build_page[0]):
            return func(*args, **kwargs)
        if marks_build_page:
            inside_build_page[0] = True
        depth[0] += 1
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            totals[label] += time.perf_counter() - start
            counts[label] += 1
            depth[0] -= 1
            if marks_build_page:
                inside_build_page[0] = False

    setattr(owner, name, type(original)(timed) if is_static else timed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config")
    parser.add_argument("--cprofile", metavar="OUT")
    parser.add_argument("--keep-site", action="store_true", help="do not delete the built site first")
    parser.add_argument("--serial", action="store_true",
                        help="no worker processes: every page and data file made in this process, so each is timed")
    parser.add_argument("--no-render-caches", action="store_true",
                        help="turn off the card cache, the theme's page shells and GeneratedPage (to measure them)")
    args = parser.parse_args()
    if args.no_render_caches:
        from generator.mkdocs_plugin import generated_pages, theme_cache
        from generator.site import render

        theme_cache.ENABLED = False
        generated_pages.ENABLED = False
        render.CardCache.card = lambda self, view, base, level: (
            render.environment().get_template("_card.html").module.card(view, base, level))

    if args.serial:
        import generator.forked

        generator.forked.ENABLED = False
    for label, module, path, _ in PHASES:
        wrap(label, module, path)
    start_cpu = time.process_time()
    from mkdocs.__main__ import cli
    from mkdocs.config import load_config

    if not args.keep_site:
        from aside import set_aside  # moved, not deleted: bench/aside.py

        set_aside(Path(load_config(args.config).site_dir))

    argv = ["build", "-q", "-f", args.config]
    profiler = cProfile.Profile() if args.cprofile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    try:
        cli.main(argv, standalone_mode=False)
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.cprofile)
    total = time.perf_counter() - start

    print("\n| phase | calls | seconds | share |\n|---|---:|---:|---:|")
    for label, _, _, level in PHASES:
        if label in totals:
            print(f"| {'&nbsp;&nbsp;' * level}{label} | {counts[label]:,} | {totals[label]:.2f} | "
                  f"{100 * totals[label] / total:.0f}% |")
    print(f"| **whole build (in process, after imports)** | | {total:.2f} | 100% |")
    print(f"\nCPU time of this process: {time.process_time() - start_cpu:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
