"""Kindred's vocabularies as HSDS taxonomies, and attributes that apply their terms.

Three taxonomies travel with every export:
- "Kindred topics" and "Kindred audiences": the terms of directory/taxonomy.yaml,
  code = the Kindred term id;
- "Kindred listing fields": one term per listing fact HSDS has no field for
  (kind, summary, helpline service, SMS keyword, IANA time zone, ...); the
  attribute's `value` holds the fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from ...taxonomy import Taxonomy
from .ids import child_uuid, named_uuid

TOPICS, AUDIENCES, FIELDS = "topics", "audiences", "fields"

TAXONOMIES: dict[str, tuple[str, str]] = {
    TOPICS: (
        "Kindred topics",
        "What a service helps with: the topic vocabulary of a Kindred directory (directory/taxonomy.yaml).",
    ),
    AUDIENCES: (
        "Kindred audiences",
        "Who a service is for: the audience vocabulary of a Kindred directory (directory/taxonomy.yaml).",
    ),
    FIELDS: (
        "Kindred listing fields",
        "Facts from a Kindred listing that HSDS 3.0 has no field for. Each term "
        "names one fact; the attribute's value holds it.",
    ),
}

# Kind-specific fields carried as attributes, with how their values are written:
# one = a single word or text, many = one attribute per item, bool = "true"/"false",
# bool-or-many = "true"/"false" or one attribute per item. `price` travels as cost_options.
KIND_FIELDS: dict[str, dict[str, str]] = {
    "helplines": {"service": "one", "responders": "many", "confidentiality": "one"},
    "communities": {
        "platform": "one",
        "access": "one",
        "moderation": "one",
        "anonymity": "one",
        "peer_led": "bool",
        "crisis_signposting": "bool",
        "rules_url": "one",
    },
    "teletherapy": {
        "modalities": "many",
        "professions": "many",
        "licensed_in": "many",
        "insurance": "bool-or-many",
        "free_trial": "bool",
        "prescribing": "bool",
    },
}

FIELD_TERMS: dict[str, tuple[str, str]] = {
    "listing/id": ("Kindred listing id", "The listing's id (its file name) in the Kindred directory."),
    "listing/kind": ("Kind of listing", "helplines, communities or teletherapy."),
    "listing/summary": ("Summary", "The one-line plain-text summary shown on cards and in search results."),
    "listing/cost": (
        "Cost",
        "free, free-standard-charges, low-cost, sliding-scale, paid or insurance; one attribute per value.",
    ),
    "verified/method": (
        "Verification method",
        "How the contacts were last confirmed: called, website or provider (the date is the service's assured_date).",
    ),
    "verified/by": ("Verified by", "Who last confirmed the contacts."),
    "verified/source": ("Verification source", "The page the facts came from."),
    "listing/source": (
        "Source",
        "A page the listing's facts come from, as JSON: url, read (the day it was read, YYYY-MM-DD), supports "
        "(the facts it states) and an optional note. One attribute per page.",
    ),
    "listing/unconfirmed": ("Unconfirmed fact", "A fact in the listing that no source confirmed, e.g. hours."),
    "listing/written_in": (
        "Written in",
        "The language (BCP 47) of the service's name and description and the listing's summary.",
    ),
    "listing/translation": (
        "Translation",
        "The listing's name, summary and description in another language, as JSON: language (BCP 47) and any of "
        "name, summary, description. One attribute per language.",
    ),
    "contact/method": (
        "Contact method",
        "phone, sms, whatsapp, chat, email, video, app or join: how this phone or virtual location is used.",
    ),
    "contact/keyword": ("SMS keyword", "The word to text to start a conversation, e.g. HOME."),
    "contact/free": ("Free to call", "true when calls are free from landlines and mobiles."),
    "contact/short_code": (
        "Unlisted short code",
        "true when reviewers confirmed a short code that the phone-number library does not list.",
    ),
    "contact/international": (
        "Dialled internationally",
        "true when the number belongs to a country the service does not list; callers dial it abroad.",
    ),
    "contact/cost_confirmed": (
        "Charge confirmed",
        "true when the service's own page states the charge of a "
        "number the phone-number library classes as shared-cost.",
    ),
    "hours/timezone": ("Time zone", "The IANA time zone (e.g. Europe/London) the opening times are in."),
    "hours/closed_on": ("Closed on", "A date (YYYY-MM-DD) on which the service is closed."),
    "language/tag": ("Language tag", "The full BCP 47 tag (e.g. pt-BR) when it says more than the ISO 639 code."),
    "area/code": ("Area code", "The ISO 3166-1 country or ISO 3166-2 region code of a service area."),
}
for _kind, _fields in KIND_FIELDS.items():
    for _name in _fields:
        FIELD_TERMS[f"{_kind}/{_name}"] = (
            f"{_kind.capitalize()}: {_name.replace('_', ' ')}",
            f"The `{_name}` field of a Kindred {_kind} listing (see the listing contract).",
        )

LINK_TYPES = {TOPICS: "topic", AUDIENCES: "audience", FIELDS: "kindred_field"}


@cache
def taxonomy_id(key: str) -> str:
    return named_uuid("taxonomy", key)


@lru_cache(maxsize=4096)
def term_id(key: str, code: str) -> str:
    return named_uuid("taxonomy_term", key, code)


@dataclass(frozen=True)
class TermInfo:
    taxonomy: str  # TOPICS, AUDIENCES or FIELDS
    code: str  # the Kindred id or field code
    published_code: str  # the code as published (unique across the dataset)
    name: str
    description: str

    @property
    def id(self) -> str:
        return term_id(self.taxonomy, self.code)

    def hsds(self) -> dict:
        """The taxonomy_term object (without its taxonomy_detail)."""
        return {
            "id": self.id,
            "code": self.published_code,
            "name": self.name,
            "description": self.description,
            "taxonomy": TAXONOMIES[self.taxonomy][0],
            "taxonomy_id": taxonomy_id(self.taxonomy),
        }


class Vocabulary:
    """Every term an export can use, from a directory's taxonomy and the fixed field list."""

    def __init__(self, taxonomy: Taxonomy):
        self.terms: dict[tuple[str, str], TermInfo] = {}
        used: set[str] = set()
        for key, facet in ((TOPICS, taxonomy.topics), (AUDIENCES, taxonomy.audiences)):
            for term in facet.values():
                code = term.id if term.id not in used else f"{key}/{term.id}"
                used.add(code)
                self.terms[(key, term.id)] = TermInfo(key, term.id, code, term.label, term.description)
        for code, (name, description) in FIELD_TERMS.items():
            self.terms[(FIELDS, code)] = TermInfo(FIELDS, code, code, name, description)

    def attribute(self, key: str, code: str, link_id: str, link_entity: str, value: str | None = None) -> dict:
        term = self.terms.get((key, code))
        if term is None:  # a term the taxonomy does not hold: the directory would not have validated
            raise KeyError(f"{key} term `{code}` is not in the taxonomy")
        attribute = {
            "id": child_uuid(link_id, "attribute", key, code, value or ""),
            "link_id": link_id,
            "link_entity": link_entity,
            "link_type": LINK_TYPES[key],
            # Only the term's id: the whole term is in taxonomy_terms.json, which lists every term an attribute
            # can name (at 10,000 listings a copy in each attribute was over a third of services/).
            "taxonomy_term_id": term.id,
        }
        if value is not None:
            attribute["value"] = value
        return attribute

    def field(self, code: str, link_id: str, link_entity: str, value: str) -> dict:
        return self.attribute(FIELDS, code, link_id, link_entity, value)

    def taxonomies(self) -> list[dict]:
        return [
            {"id": taxonomy_id(key), "name": name, "description": description, "version": "1"}
            for key, (name, description) in TAXONOMIES.items()
        ]

    def term_records(self) -> list[dict]:
        return [term.hsds() for term in self.terms.values()]


def known_terms(taxonomy: Taxonomy) -> dict[str, tuple[str, str]]:
    """term id -> (taxonomy key, Kindred code) for every term a Kindred export could have used."""
    vocabulary = Vocabulary(taxonomy)
    return {term.id: (term.taxonomy, term.code) for term in vocabulary.terms.values()}


TAXONOMY_KEYS = {taxonomy_id(key): key for key in TAXONOMIES}
