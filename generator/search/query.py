"""The finder's text search, as the browser runs it: the Python twin of generator/assets/finder/query.js (find).

A query is planned first (synonyms.plan_query): phrases become topic or audience slots, which keep the listings
that have any of their terms; the other words are required, each matched by lunr (index.py's index). A word the
index does not hold at all is matched with one letter's difference instead (lunr's edit distance 1), so a typo
still finds something; the finder then offers "Did you mean …" (synonyms.suggest). With phrases only, every
listing they keep scores the same, and the ranking's priors order them (generator/assets/finder/ranking.js).
tests/search/test_query.py runs both sides over the same queries and compares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lunr.index import Index
from lunr.query import Query, QueryPresence
from lunr.token_set import TokenSet

from ..directory import Directory
from .records import ordered_records
from .synonyms import Concept, PhraseTable, QueryPlan, Slot, plan_query

PHRASE_ONLY_SCORE = 1.0  # every listing a phrase-only query keeps scores this


@dataclass(frozen=True)
class Tags:
    """A listing's topics, audiences and costs: what a phrase's slot checks."""

    topics: frozenset[str]
    audiences: frozenset[str]
    costs: frozenset[str] = frozenset()

    def has(self, concept: Concept) -> bool:
        values = {"topic": self.topics, "audience": self.audiences, "cost": self.costs}.get(concept.facet, frozenset())
        return concept.id in values


@dataclass(frozen=True)
class Found:
    plan: QueryPlan
    matches: list[tuple[str, float]]  # (ref, score), best first
    fuzzy: tuple[str, ...]  # terms matched with one letter's difference, because the index lacks them


def listing_tags(directory: Directory) -> list[Tags]:
    """Every published listing's tags, by search-index ref (position in find/listings.json)."""
    return [
        Tags(frozenset(r.listing.topics), frozenset(r.listing.audiences), frozenset(r.listing.cost))
        for r in ordered_records(directory)
    ]


def finds(index: Index, slot: Slot) -> bool:
    """Whether the index holds the word (any word it begins, for the word still being typed)."""
    if slot.term is None:
        return True
    if not slot.prefix:
        return slot.term in index.inverted_index
    return bool(index.token_set.intersect(TokenSet.from_string(slot.term + "*")).to_list())


def find(index: Index, text: str, table: PhraseTable, tags: Sequence[Tags]) -> Found | None:
    """What the finder's text search keeps, or None when the text has nothing to search for yet."""
    plan = plan_query(text, table)
    if not plan.slots:
        return None
    allowed: set[int] | None = None
    for slot in plan.slots:
        if slot.concepts:
            members = {n for n, tag in enumerate(tags) if any(tag.has(c) for c in slot.concepts)}
            allowed = members if allowed is None else allowed & members
    words = plan.words
    fuzzy = tuple(slot.term for slot in words if slot.term and not finds(index, slot))
    if not words:
        return Found(plan, [(str(n), PHRASE_ONLY_SCORE) for n in sorted(allowed or ())], fuzzy)
    query = index.create_query()
    for slot in words:
        if slot.term in fuzzy:  # lunr's fuzzy match takes no wildcard: the word as typed, one edit away
            query.term(slot.term, use_pipeline=False, presence=QueryPresence.REQUIRED, edit_distance=1)
        else:
            wildcard = Query.WILDCARD_TRAILING if slot.prefix else Query.WILDCARD_NONE
            query.term(slot.term, use_pipeline=False, presence=QueryPresence.REQUIRED, wildcard=wildcard)
    matches = [
        (match["ref"], match["score"])
        for match in index.query(query)
        if allowed is None or int(match["ref"]) in allowed
    ]
    return Found(plan, matches, fuzzy)
