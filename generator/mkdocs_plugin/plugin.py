"""`plugins: [kindred]`: validates the directory, generates pages and open data, guards the last good site."""

from __future__ import annotations

import html
import json
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from ..directory import Directory, load_directory
from ..exports.site_files import data_files
from ..problems import format_problems
from ..site.markers import MARKER, parse_marker, select
from ..site.pages import PagePlan, plan_pages
from ..site.render import render_cards, render_jsonld
from . import generated_pages, staging, theme_cache
from .assets import ASSET_PREFIX, asset_files
from .config import KindredConfig

log = logging.getLogger("mkdocs.plugins.kindred")


def relative_base(page_url: str) -> str:
    """Path from a page to the site root: "" for the home page, "../../" for "helplines/x/"."""
    return "../" * page_url.count("/")


class KindredPlugin(BasePlugin[KindredConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.command = "build"
        self.directory: Directory | None = None
        self.plans: dict[str, PagePlan] = {}
        self.views = []
        self.nav = None
        self.page_shells: theme_cache.PageShells | None = None
        self.generated_pages = 0
        self.site_dir = ""
        self.staging = ""
        self.warnings: CountHandler | None = None

    # -- lifecycle -------------------------------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def directory_path(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent / self.config.directory

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Validate before MkDocs cleans site_dir, so bad listings never touch the last good site.
        directory = load_directory(self.directory_path(config))
        problems = directory.problems.promote_warnings() if self.config.strict_listings else directory.problems
        for warning in problems.warnings:
            log.info("listing: %s", warning.as_text())
        if problems.errors:
            raise PluginError("the directory has errors; nothing was built:\n"
                              + format_problems(sorted(problems.errors), "text"))
        self.directory = directory
        config.extra["kindred"] = {
            "quick_exit_url": self.config.quick_exit_url,
            "asset_prefix": ASSET_PREFIX,
        }
        for path in ("kindred.css", "finder.css"):
            if ASSET_PREFIX + path not in config.extra_css:
                config.extra_css.append(ASSET_PREFIX + path)
        for path in ("kindred.js", "finder.js"):
            if ASSET_PREFIX + path not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(ASSET_PREFIX + path)
        # MkDocs keeps one plugin instance per process (mkdocs serve, or several builds in one process):
        # nothing from an earlier build may leak into this one.
        self.site_dir, self.staging = "", ""
        if self.command == "build":
            self.site_dir = config.site_dir
            self.staging = staging.staging_dir_for(config.site_dir)
            staging.discard(self.staging)
            config.site_dir = self.staging
            # In strict mode MkDocs aborts on warnings only *after* post_build; count them ourselves so a
            # build that is about to abort never replaces the last good site.
            self._stop_counting()
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    def _stop_counting(self) -> list:
        counts = []
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            counts = self.warnings.get_counts()
            self.warnings = None
        return counts

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.directory is not None
        plans, self.views = plan_pages(self.directory, repo_url=config.repo_url or "",
                                       page_size=self.config.page_size, site_url=config.site_url or "")
        self.plans = {}
        for plan in plans:
            # MkDocs treats a page title as HTML (Material prints `page.meta.title`, `page.title` and the
            # description unescaped in <title>, the header and <meta>), so listing text goes in escaped.
            front = {"title": html.escape(plan.title), "search": {"exclude": True}, "hide": ["toc"]}
            if plan.description:
                front["description"] = html.escape(plan.description)
            # JSON is YAML, and json.dumps escapes anything a listing could smuggle into front matter.
            content = f"---\n{json.dumps(front, ensure_ascii=True)}\n---\n"
            generated = File.generated(config, plan.src_uri, content=content,
                                       inclusion=InclusionLevel.NOT_IN_NAV)
            if plan.listing is not None:
                generated.edit_uri = None
            files.append(generated)
            self.plans[plan.src_uri] = plan
        for path, content in {**asset_files(), **data_files(self.directory)}.items():
            files.append(File.generated(config, path, content=content))
        return files

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        self.nav = nav
        self.generated_pages = generated_pages.adopt(files, self.plans, nav, config)  # no Markdown for empty pages
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # Thousands of generated pages outside the nav share the theme's HTML per folder: render it once.
        self.page_shells = theme_cache.install(env, self.nav, config)
        return env

    # -- pages ---------------------------------------------------------------------------------------------
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        plan = self.plans.get(page.file.src_uri)
        if plan is not None:
            # A listing is edited in its YAML file; browse pages have no source file to edit.
            page.edit_url = None
            if plan.listing is not None and config.repo_url:
                page.edit_url = (f"{config.repo_url.rstrip('/')}/edit/{self.config.edit_branch}/"
                                 f"{plan.listing.edit_path}")
            return markdown
        problems = []
        for match in MARKER.finditer(markdown):
            _, reasons = parse_marker(match.group("args"), self.directory.taxonomy)
            line = markdown.count("\n", 0, match.start()) + 1
            problems += [f"{page.file.src_path}:{line}: {reason}" for reason in reasons]
        if problems:
            raise PluginError("\n".join(problems))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        base = relative_base(page.url)
        plan = self.plans.get(page.file.src_uri)
        if plan is not None:
            if plan.jsonld:
                page.meta["kindred_jsonld"] = render_jsonld(plan.jsonld)  # overrides/main.html puts it in <head>
            return plan.render(base)

        def cards(match) -> str:
            marker, _ = parse_marker(match.group("args"), self.directory.taxonomy)
            chosen = select(marker, self.views)
            if not chosen:
                return '<p class="kd-empty">No listings match yet.</p>'
            return f'<div class="kd-embedded">{render_cards(chosen, base=base)}</div>'

        return MARKER.sub(cards, html)

    # -- finishing ------------------------------------------------------------------------------------------
    def on_serve(self, server, *, config: MkDocsConfig, builder):
        server.watch(str(self.directory_path(config)))
        return server

    @event_priority(-100)  # after every other plugin (search writes its index in post_build)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        warnings = self._stop_counting()
        if not self.staging:
            return
        if config.strict and warnings:
            # MkDocs raises "Aborted with N warnings in strict mode" right after this event.
            staging.discard(self.staging)
        elif os.path.isdir(self.staging):
            staging.publish(self.staging, self.site_dir)
        config.site_dir = self.site_dir

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_counting()
        if self.staging:
            staging.discard(self.staging)

    def on_shutdown(self) -> None:
        self._stop_counting()
