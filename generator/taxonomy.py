"""The controlled vocabularies in directory/taxonomy.yaml, and their translations in taxonomy.<code>.yaml."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError

from .i18n import current_language
from .i18n.languages import UnknownLanguage, language
from .models.base import Strict
from .models.listings import TERM_ID
from .problems import Problem
from .validation_messages import problems_from_validation_error
from .yamlsafe import load_yaml_file

FACETS = ("topics", "audiences")


class Term(Strict):
    id: str = Field(pattern=TERM_ID, min_length=2, max_length=64)
    label: str = Field(min_length=2, max_length=60)
    description: str = Field(min_length=5, max_length=200)
    # Capped like listing fields: every synonym is indexed for every listing with the term.
    synonyms: list[Annotated[str, Field(min_length=2, max_length=60)]] = Field(default_factory=list, max_length=80)


class TaxonomyFile(Strict):
    topics: list[Term] = Field(min_length=1)
    audiences: list[Term] = Field(min_length=1)


TRANSLATION_FILE = re.compile(r"^taxonomy\.(?P<code>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.yaml$")


@dataclass(frozen=True)
class Taxonomy:
    topics: dict[str, Term] = field(default_factory=dict)
    audiences: dict[str, Term] = field(default_factory=dict)
    # {"es": {"topics": {id: Term}, "audiences": {...}}}: labels, descriptions and search words per language
    translations: dict[str, dict[str, dict[str, Term]]] = field(default_factory=dict)

    def facet(self, name: str) -> dict[str, Term]:
        """The facet's terms in the page language (English where a term has no translation)."""
        english = self.topics if name == "topics" else self.audiences
        translated = self.translations.get(current_language(), {}).get(name)
        if not translated:
            return english
        return {term_id: translated.get(term_id, term) for term_id, term in english.items()}

    def label(self, facet: str, term_id: str) -> str:
        term = self.facet(facet).get(term_id)
        return term.label if term else term_id

    def words_in_every_language(self, facet: str, term_id: str) -> list[str]:
        """The term's label and search words in English and every translation: a search in any language
        finds the term whatever language a listing is written in."""
        english = (self.topics if facet == "topics" else self.audiences).get(term_id)
        words: list[str] = [english.label, *english.synonyms] if english else []
        for code in sorted(self.translations):
            term = self.translations[code].get(facet, {}).get(term_id)
            if term is not None:
                words += [term.label, *term.synonyms]
        return list(dict.fromkeys(words))


def load_taxonomy(path: Path, display_path: str) -> tuple[Taxonomy, list[Problem]]:
    if not path.is_file() and not path.is_symlink():  # a link is refused by the reader, with its own message
        return Taxonomy(), [
            Problem(
                display_path,
                1,
                1,
                "taxonomy file is missing; the directory needs taxonomy.yaml with `topics` and `audiences`",
            )
        ]
    doc, problems = load_yaml_file(path, display_path)
    if doc is None or problems:
        return Taxonomy(), problems
    try:
        parsed = TaxonomyFile.model_validate(doc.data)
    except ValidationError as exc:
        return Taxonomy(), problems_from_validation_error(exc, doc, display_path)
    problems = []
    facets = {}
    for name in FACETS:
        terms: dict[str, Term] = {}
        for index, term in enumerate(getattr(parsed, name)):
            if term.id in terms:
                line, column = doc.position((name, index, "id"))
                problems.append(Problem(display_path, line, column, f"duplicate {name[:-1]} id `{term.id}`"))
            terms[term.id] = term
        facets[name] = terms
    return Taxonomy(topics=facets["topics"], audiences=facets["audiences"]), problems


def load_translations(root: Path, taxonomy: Taxonomy, display: Callable[[Path], str]) -> list[Problem]:
    """Read every taxonomy.<code>.yaml beside taxonomy.yaml into `taxonomy.translations`; the problems."""
    problems: list[Problem] = []
    for path in sorted(root.glob("taxonomy.*.yaml")):
        match = TRANSLATION_FILE.match(path.name)
        shown = display(path)
        if match is None:
            problems.append(Problem(shown, 1, 1, "a taxonomy translation is named taxonomy.<language code>.yaml"))
            continue
        code = match["code"]
        try:
            language(code)
        except UnknownLanguage as exc:
            problems.append(Problem(shown, 1, 1, f"{exc} (the file name says which language it is)"))
            continue
        translated, file_problems = load_taxonomy(path, shown)
        problems += file_problems
        if file_problems:
            continue
        for name in FACETS:
            english, terms = getattr(taxonomy, name), getattr(translated, name)
            for term_id in terms.keys() - english.keys():
                problems.append(Problem(shown, 1, 1, f"{name[:-1]} `{term_id}` is not in taxonomy.yaml"))
            for term_id in english.keys() - terms.keys():
                problems.append(Problem(shown, 1, 1, f"{name[:-1]} `{term_id}` has no translation here; add its label"))
        taxonomy.translations[code] = {name: getattr(translated, name) for name in FACETS}
    return problems
