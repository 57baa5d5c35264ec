"""Positions found on demand (NodeDocument, what `kindred validate` uses) are the positions a recorded
Document gives, for every key and value; and the values and problems are the same too.

`kindred validate` reads each file with positions_on_demand=True and looks up the few positions its
problems need; builds keep a Document with every position recorded. Both must report a problem at
the same file:line:column with the same message, so each case here loads the same bytes both ways
and compares everything, including paths the file does not have (a problem on a missing field
points at the nearest parent).
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kindred_test_support import SHIPPED_DIRECTORY

from generator.directory import check_directory, load_directory
from generator.yamlsafe import Document, NodeDocument, load_yaml_bytes

PATH = "helplines/example.yaml"

CASES = {
    "plain listing": (
        "# a comment first\nname: Example Line\nsummary: Someone to talk to.\nwebsite: https://example.org/\n"
        "countries: [GB, IE]\ncontacts:\n  - method: phone\n    number: \"116 123\"\n"
        "  - method: chat\n    url: https://example.org/chat\n    hours:\n      timezone: Europe/London\n"
        "      weekly:\n        - days: [mo, tu]\n          opens: \"09:00\"\n          closes: \"17:00\"\n"
    ),
    "document marker": "---\nname: x\nlist:\n- a\n- b\n",
    "duplicate keys": "name: a\nsummary: b\nname: c\ncontacts:\n  - method: phone\n    method: sms\n",
    "duplicate key with a mapping value": "age:\n  min: 1\nage:\n  max: 2\n",
    "merge key": "base: {a: 1}\nthing:\n  <<: {b: 2}\n  c: 3\n",
    "quoted merge key": "'<<': 1\nx: 2\n",
    "custom tags": "name: !foo bar\nage: !thing {min: 1}\nlist: !seq2 [1, 2]\nok: !!str 123\nn: !!int 5\n",
    "python tag": "x: !!python/object:os.system [ls]\n",
    "non-scalar keys": "? [a, b]\n: 1\n{c: 1}: 2\nname: fine\n",
    "block scalars": (
        "description: |\n  first line\n  second line\nfolded: >\n  a\n  b\ntagged: !!str |\n  text\n"
        "custom: !x |\n  text\nquoted: \"a\"\n"
    ),
    "nested lists": "a:\n  - - 1\n    - 2\n  - [3, [4, 5]]\n  - {k: [6]}\n",
    "numeric and boolean keys": "1: one\n'1': quoted one\ntrue: yes\n0800: zero\n",
    "empty values": "a:\nb: ~\nc: []\nd: {}\ne: ''\n",
    "escapes and control characters": 'name: "bell \\a here"\nsummary: "\\u202e reversed"\nok: plain\n',
    "flow style everywhere": "{name: x, contacts: [{method: phone, number: '988'}, {method: sms}]}\n",
    "root is a list": "- a\n- b: 1\n  c: [1, 2]\n",
    "root is a scalar": "just text\n",
    "anchors (read the careful way)": "name: &n Samaritans\nsummary: *n\nlist: &l [1, 2]\nother: *l\n",
}


def _paths_to_try(doc: Document) -> set[tuple]:
    recorded = set(doc.value_marks) | set(doc.key_marks) | set(doc.text_lines) | {()}
    tries = set(recorded)
    for path in recorded:
        for extra in ("zzz", 0, 1, 2, 99, -1, True, "0", "min", "<<", "a"):
            tries.add(path + (extra,))
        tries.add(path + ("zzz", 0))
    return tries


def assert_same_reading(raw: bytes) -> tuple[Document | None, list]:
    recorded, recorded_problems = load_yaml_bytes(raw, PATH)
    on_demand, on_demand_problems = load_yaml_bytes(raw, PATH, positions_on_demand=True)
    assert on_demand_problems == recorded_problems
    if recorded is None:
        assert on_demand is None
        return None, recorded_problems
    assert on_demand is not None
    assert repr(on_demand.data) == repr(recorded.data)  # repr: 1 and True and "1" are told apart
    for path in _paths_to_try(recorded):
        for key in (False, True):
            assert on_demand.position(path, key=key) == recorded.position(path, key=key), (path, key)
        assert on_demand.text_line(path, 2) == recorded.text_line(path, 2), path
    return on_demand, recorded_problems


@pytest.mark.parametrize("name", sorted(CASES))
def test_positions_on_demand_match_recorded_positions(name):
    doc, problems = assert_same_reading(CASES[name].encode("utf-8"))
    if "anchors" in name:
        assert type(doc) is Document  # an alias reuses a node: such files are read the careful way
    else:
        assert isinstance(doc, NodeDocument)


def test_the_cases_really_hold_problems_at_positions():
    """Guard against cases that test nothing: the hostile ones must give problems on several lines."""
    lines = set()
    for name in ("duplicate keys", "merge key", "custom tags", "non-scalar keys", "escapes and control characters"):
        _, problems = assert_same_reading(CASES[name].encode("utf-8"))
        assert problems, name
        lines.update((name, p.line) for p in problems)
    assert len(lines) >= 8


def test_a_duplicate_key_names_the_line_of_the_first_one_either_way():
    _, problems = assert_same_reading(b"a: 1\nb: 2\na: 3\n")
    assert [(p.line, p.column, p.message) for p in problems] == [
        (3, 1, "duplicate key `a` (first given on line 1); keep only one")
    ]


def test_block_text_lines_are_found_on_demand():
    doc, _ = assert_same_reading(b"name: x\ndescription: |\n  one\n  two\n")
    assert doc.text_line(("description",), 1) == 4
    assert doc.position(("description",), key=True) == (2, 1)


def test_the_shipped_listings_read_the_same_both_ways():
    files = sorted(SHIPPED_DIRECTORY.glob("*/*.yaml"))
    assert len(files) > 50
    for path in files:
        assert_same_reading(path.read_bytes())


# --- any YAML at all -------------------------------------------------------------------------------------------

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
KEYS = st.one_of(st.sampled_from(["name", "contacts", "number", "url", "<<", "1", "a", "b"]), st.text(max_size=6))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                    st.sampled_from(["09:00", "0800 1111", "yes", "=", "<<", "|", "- x", "a: b", "\\u0007"]))
VALUES = st.recursive(SCALARS, lambda children: st.one_of(st.lists(children, max_size=4),
                                                          st.dictionaries(KEYS, children, max_size=4)),
                      max_leaves=25)
# Lines that, joined at random, make duplicates, tags, merge keys, bad indentation and block text.
SNIPPETS = ["name: x", "name: y", "  - a", "- b", "list:", "  - c: 1", "    d: 2", "    d: 3", "<<: {a: 1}",
            "t: !custom x", "s: !!str 12", "m: !m {a: 1}", "desc: |", "  text line", "f: >", "? [k]", ": v",
            "'q': \"\\x07\"", "n: 0012", "e:", "  x: [1, {y: 2}]", "---"]


@given(data=VALUES, flow=st.sampled_from([None, True, False]))
@SETTINGS
def test_any_data_is_read_the_same_both_ways(data, flow):
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    assert_same_reading(text.encode("utf-8"))


@given(lines=st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=14))
@SETTINGS
def test_any_mix_of_awkward_lines_is_read_the_same_both_ways(lines):
    assert_same_reading("\n".join(lines).encode("utf-8"))


# --- a whole directory: `kindred validate` against the careful load ------------------------------------------------


def _listing(name: str, extra: str = "", number: str = "116 123", website: str = "") -> str:
    return (
        f"name: {name}\nsummary: Support for anyone who is struggling.\n"
        f"website: {website or 'https://' + name.lower().replace(' ', '') + '.example.org/'}\n"
        "countries: [GB]\nlanguages: [en]\ntopics: [anxiety]\ncost: free\n"
        f"contacts:\n  - method: phone\n    number: \"{number}\"\n{extra}"
    )


# Each file has problems that need positions from deep in the file; some share a number with another file.
BROKEN = {
    "helplines/duplicate-key.yaml": _listing("Dup Key") + "name: again\n",
    "helplines/unknown-topic.yaml": _listing("Topic").replace("[anxiety]", "[anxiety, not-a-topic]"),
    "helplines/bad-number.yaml": _listing("Bad Number", number="12"),
    "helplines/http-site.yaml": _listing("Http Site", website="http://httpsite.example.org/"),
    "helplines/repeated-language.yaml": _listing("Repeat").replace("[en]", "[en, en]"),
    "helplines/custom-tag.yaml": _listing("Tagged") + "organization: !thing {name: x}\n",
    "helplines/merge-key.yaml": _listing("Merge") + "age:\n  <<: {min: 3}\n",
    "helplines/bad-hours.yaml": _listing("Hours") + "hours:\n  timezone: Mars/Base\n  weekly:\n"
                                "    - days: [mo]\n      opens: \"9\"\n      closes: \"17:00\"\n",
    "helplines/bad-link.yaml": _listing("Link") + "description: |\n  Read more.\n\n"
                               "  [our page](javascript:alert(1))\n",
    "helplines/shares-a-number.yaml": _listing("Sharer"),
    "communities/wrong-type.yaml": _listing("Wrong Type").replace("cost: free", "cost: [free, 3]"),
    "communities/shares-too.yaml": _listing("Sharer Too") + "  - method: chat\n    url: http://x.example.org/\n",
    "communities/control-char.yaml": _listing("Control").replace("Support for", '"Support\\a for') + "",
    "teletherapy/missing-fields.yaml": "name: Only A Name\n",
    "teletherapy/syntax.yaml": "name: [\n",
    "teletherapy/anchors.yaml": _listing("Anchors") + "hours: &h {timezone: Europe/London}\nother: *h\n",
    "teletherapy/Bad_Name.yaml": _listing("Bad Name"),
}


@pytest.fixture
def broken_directory(make_directory):
    files = dict(BROKEN)
    files["communities/control-char.yaml"] = _listing("Control").replace(
        "summary: Support for anyone who is struggling.", 'summary: "Support \\a for anyone"')
    for index in range(12):  # clean listings between the broken ones, so both halves hold some of each
        files[f"helplines/clean-{index:02d}.yaml"] = _listing(f"Clean {index:02d}", number=f"020 7946 0{index:03d}")
    # The last helpline (checked by the second process) and the first community (by the first) share a number:
    # only a merge in file order names the helpline as the first user.
    files["helplines/zz-late-sharer.yaml"] = _listing("Late Sharer", number="0800 1111")
    files["communities/aa-early-sharer.yaml"] = _listing("Early Sharer", number="0800 1111")
    return make_directory(files)


@pytest.mark.parametrize("workers", [1, 2])
def test_validate_reports_exactly_what_the_careful_load_reports_for_many_broken_files(
        broken_directory, monkeypatch, workers):
    import generator.directory as directory_module
    monkeypatch.setattr(directory_module, "PARALLEL_MIN_FILES", 2)  # split even this small directory
    careful = load_directory(broken_directory).problems.sorted()
    checked = check_directory(broken_directory, workers=workers).problems.sorted()
    assert [p.as_text() for p in checked] == [p.as_text() for p in careful]
    assert checked == careful
    # The comparison means something only if nearly every broken file has a problem, on lines past the first.
    broken_files = {p.path.rsplit("/", 1)[-1] for p in careful}
    assert len(broken_files & {name.rsplit("/", 1)[-1] for name in BROKEN}) >= len(BROKEN) - 1
    assert sum(1 for p in careful if p.line > 8) >= 8
    assert any("also used by" in p.message for p in careful)
    early = [p.message for p in checked if p.path.endswith("aa-early-sharer.yaml")]
    assert early == ["`contacts[0].number`: `0800 1111` is also used by helplines/zz-late-sharer; "
                     "check that both listings are right"]
    clean = [p for p in careful if "/clean-" in p.path]
    assert clean == []  # the clean listings really are clean, so they only pad the halves


def test_a_repeat_deep_inside_lists_of_one_item_is_still_found(make_directory):
    """Lists of one item skip the repeat bookkeeping, but not the lists inside them."""
    text = _listing("Deep Repeat") + (
        "    hours:\n      timezone: Europe/London\n      weekly:\n"
        "        - days: [mo, tu, mo]\n          opens: \"09:00\"\n          closes: \"17:00\"\n"
    )
    root = make_directory({"helplines/deep-repeat.yaml": text})
    problems = check_directory(root, workers=1).problems.sorted()
    assert problems == load_directory(root).problems.sorted()
    assert [(p.line, p.column, p.message) for p in problems] == [
        (14, 26, "`contacts[0].hours.weekly[0].days[2]`: `mo` repeats "
                 "`contacts[0].hours.weekly[0].days[0]`; remove the copy"),
    ]
