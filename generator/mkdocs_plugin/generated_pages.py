"""Generated pages have no Markdown: skip building a Markdown converter for each of them.

MkDocs' Page.render builds a new `markdown.Markdown` with every configured
extension for every page (about 0.2 ms), even when the page's Markdown is
empty, as it is for the plugin's listing and browse pages (their HTML comes in
`on_page_content`). For an empty page, render() ends with empty content, an
empty table of contents, no title from the content and no anchors: this class
sets exactly that without the converter, and renders any other page as usual.
tests/mkdocs_plugin/test_render_caches.py checks it against Page.render.
"""

from __future__ import annotations

import logging

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

ENABLED = True
_log = logging.getLogger("mkdocs.structure.pages")  # Page.render checks this logger's level


class GeneratedPage(Page):
    def render(self, config, files: Files) -> None:
        if self.markdown is None or self.markdown.strip():
            return super().render(config, files)
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        if _log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {}


def adopt(files: Files, src_uris, nav, config) -> int:
    """Give the generated files outside the nav a GeneratedPage in place of MkDocs' plain Page; how many.

    Call from `on_nav`: MkDocs has just made a Page for every file (those outside the nav are referenced by
    nothing but their file, so replacing them is safe) and has not read any of them yet.
    """
    if not ENABLED:
        return 0
    in_nav = {id(page) for page in nav.pages}
    count = 0
    for src_uri in src_uris:
        file = files.get_file_from_path(src_uri)
        page = file.page if file is not None else None
        if type(page) is Page and id(page) not in in_nav and page.parent is None and page.markdown is None:
            GeneratedPage(None, file, config)  # sets file.page
            count += 1
    return count
