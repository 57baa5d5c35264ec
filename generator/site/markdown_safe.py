"""Listing descriptions: Markdown rendered (in time linear in its length), then sanitised so no raw HTML
or script survives and only safe links remain."""

from __future__ import annotations

from functools import lru_cache

import nh3

from ..markdown_text import LINK_SCHEMES, description_links, link_problem, parser

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre", "h3", "h4"}
ALLOWED_SCHEMES = set(LINK_SCHEMES)


def _demote_headings(html: str) -> str:
    # A description sits under the page's own headings; keep its outline below them.
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return html


def _refused_hrefs(text: str, tokens: list | None = None) -> set[str]:
    """Links the validator refuses (look-alike text, credentials, IP hosts): never published as links."""
    return {link.href for link in description_links(text, tokens) if link_problem(link)}


@lru_cache(maxsize=32768)
def render_description(text: str | None) -> str:
    """The description as safe HTML (remembered: each language's build shows the same text)."""
    if not text:
        return ""
    # Raw HTML is off in the parser, so it shows as text; nh3 then removes anything not allowed.
    markdown = parser()
    env: dict = {}
    tokens = markdown.parse(text, env)  # parsed once, for the HTML and for the links
    html = _demote_headings(markdown.renderer.render(tokens, markdown.options, env))
    refused = _refused_hrefs(text, tokens)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
        attribute_filter=(
            lambda tag, attr, value: None if tag == "a" and attr == "href" and _unescaped(value) in refused else value
        )
        if refused
        else None,
    )


def _unescaped(value: str) -> str:
    return value.replace("&amp;", "&")
