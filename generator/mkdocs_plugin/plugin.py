"""`plugins: [kindred]`: validates the directory, generates pages and open data, guards the last good site."""

from __future__ import annotations

import gc
import logging
import os
from html import escape
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from .. import render_cache
from ..directory import Directory, DirectoryReader, collector_paused
from ..i18n import _, browser_catalogue, gettext, language, ngettext
from ..i18n.languages import Language
from ..problems import format_problems
from ..safe_files import unsafe_source_files
from ..site.help_pages import help_block
from ..site.markers import HELP_MARKER, MARKER, MarkerIndex, parse_marker
from ..site.page_cache import ListingPageCache
from ..site.pages import PagePlan, ViewCache
from ..site.render import render_cards, render_jsonld
from ..site.view import ListingView, report_email_problem
from ..site_plan import SitePlan, plan_site
from . import data_files, fast_pages, generated_pages, languages, serving, sitemaps, staging, theme_cache
from .assets import ASSET_PREFIX, ENTRY_SCRIPT, asset_files
from .config import KindredConfig
from .fast_pages import relative_base
from .site_budget import OverBudget, SiteBudget

log = logging.getLogger("mkdocs.plugins.kindred")


class _ToMkDocs(logging.Handler):
    """The core logs under its own module names; MkDocs prints only its loggers' records, so pass them on."""

    def emit(self, record: logging.LogRecord) -> None:
        log.handle(record)


def forward_core_logs() -> None:
    core = logging.getLogger("generator")
    core.setLevel(logging.getLogger("mkdocs").getEffectiveLevel())
    if not any(isinstance(handler, _ToMkDocs) for handler in core.handlers):
        core.addHandler(_ToMkDocs())


class KindredPlugin(BasePlugin[KindredConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.command = "build"
        self.directory: Directory | None = None
        self.plans: dict[str, PagePlan] = {}
        self.views: list[ListingView] = []
        self.marker_index: MarkerIndex | None = None
        self.nav = None
        self.page_shells: theme_cache.PageShells | None = None
        self.generated_pages = 0
        self.site_dir = ""
        self.staging = ""
        self.lock: staging.BuildLock | None = None
        self.budget: SiteBudget | None = None
        self.warnings: CountHandler | None = None
        # While the default language's build builds another language (languages.py), MkDocs hands that build
        # this same plugin instance (it caches plugins per process): these say which build is running.
        self.parent: KindredPlugin | None = None
        self.nested_language: Language | None = None
        self.languages: tuple[Language, ...] = ()
        self.language: Language = language("en")
        self.fallbacks: set[str] = set()
        # Pages outside the nav that the plugin writes itself (fast_pages.py), and the language builds whose
        # pages are still being written by worker processes.
        self.fast_pages: list[tuple[PagePlan, File]] = []
        self.page_jobs: list[fast_pages.PageJob] = []
        self.data_jobs: list[data_files.DataJob] = []
        self.finished_data: list[data_files.DataJob] = []
        self.files: Files | None = None
        self.page_writers: list[fast_pages.PageWriter] = []  # this build's, every language (tests look at them)
        # Under `mkdocs serve`, kept from one rebuild to the next (serving.py): the listings read, their views,
        # and what was written into the served folder.
        self.dirty = False
        self.reader = DirectoryReader()
        self.view_cache = ViewCache()
        self.served: serving.ServedSite | None = None

    # -- lifecycle -------------------------------------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    def directory_path(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent / self.config.directory

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.nested_language is not None and self.parent is not None:
            return self._language_config(config, self.parent, self.nested_language)
        self.languages = languages.site_languages(list(self.config.languages), config.theme["language"])
        self.language = self.languages[0]
        # Validate before MkDocs cleans site_dir, so bad listings never touch the last good site.
        gc.unfreeze()  # what an earlier build in this process (mkdocs serve) froze may go now
        if self.command != "serve":  # a rebuild in this process reads every file again
            self.reader, self.view_cache = DirectoryReader(), ViewCache()
        # Tens of thousands of objects that live as long as the build: the cyclic collector's full passes over
        # them found nothing and took a quarter of the time spent building pages. Freeze them out of its way,
        # before the collector runs again: loading pauses it, and its first pass once it ran again walked every
        # object just made (10,000 listings: ~0.25 s).
        with collector_paused():
            directory = self.reader.load(self.directory_path(config))
            gc.freeze()
        problems = directory.problems.promote_warnings() if self.config.strict_listings else directory.problems
        for warning in problems.warnings:
            log.info("listing: %s", warning.as_text())
        # MkDocs copies docs_dir following links, and Jinja reads custom_dir: a link there could publish
        # .git/config or /proc/self/environ. Nothing but regular files may reach the site.
        unsafe = unsafe_source_files(config.docs_dir, config.theme.custom_dir)
        if unsafe:
            raise PluginError(
                "files that are not regular files; nothing was built:\n" + format_problems(unsafe, "text")
            )
        if problems.errors:
            raise PluginError(
                "the directory has errors; nothing was built:\n" + format_problems(sorted(problems.errors), "text")
            )
        refused = report_email_problem(self.config.report_email.strip())
        if refused:
            raise PluginError(f"kindred: report_email {refused}; nothing was built")
        self.directory = directory
        self._page_settings(config)
        forward_core_logs()
        # MkDocs keeps one plugin instance per process (mkdocs serve, or several builds in one process):
        # nothing from an earlier build may leak into this one.
        self._let_go()
        self.site_dir, self.staging, self.budget = "", "", None
        self.page_writers, self.finished_data = [], []
        self._cancel_pages()  # workers a build that never finished left behind
        if self.command == "serve":
            if self.served is None or self.served.root != config.site_dir:
                self.served = serving.ServedSite(config.site_dir)
            self.served.dirty = self.dirty
            config.site_dir = self.served.begin()  # MkDocs' own files; the plugin's go straight to the served folder
        if self.command == "build":
            self.site_dir = config.site_dir
            self.budget = self._budget()
            self.staging = self._claim_staging(config.site_dir)
            config.site_dir = self.staging
            # In strict mode MkDocs aborts on warnings only *after* post_build; count them ourselves so a
            # build that is about to abort never replaces the last good site.
            self._stop_counting()
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    def _language_config(self, config: MkDocsConfig, parent: KindredPlugin, chosen: Language) -> MkDocsConfig:
        """Another language's build: the directory, budget and staging are the default language's."""
        self.command, self.directory, self.budget = parent.command, parent.directory, parent.budget
        self.languages, self.language = parent.languages, chosen
        if config.site_description:
            config.site_description = _(config.site_description)
        self._page_settings(config)
        return config

    def _page_settings(self, config: MkDocsConfig) -> None:
        """What overrides/main.html and the browser need to know, and Kindred's stylesheets and script."""
        config.extra["kindred"] = {
            "quick_exit_url": self.config.quick_exit_url,
            "asset_prefix": ASSET_PREFIX,
            # overrides/main.html lets `mkdocs serve`'s inline live-reload script run; a built site never does.
            "serving": self.command == "serve",
            "language": self.language.code,
            "direction": self.language.direction,
            # The browser modules' strings in this language (`#kd-strings` in <head>; empty for English).
            "strings": {"lang": self.language.code, "messages": browser_catalogue(self.language.code)},
        }
        if len(self.languages) > 1:
            config.extra["alternate"] = True  # Material's header then includes overrides/partials/alternate.html
        # finder.css only on the finder's page (PagePlan.stylesheets): every other page is lighter without it.
        for path in ("kindred.css", "help.css"):
            if ASSET_PREFIX + path not in config.extra_css:
                config.extra_css.append(ASSET_PREFIX + path)
        # One ES module on every page; it imports the rest (the finder's modules only on the finder's page).
        if ASSET_PREFIX + ENTRY_SCRIPT not in [str(s) for s in config.extra_javascript]:
            script = ExtraScriptValue(ASSET_PREFIX + ENTRY_SCRIPT)
            script.type = "module"
            config.extra_javascript.append(script)

    def _budget(self) -> SiteBudget:
        limit, wait = self.config.max_site_mb, self.config.build_lock_wait
        if isinstance(limit, bool) or not limit > 0:
            raise PluginError(f"kindred: max_site_mb must be a number of megabytes above 0, not {limit!r}")
        if isinstance(wait, bool) or not wait >= 0:
            raise PluginError(f"kindred: build_lock_wait must be a number of seconds, 0 or more, not {wait!r}")
        return SiteBudget(limit, len(self.languages))

    def _claim_staging(self, site_dir: str) -> str:
        """Lock site_dir against other builds, tidy what crashed builds left, and make this build's folder."""
        self.lock = staging.BuildLock(site_dir)
        try:
            self.lock.acquire(
                self.config.build_lock_wait,
                on_wait=lambda: log.info(
                    "another build is writing %s; waiting up to %g s for it", site_dir, self.config.build_lock_wait
                ),
            )
            for note in staging.tidy(site_dir):
                log.info(note)
            return staging.new_staging(site_dir)
        except staging.StagingError as exc:
            self._let_go()
            raise PluginError(str(exc)) from None

    def _let_go(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _stop_counting(self) -> list:
        counts = []
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            counts = self.warnings.get_counts()
            self.warnings = None
        return counts

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.directory is not None
        self._start_data_files(config)  # MkDocs has emptied site_dir by now (after on_config)
        self.fallbacks = languages.choose_sources(files, config, self.language, self.languages)
        with collector_paused():  # until the freeze, as in on_config (10,000 listings: ~0.17 s)
            site = plan_site(
                self.directory,
                repo_url=config.repo_url or "",
                page_size=self.config.page_size,
                site_url=config.site_url or "",
                report_email=self.config.report_email.strip(),
                views=self.view_cache if self.command == "serve" else None,
            )
            gc.freeze()  # the views and page plans live as long as this language's build (see on_config)
        self.views = site.views
        self.marker_index = None
        self.plans = {}
        self.fast_pages = []
        self.files = files
        fast = fast_pages.usable(config)
        in_nav = fast_pages.nav_sources(config.nav) if fast else set()
        for plan in site.pages:
            self.plans[plan.src_uri] = plan
            if fast and plan.src_uri not in in_nav:
                page_file = fast_pages.plugin_page(config, plan.src_uri)
                files.append(page_file)
                self.fast_pages.append((plan, page_file))
                continue
            content = fast_pages.front_matter(plan)
            generated = File.generated(config, plan.src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            if plan.listing is not None:
                generated.edit_uri = None
            files.append(generated)
        for path, data in asset_files().items():
            files.append(File.generated(config, path, content=data))
        return files

    def _start_data_files(self, config: MkDocsConfig) -> None:
        """The data files (they need only the directory), written by worker processes while the pages are planned
        and built: started before this language's pages are planned, so the workers start small."""
        assert self.directory is not None
        # One api/ for every language, from the default language's build.
        groups = [
            group
            for group in SitePlan(self.directory, [], []).data_groups(cached=True)
            if self.nested_language is None or not group.folder.startswith(languages.SHARED_PREFIXES)
        ]
        if self.served is not None and self.command == "serve":
            job = data_files.DataJob(
                groups,
                self.served_dir(),
                self.language.code,
                prefix=self.language_root(),
                unchanged=serving.Unchanged(self.served.data),
            )
        else:
            job = data_files.DataJob(groups, config.site_dir, self.language.code, self._spend)
        self.data_jobs.append(job)  # collected in on_post_build

    def language_root(self) -> str:
        """This language's folder in the site: "" for the default language, "es/" for Spanish."""
        return "" if self.language.is_default else self.language.slug + "/"

    def served_dir(self) -> str:
        """Under `mkdocs serve`, where this language's site is served from."""
        assert self.served is not None
        return os.path.join(self.served.root, self.language_root())

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        if not self.language.is_default:
            languages.translate_nav(nav)
        self.nav = nav
        self.generated_pages = generated_pages.adopt(files, self.plans, nav, config)  # no Markdown for empty pages
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # overrides/*.html mark their strings like the core's templates: `{{ _("...") }}`.
        if "jinja2.ext.InternationalizationExtension" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        env.install_gettext_callables(gettext, ngettext, newstyle=True)
        # Thousands of generated pages outside the nav share the theme's HTML per folder: render it once.
        self.page_shells = theme_cache.install(env, self.nav, config)
        if self.budget is not None:
            # MkDocs copies the static files next: count them before anything is written.
            for file in files:
                if isinstance(file, fast_pages.PluginPage):
                    continue
                if not file.is_documentation_page() and file.inclusion.is_included():
                    size = os.path.getsize(file.abs_src_path) if file.abs_src_path else len(file.content_bytes)
                    self._spend(size, file.src_uri)
        if self.fast_pages:
            self._collect_pages()  # the previous language's, so the budget is checked before going on
            writer = fast_pages.PageWriter(self, config, self.nav, files, env, self.fast_pages)
            writer.budget = self._spend
            assert self.directory is not None
            writer.page_cache = ListingPageCache(
                self.directory, repo_url=config.repo_url or "", report_email=self.config.report_email.strip()
            )
            if self.served is not None and self.command == "serve":
                writer.site_dir = self.served_dir()
                writer.previous = self.served.previous_pages(self.language_root())
                writer.site_inputs = serving.site_inputs(config, self.files, self.config.edit_branch)
            self.page_writers.append(writer)
            # Worker processes write these pages while MkDocs builds its own (collected in on_post_build).
            self.page_jobs.append(fast_pages.PageJob(self.language, writer, writer.start()))
        return env

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        if template_name != "sitemap.xml":
            return context
        if self.fast_pages and self.files is not None:
            # The pages this plugin writes are not MkDocs documentation pages: list them too, in their places.
            context["pages"] = fast_pages.sitemap_pages(self.files, config)
        if len(self.languages) > 1:  # each page's hreflang alternates, in a sitemap of their own (sitemaps.py)
            alternates = languages.SitemapAlternates(config.site_url, self.language, self.languages)
            sitemaps.write_languages(context, config, alternates)
        sitemaps.write_index(config, self.language, self.languages)
        return context

    # -- pages ---------------------------------------------------------------------------------------------
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        plan = self.plans.get(page.file.src_uri)
        if plan is not None:
            page.edit_url = self.plan_edit_url(plan, config)
            return markdown
        assert self.directory is not None
        problems = []
        for match in MARKER.finditer(markdown):
            _, reasons = parse_marker(match.group("args"), self.directory.taxonomy)
            line = markdown.count("\n", 0, match.start()) + 1
            problems += [f"{page.file.src_path}:{line}: {reason}" for reason in reasons]
        if problems:
            raise PluginError("\n".join(problems))
        return markdown

    def plan_edit_url(self, plan: PagePlan, config: MkDocsConfig) -> str | None:
        """A listing is edited in its YAML file; browse pages have no source file to edit."""
        if plan.listing is not None and config.repo_url:
            return f"{config.repo_url.rstrip('/')}/edit/{self.config.edit_branch}/{plan.listing.edit_path}"
        return None

    def page_languages(self, url: str, src_uri: str) -> dict[str, str]:
        """page.meta's entry for the language switcher (a string in page.meta: the theme cache treats it as the
        page's own value, theme_cache.py). The hreflang alternates are in the sitemap (on_template_context)."""
        if len(self.languages) > 1 and not languages.is_shared_data(src_uri):
            # (api/ is built once, in the default language: its pages have no other language to link to.)
            return {"kindred_languages": languages.language_switcher(url, self.language, self.languages)}
        return {}

    def plan_meta(self, plan: PagePlan, url: str, src_uri: str) -> dict[str, str]:
        """A generated page's additions to page.meta."""
        meta = self.page_languages(url, src_uri)
        if plan.stylesheets:  # overrides/main.html links them after the site-wide ones
            base = relative_base(url)
            meta["kindred_stylesheets"] = "".join(
                f'<link rel="stylesheet" href="{escape(base + ASSET_PREFIX + name)}">' for name in plan.stylesheets
            )
        if plan.head:  # overrides/main.html puts it in <head>, after those stylesheets
            meta["kindred_head"] = plan.head(relative_base(url))
        if plan.jsonld:
            meta["kindred_jsonld"] = render_jsonld(plan.jsonld)  # overrides/main.html puts it in <head>
        return meta

    def plan_content(self, plan: PagePlan, url: str, src_uri: str) -> tuple[dict[str, str], str]:
        """A generated page's additions to page.meta, and its HTML."""
        return self.plan_meta(plan, url, src_uri), plan.render(relative_base(url))

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        base = relative_base(page.url)
        plan = self.plans.get(page.file.src_uri)
        if plan is not None:
            meta, content = self.plan_content(plan, page.url, page.file.src_uri)
            page.meta.update(meta)
            return content
        page.meta.update(self.page_languages(page.url, page.file.src_uri))

        def cards(match) -> str:
            assert self.directory is not None
            marker, _reasons = parse_marker(match.group("args"), self.directory.taxonomy)
            assert marker is not None  # on_page_markdown has refused the page's bad markers
            if self.marker_index is None:
                self.marker_index = MarkerIndex(self.views)
            chosen = self.marker_index.select(marker)
            if not chosen:
                return f'<p class="kd-empty">{_("No listings match yet.")}</p>'
            return f'<div class="kd-embedded">{render_cards(chosen, base=base)}</div>'

        html = MARKER.sub(cards, html)
        directory = self.directory
        html = HELP_MARKER.sub(lambda _: help_block(directory, base), html) if directory else html
        if page.file.src_uri in self.fallbacks:
            # The nav and <title> name the page in the page language (site_strings.ARTICLE_TITLES); its
            # text stays English, marked so, under a note that says so.
            if page.title:
                page.title = _(page.title)
            note = _("This page has not been translated into %(language)s yet, so it is shown in English.") % {
                "language": self.language.native_name
            }
            html = f'<p class="kd-untranslated">{note}</p>\n<div lang="en" dir="ltr">\n{html}\n</div>'
        return html

    @event_priority(-100)  # the page as it will be written, after any other plugin changed it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.budget is not None:
            self._spend(len(output) if output.isascii() else len(output.encode("utf-8")), page.file.src_uri)
        return output

    def _spend(self, size: int, what: str) -> None:
        if self.budget is None:
            return
        try:
            self.budget.add(size, what)
        except OverBudget as exc:
            raise PluginError(str(exc)) from None

    # -- finishing ------------------------------------------------------------------------------------------
    def on_serve(self, server, *, config: MkDocsConfig, builder):
        server.watch(str(self.directory_path(config)))
        return server

    @event_priority(-100)  # after every other plugin (search writes its index in post_build)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # What this language's build froze (on_files) may be collected once it is garbage: MkDocs' pages and
        # files refer to each other, so only the cyclic collector frees them.
        gc.unfreeze()
        if self.nested_language is not None:
            return  # the default language's build publishes every language at once
        # Before the warnings are counted: a language build's warnings stop the whole build too.
        try:
            if len(self.languages) > 1:
                self._build_other_languages(config)
            self._collect_pages()
            self._collect_data()
            if self.served is not None and self.command == "serve":
                for note in self.served.finish(self._served_pages(), self._served_data()):
                    log.warning(note)
                config.site_dir = self.served.root
                render_cache.index_packs()  # while serve waits for a save, not after it
        except BaseException:
            self._cancel_pages()
            self._stop_counting()
            if self.served is not None:
                self.served.abandon()
            raise
        warnings = self._stop_counting()
        if not self.staging:
            return
        try:
            if config.strict and warnings:
                # MkDocs raises "Aborted with N warnings in strict mode" right after this event.
                staging.discard(self.staging)
            elif os.path.isdir(self.staging):
                if self.budget is not None:  # the search index and the like came after the pages
                    self.budget.check_folder(self.staging)
                for note in staging.publish(self.staging, self.site_dir):
                    log.info(note)
                render_cache.prune()  # earlier versions of the code made entries no build will find again
        except (OverBudget, staging.StagingError) as exc:
            staging.discard(self.staging)
            raise PluginError(str(exc)) from None
        finally:
            config.site_dir = self.site_dir
            self._let_go()

    def _build_other_languages(self, config: MkDocsConfig) -> None:
        default = self.language
        try:
            for chosen in self.languages[1:]:
                languages.build_language(config, chosen, self, os.path.join(config.site_dir, chosen.slug))
        finally:
            self.language, self.nested_language, self.parent = default, None, None

    def _served_pages(self) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = {}
        for writer in self.page_writers:
            found.setdefault(writer.language_root, {}).update(writer.keys)
        return found

    def _served_data(self) -> dict[str, str]:
        return {path: digest for job in self.finished_data for path, _, digest in job.written}

    def _collect_pages(self) -> None:
        """Wait for the worker processes writing pages; their errors stop the build."""
        _finish_jobs(self.page_jobs, lambda job: f"the {job.language.code} pages")

    def _collect_data(self) -> None:
        """Wait for the worker processes writing the data files (every language's); their errors stop the build."""
        _finish_jobs(self.data_jobs, lambda job: f"the {job.language} data files", self.finished_data)

    def _cancel_pages(self) -> None:
        for job in self.page_jobs:
            job.cancel()
        for data_job in self.data_jobs:
            data_job.cancel()
        self.page_jobs, self.data_jobs = [], []

    def on_build_error(self, *, error: Exception) -> None:
        if self.nested_language is not None:
            return  # the error reaches the default language's build, which cleans up
        self._cancel_pages()
        self._stop_counting()
        if self.served is not None:
            self.served.abandon()
        if self.staging:
            staging.discard(self.staging)
        self._let_go()

    def on_shutdown(self) -> None:
        self._stop_counting()
        self._let_go()


def _finish_jobs(jobs: list, what, finished: list | None = None) -> None:
    """Wait for each job's worker processes in turn (a job stays in `jobs` until it has finished, so a failure
    leaves it there to be cancelled); a worker's error stops the build, naming `what(job)`."""
    while jobs:
        try:
            jobs[0].finish()
        except fast_pages.WorkerFailed as exc:
            raise PluginError(f"kindred: writing {what(jobs[0])} failed:\n{exc}") from None
        done = jobs.pop(0)
        if finished is not None:
            finished.append(done)
