"""The shipped site builds strictly and every internal link in every built page resolves."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parents[2]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("shipped-site") / "site"
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site


def _target(page: Path, link: str, site: Path) -> Path | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "mailto:", "tel:", "sms:")):
        return None
    path = unquote(parts.path)
    if not path:
        return None
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def test_every_internal_link_and_asset_resolves(shipped_site):
    broken = []
    pages = sorted(shipped_site.rglob("*.html"))
    assert len(pages) > 150  # listing pages, browse pages and articles were all built
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            target = _target(page, link, shipped_site)
            if target is not None and not target.exists():
                broken.append(f"{page.relative_to(shipped_site)} -> {link}")
    assert broken == []


def test_every_published_listing_and_article_has_a_page(shipped_site):
    from generator.directory import load_directory

    directory = load_directory(REPO / "directory")
    missing = [r.key for r in directory.published if not (shipped_site / r.kind / r.id / "index.html").is_file()]
    assert missing == []
    for article in (REPO / "content" / "guides").glob("*.md"):
        stem, _, code = article.stem.partition(".")  # help-now.es.md is the Spanish site's guides/help-now/
        folder = shipped_site / code.lower() if code else shipped_site
        built = folder / "guides" / ("" if stem == "index" else stem) / "index.html"
        assert built.is_file(), article
        if code:  # and no page of its own anywhere
            assert not (shipped_site / "guides" / article.stem).exists(), article
