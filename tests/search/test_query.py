"""The finder's whole text search (generator/search/query.py and generator/assets/finder/query.js: find): phrases
as topic and audience slots, required words, the typo fallback, on lunr.py and lunr.js, agreeing."""

from __future__ import annotations

import pytest

from generator.directory import load_directory
from generator.search.finder_files import listings_data
from generator.search.index import build_lunr, compact, documents, input_hash
from generator.search.query import PHRASE_ONLY_SCORE, find, listing_tags
from generator.search.records import ordered_records
from generator.search.synonyms import phrase_table

QUERIES = [
    "i want to die",
    "want to die uk",
    "kill myself",
    "cant sleep",
    "lgbt teen",
    "my dad died",
    "free therapy",
    "ansiedad",
    "anxeity",
    "samaritians",
    "depresion",
    "nothing-matches-this",
    "help",
    "",
    "the",
    "day",
    "relay",
    "men's",
    "mens",
    "self-harm",
    "gam",
    "gamblign",
    "panic attack",
    "someone to talk to",
    "anxiety",
    "teen",
    "text",
    "whatsapp",
    "crisis line",
    "free",
    "online community",
    "therapist",
    "espanol",
    "español",
]


def run_both(lunr_js, directory):
    docs = documents(directory)
    builder, index = build_lunr(docs)
    shipped = compact(builder, len(docs), input_hash(docs), directory)
    data = listings_data(directory, "hash", 1)
    js = lunr_js("find", index=shipped, data=data, queries=QUERIES)
    table, tags = phrase_table(directory.taxonomy), listing_tags(directory)
    return [(query, find(index, query, table, tags), got) for query, got in zip(QUERIES, js)]


@pytest.fixture(scope="module")
def shipped(shipped_directory):
    return load_directory(shipped_directory)


@pytest.mark.parametrize("which", ["fixture", "shipped"])
def test_lunr_js_finds_what_lunr_py_finds(lunr_js, finder_directory, shipped, which):
    directory = finder_directory if which == "fixture" else shipped
    for query, py, js in run_both(lunr_js, directory):
        if py is None:
            assert js["matches"] is None, query
            continue
        assert js["fuzzy"] == list(py.fuzzy), query
        assert sorted(ref for ref, _ in js["matches"]) == sorted(ref for ref, _ in py.matches), query
        py_scores = dict(py.matches)
        for ref, score in js["matches"]:
            assert score == pytest.approx(py_scores[ref], rel=1e-3, abs=1e-3), query


def ids(directory, found) -> set[str]:
    refs = [r.id for r in ordered_records(directory)]
    return {refs[int(ref)] for ref, _ in found.matches}


def search(directory, text):
    docs = documents(directory)
    _, index = build_lunr(docs)
    return find(index, text, phrase_table(directory.taxonomy), listing_tags(directory))


def test_a_phrase_keeps_every_listing_with_its_topic_at_one_score(shipped):
    found = search(shipped, "i want to die")
    with_topic = {r.id for r in shipped.published if "suicidal-thoughts" in r.listing.topics}
    assert ids(shipped, found) == with_topic
    assert {score for _, score in found.matches} == {PHRASE_ONLY_SCORE}
    assert found.plan.crisis


def test_a_phrase_of_several_topics_keeps_listings_with_any(shipped):
    found = search(shipped, "can't sleep")
    assert ids(shipped, found) == {r.id for r in shipped.published if {"anxiety", "stress"} & set(r.listing.topics)}


def test_phrase_and_word_together_narrow_each_other(shipped):
    found = search(shipped, "my dad died cruse")
    assert ids(shipped, found) == {"cruse-bereavement-helpline"}


def test_audiences_are_searchable_with_their_synonyms(shipped):
    found = ids(shipped, search(shipped, "lgbt teen"))
    # Every listing for LGBTQ+ young people is found by the audiences' synonyms ("LGBT", "teens").
    both = {r.id for r in shipped.published if {"lgbtq", "youth"} <= set(r.listing.audiences)}
    assert "the-trevor-project" in both and both <= found


def test_a_word_the_index_lacks_is_matched_one_letter_off(shipped):
    found = search(shipped, "samaritians")
    assert found.fuzzy == ("samaritian",)
    assert "samaritans-uk" in ids(shipped, found)
    assert search(shipped, "samaritans").fuzzy == ()


def test_kind_service_contact_and_cost_words_find_listings(shipped):
    whatsapp = ids(shipped, search(shipped, "whatsapp "))
    assert whatsapp == {r.id for r in shipped.published if any(c.method == "whatsapp" for c in r.listing.contacts)}
    crisis = ids(shipped, search(shipped, "crisis line "))
    assert {r.id for r in shipped.published if getattr(r.listing, "service", None) == "crisis"} <= crisis
    assert "betterhelp" in ids(shipped, search(shipped, "therapist "))


def test_free_means_free(shipped):
    found = ids(shipped, search(shipped, "free therapy"))
    assert found and "nhs-talking-therapies" in found
    free = {"free", "free-standard-charges"}
    assert all(free & set(r.listing.cost) for r in shipped.published if r.id in found)


def test_nothing_to_search_for_narrows_nothing(finder_directory):
    assert search(finder_directory, "the") is None
    assert search(finder_directory, "help") is None  # a filler word alone
    assert search(finder_directory, "") is None
