"""Fixtures for every browser test (the plain code is in kindred_browser.py).

- `chromium_browser`: one Chromium (Debian's /usr/bin/chromium) for the session, driven by Playwright.
- `built_site(directory_path) -> Path`: strict build of a fixture directory, once per directory per session,
  with site_url set to the 127.0.0.1 port it will be served on (Material's instant navigation only takes over
  links whose host and port match site_url).
- `site_server(site_path) -> base_url`: the site served on 127.0.0.1 from a thread (ThreadingHTTPServer).
- `axe_check(page) -> violations`: axe-core, WCAG 2.0/2.1 A and AA rules.
- `shipped_site`/`shipped_url` (directory/ with content/), `fixture_site`/`fixture_url` (tests/fixtures/site_directory), `hostile_site`/`hostile_url`
  (tests/fixtures/hostile_directory).
- `guarded_context` -> (context, guard) and `guarded_page` -> (page, guard): every request recorded, nothing
  leaves 127.0.0.1, the Quick exit target answered by a local stub.
"""

from __future__ import annotations

import functools

import pytest
from kindred_browser import (
    AXE_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    HOSTILE_DIRECTORY,
    SITE_DIRECTORY,
    build_fixture_site,
    build_shipped_site,
    close_servers,
    open_guarded_context,
    run_axe,
    serve_site,
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """built_site(directory_path) -> the built site folder (cached per directory for the session)."""
    return functools.partial(build_fixture_site, tmp_path_factory=tmp_path_factory)


@pytest.fixture(scope="session")
def site_server():
    """site_server(site_path) -> 'http://127.0.0.1:PORT/'."""
    yield serve_site
    close_servers()


@pytest.fixture(scope="session")
def fixture_site(built_site):
    return built_site(SITE_DIRECTORY)


@pytest.fixture(scope="session")
def fixture_url(fixture_site, site_server) -> str:
    return site_server(fixture_site)


@pytest.fixture(scope="session")
def hostile_site(built_site):
    return built_site(HOSTILE_DIRECTORY)


@pytest.fixture(scope="session")
def hostile_url(hostile_site, site_server) -> str:
    return site_server(hostile_site)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory):
    """The shipped directory/ with the shipped articles in content/: what visitors get."""
    return build_shipped_site(tmp_path_factory)


@pytest.fixture(scope="session")
def shipped_url(shipped_site, site_server) -> str:
    return site_server(shipped_site)


@pytest.fixture(scope="session")
def chromium_browser():
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (run `make browser`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_check():
    """axe_check(page) -> list of violations (dicts with id, impact, help, nodes)."""
    if not AXE_JS.exists():
        pytest.skip("axe-core is not installed (run `make browser`)")
    return run_axe


@pytest.fixture
def guarded_context(chromium_browser):
    context, guard = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Europe/London")
    yield context, guard
    context.close()


@pytest.fixture
def guarded_page(guarded_context):
    context, guard = guarded_context
    return context.new_page(), guard
