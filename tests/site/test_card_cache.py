"""The browse pages' card cache warmed before page workers fork (CardCache.warm): the same pages, and every card
those pages show already rendered, so no worker renders one again."""

from __future__ import annotations

from generator.directory import load_directory
from generator.site_plan import plan_site


def _browse(site) -> dict[str, str]:
    return {
        plan.src_uri: plan.render("../" * plan.src_uri.count("/"))
        for plan in site.pages
        if plan.listing is None
        and plan.src_uri.split("/")[0] in ("helplines", "communities", "teletherapy", "topics", "countries")
    }


def test_warmed_cards_give_the_same_pages_and_are_all_the_pages_need(shipped_directory):
    directory = load_directory(shipped_directory)
    cold = plan_site(directory, page_size=5)
    warm = plan_site(directory, page_size=5)
    assert warm.cards is not None and cold.cards is not None
    warm.cards.warm(warm.views)
    warmed = dict(warm.cards._cards)
    assert len(warmed) == len(warm.views)
    pages = _browse(warm)
    assert pages == _browse(cold) and len(pages) > 10
    assert warm.cards._cards == warmed  # nothing rendered after the warm-up
    assert len(cold.cards._cards) == len(warmed)  # and the cold plan's pages rendered the same cards
