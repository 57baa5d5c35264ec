"""`kindred new`, as a contributor runs it."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.directory import load_directory

FULL = ["--name", "Hope Line", "--summary", "Someone to talk to, any time.", "--website",
        "https://www.hope.example.org/", "--country", "GB", "--country", "IE", "--language", "en", "--topic",
        "anxiety", "--topic", "loneliness", "--cost", "free", "--phone", "116 123"]


def run(*args, input=None):
    return CliRunner().invoke(main, ["new", *args], input=input)


def test_a_contributor_following_the_no_input_path_gets_a_file_that_validates(make_directory):
    root = make_directory()
    result = run("helplines", *FULL, "--directory", str(root), "--no-input")
    assert result.exit_code == 0, result.output
    created = root / "helplines" / "hope-line.yaml"
    assert "Created" in result.stdout and "hope-line.yaml" in result.stdout
    text = created.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../generator/schema/helplines.schema.json\n")
    data = yaml.safe_load(text)
    assert data["countries"] == ["GB", "IE"] and data["contacts"] == [{"method": "phone", "number": "116 123"}]
    assert "verified" not in data

    directory = load_directory(root)
    assert directory.problems.sorted() == []
    assert [r.key for r in directory.records] == ["helplines/hope-line"]
    validate = CliRunner().invoke(main, ["validate", "--strict", str(root)])
    assert validate.exit_code == 0, validate.output


def test_comma_separated_values_and_an_explicit_id(make_directory):
    root = make_directory()
    args = ["--name", "Side Room", "--summary", "A forum.", "--website", "https://side.example.org/",
            "--country", "GB,IE", "--language", "en", "--topic", "anxiety,depression", "--cost", "free",
            "--join", "https://side.example.org/join"]
    result = run("community", "side-room-forum", *args, "--directory", str(root), "--no-input")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((root / "communities" / "side-room-forum.yaml").read_text())
    assert data["topics"] == ["anxiety", "depression"] and data["countries"] == ["GB", "IE"]
    assert load_directory(root).ok


def test_refuses_to_overwrite_an_existing_file(make_directory, valid_helpline_yaml):
    root = make_directory({"helplines/hope-line.yaml": valid_helpline_yaml})
    result = run("helplines", *FULL, "--directory", str(root), "--no-input")
    assert result.exit_code == 1
    assert "already exists" in result.output and "not overwriting" in result.output
    assert (root / "helplines" / "hope-line.yaml").read_text() == valid_helpline_yaml


def test_refuses_an_id_used_by_another_kind(make_directory, valid_community_yaml):
    root = make_directory({"communities/hope-line.yaml": valid_community_yaml})
    result = run("helplines", *FULL, "--directory", str(root), "--no-input")
    assert result.exit_code == 1
    assert "unique across all kinds" in result.output
    assert not (root / "helplines" / "hope-line.yaml").exists()


def test_invalid_values_write_nothing_and_show_every_problem(make_directory):
    root = make_directory()
    bad = [a if a != "GB" else "UK" for a in FULL]
    bad[bad.index("anxiety")] = "anxeity"
    result = run("helplines", *bad, "--directory", str(root), "--no-input")
    assert result.exit_code == 1
    assert "Nothing was written" in result.output
    assert "`UK` is not an ISO 3166-1" in result.output
    assert "did you mean `anxiety`?" in result.output
    assert "Traceback" not in result.output
    assert list((root / "helplines").iterdir()) == []


def test_no_input_names_every_missing_option(make_directory):
    root = make_directory()
    result = run("helplines", "--name", "Hope Line", "--directory", str(root), "--no-input")
    assert result.exit_code == 2
    for option in ("--summary", "--website", "--country", "--language", "--topic", "--cost", "--phone"):
        assert option in result.output
    assert list((root / "helplines").iterdir()) == []


def test_unknown_kind_and_missing_directory(tmp_path):
    result = run("podcasts", *FULL, "--directory", str(tmp_path), "--no-input")
    assert result.exit_code == 2 and "helplines, communities, teletherapy" in result.output
    result = run("helplines", *FULL, "--directory", str(tmp_path / "nowhere"), "--no-input")
    assert result.exit_code == 1 and "directory not found" in result.output


def test_interactive_prompts_ask_again_on_bad_answers(make_directory):
    root = make_directory()
    answers = "\n".join([
        "Hope Line",                        # name
        "Someone to talk to, any time.",    # summary
        "http//broken",                     # website: refused
        "https://www.hope.example.org/",
        "UK",                               # countries: refused
        "GB IE",
        "en",                               # languages
        "grief",                            # topics: refused, with a suggestion
        "anxiety grief-loss",
        "free",                             # cost
        "12",                               # phone: refused
        "116 123",
    ]) + "\n"
    result = run("helplines", "--directory", str(root), input=answers)
    assert result.exit_code == 0, result.output
    assert "did you mean `grief-loss`?" in result.output
    assert "`UK` is not an ISO 3166-1" in result.output
    data = yaml.safe_load((root / "helplines" / "hope-line.yaml").read_text())
    assert data["website"] == "https://www.hope.example.org/"
    assert data["countries"] == ["GB", "IE"] and data["topics"] == ["anxiety", "grief-loss"]
    assert data["contacts"] == [{"method": "phone", "number": "116 123"}]
    assert load_directory(root).ok


def test_interactive_asks_for_another_contact_when_there_is_no_phone(make_directory):
    root = make_directory()
    answers = "\n".join(["", "hello@hope.example.org"]) + "\n"   # no phone number, then an email address
    args = [a for a in FULL if a not in ("--phone", "116 123")]
    result = run("teletherapy", *args, "--directory", str(root), input=answers)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((root / "teletherapy" / "hope-line.yaml").read_text())
    assert data["contacts"] == [{"method": "email", "address": "hello@hope.example.org"}]
