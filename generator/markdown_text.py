"""Listing descriptions as Markdown: one parser for rendering and for checking their links.

markdown-it-py follows CommonMark and was built for untrusted input: its time grows linearly with
the text (Python-Markdown took 24–58 s on a description of unclosed `[`). Raw HTML is off, so a
`<script>` in a description is shown as text, never parsed as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email
from markdown_it import MarkdownIt

from .problems import quoted
from .urls import check_web_url, parse_url

LINK_SCHEMES = ("https", "mailto", "tel")
_LOOKS_LIKE_ADDRESS = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:[/?#]\S*)?$", re.IGNORECASE
)
_TEL = re.compile(r"^\+?[0-9][0-9 ().-]{1,30}(?:,[0-9*#]{1,10})?$")


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


@dataclass(frozen=True)
class DescriptionLink:
    href: str
    text: str
    line: int  # 0-based line within the description


def description_links(markdown: str, tokens: list | None = None) -> list[DescriptionLink]:
    """Every link (inline, reference or autolink) in a description, with the text a reader sees.
    `tokens`: parser().parse(markdown), when the caller has it already."""
    links: list[DescriptionLink] = []
    for block in parser().parse(markdown) if tokens is None else tokens:
        if block.type != "inline" or not block.children:
            continue
        line = block.map[0] if block.map else 0
        open_href: str | None = None
        text: list[str] = []
        for token in block.children:
            if token.type == "link_open":
                open_href, text = str(token.attrs.get("href", "")), []
            elif token.type == "link_close" and open_href is not None:
                links.append(DescriptionLink(open_href, "".join(text).strip(), line))
                open_href = None
            elif open_href is not None and token.type in ("text", "code_inline"):
                text.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                line += 1
    return links


def link_problem(link: DescriptionLink) -> str | None:
    """Why a description link must not be published, or None."""
    href = link.href.strip()
    scheme = href.split(":", 1)[0].lower() if ":" in href else ""
    if scheme not in LINK_SCHEMES:
        return (
            f"the link to {quoted(href)} uses {'no scheme' if not scheme else f'`{scheme}:`'}; description "
            f"links may only be https://, mailto: or tel:"
        )
    if scheme == "https":
        errors = [f.message for f in check_web_url(href, https_only=True) if f.severity == "error"]
        if errors:
            return f"the link {quoted(href)} {'; '.join(errors)}"
        return _text_mismatch(link)
    if scheme == "mailto":
        try:
            validate_email(href[len("mailto:") :], check_deliverability=False)
        except EmailNotValidError:
            return f"the link {quoted(href)} must be a plain mailto: address, with nothing after it"
        return None
    if not _TEL.match(href[len("tel:") :]):
        return f"the link {quoted(href)} is not a plain phone number"
    return None


def _text_mismatch(link: DescriptionLink) -> str | None:
    """A link whose text reads as an address must go to that address, not somewhere else."""
    shown = link.text
    if not _LOOKS_LIKE_ADDRESS.match(shown):
        return None
    target = parse_url(link.href)
    written = parse_url(shown if "://" in shown else "https://" + shown)
    if target is None or written is None:
        return None
    if written.host.removeprefix("www.") != target.host.removeprefix("www."):
        return (
            f"the link text {quoted(shown)} shows {written.display_site} but the link goes to "
            f"{target.display_site}; make them the same"
        )
    if "://" in shown and written.href.rstrip("/") != target.href.rstrip("/"):
        return (
            f"the link text {quoted(shown)} is an address, but the link goes to {quoted(link.href)}; make them the same"
        )
    return None
