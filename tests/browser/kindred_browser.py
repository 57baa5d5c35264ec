"""Plain helpers for the browser tests; conftest.py wraps them in fixtures.

- `build_fixture_site(directory_path, tmp_path_factory) -> Path`: a strict build of a fixture directory
  with the fixture articles (tests/fixtures/site_content), cached per directory for the session.
- `serve_site(site_path) -> base_url`: a ThreadingHTTPServer on 127.0.0.1, port 0, in a thread.
- `open_guarded_context(browser, **options) -> (context, guard)`: records every request, answers the Quick
  exit target with a local stub and aborts (and records) anything else that would leave 127.0.0.1.
- `run_axe(page) -> violations` (WCAG 2.0/2.1 A and AA rules), `describe_violations(violations)`.

Test modules import them as `from kindred_browser import ...` (pytest's default "prepend" import mode puts
tests/browser on sys.path).
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SITE_DIRECTORY = FIXTURES / "site_directory"
HOSTILE_DIRECTORY = FIXTURES / "hostile_directory"
SITE_CONTENT = FIXTURES / "site_content"
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"  # the plugin's default; tests answer it with a local stub
QUICK_EXIT_STUB = "<!doctype html><html lang=en><title>Weather</title><h1>Stub neutral page</h1></html>"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# -- building ---------------------------------------------------------------------------------------------------
FIXTURE_MKDOCS = """\
site_name: Kindred test site
site_url: {site_url}
repo_url: https://github.com/kindred-directory/kindred
repo_name: kindred-directory/kindred
edit_uri: edit/main/content/
docs_dir: {docs_dir}
site_dir: {site_dir}
strict: true
theme:
  name: material
  custom_dir: {overrides}
  language: en
  font: false
  features: [navigation.instant, navigation.sections, navigation.top, content.action.edit, search.highlight]
plugins:
  - search
  - kindred:
      directory: {directory}
markdown_extensions: [admonition, attr_list, md_in_html, {{toc: {{permalink: false}}}}]
nav:
  - Home: index.md
  - Find support: find.md
  - Helplines: helplines/index.md
  - Online communities: communities/index.md
  - Teletherapy: teletherapy/index.md
  - Browse by topic: topics/index.md
  - Browse by country: countries/index.md
  - Guides:
      - guides/grief.md
"""

_LOCK = threading.Lock()
_BUILDS: dict[tuple[Path, Path], Path] = {}
_SERVERS: dict[Path, tuple[http.server.ThreadingHTTPServer, str]] = {}
_RESERVED: dict[Path, http.server.ThreadingHTTPServer] = {}


def write_fixture_config(project: Path, directory_path: Path, content_dir: Path = SITE_CONTENT,
                         site_url: str = "https://kindred.example.org/") -> Path:
    """A mkdocs.yml in `project` that builds `directory_path` with the fixture articles into project/site."""
    project.mkdir(parents=True, exist_ok=True)
    config = project / "mkdocs.yml"
    config.write_text(FIXTURE_MKDOCS.format(
        site_url=json.dumps(site_url), docs_dir=json.dumps(str(content_dir)),
        site_dir=json.dumps(str(project / "site")), overrides=json.dumps(str(ROOT / "overrides")),
        directory=json.dumps(str(directory_path))), encoding="utf-8")
    return config


def strict_build(config_file: Path) -> None:
    """What `mkdocs build --strict` does, in this process (raises on any error or warning)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def build_fixture_site(directory_path, tmp_path_factory, content_dir: Path = SITE_CONTENT) -> Path:
    """The built site folder for this fixture directory (built once per session).

    The site is built for the address `serve_site` will give it: Material's instant navigation only takes
    over links whose host *and port* match the sitemap's (site_url), so a port is reserved before building.
    """
    key = (Path(directory_path).resolve(), Path(content_dir).resolve())
    with _LOCK:
        if key not in _BUILDS:
            project = tmp_path_factory.mktemp(f"site-{key[0].name}")
            server = _Server(("127.0.0.1", 0), _QuietHandler)
            site_url = f"http://127.0.0.1:{server.server_address[1]}/"
            strict_build(write_fixture_config(project, key[0], key[1], site_url=site_url))
            site = (project / "site").resolve()
            server.RequestHandlerClass = functools.partial(_QuietHandler, directory=str(site))
            _RESERVED[site] = server
            _BUILDS[key] = site
        return _BUILDS[key]


def shipped_languages() -> list[str]:
    """The site languages besides English, as the repository's mkdocs.yml lists them."""
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "kindred" in plugin:
            return list(plugin["kindred"].get("languages", []))
    return []


def build_shipped_site(tmp_path_factory) -> Path:
    """The repository's own site (mkdocs.yml, content/, directory/), built once per session for a local port."""
    key = (ROOT / "directory", ROOT / "content")
    with _LOCK:
        if key not in _BUILDS:
            project = tmp_path_factory.mktemp("site-shipped")
            server = _Server(("127.0.0.1", 0), _QuietHandler)
            site_url = f"http://127.0.0.1:{server.server_address[1]}/"
            config = project / "mkdocs.yml"
            config.write_text(
                f"INHERIT: {json.dumps(str(ROOT / 'mkdocs.yml'))}\n"
                f"docs_dir: {json.dumps(str(ROOT / 'content'))}\n"
                f"site_dir: {json.dumps(str(project / 'site'))}\n"
                f"site_url: {json.dumps(site_url)}\n"
                f"theme: {{name: material, custom_dir: {json.dumps(str(ROOT / 'overrides'))}}}\n"
                f"plugins:\n  - search\n  - kindred:\n      directory: {json.dumps(str(ROOT / 'directory'))}\n"
                f"      languages: {json.dumps(shipped_languages())}\n",
                encoding="utf-8")
            strict_build(config)
            site = (project / "site").resolve()
            server.RequestHandlerClass = functools.partial(_QuietHandler, directory=str(site))
            _RESERVED[site] = server
            _BUILDS[key] = site
        return _BUILDS[key]


# -- serving ----------------------------------------------------------------------------------------------------
class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that stops reading (a page left mid-load) is not a failure of the site.
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve_site(site_path) -> str:
    """Serve `site_path` on 127.0.0.1 from a thread (on the port it was built for, if built here, else a free
    one); the base URL, ending in '/'."""
    key = Path(site_path).resolve()
    with _LOCK:
        if key not in _SERVERS:
            server = _RESERVED.pop(key, None) or _Server(
                ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(key)))
            threading.Thread(target=server.serve_forever, daemon=True, name=f"serve-{key.name}").start()
            _SERVERS[key] = (server, f"http://127.0.0.1:{server.server_address[1]}/")
        return _SERVERS[key][1]


def close_servers() -> None:
    with _LOCK:
        for server, _ in _SERVERS.values():
            server.shutdown()
            server.server_close()
        for server in _RESERVED.values():
            server.server_close()
        _SERVERS.clear()
        _RESERVED.clear()


# -- keeping traffic local --------------------------------------------------------------------------------------
def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


class Guard:
    """What a context did: every request URL, the ones stopped, console messages, errors and dialogs."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.quick_exit_hits: list[str] = []
        self.console: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        self.csp_events: list[str] = []  # securitypolicyviolation events, from every document

    def external(self) -> list[str]:
        """Requests that went (or tried to go) anywhere but 127.0.0.1, the Quick exit target aside."""
        return [url for url in self.requests if not is_local(url) and not url.startswith(QUICK_EXIT_URL)]

    def csp_violations(self) -> list[str]:
        return self.csp_events + [m for m in self.console if "Content Security Policy" in m or "Refused to" in m]

    def watch(self, page) -> None:
        page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

        def dialog(d):
            self.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", dialog)


def open_guarded_context(browser, **options):
    """A new context whose traffic is recorded and kept on 127.0.0.1; returns (context, guard)."""
    guard = Guard()
    options.setdefault("service_workers", "block")
    context = browser.new_context(**options)
    context.on("request", lambda request: guard.requests.append(request.url))

    def route(route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        elif url.startswith(QUICK_EXIT_URL):
            guard.quick_exit_hits.append(url)
            route.fulfill(status=200, content_type="text/html", body=QUICK_EXIT_STUB)
        else:
            guard.blocked.append(url)
            route.abort()

    context.route("**/*", route)
    context.on("page", guard.watch)
    # Report CSP violations from every document (init scripts and bindings come through DevTools, so the
    # page's own CSP does not block them).
    context.expose_binding("__kdReportCsp", lambda source, text: guard.csp_events.append(text))
    context.add_init_script("""document.addEventListener('securitypolicyviolation', function (e) {
        window.__kdReportCsp(e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' +
                             e.lineNumber);
    });""")
    return context, guard


# -- accessibility ----------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page, tags=WCAG_TAGS) -> list[dict]:
    """axe-core's violations for the page as it is now, for rules tagged WCAG 2.0/2.1 A or AA.

    axe is evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    return page.evaluate(
        """async (tags) => {
            const result = await window.axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                           resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                          summary: n.failureSummary}))}));
        }""",
        tags,
    )


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html']}")
            lines.append(f"      {node['summary']}".replace("\n", "\n      "))
    return "\n".join(lines)
