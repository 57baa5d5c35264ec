"""Listing descriptions: Markdown rendered (in time linear in its length), then sanitised so no raw HTML
or script survives and only safe links remain."""

from __future__ import annotations

import re
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


# Text that CommonMark can only read as paragraphs of plain text: no character that starts any Markdown syntax
# (emphasis, code, links, autolinks, entities, escapes, headings, quotes, lists, tables), no control character,
# no whitespace but spaces and line ends, and every line starting with a letter (not a digit, a list's "1."
# or "-") and ending with something other than a space (two make a line break). About two thirds of the
# descriptions in a directory are like this.
_PLAIN_TEXT = re.compile(r"[^*_\[\]<>&\\`#+=|~{}$^@\x00-\x09\x0b-\x1f\x7f]*")
_OTHER_WHITESPACE = re.compile(r"[^\S \n]")
_PLAIN_LINE = re.compile(r"[^\W\d_](?:.*\S)?|")


def _plain_paragraphs(text: str) -> str | None:
    """What markdown-it renders for plain text (tests/site/test_markdown_safe.py compares the two), or None where
    the text may hold any Markdown at all."""
    if not _PLAIN_TEXT.fullmatch(text) or _OTHER_WHITESPACE.search(text):
        return None
    lines = text.split("\n")
    if not all(_PLAIN_LINE.fullmatch(line) for line in lines):
        return None
    paragraphs, current = [], []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("<p>" + "\n".join(current).replace('"', "&quot;") + "</p>\n")
            current = []
    return "".join(paragraphs)


@lru_cache(maxsize=32768)
def render_description(text: str | None) -> str:
    """The description as safe HTML (remembered: each language's build shows the same text)."""
    if not text:
        return ""
    plain = _plain_paragraphs(text)
    if plain is not None:  # markdown-it's HTML without parsing: no links, so none refused
        html, refused = plain, set()
    else:
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
