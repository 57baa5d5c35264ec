"""Static assets the plugin adds to every site: the package's CSS and ES modules, and lunr.js from mkdocs.

The browser code is standard ES modules loaded as they are (ARCHITECTURE.md, "Browser code"): nothing is
bundled or compiled, so building the site needs no npm. They are published without comments and indentation
(generator/minify.py).
"""

from __future__ import annotations

from pathlib import Path

import mkdocs

from ..minify import minify

PACKAGE_ASSETS = Path(__file__).resolve().parent.parent / "assets"
ASSET_PREFIX = "assets/kindred/"
ENTRY_SCRIPT = "kindred.js"  # the module every page loads; it imports the others
PUBLISHED = (".js", ".css", ".svg")  # not the package.json that tells Node these are modules


def lunr_js_path() -> Path:
    """lunr.js 2.3.9 as shipped inside the installed mkdocs package (never copied into the repo)."""
    return Path(mkdocs.__file__).resolve().parent / "contrib" / "search" / "templates" / "search" / "lunr.js"


def asset_files() -> dict[str, bytes]:
    files = {
        ASSET_PREFIX + p.relative_to(PACKAGE_ASSETS).as_posix(): p.read_bytes()
        for p in sorted(PACKAGE_ASSETS.rglob("*"))
        if p.is_file() and p.suffix in PUBLISHED
    }
    files[ASSET_PREFIX + "lunr.js"] = lunr_js_path().read_bytes()
    return {path: minify(path, data) for path, data in files.items()}
