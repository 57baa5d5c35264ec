"""generator/yamlsafe.py: plain YAML only, every problem with its exact position,
and YAML 1.2 scalars (no YAML 1.1 surprises)."""

from __future__ import annotations

import pytest

from generator.yamlsafe import MAX_FILE_BYTES, load_yaml_bytes, load_yaml_file

PATH = "helplines/example.yaml"


def load(text: str | bytes):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_yaml_bytes(raw, PATH)


def only_problem(text: str | bytes):
    doc, problems = load(text)
    assert len(problems) == 1, problems
    assert problems[0].path == PATH
    assert problems[0].severity == "error"
    return doc, problems[0]


# --- anchors, aliases, tags, merge keys -------------------------------------------------------


def test_anchor_and_alias_are_each_reported_where_written():
    doc, problems = load("name: &n Samaritans\nsummary: *n\n")
    anchor, alias = sorted(problems, key=lambda p: p.line)
    assert (anchor.line, anchor.column) == (1, 7)
    assert "anchors" in anchor.message and "&n" in anchor.message
    assert (alias.line, alias.column) == (2, 10)
    assert "aliases" in alias.message and "*n" in alias.message
    assert doc.data["summary"] is None  # the aliased value is not silently copied


def test_anchor_on_a_mapping_is_reported():
    _, problems = load("contacts:\n  - &first {method: phone, number: '116 123'}\n")
    assert [(p.line, p.column) for p in problems] == [(2, 5)]
    assert "&first" in problems[0].message


def test_merge_key_is_refused_at_its_line():
    doc, problem = only_problem("hours:\n  <<: {timezone: Europe/London}\n  note: hi\n")
    assert (problem.line, problem.column) == (2, 3)
    assert "merge keys" in problem.message
    assert doc.data == {"hours": {"note": "hi"}}  # the merged fields are not smuggled in


def test_merge_key_through_an_alias_reports_anchor_alias_and_merge():
    _, problems = load("base: &b {x: 1}\nother:\n  <<: *b\n")
    messages = " | ".join(p.message for p in problems)
    assert "anchors (&b)" in messages and "aliases (*b)" in messages and "merge keys" in messages
    assert {p.line for p in problems} == {1, 3}


@pytest.mark.parametrize("tag, shown", [("!foo", "`!foo`"), ("!!python/object:os.system", "`!!python/object"),
                                        ("!!python/name:os.system", "`!!python/name"), ("!!set", "`!!set`")])
def test_custom_tag_is_refused_and_named_as_written(tag, shown):
    doc, problem = only_problem(f"name: Samaritans\nsummary: {tag} {{}}\n")
    assert (problem.line, problem.column) == (2, 10)
    assert "custom YAML tag" in problem.message and shown in problem.message
    assert "tag:yaml.org" not in problem.message
    assert doc.data["summary"] is None


def test_python_object_tag_is_never_constructed():
    # Would run os.system if PyYAML's unsafe constructors were reachable.
    doc, problems = load("x: !!python/object/apply:os.system ['false']\n")
    assert problems and doc.data == {"x": None}


def test_standard_str_tag_is_allowed_and_makes_text():
    doc, problems = load("a: !!str 123\nb: !!str true\n")
    assert problems == []
    assert doc.data == {"a": "123", "b": "true"}


# --- duplicate keys ----------------------------------------------------------------------------


def test_duplicate_key_points_at_second_occurrence_and_names_the_first_line():
    doc, problem = only_problem("name: First\nsummary: ok\nname: Second\n")
    assert (problem.line, problem.column) == (3, 1)
    assert "duplicate key `name`" in problem.message
    assert "line 1" in problem.message
    assert doc.data["name"] == "First"


def test_duplicate_key_inside_a_contact_is_found_at_its_own_indentation():
    text = "contacts:\n  - method: phone\n    number: '116 123'\n    number: '0800 1111'\n"
    _, problem = only_problem(text)
    assert (problem.line, problem.column) == (4, 5)
    assert "`number`" in problem.message and "line 3" in problem.message


def test_same_key_in_two_different_mappings_is_not_a_duplicate():
    _, problems = load("contacts:\n  - {method: phone, number: '1'}\n  - {method: sms, number: '2'}\n")
    assert problems == []


# --- bytes, encodings, size ----------------------------------------------------------------------


def test_file_over_64_kib_is_refused_with_its_size(tmp_path):
    target = tmp_path / "big.yaml"
    target.write_bytes(b"description: " + b"x" * MAX_FILE_BYTES + b"\n")
    doc, problems = load_yaml_file(target, "big.yaml")
    assert doc is None
    assert len(problems) == 1
    assert "64 KiB" in problems[0].message
    assert f"{target.stat().st_size:,}" in problems[0].message


def test_file_of_exactly_64_kib_is_read():
    body = b"description: "
    raw = body + b"x" * (MAX_FILE_BYTES - len(body) - 1) + b"\n"
    assert len(raw) == MAX_FILE_BYTES
    doc, problems = load(raw)
    assert problems == [] and len(doc.data["description"]) == MAX_FILE_BYTES - len(body) - 1


def test_non_utf8_byte_is_reported_at_its_line_and_column():
    doc, problem = only_problem(b"name: Samaritans\nsummary: Caf\xe9 talk\n")
    assert doc is None
    assert (problem.line, problem.column) == (2, 13)
    assert "UTF-8" in problem.message and "0xe9" in problem.message


def test_byte_order_mark_is_accepted_and_does_not_shift_positions():
    doc, problems = load("\ufeffname: Samaritans\nname: Again\n")
    assert doc.data == {"name": "Samaritans"}
    assert [(p.line, p.column) for p in problems] == [(2, 1)]


def test_nul_character_is_refused():
    doc, problem = only_problem(b"name: a\nsummary: b\x00c\n")
    assert doc is None and problem.line == 2 and "NUL" in problem.message


def test_control_character_is_refused_at_its_position():
    doc, problem = only_problem("name: ok\nsummary: bad\x07bell\n")
    assert doc is None
    assert (problem.line, problem.column) == (2, 13)
    assert "U+0007" in problem.message


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_empty_file_says_which_fields_a_listing_needs(text):
    doc, problem = only_problem(text)
    assert doc is None
    assert "empty" in problem.message and "name" in problem.message and "contacts" in problem.message


def test_second_document_is_refused_at_its_start():
    doc, problem = only_problem("name: one\n---\nname: two\n")
    assert doc is None
    assert problem.line == 3
    assert "one YAML document" in problem.message


# --- syntax errors ---------------------------------------------------------------------------------


def test_unclosed_flow_list_is_reported_where_parsing_failed_and_where_it_began():
    doc, problem = only_problem("name: ok\ntopics: [anxiety, stress\ncost: free\n")
    assert doc is None
    assert problem.line == 3
    assert "YAML syntax error" in problem.message and "from line 2" in problem.message


def test_bad_indentation_is_reported_at_the_exact_line():
    doc, problem = only_problem("name: ok\nsummary: fine\n  website: https://example.org/\n")
    assert doc is None
    assert (problem.line, problem.column) == (3, 10)
    assert "YAML syntax error" in problem.message


def test_tab_indentation_gets_a_hint():
    _, problem = only_problem("contacts:\n\t- method: phone\n")
    assert problem.line == 2
    assert "tabs" in problem.message


def test_unknown_alias_is_a_syntax_problem_not_a_crash():
    doc, problem = only_problem("name: *nowhere\n")
    assert doc is None and problem.line == 1


# --- YAML 1.1 surprises do not happen ----------------------------------------------------------------


def test_norway_stays_a_country_code():
    doc, problems = load("countries: [NO, no, No]\n")
    assert problems == [] and doc.data["countries"] == ["NO", "no", "No"]


@pytest.mark.parametrize("word", ["YES", "yes", "Yes", "Y", "y", "on", "off", "On", "OFF", "n", "N"])
def test_yaml_11_booleans_stay_text(word):
    doc, _ = load(f"keyword: {word}\n")
    assert doc.data["keyword"] == word


def test_times_stay_text_not_sexagesimal_numbers():
    doc, _ = load("opens: 09:00\ncloses: 17:30\nother: 1:30\n")
    assert doc.data == {"opens": "09:00", "closes": "17:30", "other": "1:30"}


@pytest.mark.parametrize("word, value", [("true", True), ("false", False), ("True", True), ("FALSE", False)])
def test_true_and_false_are_booleans(word, value):
    doc, _ = load(f"peer_led: {word}\n")
    assert doc.data["peer_led"] is value


@pytest.mark.parametrize("text", ['number: "988"', "number: '741741'", 'number: "true"', "number: '1.5'",
                                  "number: |\n  123\n"])
def test_quoted_and_block_scalars_stay_text(text):
    doc, _ = load(text + "\n")
    assert isinstance(doc.data["number"], str)


def test_plain_numbers_and_null_follow_yaml_12():
    doc, _ = load("a: 42\nb: -3\nc: 1.5\nd: ~\ne: null\nf:\n")
    assert doc.data == {"a": 42, "b": -3, "c": 1.5, "d": None, "e": None, "f": None}
    assert isinstance(doc.data["a"], int) and not isinstance(doc.data["a"], bool)


def test_leading_zero_digits_keep_every_digit():
    doc, _ = load("number: 08001111\n")
    assert doc.data["number"] == "08001111"


@pytest.mark.parametrize("text", ["0o17", "0x1F", ".inf", "1_000"])
def test_yaml_11_number_forms_stay_text(text):
    doc, _ = load(f"x: {text}\n")
    assert doc.data["x"] == text


def test_dates_are_left_as_text_for_the_models_to_judge():
    doc, _ = load("closed_on: [2026-12-25]\n")
    assert doc.data["closed_on"] == ["2026-12-25"]


# --- positions -------------------------------------------------------------------------------------


def test_every_key_and_value_keeps_its_position():
    doc, problems = load("name: Samaritans\ncontacts:\n  - method: phone\n    number: '116 123'\n")
    assert problems == []
    assert doc.key_marks[("contacts", 0, "number")] == (4, 5)
    assert doc.value_marks[("contacts", 0, "number")] == (4, 13)
    assert doc.position(("contacts", 0, "missing-field")) == (3, 5)  # nearest parent
    assert doc.position(("name",), key=True) == (1, 1)


def test_non_scalar_key_is_refused():
    _, problem = only_problem("? [a, b]\n: 1\n")
    assert problem.line == 1 and "plain word" in problem.message


@pytest.mark.parametrize("text, value", [("=", "="), ("<<x", "<<x"), ("'<<'", "<<")])
def test_scalars_yaml_11_gave_special_tags_are_plain_text(text, value):
    doc, problems = load(f"summary: {text}\n")
    assert problems == [] and doc.data == {"summary": value}


def test_quoted_merge_key_is_an_ordinary_key():
    doc, problems = load("'<<': 1\n")
    assert problems == [] and doc.data == {"<<": 1}


@pytest.mark.parametrize("text", ["Veterans & Families", "Q&A sessions", "'&x is quoted'"])
def test_ampersand_in_text_is_not_taken_for_an_anchor(text):
    doc, problems = load(f"name: {text}\n")
    assert problems == [] and doc.data["name"] == text.strip("'")
