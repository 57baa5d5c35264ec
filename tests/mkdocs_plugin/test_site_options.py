"""Site options in mkdocs.yml: `report_email` (reports without a GitHub account), and the live-reload allowance
that only `mkdocs serve` gets."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

LISTING_PAGE = ("helplines", "fixture-helpline", "index.html")


def with_plugin_option(project, line: str) -> None:
    text = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(text.replace("      directory: directory\n",
                                                f"      directory: directory\n      {line}\n"), encoding="utf-8")


def built_page(project, command: str = "build", *parts: str) -> str:
    config = load_config(str(project.config_file), strict=True)
    config.plugins.on_startup(command=command, dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return project.site.joinpath(*(parts or LISTING_PAGE)).read_text(encoding="utf-8")


def mailto_links(html: str) -> list[str]:
    return [href for href in re.findall(r'href="([^"]+)"', html) if href.startswith("mailto:")]


def script_src(html: str) -> str:
    [csp] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    return csp.split("script-src", 1)[1].split(";", 1)[0]


def test_without_report_email_no_listing_offers_an_email_link(project):
    html = built_page(project)
    assert "Report a problem by email" not in html
    assert mailto_links(html) == []


def test_report_email_adds_a_mailto_link_naming_the_listing(project):
    with_plugin_option(project, "report_email: reports@kindred.example.org")
    html = built_page(project)
    [link] = [h for h in mailto_links(html) if "subject=" in h]
    parts = urlsplit(link.replace("&amp;", "&"))
    assert parts.path == "reports@kindred.example.org"
    assert parse_qs(parts.query) == {"subject": ["Problem with helplines/fixture-helpline: Fixture Listening Line"]}
    assert ">Report a problem by email</a>" in html


def test_a_report_email_that_is_not_a_plain_address_stops_the_build(project):
    with_plugin_option(project, 'report_email: "reports@kindred.example.org?bcc=someone@example.org"')
    config = load_config(str(project.config_file))
    plugin = config.plugins["kindred"]
    plugin.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError, match="report_email .*is not .*email address"):
        plugin.on_config(config)


def test_only_mkdocs_serve_allows_the_inline_live_reload_script(project):
    assert "unsafe-inline" not in script_src(built_page(project, "build"))
    assert script_src(built_page(project, "serve")).split() == ["'self'", "'unsafe-inline'"]
    assert "unsafe-inline" not in script_src(built_page(project, "build"))  # a later build is strict again


def test_the_404_page_links_work_under_a_project_pages_subpath(project):
    # GitHub Pages serves 404.html for any missing address under https://user.github.io/kindred/, at any depth.
    text = project.config_file.read_text(encoding="utf-8")
    project.config_file.write_text(text.replace("site_url: https://kindred.example.org/",
                                                "site_url: https://user.github.io/kindred/"), encoding="utf-8")
    html = built_page(project, "build", "404.html")
    links = re.findall(r'(?:href|src)="([^"]+)"', html)
    local = [link for link in links if not link.startswith(("https://", "mailto:", "#"))]
    assert local and all(link.startswith("/kindred/") for link in local), local
    assert '<a href="/kindred/find/">Find support</a>' in html
    assert '<a href="/kindred/helplines/">Helplines</a>' in html
    assert "Page not found" in html
