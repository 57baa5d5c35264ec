"""Plain-language search (generator/search/synonyms.py and its twin generator/assets/finder/synonyms.js): the
phrase table comes from the taxonomy alone, both sides plan the same queries the same way, and the shipped
taxonomy holds the phrases people in trouble actually type."""

from __future__ import annotations

import pytest

from generator.directory import load_directory
from generator.search import analysis
from generator.search.synonyms import (
    Concept,
    damerau_distance,
    phrase_table,
    plan_query,
    suggest,
    table_data,
)

SUICIDAL = Concept("topic", "suicidal-thoughts")
QUERIES = [
    "i want to die",
    "I WANT TO DIE",
    "want to die uk",
    "i really want to die",
    "kill myself",
    "i want to kill myself",
    "end my life",
    "cant sleep",
    "can't sleep",
    "can’t sleep",
    "lgbt teen",
    "my dad died",
    "My Dad Died.",
    "free therapy",
    "ansiedad",
    "Anxiété",
    "quiero morir",
    "suicidal",
    "suicide",
    "sui",
    "help",
    "i need help",
    "someone to talk to",
    "talk to someone now",
    "gay",
    "drinking",
    "teenager",
    "bereaved",
    "anxiety depression",
    "panic attack",
    "panic att",
    "want to d",
    "want to die ",
    "",
    "   ",
    "the",
    "my mum died and i cant sleep",
    "selbstmord",
    "suicídio",
    "idées suicidaires",
    "don't want to live",
    "dont want to be here",
]


@pytest.fixture(scope="module")
def shipped(shipped_directory):
    return load_directory(shipped_directory)


@pytest.fixture(scope="module")
def table(shipped):
    return phrase_table(shipped.taxonomy)


def slots_of(plan) -> list:
    return [[s.term, s.prefix, [[c.facet, c.id] for c in s.concepts]] for s in plan.slots]


def test_phrases_come_from_the_taxonomys_labels_and_synonyms_of_two_words_or_more(table, shipped):
    assert table.phrases[("want", "die")] == (SUICIDAL,)
    assert table.phrases[("suicid", "thought")] == (SUICIDAL,)  # a label is a phrase too
    assert table.phrases[("dad", "di")] == (Concept("topic", "grief-loss"),)  # "died" stems to "di"
    # One phrase can mean several terms: a query with it keeps listings with any of them.
    assert set(table.phrases[("cant", "sleep")]) == {Concept("topic", "anxiety"), Concept("topic", "stress")}
    # Every language's labels and search words (taxonomy.<code>.yaml) make phrases on every site.
    every_text = [
        t
        for facet in ("topics", "audiences")
        for term_id in shipped.taxonomy.facet(facet)
        for t in shipped.taxonomy.words_in_every_language(facet, term_id)
    ]
    # Single words are plain words, matched by the index; only cost words choose values on their own.
    from_taxonomy = {key for key, concepts in table.phrases.items() if concepts[0].facet != "cost"}
    assert from_taxonomy == {tuple(analysis.analyse(t)) for t in every_text if len(analysis.analyse(t)) >= 2}
    assert table.phrases[("free",)] == (Concept("cost", "free"), Concept("cost", "free-standard-charges"))


def test_crisis_words_come_from_the_suicidal_thoughts_topic(table, shipped):
    words_of_term = shipped.taxonomy.words_in_every_language("topics", "suicidal-thoughts")
    assert frozenset({"want", "die"}) in table.crisis and frozenset({"suicid"}) in table.crisis
    assert frozenset({"quiero", "morir"}) in table.crisis  # taxonomy.es.yaml: every site knows every language's
    assert len(table.crisis) <= len(words_of_term)
    # No crisis phrase is cut down to one common word by the stop-word list.
    assert all(
        len(words) >= 2
        or next(iter(words)) in {analysis.analyse(s)[0] for s in words_of_term if len(s.split()) == 1}
        for words in table.crisis
    )


def test_plans(table):
    assert slots_of(plan_query("i want to die", table)) == [[None, False, [["topic", "suicidal-thoughts"]]]]
    assert plan_query("i want to die", table).crisis
    assert plan_query("i really want to die", table).crisis  # every word of a crisis phrase, in any order
    assert not plan_query("die hard", table).crisis
    assert slots_of(plan_query("want to die uk", table)) == [
        [None, False, [["topic", "suicidal-thoughts"]]],
        ["uk", True, []],
    ]
    assert slots_of(plan_query("cant sleep", table)) == slots_of(plan_query("can’t sleep", table))
    assert slots_of(plan_query("lgbt teen", table)) == [["lgbt", False, []], ["teen", True, []]]
    assert slots_of(plan_query("free therapy", table)) == [
        [None, False, [["cost", "free"], ["cost", "free-standard-charges"]]],
        ["therapi", True, []],
    ]
    assert slots_of(plan_query("i need help with anxiety", table)) == [["anxieti", True, []]]  # filler words go
    assert plan_query("help", table).slots == ()
    # The word still being typed is a word until it completes a phrase.
    assert slots_of(plan_query("panic att", table)) == [["panic", False, []], ["att", True, []]]
    assert slots_of(plan_query("panic attack", table)) == [[None, False, [["topic", "anxiety"]]]]
    # The longest phrase wins.
    assert slots_of(plan_query("i want to kill myself", table)) == [[None, False, [["topic", "suicidal-thoughts"]]]]


def test_the_browser_plans_every_query_the_same_way(lunr_js, table):
    data = table_data(table)
    js = lunr_js("plan", table=data, texts=QUERIES)
    for text, got in zip(QUERIES, js):
        plan = plan_query(text, table)
        assert got["crisis"] == plan.crisis, text
        assert [
            [s["term"], s["prefix"], [[c["facet"], c["id"]] for c in s["concepts"]]] for s in got["slots"]
        ] == slots_of(plan), text


def test_the_shipped_taxonomy_has_the_words_people_type(table):
    def concepts(text):
        plan = plan_query(text + " ", table)
        return {c.id for s in plan.slots for c in s.concepts} | {s.term for s in plan.slots if s.term}

    assert concepts("want to die") == concepts("kill myself") == concepts("end my life") == {"suicidal-thoughts"}
    assert concepts("my dad died") == concepts("my mum died") == {"grief-loss"}
    assert "anxiety" in concepts("can't sleep")


@pytest.mark.parametrize(
    "word, facet, term_id",
    [
        ("bereaved", "topics", "grief-loss"),
        ("gay", "audiences", "lgbtq"),
        ("lesbian", "audiences", "lgbtq"),
        ("trans", "audiences", "lgbtq"),
        ("teen", "audiences", "youth"),
        ("teenager", "audiences", "youth"),
        ("drinking", "topics", "substance-use"),
    ],
)
def test_single_words_people_type_are_synonyms(shipped, word, facet, term_id):
    term = shipped.taxonomy.facet(facet)[term_id]
    assert word in [s.casefold() for s in term.synonyms]


@pytest.mark.parametrize(
    "word, topic",
    [
        ("ansiedad", "anxiety"),
        ("ansiedade", "anxiety"),
        ("anxiété", "anxiety"),
        ("Angst", "anxiety"),
        ("depresión", "depression"),
        ("depressão", "depression"),
        ("dépression", "depression"),
        ("suicidio", "suicidal-thoughts"),
        ("suicídio", "suicidal-thoughts"),
        ("Suizid", "suicidal-thoughts"),
        ("duelo", "grief-loss"),
        ("luto", "grief-loss"),
        ("deuil", "grief-loss"),
        ("Trauer", "grief-loss"),
        ("soledad", "loneliness"),
        ("Einsamkeit", "loneliness"),
        ("estrés", "stress"),
        ("Sucht", "substance-use"),
    ],
)
def test_main_topics_have_spanish_portuguese_french_and_german_words(shipped, word, topic):
    term = shipped.taxonomy.topics[topic]
    assert analysis.analyse(word)[0] in analysis.analyse(" ".join([term.label, *term.synonyms]))


def test_did_you_mean(table, lunr_js):
    assert damerau_distance("anxeity", "anxiety") == 1  # two letters swapped is one edit
    assert damerau_distance("anxiety", "anxiety") == 0 and damerau_distance("ab", "xyz") == 2
    assert suggest("anxeity", table.words) == "anxiety"
    assert suggest("Depresssion", table.words) == "depression"
    assert suggest("depresion", table.words) is None  # Spanish "depresión", folded: a word already
    assert suggest("suicde", table.words) == "suicide"
    assert suggest("cat", table.words) is None  # too short to guess at
    assert suggest("anxiety", table.words) is None  # already a word
    typed = ["anxeity", "Depresssion", "depresion", "suicde", "cat", "anxiety", "lonley", "gamblign", "zzzzzz", "teh"]
    assert lunr_js("suggest", words=list(table.words), typed=typed) == [suggest(w, table.words) for w in typed]
