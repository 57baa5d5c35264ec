"""The MkDocs adapter, event by event with a real MkDocsConfig (as mkdocstrings tests its plugin), and whole
builds showing that a failed build never replaces the last good site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.structure.pages import Page

from generator.mkdocs_plugin.fast_pages import PluginPage, front_matter
from generator.mkdocs_plugin.plugin import KindredPlugin, relative_base

REPO = "https://github.com/kindred-directory/kindred"


# -- helpers ---------------------------------------------------------------------------------------------------------
def configured(project, command: str = "build"):
    """(config, plugin) after load_config, on_startup and the kindred plugin's on_config."""
    config = load_config(str(project.config_file))
    plugin = config.plugins["kindred"]
    assert isinstance(plugin, KindredPlugin)
    plugin.on_startup(command=command, dirty=False)
    config = plugin.on_config(config)
    return config, plugin


def with_files(project):
    config, plugin = configured(project)
    # PluginCollection.run_event names the running plugin; File.generated records it as generated_by.
    config.plugins._current_plugin = "kindred"
    try:
        files = plugin.on_files(get_files(config), config=config)
    finally:
        config.plugins._current_plugin = None
    return config, plugin, files


def page_for(config, files: Files, src_uri: str, plugin=None) -> Page:
    """The page MkDocs would build for src_uri (for a page the plugin writes itself, from its front matter, as
    fast_pages.PageWriter.as_mkdocs builds it to check its own output)."""
    file = files.get_file_from_path(src_uri)
    assert file is not None, src_uri
    if isinstance(file, PluginPage):
        assert plugin is not None
        file = File.generated(config, src_uri, content=front_matter(plugin.plans[src_uri]))
    page = Page(None, file, config)
    page.read_source(config)
    return page


def render(plugin, config, files, page: Page) -> str:
    """Run the page through on_page_markdown, Markdown and on_page_content, as a build would."""
    page.markdown = plugin.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    return plugin.on_page_content(page.content, page=page, config=config, files=files)


def run_build(project, *, strict: bool = True) -> None:
    """What `mkdocs build [--strict]` does, in this process."""
    config = load_config(str(project.config_file), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(project) -> list[str]:
    return sorted(p.name for p in project.root.iterdir() if "kindred-" in p.name)


def break_topic(project, key: str = "communities/fixture-forum") -> int:
    """Misspell the listing's first topic; returns the line it is on."""
    path = project.listing(key)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("topics:"))
    path.write_text(text.replace("topics: [grief-loss,", "topics: [grief-los,", 1), encoding="utf-8")
    return number


# -- on_config -------------------------------------------------------------------------------------------------------
def test_on_config_loads_the_directory_and_adds_assets(project):
    config, plugin = configured(project)
    assert plugin.directory is not None
    assert {r.key for r in plugin.directory.records} >= {"helplines/fixture-helpline", "teletherapy/fixture-therapy"}
    assert "assets/kindred/kindred.css" in config.extra_css
    assert "assets/kindred/kindred.js" in [str(s) for s in config.extra_javascript]
    assert config.extra["kindred"]["quick_exit_url"] == "https://www.bbc.co.uk/weather"


def test_build_goes_to_a_new_staging_folder_beside_site_dir(project):
    config, plugin = configured(project)
    try:
        assert plugin.site_dir == str(project.site)
        staging = Path(config.site_dir)
        assert staging.parent == project.root and staging.name.startswith(".site.kindred-staging-")
        assert staging.is_dir() and list(staging.iterdir()) == []
        assert plugin.lock is not None and plugin.lock.held
    finally:
        plugin.on_shutdown()
    assert plugin.lock is None


def test_serve_writes_the_plugins_files_into_the_served_folder_and_mkdocs_its_own_beside_it(project):
    config, plugin = configured(project, command="serve")
    # No staging and no lock: the served folder is updated in place (serving.py), MkDocs' own files are built
    # into an empty folder beside it and moved in when the rebuild is done.
    assert plugin.staging == "" and plugin.lock is None
    assert plugin.served is not None and plugin.served.root == str(project.site)
    scratch = Path(config.site_dir)
    assert scratch.parent == project.root and scratch.is_dir() and list(scratch.iterdir()) == []
    plugin.served.abandon()
    assert not scratch.exists()


def test_on_config_refuses_a_directory_with_errors_with_the_validators_messages(project):
    line = break_topic(project)
    config = load_config(str(project.config_file))
    plugin = config.plugins["kindred"]
    plugin.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError) as caught:
        plugin.on_config(config)
    message = str(caught.value)
    assert "nothing was built" in message
    assert f"communities/fixture-forum.yaml:{line}:" in message
    assert "did you mean `grief-loss`?" in message
    assert config.site_dir == str(project.site)  # untouched: MkDocs has not cleaned anything yet


def test_every_error_is_reported_at_once(project):
    break_topic(project)
    therapy = project.listing("teletherapy/fixture-therapy")
    therapy.write_text(therapy.read_text(encoding="utf-8").replace("currency: GBP", "currency: GPB"), encoding="utf-8")
    config = load_config(str(project.config_file))
    with pytest.raises(PluginError) as caught:
        config.plugins["kindred"].on_config(config)
    assert "fixture-forum.yaml" in str(caught.value) and "fixture-therapy.yaml" in str(caught.value)
    assert "GBP" in str(caught.value)  # the close match


# -- on_files --------------------------------------------------------------------------------------------------------
def test_pages_are_generated_files(project):
    *_, files = with_files(project)
    # In the nav: MkDocs builds them from generated Markdown (front matter only).
    for uri in ("helplines/index.md", "find.md"):
        file = files.get_file_from_path(uri)
        assert file is not None, uri
        assert file.generated_by is not None, uri  # File.generated, not a file on disk
        assert not (project.content / uri).exists()
        assert file.is_documentation_page() and file.content_string.startswith("---\n")
    # Outside the nav: the plugin writes them (fast_pages.py); MkDocs only resolves links to them.
    for uri in ("helplines/fixture-helpline.md", "communities/fixture-forum.md", "teletherapy/fixture-therapy.md",
                "topics/grief-loss.md", "countries/gb.md"):
        file = files.get_file_from_path(uri)
        assert isinstance(file, PluginPage), uri
        assert file.generated_by is not None and not (project.content / uri).exists()
        assert not file.is_documentation_page() and not file.is_static_page()
    assert files.get_file_from_path("helplines/fixture-closed-line.md") is None
    listing = files.get_file_from_path("helplines/fixture-helpline.md")
    assert listing.inclusion == InclusionLevel.NOT_IN_NAV
    assert listing.url == "helplines/fixture-helpline/"
    assert listing.dest_uri == "helplines/fixture-helpline/index.html"


def test_front_matter_is_escaped_json(project):
    _, plugin, _ = with_files(project)
    text = front_matter(plugin.plans["helplines/fixture-helpline.md"])
    front = json.loads(text.split("---\n")[1])
    assert front["title"] == "Fixture Listening Line"
    assert front["search"] == {"exclude": True}
    assert front["description"].startswith("A test listing")


def test_assets_are_added_and_data_files_written_by_the_plugin(project):
    config, plugin, files = with_files(project)
    for uri in ("assets/kindred/kindred.css", "assets/kindred/kindred.js", "assets/kindred/privacy.js",
                "assets/kindred/lunr.js"):
        assert files.get_file_from_path(uri) is not None, uri
    # Open data and the finder's files are not MkDocs files: the plugin writes them (data_files.py).
    assert files.get_file_from_path("api/listings.json") is None
    [job] = plugin.data_jobs
    written = {path: size for path, size, _ in job.finish()}
    for path in ("api/listings.json", "api/hsds/services.json", "find/listings.json", "find/search-index.json"):
        assert written[path] == (Path(config.site_dir) / path).stat().st_size > 0, path


# -- pages -----------------------------------------------------------------------------------------------------------
def test_relative_base():
    assert relative_base("") == ""
    assert relative_base("helplines/") == "../"
    assert relative_base("helplines/samaritans/") == "../../"


def test_listing_page_content_and_edit_link(project):
    config, plugin, files = with_files(project)
    page = page_for(config, files, "helplines/fixture-helpline.md", plugin)
    html = render(plugin, config, files, page)
    assert page.edit_url == f"{REPO}/edit/main/directory/helplines/fixture-helpline.yaml"
    assert page.title == "Fixture Listening Line"
    assert "<h1>Fixture Listening Line</h1>" in html
    assert 'href="tel:+442079460123"' in html
    assert 'href="../../topics/loneliness/"' in html  # links relative to the page
    # schema.org data goes to <head> (overrides/main.html prints page.meta.kindred_jsonld)
    jsonld = page.meta["kindred_jsonld"]
    assert jsonld.startswith('<script type="application/ld+json">') and jsonld.endswith("</script>")
    assert json.loads(jsonld[len('<script type="application/ld+json">'):-len("</script>")])["name"] == (
        "Fixture Listening Line")
    assert "<script" not in html


def test_article_keeps_its_own_edit_link(project):
    config, plugin, files = with_files(project)
    page = page_for(config, files, "guides/grief.md")
    render(plugin, config, files, page)
    assert page.edit_url == f"{REPO}/edit/main/content/guides/grief.md"


def test_index_pages_have_no_edit_link(project):
    config, plugin, files = with_files(project)
    page = page_for(config, files, "helplines/index.md")
    render(plugin, config, files, page)
    assert page.edit_url is None


def test_marker_renders_matching_cards(project):
    config, plugin, files = with_files(project)
    html = render(plugin, config, files, page_for(config, files, "guides/grief.md"))
    assert "kindred:listings" not in html
    first = html[:html.index("Helplines that can help")]
    assert 'data-listing-id="fixture-forum"' in first
    assert 'href="../../communities/fixture-forum/"' in first
    assert 'data-listing-id="fixture-helpline"' not in first  # kind=communities
    second = html[html.index("Helplines that can help"):]
    assert 'data-listing-id="fixture-helpline"' in second


def test_marker_with_no_match_says_so(project):
    (project.content / "guides" / "none.md").write_text(
        "# None\n\n<!-- kindred:listings topic=gambling -->\n", encoding="utf-8")
    config, plugin, files = with_files(project)
    html = render(plugin, config, files, page_for(config, files, "guides/none.md"))
    assert "No listings match yet." in html


def test_bad_marker_names_file_and_line(project):
    (project.content / "guides" / "bad.md").write_text(
        "# Bad\n\nText.\n\n<!-- kindred:listings topic=grief-los kind=communities -->\n", encoding="utf-8")
    config, plugin, files = with_files(project)
    page = page_for(config, files, "guides/bad.md")
    with pytest.raises(PluginError) as caught:
        plugin.on_page_markdown(page.markdown, page=page, config=config, files=files)
    assert "guides/bad.md:5: listings marker: topic `grief-los` is unknown; did you mean `grief-loss`?" in str(
        caught.value)


def test_serve_watches_the_directory(project):
    config, plugin = configured(project, command="serve")

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path, *args, **kwargs):
            self.watched.append(path)

    server = Server()
    assert plugin.on_serve(server, config=config, builder=lambda: None) is server
    assert [Path(p).resolve() for p in server.watched] == [project.directory.resolve()]


# -- whole builds: the last good site survives any failure -------------------------------------------------------------
def test_build_publishes_the_site_and_cleans_up(project):
    run_build(project)
    assert (project.site / "helplines" / "fixture-helpline" / "index.html").is_file()
    assert (project.site / "guides" / "grief" / "index.html").is_file()
    assert not (project.site / "helplines" / "fixture-closed-line").exists()
    assert leftovers(project) == []


def test_directory_error_aborts_and_leaves_the_previous_site_untouched(project, caplog):
    run_build(project)
    before = snapshot(project.site)
    line = break_topic(project)
    with pytest.raises(Abort):  # MkDocs logs the PluginError's text, then aborts
        run_build(project)
    assert f"fixture-forum.yaml:{line}:" in caplog.text
    assert "nothing was built" in caplog.text
    assert snapshot(project.site) == before
    assert leftovers(project) == []


def test_cli_build_with_a_directory_error_exits_nonzero_with_the_messages(project):
    run_build(project)
    before = snapshot(project.site)
    line = break_topic(project)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project.config_file)],
                            cwd=project.root, check=False, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"communities/fixture-forum.yaml:{line}:" in output
    assert "did you mean `grief-loss`?" in output
    assert snapshot(project.site) == before
    assert leftovers(project) == []


def test_bad_marker_later_in_the_build_leaves_the_previous_site_untouched(project, caplog):
    run_build(project)
    before = snapshot(project.site)
    article = project.content / "guides" / "grief.md"
    article.write_text(article.read_text(encoding="utf-8").replace("kind=communities", "kind=community"),
                       encoding="utf-8")
    with pytest.raises(Abort):
        run_build(project)
    assert "guides/grief.md:5: listings marker: kind `community` is unknown; did you mean `communities`?" in (
        caplog.text)
    assert snapshot(project.site) == before
    assert leftovers(project) == []


def test_strict_warning_aborts_without_replacing_the_site(project):
    # MkDocs counts strict-mode warnings only after post_build; the plugin must not publish before that.
    run_build(project)
    before = snapshot(project.site)
    (project.content / "guides" / "grief.md").write_text("# Grief\n\nSee [a missing page](missing.md).\n",
                                                         encoding="utf-8")
    with pytest.raises(Abort, match="strict mode"):
        run_build(project, strict=True)
    assert snapshot(project.site) == before
    assert leftovers(project) == []


def test_a_good_rebuild_replaces_the_site(project):
    run_build(project)
    project.listing("communities/fixture-signposting-group").unlink()
    paused = project.listing("helplines/fixture-paused-line")
    paused.write_text(paused.read_text(encoding="utf-8").replace("status: paused", "status: closed"),
                      encoding="utf-8")
    run_build(project)
    assert not (project.site / "communities" / "fixture-signposting-group").exists()
    assert not (project.site / "helplines" / "fixture-paused-line").exists()
    assert (project.site / "communities" / "fixture-forum" / "index.html").is_file()
    assert leftovers(project) == []
