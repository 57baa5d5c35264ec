"""The controlled vocabularies in directory/taxonomy.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError

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


@dataclass(frozen=True)
class Taxonomy:
    topics: dict[str, Term] = field(default_factory=dict)
    audiences: dict[str, Term] = field(default_factory=dict)

    def facet(self, name: str) -> dict[str, Term]:
        return self.topics if name == "topics" else self.audiences

    def label(self, facet: str, term_id: str) -> str:
        term = self.facet(facet).get(term_id)
        return term.label if term else term_id


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
    return Taxonomy(**facets), problems
