"""The text `kindred new` writes: essential fields, commented hints derived from the models, no verification."""

from __future__ import annotations

import re
import typing

import pytest
import yaml

from generator.directory import load_directory
from generator.models import KINDS
from generator.models.vocab import (
    Access,
    Anonymity,
    Cost,
    HelplineService,
    Modality,
    Moderation,
    Platform,
    Profession,
    Responder,
    Status,
)
from generator.review import scaffold
from generator.taxonomy import load_taxonomy

ESSENTIALS = {
    "helplines": ("phone", "116 123"),
    "communities": ("join", "https://forum.example.org/join"),
    "teletherapy": ("email", "hello@therapy.example.org"),
}


def new_listing(kind: str, **overrides) -> scaffold.NewListing:
    method, value = ESSENTIALS[kind]
    fields = dict(kind=kind, id="hope-line", name="Hope Line", summary="Someone to talk to, any time.",
                  website="https://www.hope.example.org/", countries=["GB"], languages=["en"],
                  topics=["anxiety", "loneliness"], cost=["free"], contacts=[scaffold.contact(method, value)])
    fields.update(overrides)
    return scaffold.NewListing(**fields)


@pytest.fixture
def taxonomy(taxonomy_file):
    loaded, problems = load_taxonomy(taxonomy_file, "taxonomy.yaml")
    assert not problems
    return loaded


def uncomment_optional_fields(text: str) -> str:
    """What a contributor gets by removing `# ` from every suggested field (keeping the hint lines commented)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# Optional fields"))
    out = lines[:start]
    in_block = False
    for line in lines[start:]:
        if re.match(r"# [a-z_]+:", line):
            out.append(line[2:])
            in_block = True
        elif in_block and line.startswith("#   "):
            out.append(line[2:])
        else:
            in_block = False
            out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("name, slug", [
    ("Samaritans", "samaritans"),
    ("Línea 024 – Atención a la conducta suicida", "linea-024-atencion-a-la-conducta-suicida"),
    ("  R U OK?  ", "r-u-ok"),
    ("Kids Help Phone (Canada)", "kids-help-phone-canada"),
    ("いのちの電話", ""),
])
def test_slugify(name, slug):
    assert scaffold.slugify(name) == slug


def test_slug_is_cut_to_the_id_length_without_a_trailing_hyphen():
    slug = scaffold.slugify("word " * 40)
    assert len(slug) <= 64 and not slug.endswith("-") and scaffold.id_problem(slug) is None


@pytest.mark.parametrize("kind", KINDS)
def test_rendered_file_starts_with_the_schema_and_holds_only_the_essentials(kind, taxonomy):
    text = scaffold.render_listing(new_listing(kind), taxonomy)
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../generator/schema/{kind}.schema.json"
    data = yaml.safe_load(text)
    method, value = ESSENTIALS[kind]
    assert data == {
        "name": "Hope Line", "summary": "Someone to talk to, any time.", "website": "https://www.hope.example.org/",
        "countries": ["GB"], "languages": ["en"], "topics": ["anxiety", "loneliness"], "cost": "free",
        "contacts": [{"method": method, scaffold._CONTACT_FIELD[method]: value}],
    }
    assert "verified" not in data
    assert not re.search(r"^\s*verified\s*:", text, re.MULTILINE), "not even a template to fill in"


@pytest.mark.parametrize("kind", KINDS)
def test_the_rendered_file_validates(kind, taxonomy, make_directory):
    text = scaffold.render_listing(new_listing(kind), taxonomy)
    root = make_directory({f"{kind}/hope-line.yaml": text})
    directory = load_directory(root)
    assert directory.problems.sorted() == []
    assert [r.key for r in directory.records] == [f"{kind}/hope-line"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_suggested_optional_field_validates_once_uncommented(kind, taxonomy, make_directory):
    text = scaffold.render_listing(new_listing(kind), taxonomy)
    filled = uncomment_optional_fields(text)
    data = yaml.safe_load(filled)
    assert set(scaffold.kind_fields(kind)) <= set(data), "every kind-specific field is suggested"
    for key in ("description", "organization", "regions", "audiences", "age", "hours", "status", "sources",
                "unconfirmed"):
        assert key in data
    assert data["sources"][0]["url"] == data["website"]  # the page to start from; the contributor adds others
    root = make_directory({f"{kind}/hope-line.yaml": filled})
    assert [p for p in load_directory(root).problems.sorted() if p.is_error] == []


KIND_VOCABULARIES = {
    "helplines": {"service": HelplineService, "responders": Responder},
    "communities": {"platform": Platform, "access": Access, "moderation": Moderation, "anonymity": Anonymity},
    "teletherapy": {"modalities": Modality, "professions": Profession},
}


@pytest.mark.parametrize("kind", KINDS)
def test_allowed_values_come_from_the_vocabulary(kind, taxonomy):
    text = scaffold.render_listing(new_listing(kind), taxonomy)
    for name, literal in KIND_VOCABULARIES[kind].items():
        values = typing.get_args(literal)
        assert scaffold.allowed_values(kind, name) == values
        hint_line = next(line for line in text.splitlines() if " | ".join(values) in line)
        assert hint_line.startswith("# ")
    for value in typing.get_args(Cost) + typing.get_args(Status):
        assert value in text


def test_a_new_vocabulary_value_appears_without_editing_the_scaffold(monkeypatch):
    from generator.models import KIND_MODELS

    field = KIND_MODELS["helplines"].model_fields["service"]
    monkeypatch.setattr(field, "annotation", typing.Literal["crisis", "support", "information", "advocacy"] | None)
    assert scaffold.allowed_values("helplines", "service")[-1] == "advocacy"


def test_hints_follow_the_listing_countries(taxonomy):
    _, own = scaffold.optional_hints("teletherapy", ["US"], taxonomy)
    price = next(h for h in own if h.key == "price")
    assert price.example["currency"] == "USD"
    common, _ = scaffold.optional_hints("teletherapy", ["IE"], taxonomy)
    hours = next(h for h in common if h.key == "hours")
    regions = next(h for h in common if h.key == "regions")
    assert hours.example["timezone"] == "Europe/Dublin"
    assert regions.example[0].startswith("IE-")
    worldwide, _ = scaffold.optional_hints("helplines", ["worldwide"], taxonomy)
    assert "regions" not in [h.key for h in worldwide]


def test_text_that_yaml_would_misread_is_quoted(taxonomy, make_directory):
    new = new_listing("helplines", name="NO: #1 line", summary="- yes, really", topics=["anxiety"])
    text = scaffold.render_listing(new, taxonomy)
    data = yaml.safe_load(text)
    assert data["name"] == "NO: #1 line" and data["summary"] == "- yes, really"
    assert '"116 123"' in text
    root = make_directory({"helplines/hope-line.yaml": text})
    assert load_directory(root).ok


def test_check_listing_text_reports_problems_without_touching_the_directory(taxonomy, make_directory):
    root = make_directory()
    new = new_listing("helplines", countries=["XX"], topics=["anxietyy"], website="ftp://example.org/")
    problems = scaffold.check_listing_text(root, "helplines", "hope-line", scaffold.render_listing(new, taxonomy))
    messages = " ".join(p.message for p in problems if p.is_error)
    assert "`XX` is not an ISO 3166-1" in messages
    assert "did you mean `anxiety`?" in messages
    assert "ftp" in messages
    assert all(p.path.endswith("hope-line.yaml") for p in problems)
    assert not (root / "helplines" / "hope-line.yaml").exists()


def test_id_conflicts(make_directory, valid_helpline_yaml):
    root = make_directory({"helplines/samaritans.yaml": valid_helpline_yaml})
    same_kind = scaffold.id_conflict(root, "helplines", "samaritans")
    other_kind = scaffold.id_conflict(root, "communities", "samaritans")
    assert "already exists" in same_kind and "not overwriting" in same_kind
    assert "unique across all kinds" in other_kind
    assert scaffold.id_conflict(root, "helplines", "someone-else") is None


def test_write_listing_never_overwrites(make_directory):
    root = make_directory()
    scaffold.write_listing(root, "helplines", "hope-line", "first\n")
    with pytest.raises(FileExistsError):
        scaffold.write_listing(root, "helplines", "hope-line", "second\n")
    assert (root / "helplines" / "hope-line.yaml").read_text() == "first\n"


@pytest.mark.parametrize("what, value, ok", [
    ("country", "GB", True), ("country", "UK", False), ("language", "pt-BR", True), ("language", "english", False),
    ("website", "https://example.org/", True), ("website", "javascript:alert(1)", False),
    ("email", "help@example.org", True), ("email", "help at example", False),
    ("name", "X", False), ("summary", "x" * 201, False),
])
def test_check_value(what, value, ok):
    assert (scaffold.check_value(what, value) is None) is ok


def test_check_value_phone_and_topic(taxonomy):
    assert scaffold.check_value("phone", "116 123", countries=["GB"]) is None
    assert "not a valid phone number in US" in scaffold.check_value("phone", "12", countries=["US"])
    assert "did you mean `grief-loss`?" in scaffold.check_value("topic", "grief", taxonomy=taxonomy)
