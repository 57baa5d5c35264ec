"""Plain-language search: phrases people type, read as the topics and audiences they mean.

One source: directory/taxonomy.yaml. Every label and synonym of two or more words ("want to die", "my dad
died", "can't sleep") becomes a phrase; a query holding one of them asks for the listings with that topic or
audience (any of them, when several terms share the phrase), whatever words their text uses. Words about
cost (COST_PHRASES: "free", "low cost") are phrases too, for the cost filter's values: "free therapy" means
free. The table is written into find/search-index.json (index.py) and read there by
generator/assets/finder/synonyms.js, the twin of plan_query() below; tests/search/test_synonyms.py runs both
over the same queries.

A query's plan: its words analysed as the index's text (analysis.query_terms), phrases found left to right
(the longest first) and turned into topic or audience slots, filler words that narrow nothing useful dropped
("help", "need", "please"), and the rest kept as required words. `crisis` is true when the words include every
word of a label or synonym of a crisis topic (suicidal thoughts), in any order: the finder then shows the
chosen country's crisis lines above the results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..taxonomy import Taxonomy
from . import analysis

# Topics whose words make the finder show crisis lines first.
CRISIS_TOPICS = ("suicidal-thoughts",)
# Words that say what someone wants without narrowing what they want: left out of the required words.
FILLER_WORDS = (
    "help",
    "need",
    "please",
    "want",
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "looking",
    "find",
    "get",
    "really",
    "feel",
    "feeling",
    "im",
    "ive",
)
# How kinds, services, contact methods and costs are put in words for the index (index.py: the "about" field).
KIND_WORDS = {
    "helplines": "helpline hotline phone line",
    "communities": "online community peer support group forum",
    "teletherapy": "teletherapy online therapy therapist counselling counseling counsellor",
}
SERVICE_WORDS = {"crisis": "crisis line", "support": "support line", "information": "information line advice"}
COST_WORDS = {
    "free": "free",
    "free-standard-charges": "free",
    "low-cost": "low cost affordable cheap",
    "sliding-scale": "sliding scale low cost affordable",
    "paid": "paid",
    "insurance": "insurance",
}
# Words about cost that choose cost values, as the cost filter would ("free therapy": free listings only).
COST_PHRASES = {
    "free": ("free", "free-standard-charges"),
    "low cost": ("free", "free-standard-charges", "low-cost", "sliding-scale"),
    "cheap": ("free", "free-standard-charges", "low-cost", "sliding-scale"),
    "affordable": ("free", "free-standard-charges", "low-cost", "sliding-scale"),
    "sliding scale": ("sliding-scale",),
}
SUGGEST_MIN = 4  # words shorter than this are neither suggested nor corrected


@dataclass(frozen=True)
class Concept:
    facet: str  # "topic", "audience" or "cost": the finder's filter
    id: str


@dataclass(frozen=True)
class PhraseTable:
    phrases: dict[tuple[str, ...], tuple[Concept, ...]] = field(default_factory=dict)
    filler: frozenset[str] = frozenset()
    crisis: tuple[frozenset[str], ...] = ()  # each: the terms of one crisis label or synonym
    crisis_concepts: frozenset[Concept] = frozenset()
    words: tuple[str, ...] = ()  # what "Did you mean" may offer (synonyms.js: suggest)


@dataclass(frozen=True)
class Slot:
    """One required part of a query: a word (`term`, the last one a prefix while typed) or a phrase's concepts."""

    term: str | None = None
    prefix: bool = False
    concepts: tuple[Concept, ...] = ()


@dataclass(frozen=True)
class QueryPlan:
    slots: tuple[Slot, ...]
    crisis: bool

    @property
    def words(self) -> list[Slot]:
        return [slot for slot in self.slots if slot.term is not None]


def _terms(text: str) -> tuple[str, ...]:
    return tuple(analysis.analyse(text))


def phrase_table(taxonomy: Taxonomy) -> PhraseTable:
    phrases: dict[tuple[str, ...], list[Concept]] = {}
    crisis: list[frozenset[str]] = []
    words: set[str] = set()
    for facet, terms in (("topic", taxonomy.topics), ("audience", taxonomy.audiences)):
        for term in terms.values():
            concept = Concept(facet, term.id)
            # Every language's words: "me quiero morir" is a crisis phrase on the English site too.
            for text in taxonomy.words_in_every_language(facet + "s", term.id):
                analysed = _terms(text)
                if len(analysed) >= 2 and concept not in phrases.setdefault(analysed, []):
                    phrases[analysed].append(concept)
                # A phrase that analysis cuts down to one common word ("end it all": "end") would say too little.
                single = len(analysis.tokenize(analysis.normalise(text))) == 1
                if facet == "topic" and term.id in CRISIS_TOPICS and (len(analysed) >= 2 or (single and analysed)):
                    crisis.append(frozenset(analysed))
                words.update(_suggestable(text))
    for text, costs in COST_PHRASES.items():
        phrases.setdefault(_terms(text), []).extend(Concept("cost", cost) for cost in costs)
    for text in (*KIND_WORDS.values(), *SERVICE_WORDS.values(), *COST_WORDS.values()):
        words.update(_suggestable(text))
    return PhraseTable(
        phrases={key: tuple(value) for key, value in phrases.items()},
        filler=frozenset(t for word in FILLER_WORDS for t in _terms(word)),
        crisis=tuple(dict.fromkeys(crisis)),
        crisis_concepts=frozenset(Concept("topic", topic) for topic in CRISIS_TOPICS),
        words=tuple(sorted(words)),
    )


def _suggestable(text: str) -> list[str]:
    """The words of a text that "Did you mean" may offer: as typed (lower case, folded), four letters or more."""
    return [w for w in analysis.tokenize(analysis.normalise(text)) if len(w) >= SUGGEST_MIN and w.isalpha()]


def table_data(table: PhraseTable) -> dict[str, Any]:
    """The table as search-index.json carries it: {"phrases": [[[term, ...], [[facet, id], ...]], ...], "filler",
    "crisis": [[term, ...], ...], "crisisConcepts": [[facet, id], ...], "words"}."""
    return {
        "phrases": [[list(k), [[c.facet, c.id] for c in v]] for k, v in sorted(table.phrases.items())],
        "filler": sorted(table.filler),
        "crisis": [sorted(terms) for terms in table.crisis],
        "crisisConcepts": sorted([c.facet, c.id] for c in table.crisis_concepts),
        "words": list(table.words),
        "analysis": analysis.current_analysis().as_data(),
    }


def plan_query(text: str, table: PhraseTable) -> QueryPlan:
    """What a query asks for (the module docstring); generator/assets/finder/synonyms.js: planQuery."""
    terms, prefix = analysis.query_terms(text)
    longest = max((len(key) for key in table.phrases), default=0)
    slots: list[Slot] = []
    at = 0
    while at < len(terms):
        for size in range(min(longest, len(terms) - at), 0, -1):
            concepts = table.phrases.get(tuple(terms[at : at + size]))
            if concepts:
                slots.append(Slot(concepts=concepts))
                at += size
                break
        else:
            last_typed = prefix and at == len(terms) - 1
            slots.append(Slot(term=terms[at], prefix=analysis.is_prefix(terms[at], last_typed)))
            at += 1
    present = set(terms)
    crisis = any(terms_ <= present for terms_ in table.crisis) or any(
        set(slot.concepts) & table.crisis_concepts for slot in slots
    )
    kept = [slot for slot in slots if slot.term is None or slot.term not in table.filler]
    return QueryPlan(tuple(kept), crisis)


def damerau_distance(a: str, b: str, limit: int = 1) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from a to b, or limit + 1 when more than limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return min(previous[len(b)], limit + 1)


def suggest(word: str, words: list[str] | tuple[str, ...]) -> str | None:
    """The first of `words` one edit away from `word` (synonyms.js: suggest), or None (a short word or a known one)."""
    word = analysis.normalise(word).lower()
    if len(word) < SUGGEST_MIN or word in words:
        return None
    return next((w for w in words if w != word and damerau_distance(word, w) <= 1), None)
