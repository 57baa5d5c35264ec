"""Listing descriptions: Markdown rendered, then sanitised so no raw HTML or script survives."""

from __future__ import annotations

import threading

import markdown
import markdown.extensions
import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre", "h3", "h4"}
ALLOWED_SCHEMES = {"https", "http", "mailto", "tel", "sms"}
_local = threading.local()


class _EscapeHtml(markdown.extensions.Extension):
    """Raw HTML is text: it shows as written instead of becoming markup (Python-Markdown's documented recipe)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def _converter() -> markdown.Markdown:
    # One converter per thread, reset between uses: building one is the slow part.
    if not hasattr(_local, "md"):
        _local.md = markdown.Markdown(extensions=[_EscapeHtml()], output_format="html")
    _local.md.reset()
    return _local.md


def _demote_headings(html: str) -> str:
    # A description sits under the page's own headings; keep its outline below them.
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return html


def render_description(text: str | None) -> str:
    if not text:
        return ""
    # Raw HTML shows as text rather than vanishing silently (and `>` quotes, `code <b>` and autolinks still
    # work, which escaping the text beforehand would break); nh3 then removes anything not allowed.
    html = _demote_headings(_converter().convert(text))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
