"""The finder's search index: text analysed exactly as lunr.js analyses it, built by lunr.py, shipped compactly,
rebuilt by the finder in lunr.js, and answering the same as lunr.py (generator/search/analysis.py, index.py;
generator/assets/finder/query.js, search_index.js). lunr.js 2.3.9 is the copy in the installed mkdocs package, run
by Node."""

from __future__ import annotations

import itertools
import json
import random

import lunr
import pytest
from lunr.stemmer import stemmer as lunr_py_stemmer
from lunr.token import Token

from generator.search import analysis
from generator.search.index import build_lunr, compact, documents, input_hash, search, search_index
from generator.search.records import ordered_records

# Words where the Porter implementations or the trimmers disagree, and some that exercise every step.
TRICKY = [
    "day", "days", "relay", "relays", "monday", "Monday", "mondays", "saying", "say", "lay", "try", "cry", "by",
    "yes", "y", "yy", "yelling", "yoyo", "happy", "happily", "toy", "enjoy", "employ", "holiday", "holidays",
    "caresses", "ponies", "ties", "caress", "cats", "feed", "agreed", "disabled", "matting", "mating", "meeting",
    "milling", "messing", "meetings", "generalization", "oscillators", "relational", "conditional", "valenci",
    "hesitanci", "digitizer", "conformabli", "radicalli", "differentli", "vileli", "analogousli", "vietnamization",
    "predication", "operator", "feudalism", "decisiveness", "hopefulness", "callousness", "formaliti",
    "sensitiviti", "sensibiliti", "triplicate", "formative", "formalize", "electriciti", "electrical", "hopeful",
    "goodness", "revival", "allowance", "inference", "airliner", "gyroscopic", "adjustable", "defensible",
    "irritant", "replacement", "adjustment", "dependent", "adoption", "homologou", "communism", "activate",
    "angulariti", "homologous", "effective", "bowdlerize", "probate", "rate", "cease", "controll", "roll",
    "anxiety", "anxieties", "gambling", "gambler", "self", "harm", "men", "men's", "women's", "bereavement",
    "loneliness", "lonely", "counselling", "counseling", "therapy", "therapies", "support", "supported",
    "café", "naïve", "straße", "ñandú", "día", "niño", "ayuda", "español", "emoji😀y", "😀😀y", "ab😀", "a😀",
]

TEXTS = [
    "Someone to talk to any day, even on a Monday.",
    "A service for men's. wellbeing — run by men's groups",
    "self-harm, self‐harm and self–harm (with other dashes)",
    "Text SHOUT to 85258; call 116 123 (24/7).",
    "“Quoted” words, 'single', don't, can't, won't, O'Brien's.",
    "non\u00a0breaking\u2003spaces\u2028and\u2029separators\ufefftoo\u3000end",
    "e-mail, E-MAIL, co-operate, --double--dash",
    "...", "", "   ", "!!!a!!!", "_under_score_", "ĲSSELMEER Σίσυφος ΟΔΥΣΣΕΥΣ İstanbul",
    "café naïve straße día ñandú emoji😀y 😀 🏳️‍🌈 lgbtq+",
    "Apoyo en español para personas que se autolesionan, por WhatsApp o teléfono.",
]

QUERIES = [
    "day", "relay", "Monday", "monday", "men's", "mens", "men", "self-harm", "self harm", "anxiety", "gambling",
    "gamble", "anxiety stress", "anxiety depression", "text support", "chat online", "online chat",
    "night lonely", "older people", "relay service", "any day", "Day Line", "panic", "bereavement", "LGBTQ",
    "coming out", "español", "autolesionan", "whatsapp", "anx", "gam", "rel", "self-", "self-h", "mon", "men'",
    "the", "a", "and the", "nothing-matches-this", "zzz", "d", "da", "Finder", "finder day",
    "wellbeing", "well-being", "partners welcome", "therapist", "licensed therapists", "app", "counselling",
    "carers", "carer", "supporting someone", "worried about someone", "", "   ", "!!!", "day.", "(monday)",
]


def vocabulary(directory) -> list[str]:
    words = set(TRICKY)
    for record in directory.records:
        listing = record.listing
        for text in (listing.name, listing.summary, listing.description or ""):
            words.update(analysis.tokenize(text))
    for term in directory.taxonomy.topics.values():
        words.update(analysis.tokenize(" ".join([term.label, *term.synonyms])))
    # Made-up words that walk the stemmer's rules: stems × suffixes.
    rng = random.Random(7)
    stems = ["h", "b", "tr", "str", "a", "ey", "oy", "y", "qu", "sy", "ba", "ca", "rel", "mon", "gen", "hop", "bl"]
    suffixes = ["y", "ay", "ey", "ies", "ied", "ying", "ing", "ed", "eed", "s", "ss", "sses", "ational", "tional",
                "enci", "izer", "bli", "alli", "entli", "ization", "ation", "ator", "alism", "iveness", "fulness",
                "aliti", "iviti", "biliti", "logi", "icate", "ative", "alize", "ical", "ful", "ness", "ement",
                "ment", "ent", "ion", "sion", "tion", "ism", "ate", "iti", "ous", "ive", "ize", "e", "le", "ll", "lle",
                "at", "bl", "iz", "tt", "zz", "ss"]
    for stem_, suffix in itertools.product(stems, suffixes):
        words.add(stem_ + suffix)
        words.add(stem_ + rng.choice("aeiouybcdlmnrst") + suffix)
    return sorted(words)


@pytest.fixture(scope="module")
def built(finder_directory):
    docs = documents(finder_directory)
    builder, index = build_lunr(docs)
    shipped = compact(builder, len(docs), input_hash(docs), finder_directory)
    refs = {str(n): r.id for n, r in enumerate(ordered_records(finder_directory))}
    return docs, builder, index, shipped, refs


# -- analysis: Python and lunr.js agree on every word ----------------------------------------------------------
def test_stemmer_matches_lunr_js(lunr_js, finder_directory, shipped_directory):
    from generator.directory import load_directory

    words = sorted(set(vocabulary(finder_directory)) | set(vocabulary(load_directory(shipped_directory))))
    assert len(words) > 1500
    js = lunr_js("stem", words=words)
    mismatches = [(w, analysis.stem(w), j) for w, j in zip(words, js) if analysis.stem(w) != j]
    assert mismatches == []


def test_stock_lunr_py_differs_where_the_spec_says(lunr_js):
    """Why analysis.py exists: lunr.py's own stemmer and trimmer do not match lunr.js (measured-facts.md)."""
    words = ["day", "relay", "monday"]
    assert lunr_js("stem", words=words) == ["day", "relay", "monday"]
    assert [str(lunr_py_stemmer(Token(w))) for w in words] == ["dai", "relai", "mondai"]
    assert [analysis.stem(w) for w in words] == ["day", "relay", "monday"]
    from lunr.trimmer import trimmer

    assert str(trimmer(Token("men's."))) == "men's."  # lunr.py keeps the full stop
    assert analysis.trim("men's.") == "men's"  # lunr.js does not


def test_stop_words_are_lunr_js_stop_words(lunr_js):
    from lunr.stop_word_filter import WORDS

    assert analysis.STOP_WORDS == WORDS
    words = sorted(analysis.STOP_WORDS) + ["help", "anxiety", "dears", "tiss", "yours"]
    assert lunr_js("analyse", texts=words) == [analysis.analyse(w) for w in words]
    assert sum(1 for w in words if analysis.analyse(w) == []) == len(analysis.STOP_WORDS)


def test_analysis_matches_lunr_js(lunr_js):
    assert [analysis.analyse(t) for t in TEXTS] == lunr_js("analyse", texts=TEXTS)


def test_query_terms_match_the_finder(lunr_js):
    texts = QUERIES + ["anxiety ", "anxiety-", "self-harm ", "a", "the end", "day the", "x", "xy", "😀"]
    js = lunr_js("query_terms", texts=texts)
    assert [list(analysis.query_terms(t)) for t in texts] == [[j["terms"], j["prefix"]] for j in js]


# -- the shipped index is lunr.py's index ---------------------------------------------------------------------
def test_shipped_index_rebuilds_lunr_py_index(lunr_js, built):
    _, _, index, shipped, _ = built
    rebuilt = lunr_js("rebuild", index=shipped)
    serialized = index.serialize()
    fields = serialized["fields"]
    expected_inverted = {term: {f: sorted(posting[f]) for f in fields} for term, posting in serialized["invertedIndex"]}
    assert rebuilt["inverted"] == expected_inverted
    term_of = {posting["_index"]: term for term, posting in serialized["invertedIndex"]}
    expected_vectors = {}
    for field_ref, elements in serialized["fieldVectors"]:
        expected_vectors[field_ref] = {term_of[elements[i]]: elements[i + 1] for i in range(0, len(elements), 2)}
    assert rebuilt["vectors"].keys() == expected_vectors.keys()
    for field_ref, by_term in expected_vectors.items():
        got = rebuilt["vectors"][field_ref]
        assert got.keys() == by_term.keys(), field_ref
        for term, score in by_term.items():
            assert got[term] == pytest.approx(score, abs=0.0011), (field_ref, term)
    # Topics and audiences travel as pieces (each term's words) plus each listing's terms, not as postings.
    for field in ("topics", "audiences"):
        assert field in shipped["composed"]
        column = [f for f, _ in shipped["fields"]].index(field)
        assert all(row[column] == 0 for row in shipped["postings"])
    assert shipped["synonyms"]["phrases"]  # the phrase table rides with the index it was made for


def test_bitmap_postings_rebuild_too(lunr_js, finder_directory):
    """Common terms travel as bitmaps (with their frequencies); force every posting into one and compare."""
    from generator.search import index as index_module

    docs = documents(finder_directory)
    builder, index = build_lunr(docs)
    original = index_module.BITMAP_DENSITY
    index_module.BITMAP_DENSITY = 10**9
    try:
        shipped = compact(builder, len(docs), "bitmaps", None)
    finally:
        index_module.BITMAP_DENSITY = original
    assert all(isinstance(p, str) or p == 0 for row in shipped["postings"] for p in row)
    assert any("|" in p for row in shipped["postings"] for p in row if p)  # some term frequency is not 1
    rebuilt = lunr_js("rebuild", index=shipped)
    serialized = index.serialize()
    assert rebuilt["inverted"] == {term: {f: sorted(posting[f]) for f in serialized["fields"]}
                                   for term, posting in serialized["invertedIndex"]}


# -- the same answers -------------------------------------------------------------------------------------------
def test_lunr_js_answers_as_lunr_py(lunr_js, built):
    _, _, index, shipped, refs = built
    js = lunr_js("search", index=shipped, queries=QUERIES)
    for query, js_matches in zip(QUERIES, js):
        py_matches = search(index, query)
        assert sorted(ref for ref, _ in js_matches) == sorted(ref for ref, _ in py_matches), query
        py_scores = dict(py_matches)
        for ref, score in js_matches:
            assert score == pytest.approx(py_scores[ref], rel=1e-3, abs=1e-3), (query, refs[ref])


@pytest.mark.parametrize("query, expected", [
    ("day", {"finder-day-line", "finder-self-harm-text"}),
    ("relay", {"finder-relay-line"}),
    ("Monday", {"finder-day-line"}),
    ("men's", {"finder-mens-line"}),
    ("self-harm", {"finder-self-harm-text", "finder-linea-ayuda"}),  # the topic's label in every self-harm listing
    ("gambling", {"finder-gamblers-forum", "finder-paused-line"}),
    ("panic", {"finder-relay-line", "finder-worldwide-chat", "finder-calm-video", "finder-terapia-mx"}),  # a synonym
    ("anxiety stress", {"finder-worldwide-chat"}),
    ("night lonely", {"finder-night-owl"}),
    ("gam", {"finder-gamblers-forum", "finder-paused-line"}),  # the word being typed is a prefix
    ("the", set()),
    ("nothing-matches-this", set()),
])
def test_queries_find_the_listings(lunr_js, built, query, expected):
    _, _, index, shipped, refs = built
    [js] = lunr_js("search", index=shipped, queries=[query])
    assert {refs[ref] for ref, _ in js} == expected
    assert {refs[ref] for ref, _ in search(index, query)} == expected


def test_stock_lunr_py_index_fails_lunr_js(lunr_js, built):
    """The divergence the fix removes: an index built by lunr.py's own pipeline, searched by lunr.js."""
    docs, *_ = built
    stock = lunr.lunr(ref="ref", fields=[f for f in ("name", "summary", "description")],
                      documents=[{"ref": str(n), **doc} for n, doc in enumerate(docs)])
    assert stock.search("day") and stock.search("relay")
    assert lunr_js("lunr_search", serialized=stock.serialize(), queries=["day", "relay"]) == [[], []]


def test_lunr_js_query_parser_also_agrees(lunr_js, built):
    """The index names lunr.js's stemmer as its search pipeline, so plain idx.search() on a lunr-format copy of it
    stems one-word queries the same way (once apostrophes and accents are folded, as the finder folds them)."""
    _, _, index, _, _ = built
    words = ["day", "relay", "Monday", "anxiety", "gambling", "lonely", "men's"]
    js = lunr_js("lunr_search", serialized=index.serialize(), queries=[analysis.normalise(w) for w in words])
    for word, refs in zip(words, js):
        assert sorted(refs) == sorted(ref for ref, _ in search(index, word)), word


# -- caching ---------------------------------------------------------------------------------------------------
def test_index_is_cached_by_its_input(tmp_path, monkeypatch, finder_directory):
    monkeypatch.setenv("KINDRED_CACHE_DIR", str(tmp_path / "cache"))
    first = search_index(finder_directory)
    second = search_index(finder_directory)
    assert not first.cached and second.cached
    assert first.data == second.data and first.hash == second.hash
    assert (tmp_path / "cache" / f"search-index-{first.hash}.json").is_file()
    assert json.loads(first.data)["hash"] == first.hash


def test_cache_key_changes_with_any_indexed_text(finder_directory):
    docs = documents(finder_directory)
    base = input_hash(docs)
    for field in ("name", "summary", "description", "topics", "audiences", "organisation", "about"):
        changed = [dict(doc) for doc in docs]
        changed[3][field] += " more"
        assert input_hash(changed) != base, field
    assert input_hash(list(reversed(docs))) != base  # refs are positions: order matters
    assert input_hash([dict(doc) for doc in docs]) == base
    assert input_hash(docs, {"phrases": [[["want", "die"], [["topic", "x"]]]]}) != base  # the phrase table too


def test_unwritable_cache_still_builds(tmp_path, monkeypatch, finder_directory):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("KINDRED_CACHE_DIR", str(blocker / "cache"))
    built_index = search_index(finder_directory)
    assert not built_index.cached and json.loads(built_index.data)["count"] == len(finder_directory.published)


def test_the_shipped_index_is_counted_as_lunr_py_counts(finder_directory, shipped_directory, monkeypatch, tmp_path):
    """search_index counts terms itself (term_counts), not through lunr.py's Builder: the shipped bytes are the
    ones lunr.py's builder gives, so every test above of the lunr.py-built index holds for the shipped one."""
    from generator.directory import load_directory
    from generator.search.index import phrase_data, term_counts

    monkeypatch.setenv("KINDRED_CACHE_DIR", str(tmp_path))
    for directory in (finder_directory, load_directory(shipped_directory)):
        docs = documents(directory)
        hash_ = input_hash(docs, phrase_data(directory))
        by_lunr = compact(build_lunr(docs)[0], len(docs), hash_, directory)
        assert compact(term_counts(docs), len(docs), hash_, directory) == by_lunr
        shipped = search_index(directory, use_cache=False).data
        assert json.loads(shipped) == by_lunr
    # A term lunr.py would count twice in a field, and a term in two fields, are counted the same way here.
    docs = [{name: "" for name in documents(finder_directory)[0]}]
    docs[0].update(name="calm calm line", summary="calm")
    assert compact(term_counts(docs), 1, "x") == compact(build_lunr(docs)[0], 1, "x")
