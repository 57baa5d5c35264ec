"""Which Kindred term, if any, an HSDS attribute applies.

A Kindred export is recognised by its term ids (UUIDv5 names) or its taxonomy
ids; other datasets' terms match a Kindred topic or audience when their code or
name equals a term's id, label or one of its synonyms (ignoring case).
"""

from __future__ import annotations

import re

from ...taxonomy import Taxonomy
from .terms import AUDIENCES, FIELD_TERMS, FIELDS, TAXONOMIES, TAXONOMY_KEYS, TOPICS, known_terms

_TAXONOMY_NAMES = {name: key for key, (name, _) in TAXONOMIES.items()}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


class Resolver:
    def __init__(self, taxonomy: Taxonomy, dataset_terms: dict[str, dict]):
        self.taxonomy = taxonomy
        self.known = known_terms(taxonomy)
        self.dataset_terms = dataset_terms
        self.matches: dict[str, dict[str, str]] = {TOPICS: {}, AUDIENCES: {}}
        for key in (TOPICS, AUDIENCES):
            for term in taxonomy.facet(key).values():
                for text in [term.id, term.label, *term.synonyms]:
                    self.matches[key].setdefault(_slug(text), term.id)

    def term_of(self, attribute: dict) -> dict | None:
        embedded = attribute.get("taxonomy_term")
        term_id = attribute.get("taxonomy_term_id") or (embedded or {}).get("id")
        return embedded if isinstance(embedded, dict) else self.dataset_terms.get(str(term_id))

    def resolve(self, attribute: dict) -> tuple[str, str] | None:
        """(TOPICS|AUDIENCES|FIELDS, Kindred code) for an attribute, or None."""
        term = self.term_of(attribute) or {}
        term_id = str(attribute.get("taxonomy_term_id") or term.get("id") or "")
        if term_id in self.known:
            return self.known[term_id]
        key = TAXONOMY_KEYS.get(str(term.get("taxonomy_id"))) or _TAXONOMY_NAMES.get(str(term.get("taxonomy")))
        code = str(term.get("code") or "")
        if key == FIELDS:
            return (FIELDS, code) if code in FIELD_TERMS else None
        if key in (TOPICS, AUDIENCES):
            code = code.removeprefix(key + "/")
            return (key, code) if code in self.taxonomy.facet(key) else None
        for text in (code, str(term.get("name") or "")):
            for facet in (TOPICS, AUDIENCES):
                found = self.matches[facet].get(_slug(text)) if text else None
                if found:
                    return facet, found
        return None

    def label(self, attribute: dict) -> str:
        term = self.term_of(attribute) or {}
        return f"`{term.get('code') or term.get('name') or attribute.get('taxonomy_term_id') or '?'}`"

    def facts(self, record: dict) -> dict[str, list[str]]:
        """Kindred field code -> values, from a record's attributes."""
        found: dict[str, list[str]] = {}
        for attribute in record.get("attributes") or []:
            if isinstance(attribute, dict):
                resolved = self.resolve(attribute)
                if resolved and resolved[0] == FIELDS and attribute.get("value") not in (None, ""):
                    found.setdefault(resolved[1], []).append(str(attribute["value"]))
        return found

    def terms(self, record: dict) -> tuple[list[str], list[str], list[dict]]:
        """(topics, audiences, attributes that matched nothing) for a service."""
        topics, audiences, unmatched = [], [], []
        for attribute in record.get("attributes") or []:
            if not isinstance(attribute, dict):
                continue
            resolved = self.resolve(attribute)
            if resolved is None:
                unmatched.append(attribute)
            elif resolved[0] == TOPICS and resolved[1] not in topics:
                topics.append(resolved[1])
            elif resolved[0] == AUDIENCES and resolved[1] not in audiences:
                audiences.append(resolved[1])
        return topics, audiences, unmatched

    def term_texts(self, attribute: dict) -> str:
        term = self.term_of(attribute) or {}
        return " ".join(str(term.get(k) or "") for k in ("code", "name", "description")).casefold()
