"""Hostile sizes: repeats and oversized lists are errors before they can multiply the site."""

from __future__ import annotations

from kindred_test_support import VALID_HELPLINE, line_of, set_field, with_contacts

from generator.models.caps import MAX_CONTACTS


def test_a_country_listed_8000_times_is_refused_with_a_few_exact_errors(check):
    text = set_field(VALID_HELPLINE, "countries", "[" + ", ".join(["GB"] * 8000) + "]")
    assert len(text.encode()) < 64 * 1024
    result = check("helplines", text)
    assert result.records == []
    messages = [e.message for e in result.errors]
    assert any("at most 100" in m for m in messages)
    assert sum("repeats" in m for m in messages) == 3 and any("7,996 more repeated" in m for m in messages)
    assert len(messages) <= 6


def test_repeated_languages_and_costs_are_errors(check):
    text = set_field(set_field(VALID_HELPLINE, "languages", "[en, cy, en]"), "cost", "[free, free]")
    messages = sorted(e.message for e in check("helplines", text).errors)
    assert messages == ["`cost[1]`: `free` repeats `cost[0]`; remove the copy",
                        "`languages[2]`: `en` repeats `languages[0]`; remove the copy"]


def test_a_contact_given_twice_is_an_error_on_the_copy(check):
    block = '  - method: email\n    address: jo@samaritans.org\n'
    text = with_contacts(VALID_HELPLINE, block + block)
    [error] = check("helplines", text).errors
    assert "repeats" in error.message and error.line == line_of(text, "method: email", 2)


def test_more_contacts_than_the_cap_are_refused(check):
    block = "".join(f"  - method: email\n    address: line{i}@samaritans.org\n" for i in range(MAX_CONTACTS + 5))
    errors = check("helplines", with_contacts(VALID_HELPLINE, block)).errors
    assert any(f"at most {MAX_CONTACTS}" in e.message for e in errors)


def test_the_caps_are_in_the_json_schema():
    from generator.models import Helpline
    schema = Helpline.model_json_schema()["properties"]
    assert schema["contacts"]["maxItems"] == MAX_CONTACTS
    assert schema["countries"]["maxItems"] == 100
    assert schema["website"]["maxLength"] == 2048


def test_repeats_are_told_apart_by_type_and_found_inside_lists_of_mixed_items():
    """1 and true are one item to a Python set, two to the repeat check; a list inside a list of words is
    still searched, and a word after it still compared."""
    from generator.rules import duplicate_problems
    from generator.yamlsafe import load_yaml_bytes

    text = b"a: [1, true, '1', 1.0]\nb: [x, [y, y], x]\nc: [{k: 1}, {k: '1'}, {k: 1}]\n"
    doc, problems = load_yaml_bytes(text, "f.yaml")
    assert doc is not None and problems == []
    found = [(p.line, p.message) for p in duplicate_problems(doc, "f.yaml")]
    assert found == [
        (2, "`b[1][1]`: `y` repeats `b[1][0]`; remove the copy"),
        (2, "`b[2]`: `x` repeats `b[0]`; remove the copy"),
        (3, "`c[2]`: this item repeats `c[0]`; remove the copy"),
    ]
