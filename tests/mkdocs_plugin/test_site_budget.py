"""The size budget's message tells the maintainer what fits and what to do (generator/mkdocs_plugin/site_budget.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.mkdocs_plugin.site_budget import (
    ENGLISH_MB_PER_1000,
    LANGUAGE_MB_PER_1000,
    MEGABYTE,
    OverBudget,
    SiteBudget,
)

RESULTS = Path(__file__).resolve().parents[2] / "bench" / "results" / "site.json"


def _refused(budget: SiteBudget) -> str:
    with pytest.raises(OverBudget) as raised:
        budget.add(int(budget.max_mb * MEGABYTE) + 1, "api/listings.json")
    return str(raised.value)


def test_one_language_says_how_many_listings_fit_and_what_to_do():
    message = _refused(SiteBudget(900, 1))
    assert "api/listings.json would add" in message and "nothing was published" in message
    assert "about 15,000 listings" in message
    assert "raise `max_site_mb`" in message and "GitHub Pages refuses a site over 1 GB" in message
    assert "languages" not in message


def test_several_languages_say_each_is_a_copy_and_to_list_fewer():
    budget = SiteBudget(900, 6)
    message = _refused(budget)
    assert "Each of the site's 6 languages is a whole copy of its pages" in message
    assert "about 2,600 listings" in message and budget.listings_that_fit() == 2600
    assert "list fewer languages under `languages:`" in message
    assert SiteBudget(900, 2).listings_that_fit() > budget.listings_that_fit()


def test_the_sizes_quoted_are_the_benchmarks():
    """The figures in the message are bench/bench_site.py's at 10,000 listings, within 10%."""
    if not RESULTS.is_file():
        pytest.skip("no benchmark results in this checkout")
    [result] = [r for r in json.loads(RESULTS.read_text(encoding="utf-8"))["results"] if r["n"] == 10_000]
    one = result["kindred_one_language"]["output_mib"] * 2**20 / MEGABYTE / 10
    every = result["kindred"]
    extra = (every["output_mib"] - result["kindred_one_language"]["output_mib"]) * 2**20 / MEGABYTE / 10
    extra /= len(every["languages"]) - 1
    assert one == pytest.approx(ENGLISH_MB_PER_1000, rel=0.1)
    assert extra == pytest.approx(LANGUAGE_MB_PER_1000, rel=0.1)
