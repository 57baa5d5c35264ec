"""Guidance articles: the nine promised guides exist, are the right length, readable, and end with next steps."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GUIDES = ["help-now", "finding-a-community", "staying-safe-online", "contacting-a-helpline", "teletherapy",
          "connection-at-a-distance", "supporting-someone", "using-this-site-safely", "how-listings-are-chosen"]


def _readability():
    spec = importlib.util.spec_from_file_location("readability", REPO / "bench" / "readability.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def readability():
    pytest.importorskip("textstat")
    module = _readability()
    module.ensure_cmudict()
    return module


@pytest.mark.parametrize("name", GUIDES)
def test_guide_is_600_to_1500_words(name):
    words = len((REPO / "content" / "guides" / f"{name}.md").read_text(encoding="utf-8").split())
    assert 600 <= words <= 1500, words


@pytest.mark.parametrize("name", GUIDES)
def test_guide_ends_with_next_steps_and_embeds_listings(name):
    text = (REPO / "content" / "guides" / f"{name}.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings and "next" in headings[-1].lower(), headings[-1:]
    last_section = text[text.rindex("## " + headings[-1]):]
    assert "<!-- kindred:listings" in last_section


@pytest.mark.parametrize("name", GUIDES)
def test_guide_is_plain_enough_for_a_13_year_old(name, readability):
    import textstat

    prose = readability.strip_markdown((REPO / "content" / "guides" / f"{name}.md").read_text(encoding="utf-8"))
    assert textstat.flesch_reading_ease(prose) >= 60
    assert textstat.flesch_kincaid_grade(prose) <= 8
