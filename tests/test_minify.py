"""Kindred's browser files as published (generator/minify.py): smaller, and the same modules to the browser."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess

import pytest

from generator.minify import minify
from generator.mkdocs_plugin.assets import ASSET_PREFIX, PACKAGE_ASSETS, asset_files, lunr_js_path

# Every module's exported names and their kinds (function, object, string…), as Node sees them.
EXPORTS = """
const [root, names] = [process.argv[1], JSON.parse(process.argv[2])];
const found = {};
for (const name of names) {
  try {
    const module = await import(new URL(name, "file://" + root + "/").href);
    found[name] = Object.fromEntries(Object.entries(module).map(([key, value]) => [key, typeof value]));
  } catch (error) {
    found[name] = "fails in Node: " + error.message;  // a page script that needs a browser's window
  }
}
console.log(JSON.stringify(found));
"""


def exports(root, names: list[str]) -> dict:
    result = subprocess.run(["node", "--input-type=module", "-e", EXPORTS, str(root), json.dumps(names)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def module_tree(root, files: dict[str, bytes]) -> list[str]:
    """Writes the modules under root as the site has them (with the package.json that makes .js modules)."""
    names = []
    for path, data in files.items():
        if path.endswith(".js") and not path.endswith("lunr.js"):
            name = path.removeprefix(ASSET_PREFIX)
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
            names.append(name)
    shutil.copy(PACKAGE_ASSETS / "package.json", root / "package.json")
    return sorted(names)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node is installed by make test")
def test_published_modules_load_and_export_what_the_sources_export(tmp_path):
    sources = {ASSET_PREFIX + p.relative_to(PACKAGE_ASSETS).as_posix(): p.read_bytes() for p in PACKAGE_ASSETS.rglob("*.js")}
    names = module_tree(tmp_path / "source", sources)
    published = asset_files()
    assert module_tree(tmp_path / "published", published) == names and len(names) > 20
    expected = exports(tmp_path / "source", names)
    assert sum(isinstance(found, dict) and len(found) > 0 for found in expected.values()) > 20
    assert exports(tmp_path / "published", names) == expected
    # Smaller on the wire: the whole set by more than a quarter, gzipped.
    size = lambda files: sum(len(gzip.compress(files[ASSET_PREFIX + n], 6)) for n in names)  # noqa: E731
    assert size(published) < 0.75 * size(sources)


def test_strings_and_template_literals_are_left_as_they_are():
    script = b'const a = "x  // not a comment";\nconst b = `line one\n  line  two ${a}`; // gone\n/* gone */ const c = /\\/\\*x/;\n'
    published = minify("x.js", script).decode()
    assert '"x  // not a comment"' in published and "`line one\n  line  two ${a}`" in published
    assert "/\\/\\*x/" in published and "gone" not in published


def test_lunr_keeps_its_licence_notice():
    published = asset_files()[ASSET_PREFIX + "lunr.js"].decode()
    original = lunr_js_path().read_text(encoding="utf-8")
    assert published.startswith("/**\n * lunr") and "@license MIT" in published.split("*/")[0]
    assert len(published) < 0.6 * len(original)


def test_stylesheets_lose_comments_and_keep_rules():
    published = minify("x.css", b"/* why */\n.md-typeset .kd-card {\n  margin-block: 1rem;\n}\n").decode()
    assert published == ".md-typeset .kd-card{margin-block:1rem}"
    assert minify("x.svg", b"<svg/>  ") == b"<svg/>  "
