"""Hostile Markdown: descriptions render in linear time, and their links cannot mislead."""

from __future__ import annotations

import time

import pytest
from kindred_test_support import VALID_HELPLINE, set_field

from generator.site.markdown_safe import render_description


@pytest.mark.parametrize("attack", ["[" * 20_000, "![" * 10_000, "[a](" * 5_000, "*a" * 10_000, "<" * 20_000])
def test_a_pathological_description_renders_in_well_under_a_second(attack):
    started = time.perf_counter()
    html = render_description(attack)
    assert time.perf_counter() - started < 2.0  # Python-Markdown took 24-58 s on the first of these
    assert "<script" not in html


def description(body: str) -> str:
    return set_field(VALID_HELPLINE, "description", "|\n  Intro line.\n  " + body)


@pytest.mark.parametrize("body, words", [
    ("See [www.samaritans.org](https://evil.example/).", "shows samaritans.org but the link goes to evil.example"),
    ("See [https://www.samaritans.org/](https://www.samaritans.org.evil.example/).", "shows samaritans.org"),
    ("Old site [here](http://samaritans.org/).", "`http:`"),
    ("Text [us](sms:85258).", "`sms:`"),
    ("Write [to us](mailto:jo@samaritans.org?bcc=spy@evil.example).", "plain mailto"),
    ("Go [here](https://user:pw@samaritans.org/).", "user name or password"),
])
def test_a_misleading_description_link_is_an_error_on_its_line(check, body, words):
    text = description(body)
    [error] = check("helplines", text).errors
    assert words in error.message
    assert error.line == text.splitlines().index("  " + body) + 1


def test_an_honest_description_link_is_accepted_and_rendered():
    html = render_description("Visit [www.samaritans.org](https://www.samaritans.org/) or [call](tel:116123).")
    assert 'href="https://www.samaritans.org/"' in html and 'href="tel:116123"' in html


def test_a_refused_link_is_published_as_text_only():
    html = render_description("See [www.samaritans.org](https://evil.example/).")
    assert "evil.example" not in html and "www.samaritans.org" in html
