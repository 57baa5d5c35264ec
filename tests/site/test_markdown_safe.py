"""Listing descriptions are Markdown, rendered then sanitised with nh3; URLs and inline JSON are escaped
(generator/site/markdown_safe.py, generator/site/safety.py)."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest

from generator.site.markdown_safe import render_description
from generator.site.safety import json_for_attribute, json_for_script, safe_href

ALLOWED_SCHEMES = ("https:", "http:", "mailto:", "tel:", "sms:")


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(fragment: str) -> list[tuple[str, dict]]:
    """(tag, attributes) of every element a browser-like parser finds in the fragment."""
    parser = _Elements()
    parser.feed(fragment)
    parser.close()
    return parser.found


def hrefs(fragment: str) -> list[str]:
    return [attrs["href"] for tag, attrs in elements(fragment) if "href" in attrs]


def tags(fragment: str) -> set[str]:
    return {tag for tag, _ in elements(fragment)}


def test_markdown_is_rendered():
    out = render_description("Some **bold** and *soft* text.\n\n- one\n- two\n\n[site](https://example.org/x)")
    assert "<strong>bold</strong>" in out
    assert "<em>soft</em>" in out
    assert "<ul>" in out and "<li>one</li>" in out
    assert hrefs(out) == ["https://example.org/x"]
    assert 'rel="nofollow noopener noreferrer"' in out


def test_empty_description():
    assert render_description(None) == ""
    assert render_description("") == ""


def test_headings_are_demoted_below_the_page_outline():
    out = render_description("# Big\n\n## Medium\n\n### Small")
    assert "<h1" not in out and "<h2" not in out
    assert out.count("<h3>") == 3


@pytest.mark.parametrize("text", [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<svg onload=alert(1)></svg>",
    "<style>body{display:none}</style>",
    "</p><script>alert(1)</script><p>",
    "<div onclick=alert(1)>x</div>",
])
def test_raw_html_shows_as_text_and_never_as_markup(text):
    out = render_description(f"Before {text} after")
    assert tags(out) <= {"p"}, out
    assert all(not attrs for _, attrs in elements(out)), out
    assert html.unescape(re.sub(r"</?p>", "", out)).strip() == f"Before {text} after"


@pytest.mark.parametrize("link", [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](<java\tscript:alert(1)>)",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](vbscript:msgbox(1))",
    "[x](file:///etc/passwd)",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
])
def test_links_with_other_schemes_lose_their_target(link):
    out = render_description(f"Try {link} now")
    assert "<img" not in out
    for href in hrefs(out):
        assert browser_scheme(href) in ("",) + ALLOWED_SCHEMES, out  # "" = a relative link on this site


def browser_scheme(href: str) -> str:
    """The scheme a browser would see: WHATWG URL parsing drops tabs and newlines anywhere and trims
    controls and spaces at the ends, so "java\tscript:" is javascript: (but "java script:" is a relative path)."""
    cleaned = re.sub(r"[\t\n\r]", "", href).strip("".join(map(chr, range(0x21))))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() + ":" if match else ""


@pytest.mark.parametrize("link, href", [
    ("[a](https://example.org/a)", "https://example.org/a"),
    ("[c](mailto:help@example.org)", "mailto:help@example.org"),
    ("[d](tel:+441234567890)", "tel:+441234567890"),
])
def test_allowed_schemes_survive(link, href):
    assert hrefs(render_description(link)) == [href]


@pytest.mark.parametrize("link", ["[b](http://example.org/b)", "[e](sms:85258?body=HOME)"])
def test_description_links_other_than_https_mailto_tel_lose_their_href(link):
    html = render_description(link)
    assert hrefs(html) == [] and ">" + link[1] + "<" in html


def test_attribute_breakout_in_a_markdown_link_stays_inside_the_href():
    out = render_description('[y](https://example.org/"onmouseover="alert(1)) [z](https://example.org/\'x=\'1)')
    for _, attrs in elements(out):
        assert set(attrs) <= {"href", "rel", "title", "lang"}, out


def test_only_the_small_set_of_tags_and_attributes_survives():
    out = render_description("> quote\n\n`code`\n\n    block\n\n1. one\n\nline  \nbreak\n\n"
                             "[l](https://example.org/ \"title\")\n\n***\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert tags(out) <= {"p", "blockquote", "code", "pre", "ol", "li", "br", "a"}, out
    assert {"blockquote", "code", "pre", "ol", "br", "a"} <= tags(out)
    for tag, attrs in elements(out):
        # title and lang are ammonia's harmless generic attributes; nothing else (no on*, style, src) survives.
        assert set(attrs) <= ({"href", "rel"} if tag == "a" else set()) | {"title", "lang"}, (tag, attrs)


# -- URLs in attributes -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("url", [
    "javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x", "file:///x",
    "https://exa\nmple.org/", "java\x00script:alert(1)", "", None, "//evil.example/x", "relative/path",
])
def test_safe_href_refuses_other_schemes(url):
    assert safe_href(url) == "#"


@pytest.mark.parametrize("url", [
    "https://example.org/a?b=c", "http://example.org/", "tel:+442079460123,2", "sms:85258?body=HOME",
    "mailto:help@example.org",
])
def test_safe_href_keeps_allowed_schemes(url):
    assert safe_href(url) == url


# -- JSON inside <script> and attributes --------------------------------------------------------------------------
HOSTILE = {"name": "</script><script>alert(1)</script>", "note": "<!-- x --> & \u2028\u2029 ' \""}


def test_json_for_script_cannot_close_the_script_block_or_open_a_comment():
    text = str(json_for_script(HOSTILE))
    assert "</" not in text and "<!--" not in text and "<" not in text and ">" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == HOSTILE


def test_json_for_attribute_is_plain_text_for_autoescape():
    from markupsafe import Markup, escape

    text = json_for_attribute(HOSTILE)
    assert not isinstance(text, Markup)  # so Jinja's autoescape turns " into &#34;
    escaped = str(escape(text))
    assert '"' not in escaped and "<" not in escaped
    assert json.loads(html.unescape(escaped)) == HOSTILE


PLAIN = [
    "One line.",
    "Line one\nline two, same paragraph.\n\n\nA second paragraph.",
    'She said "call us" and it\'s (mostly) free: 50% off? Yes! No; maybe.',
    "Déjà vu, ünïcode, Ωμέγα and 日本語のテキスト。",
    "A hyphen - inside a line, and well-being.",
    "\nBlank lines first and last\n\n",
]
NOT_PLAIN = [
    "1. a list",
    "Text\n2) a list after a paragraph",
    "- a bullet",
    "Text\n---",
    "Text\n===",
    "Two spaces  \nmake a break",
    "Trailing space ",
    " Leading space",
    "    code",
    "Tab\there",
    "No-break\u00a0space",
    "Line\u2028separator",
    "*emphasis*",
    "snake_case",
    "[a link](https://example.org)",
    "<https://example.org>",
    "&amp; an entity",
    "back\\slash",
    "`code`",
    "# heading",
    "> quote",
    "a | table",
    "'quoted start",
    "2024 was the year",
]


@pytest.mark.parametrize("text", PLAIN + NOT_PLAIN)
def test_plain_descriptions_skip_the_parser_with_the_same_html(text):
    from generator.markdown_text import parser
    from generator.site.markdown_safe import _plain_paragraphs

    fast = _plain_paragraphs(text)
    assert (fast is not None) == (text in PLAIN)
    if fast is not None:
        assert fast == parser().render(text)


def test_every_shipped_description_renders_as_the_parser_renders_it():
    from pathlib import Path

    from generator.directory import load_directory
    from generator.markdown_text import parser
    from generator.site.markdown_safe import _plain_paragraphs

    shipped = Path(__file__).resolve().parents[2] / "directory"
    texts = [r.listing.description for r in load_directory(shipped).published if r.listing.description]
    plain = [(text, _plain_paragraphs(text)) for text in texts]
    assert any(fast is not None for _, fast in plain), "no shipped description takes the plain path"
    for text, fast in plain:
        if fast is not None:
            assert fast == parser().render(text), text
