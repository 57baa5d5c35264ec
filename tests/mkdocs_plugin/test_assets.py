"""The browser code the plugin publishes (generator/mkdocs_plugin/assets.py): standard ES modules loaded as they
are, so every import must resolve to a published file; small modules; no globals shared between scripts."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config import load_config

import generator
from generator.mkdocs_plugin.assets import ASSET_PREFIX, ENTRY_SCRIPT, PACKAGE_ASSETS, asset_files

# import … from "./x.js", import "./x.js", export … from "./x.js", import("./x.js")
IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}/[^"']+)["']""")
MAX_LINES = 300


def published_scripts() -> dict[str, str]:
    return {path: content.decode("utf-8") for path, content in asset_files().items()
            if path.endswith(".js") and path != ASSET_PREFIX + "lunr.js"}


def source_scripts() -> dict[str, str]:
    """The modules as written (published without comments and indentation: generator/minify.py)."""
    return {ASSET_PREFIX + p.relative_to(PACKAGE_ASSETS).as_posix(): p.read_text(encoding="utf-8")
            for p in PACKAGE_ASSETS.rglob("*.js")}


def resolve(importer: str, specifier: str) -> str:
    parts = importer.split("/")[:-1]
    for piece in specifier.split("/"):
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def test_every_module_and_stylesheet_is_published_under_its_own_path_and_nothing_else():
    files = asset_files()
    on_disk = {ASSET_PREFIX + p.relative_to(PACKAGE_ASSETS).as_posix() for p in PACKAGE_ASSETS.rglob("*")
               if p.suffix in (".js", ".css", ".svg")}
    assert set(files) == on_disk | {ASSET_PREFIX + "lunr.js"}
    assert ASSET_PREFIX + "finder/finder.js" in files and ASSET_PREFIX + "favicon.svg" in files
    assert not any(path.endswith("package.json") for path in files)


def test_every_import_resolves_to_a_published_module():
    scripts = published_scripts()
    imports = [(path, resolve(path, specifier)) for path, text in scripts.items() for specifier in IMPORT.findall(text)]
    assert len(imports) > 20  # the pattern sees the modules' imports
    assert [(path, target) for path, target in imports if target not in scripts] == []


FINDER_HEAD = Path(generator.__file__).parent / "templates" / "finder_head.html"


def test_every_module_is_reachable_from_an_entry_script():
    scripts = published_scripts()
    # Every page's entry (kindred.js), and the module the finder's page starts from its <head> (early.js).
    head_modules = re.findall(r'<script type="module"[^>]*src="\{\{ base \}\}([^"]+)"', FINDER_HEAD.read_text())
    assert head_modules == [ASSET_PREFIX + "finder/early.js"]
    reached, todo = set(), [ASSET_PREFIX + ENTRY_SCRIPT, *head_modules]
    while todo:
        path = todo.pop()
        if path not in reached:
            reached.add(path)
            todo += [resolve(path, specifier) for specifier in IMPORT.findall(scripts[path])]
    # The classic scripts: privacy.js (<head> loads it before Material) and material_on_demand.js (just before
    # Material's bundle), both from overrides/.
    assert set(scripts) - reached == {ASSET_PREFIX + "privacy.js", ASSET_PREFIX + "material_on_demand.js"}


def test_no_module_is_long():
    lengths = {path: text.count("\n") for path, text in source_scripts().items()}
    assert len(lengths) > 20
    assert {path: n for path, n in lengths.items() if n > MAX_LINES} == {}


def test_modules_share_nothing_through_window():
    # Reading lunr.js's own global and Material's document$ is fine; setting a global is not
    # (privacy.js sets Material's storage helpers, and material_on_demand.js wraps Worker for Material's search
    # worker: that is their job).
    setting = re.compile(r"\bwindow\.[A-Za-z_$][\w$]*\s*=[^=]")
    scripts = source_scripts()
    del scripts[ASSET_PREFIX + "privacy.js"], scripts[ASSET_PREFIX + "material_on_demand.js"]
    assert {path: setting.findall(text) for path, text in scripts.items() if setting.search(text)} == {}


def test_the_entry_script_is_loaded_as_a_module(project):
    config = load_config(str(project.config_file))
    plugin = config.plugins["kindred"]
    plugin.on_startup(command="serve", dirty=False)
    config = plugin.on_config(config)
    entries = [s for s in config.extra_javascript if str(s) == ASSET_PREFIX + ENTRY_SCRIPT]
    assert [getattr(s, "type", None) for s in entries] == ["module"]
    assert [str(s) for s in config.extra_javascript].count(ASSET_PREFIX + ENTRY_SCRIPT) == 1
