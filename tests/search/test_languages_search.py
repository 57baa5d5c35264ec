"""Search in every site language: each language's analysis (analysis.py ↔ finder/query.js, synonyms.js), the
two sides agreeing word for word and listing for listing, and queries in each language finding what they should."""

from __future__ import annotations

import pytest

from generator.directory import load_directory
from generator.i18n import use_language
from generator.search import analysis
from generator.search.finder_files import listings_data
from generator.search.index import build_lunr, compact, documents, input_hash
from generator.search.query import find, listing_tags
from generator.search.records import ordered_records
from generator.search.synonyms import phrase_table

LANGUAGES = ["es", "pt-BR", "fr", "de", "nl"]
# Words as people type them: accents or not, apostrophes, capitals, stop words, hyphens, the word being typed.
WORDS = {
    "es": ["No quiero vivir", "me quiero morir", "ansiedad", "Depresión ", "línea de ayuda", "niños", "autolesión",
           "violencia de género", "estoy sola y triste", "teléfono gratis ", "ayúdame"],
    "pt-BR": ["não aguento mais", "quero morrer", "Ansiedade", "solidão", "violência doméstica", "crianças ",
              "ligação grátis", "está difícil", "luto"],
    "fr": ["j'ai envie de mourir", "anxiété", "Dépression", "l'isolement", "aujourd'hui ", "numéro gratuit",
           "harcèlement", "je n'en peux plus"],
    "de": ["Ich will nicht mehr leben", "Angst", "Einsamkeit ", "häusliche Gewalt", "Kummer-Nummer", "Straße",
           "Trauer", "für Jugendliche"],
    "nl": ["ik wil niet meer leven", "angst", "eenzaamheid", "zelfmoordgedachten", "hulplijn ", "rouw", "één"],
}
# What a query in each language must find in the shipped directory: a topic's listings.
FINDS_TOPIC = {
    "es": ("ansiedad", "anxiety"),
    "pt-BR": ("ansiedade", "anxiety"),
    "fr": ("anxiété", "anxiety"),
    "de": ("Angst", "anxiety"),
    "nl": ("angst", "anxiety"),
}


@pytest.fixture(scope="module")
def shipped(shipped_directory):
    return load_directory(shipped_directory)


def test_english_keeps_lunrs_stemmer_and_other_languages_match_prefixes():
    assert analysis.analysis_for("en").stemming and analysis.analysis_for("en").prefix_from == 0
    spanish = analysis.analysis_for("es")
    assert not spanish.stemming and spanish.prefix_from == analysis.PREFIX_FROM
    assert analysis.analysis_for("pt-BR").stop_words == analysis.analysis_for("pt").stop_words
    assert "nao" in analysis.analysis_for("pt-BR").stop_words  # written folded, as the search sees "não"
    assert analysis.analyse("Depresiones y ansiedad", spanish) == ["depresiones", "ansiedad"]
    assert analysis.is_prefix("depres", False, spanish) and not analysis.is_prefix("dep", False, spanish)
    assert not analysis.is_prefix("depres", False, analysis.analysis_for("en"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_browser_reads_words_as_python_does(lunr_js, code):
    chosen = analysis.analysis_for(code)
    js = lunr_js("query_terms", texts=WORDS[code], analysis=chosen.as_data())
    assert [list(analysis.query_terms(text, chosen)) for text in WORDS[code]] == [
        [answer["terms"], answer["prefix"]] for answer in js
    ]


@pytest.mark.parametrize("code", LANGUAGES)
def test_lunr_js_finds_what_lunr_py_finds_in_each_language(lunr_js, shipped, code):
    queries = WORDS[code] + [FINDS_TOPIC[code][0], "samaritans", "helpline"]
    with use_language(code):
        docs = documents(shipped)
        builder, index = build_lunr(docs)
        shipped_index = compact(builder, len(docs), input_hash(docs), shipped)
        data = listings_data(shipped, "hash", 1)
        table, tags = phrase_table(shipped.taxonomy), listing_tags(shipped)
        python = [find(index, query, table, tags) for query in queries]
    assert shipped_index["synonyms"]["analysis"]["lang"] == code
    browser = lunr_js("find", index=shipped_index, data=data, queries=queries)
    for query, py, js in zip(queries, python, browser):
        if py is None or py.matches is None:
            assert js["matches"] is None, query
            continue
        assert sorted(ref for ref, _ in js["matches"]) == sorted(ref for ref, _ in py.matches), query
        scores = dict(py.matches)
        for ref, score in js["matches"]:
            assert score == pytest.approx(scores[ref], rel=1e-3, abs=1e-3), query


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_query_in_each_language_finds_the_topics_listings(shipped, code):
    word, topic = FINDS_TOPIC[code]
    with use_language(code):
        docs = documents(shipped)
        _, index = build_lunr(docs)
        found = find(index, word, phrase_table(shipped.taxonomy), listing_tags(shipped))
        refs = [record.id for record in ordered_records(shipped)]  # the language's own order
    found_ids = {refs[int(ref)] for ref, _ in found.matches}
    with_topic = {record.id for record in shipped.published if topic in record.listing.topics}
    assert with_topic and with_topic <= found_ids


@pytest.mark.parametrize("code", ["en", *LANGUAGES])
def test_every_site_finds_anxiety_words_of_every_language(shipped, code):
    """"ansiedad", "Angst", "anxiété", "angst" all find anxiety listings, on every language's site."""
    with use_language(code):
        docs = documents(shipped)
        _, index = build_lunr(docs)
        table, tags = phrase_table(shipped.taxonomy), listing_tags(shipped)
        refs = [record.id for record in ordered_records(shipped)]
        with_topic = {record.id for record in shipped.published if "anxiety" in record.listing.topics}
        for word in ("ansiedad", "Angst", "anxiété", "angst", "ansiedade"):
            found = find(index, word, table, tags)
            assert with_topic <= {refs[int(ref)] for ref, _ in found.matches}, (code, word)


def test_crisis_words_in_another_language_raise_the_crisis_block(shipped):
    with use_language("pt-BR"):
        table = phrase_table(shipped.taxonomy)
        assert find_plan(table, "quero morrer").crisis
    assert find_plan(phrase_table(shipped.taxonomy), "me quiero morir").crisis  # on the English site too


def find_plan(table, text):
    from generator.search.synonyms import plan_query

    return plan_query(text, table)
