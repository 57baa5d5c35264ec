"""Static assets the plugin adds to every site: package CSS/JS and lunr.js from mkdocs."""

from __future__ import annotations

from pathlib import Path

import mkdocs

PACKAGE_ASSETS = Path(__file__).resolve().parent.parent / "assets"
ASSET_PREFIX = "assets/kindred/"


def lunr_js_path() -> Path:
    """lunr.js 2.3.9 as shipped inside the installed mkdocs package (never copied into the repo)."""
    return Path(mkdocs.__file__).resolve().parent / "contrib" / "search" / "templates" / "search" / "lunr.js"


def asset_files() -> dict[str, bytes]:
    files = {ASSET_PREFIX + p.name: p.read_bytes() for p in sorted(PACKAGE_ASSETS.iterdir()) if p.is_file()}
    files[ASSET_PREFIX + "lunr.js"] = lunr_js_path().read_bytes()
    return files
