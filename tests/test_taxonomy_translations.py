"""directory/taxonomy.<code>.yaml: each site language's labels, descriptions and search words for every term."""

from __future__ import annotations

import yaml

from generator.directory import load_directory
from generator.i18n import use_language


def translation(taxonomy_text: str, *, drop: str | None = None, extra: str | None = None) -> str:
    data = yaml.safe_load(taxonomy_text)
    for facet in ("topics", "audiences"):
        data[facet] = [
            {"id": t["id"], "label": "Etiqueta " + t["id"], "description": "Una frase.", "synonyms": ["palabra"]}
            for t in data[facet]
            if t["id"] != drop
        ]
    if extra:
        data["topics"].append({"id": extra, "label": "Otro", "description": "Una frase."})
    return yaml.safe_dump(data, allow_unicode=True)


def test_a_complete_translation_gives_the_page_language_its_labels(make_directory, taxonomy_text):
    directory = load_directory(make_directory({"taxonomy.es.yaml": translation(taxonomy_text)}))
    assert not directory.problems.errors
    assert directory.taxonomy.label("topics", "anxiety") == "Anxiety"
    with use_language("es"):
        assert directory.taxonomy.label("topics", "anxiety") == "Etiqueta anxiety"
    assert "Etiqueta anxiety" in directory.taxonomy.words_in_every_language("topics", "anxiety")


def test_a_missing_or_unknown_term_is_an_error_naming_the_file(make_directory, taxonomy_text):
    root = make_directory({"taxonomy.de.yaml": translation(taxonomy_text, drop="anxiety", extra="made-up")})
    messages = [f"{p.path}: {p.message}" for p in load_directory(root).problems.errors]
    assert any("taxonomy.de.yaml" in m and "`anxiety` has no translation" in m for m in messages), messages
    assert any("`made-up` is not in taxonomy.yaml" in m for m in messages), messages


def test_a_translation_file_must_name_a_real_language(make_directory, taxonomy_text):
    root = make_directory({"taxonomy.zz-qq.yaml": translation(taxonomy_text)})
    assert any("taxonomy.zz-qq.yaml" in p.path for p in load_directory(root).problems.errors)
