"""generator/directory.py: files, ids, cross-listing checks, and every problem in one run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from kindred_test_support import (
    VALID_COMMUNITY,
    VALID_HELPLINE,
    VALID_LISTINGS,
    VALID_SMS_HELPLINE,
    VALID_TELETHERAPY,
    line_of,
    set_field,
    with_contacts,
)

from generator.cli import main
from generator.directory import check_directory, load_directory
from generator.problems import Problem


def problems_for(directory, name: str):
    return [p for p in directory.problems.sorted() if Path(p.path).name == name]


def test_valid_listings_of_every_kind_load_cleanly(make_directory, valid_listings):
    directory = load_directory(make_directory(valid_listings))
    assert directory.problems.items == []
    assert directory.ok
    assert sorted(r.key for r in directory.records) == [
        "communities/side-by-side", "helplines/crisis-text-line", "helplines/samaritans", "teletherapy/calm-harbor"]
    assert {r.key: r.line_of("name") for r in directory.records}["helplines/samaritans"] == 2


# --- ids --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, suggestion", [("Samaritans_UK", "samaritans-uk.yaml"), ("ab", None),
                                              ("samaritans uk", "samaritans-uk.yaml"), ("a" * 65, "a" * 64 + ".yaml"),
                                              ("café-line", "caf-line.yaml")])
def test_bad_file_name_is_refused_with_a_suggestion(make_directory, name, suggestion):
    directory = load_directory(make_directory({f"helplines/{name}.yaml": VALID_HELPLINE}))
    [problem] = problems_for(directory, f"{name}.yaml")
    assert (problem.line, problem.column, problem.severity) == (1, 1, "error")
    assert "not a valid listing id" in problem.message and "3 to 64" in problem.message
    if suggestion:
        assert f"`{suggestion}`" in problem.message
    else:
        assert "such as" not in problem.message


@pytest.mark.parametrize("name", ["abc", "a" * 64, "988-lifeline", "samaritans-uk"])
def test_ids_of_3_to_64_lowercase_letters_digits_and_hyphens_are_accepted(make_directory, name):
    directory = load_directory(make_directory({f"helplines/{name}.yaml": VALID_HELPLINE}))
    assert directory.problems.items == []
    assert directory.records[0].id == name


def test_id_used_in_two_kinds_is_an_error_naming_both_files(make_directory):
    directory = load_directory(make_directory({"helplines/side-by-side.yaml": VALID_HELPLINE,
                                               "communities/side-by-side.yaml": VALID_COMMUNITY}))
    errors = directory.problems.errors
    assert len(errors) == 1
    [error] = errors
    assert error.path.endswith("side-by-side.yaml") and "communities" in error.path  # the second one read
    assert "already used by" in error.message and "helplines" in error.message and "unique across all kinds" in error.message


# --- misplaced files and folders -------------------------------------------------------------------------


def test_yml_extension_is_refused_and_the_file_is_not_read(make_directory):
    directory = load_directory(make_directory({"helplines/samaritans.yml": VALID_HELPLINE}))
    [problem] = problems_for(directory, "samaritans.yml")
    assert "rename to `samaritans.yaml`" in problem.message
    assert directory.records == []


def test_upper_case_extension_is_not_silently_skipped(make_directory):
    directory = load_directory(make_directory({"helplines/samaritans.YAML": VALID_HELPLINE}))
    [problem] = problems_for(directory, "samaritans.YAML")
    assert "rename to `samaritans.yaml`" in problem.message


def test_unknown_folder_suggests_the_kind(make_directory):
    root = make_directory({"helpline/samaritans.yaml": VALID_HELPLINE})
    directory = load_directory(root)
    [problem] = [p for p in directory.problems.errors if Path(p.path).name == "helpline"]
    assert "unknown folder `helpline`" in problem.message and "did you mean `helplines`?" in problem.message
    assert directory.records == []


def test_listing_at_the_top_level_is_misplaced(make_directory):
    directory = load_directory(make_directory({"samaritans.yaml": VALID_HELPLINE}))
    [problem] = problems_for(directory, "samaritans.yaml")
    assert "belong in a kind folder" in problem.message and "helplines/" in problem.message


def test_folder_inside_a_kind_folder_is_reported(make_directory):
    directory = load_directory(make_directory({"helplines/uk/samaritans.yaml": VALID_HELPLINE}))
    [problem] = [p for p in directory.problems.errors if Path(p.path).name == "uk"]
    assert "not read" in problem.message
    assert directory.records == []


def test_hidden_files_and_folders_are_ignored(make_directory):
    root = make_directory({"helplines/samaritans.yaml": VALID_HELPLINE, ".git/config.yaml": "x: [",
                           "helplines/.draft.yaml": "not: [valid"})
    assert load_directory(root).problems.items == []


def test_missing_taxonomy_is_one_clear_error(make_directory):
    directory = load_directory(make_directory({"helplines/samaritans.yaml": VALID_HELPLINE}, taxonomy=False))
    [problem] = directory.problems.errors
    assert Path(problem.path).name == "taxonomy.yaml" and "taxonomy file is missing" in problem.message


def test_missing_directory_is_one_clear_error(tmp_path):
    directory = load_directory(tmp_path / "nowhere")
    [problem] = directory.problems.errors
    assert "directory not found" in problem.message and problem.path.endswith("nowhere")


def test_broken_taxonomy_is_reported_at_its_line(make_directory):
    root = make_directory({"helplines/samaritans.yaml": VALID_HELPLINE}, taxonomy=False)
    (root / "taxonomy.yaml").write_text("topics:\n  - {id: anxiety, label: Anxiety}\naudiences: []\n")
    problems = load_directory(root).problems.errors
    taxonomy = [p for p in problems if Path(p.path).name == "taxonomy.yaml"]
    assert {p.line for p in taxonomy} == {2, 3}
    assert any("description" in p.message for p in taxonomy)


# --- the kind comes from the folder ------------------------------------------------------------------


def test_kind_field_is_refused_at_its_line(check):
    text = VALID_HELPLINE.replace("name: Samaritans\n", "kind: helpline\nname: Samaritans\n")
    result = check("helplines", text)
    [error] = result.errors
    assert (error.line, error.column) == (line_of(text, "kind:"), 1)
    assert "remove `kind`" in error.message and "folder" in error.message


# --- shared contacts ---------------------------------------------------------------------------------------


def test_same_number_in_two_listings_is_a_warning_on_the_second(make_directory):
    other = with_contacts(VALID_COMMUNITY, "  - method: phone\n    number: \"116 123\"\n")
    directory = load_directory(make_directory({"helplines/samaritans.yaml": VALID_HELPLINE,
                                               "communities/side-by-side.yaml": other}))
    assert directory.problems.errors == []
    [warning] = directory.problems.warnings
    assert Path(warning.path).name == "side-by-side.yaml"
    assert (warning.line, warning.severity) == (line_of(other, "number:"), "warning")
    assert "`116 123` is also used by helplines/samaritans" in warning.message


def test_same_short_code_with_a_different_sms_keyword_is_not_shared(make_directory):
    home = VALID_SMS_HELPLINE
    steve = (VALID_SMS_HELPLINE.replace("keyword: HOME", "keyword: STEVE")
             .replace("crisistextline.org", "stevefund.org"))
    directory = load_directory(make_directory({"helplines/crisis-text-line.yaml": home,
                                               "helplines/steve-fund.yaml": steve}))
    assert directory.problems.items == []


def test_same_number_written_differently_is_still_found(make_directory):
    first = with_contacts(VALID_HELPLINE, "  - method: phone\n    number: \"0800 068 4141\"\n")
    second = with_contacts(VALID_HELPLINE.replace("www.samaritans.org", "www.papyrus-uk.org"),
                           "  - method: phone\n    number: \"+44 800 068 4141\"\n")
    directory = load_directory(make_directory({"helplines/aaa-first.yaml": first, "helplines/bbb-second.yaml": second}))
    [warning] = directory.problems.warnings
    assert Path(warning.path).name == "bbb-second.yaml" and "helplines/aaa-first" in warning.message


def test_same_website_in_two_listings_is_a_warning(make_directory):
    second = VALID_SMS_HELPLINE.replace("https://www.crisistextline.org/", "https://samaritans.org")
    directory = load_directory(make_directory({"helplines/aaa-samaritans.yaml": VALID_HELPLINE,
                                               "helplines/bbb-crisis.yaml": second}))
    [warning] = directory.problems.warnings
    assert warning.line == line_of(second, "website:") and "website" in warning.message


def test_strict_turns_the_shared_number_warning_into_exit_1(make_directory):
    second = VALID_SMS_HELPLINE.replace("https://www.crisistextline.org/", "https://www.samaritans.org/")
    root = make_directory({"helplines/aaa-samaritans.yaml": VALID_HELPLINE, "helplines/bbb-crisis.yaml": second})
    runner = CliRunner()
    assert runner.invoke(main, ["validate", str(root)]).exit_code == 0
    strict = runner.invoke(main, ["validate", "--strict", str(root)])
    assert strict.exit_code == 1
    assert "error: `website`" in strict.output


def test_closed_listing_is_not_compared_for_shared_contacts(make_directory):
    closed = set_field(VALID_HELPLINE, "status", "closed")
    directory = load_directory(make_directory({"helplines/aaa-old.yaml": closed,
                                               "helplines/bbb-new.yaml": VALID_HELPLINE}))
    assert directory.problems.items == []


# --- publishing ----------------------------------------------------------------------------------------------


def test_closed_listings_are_records_but_not_published(make_directory):
    files = dict(VALID_LISTINGS)
    files["helplines/samaritans.yaml"] = set_field(VALID_HELPLINE, "status", "closed")
    directory = load_directory(make_directory(files))
    assert directory.ok and len(directory.records) == 4
    assert "helplines/samaritans" not in {r.key for r in directory.published}
    assert len(directory.published) == 3


def test_every_problem_in_every_file_is_reported_in_one_run(make_directory):
    files = {
        "helplines/one.yaml": set_field(VALID_HELPLINE, "cost", "cheap"),
        "helplines/two.yaml": b"name: ok\nsummary: caf\xe9\n",
        "communities/three.yaml": "name: [unclosed\n",
        "teletherapy/four.yaml": set_field(set_field(VALID_TELETHERAPY, "topics", "[anxeity]"), "colour", "red"),
        "helplines/Five.yaml": VALID_SMS_HELPLINE,
        "stray.yaml": VALID_HELPLINE,
    }
    directory = load_directory(make_directory(files))
    by_file: dict[str, list] = {}
    for problem in directory.problems.errors:
        by_file.setdefault(Path(problem.path).name, []).append(problem)
    assert set(by_file) == {"one.yaml", "two.yaml", "three.yaml", "four.yaml", "Five.yaml", "stray.yaml"}
    assert len(by_file["four.yaml"]) == 2
    assert [r.id for r in directory.records] == ["Five"]  # a bad id is reported, the file still read
    assert not directory.ok


def test_problems_are_sorted_by_file_then_position(make_directory):
    files = {"helplines/bbb.yaml": set_field(set_field(VALID_HELPLINE, "cost", "cheap"), "status", "gone"),
             "helplines/aaa.yaml": set_field(VALID_SMS_HELPLINE, "topics", "[nope]")}
    problems = load_directory(make_directory(files)).problems.sorted()
    keys = [(Path(p.path).name, p.line, p.column) for p in problems]
    assert keys == sorted(keys) and len(keys) == 3


# --- check_directory: what `kindred validate` runs ------------------------------------------------------------


@pytest.fixture
def mixed_directory(make_directory):
    """Errors, warnings, a shared number across the middle of the file list, a duplicate id, a closed listing."""
    shared = with_contacts(VALID_COMMUNITY, "  - method: phone\n    number: \"116 123\"\n")
    return make_directory({
        "helplines/samaritans.yaml": VALID_HELPLINE,
        "helplines/crisis-text-line.yaml": VALID_SMS_HELPLINE,
        "helplines/bad-cost.yaml": set_field(VALID_SMS_HELPLINE.replace("crisistextline", "other"), "cost", "cheap"),
        "helplines/closed-one.yaml": set_field(VALID_HELPLINE, "status", "closed"),
        "communities/side-by-side.yaml": shared,
        "communities/calm-harbor.yaml": VALID_COMMUNITY.replace("sidebyside", "calm"),
        "teletherapy/calm-harbor.yaml": VALID_TELETHERAPY,
        "teletherapy/broken.yaml": "name: [\n",
        "teletherapy/http-site.yaml": set_field(VALID_TELETHERAPY.replace("calmharbor", "bay"), "website",
                                                "http://bay.example.com/"),
    })


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_check_directory_reports_exactly_what_load_directory_reports(mixed_directory, monkeypatch, workers):
    import generator.directory as directory_module
    from generator import forked

    # Forks only when alone in its process; earlier tests leave idle local servers in threads: count them out.
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)
    monkeypatch.setattr(directory_module, "PARALLEL_MIN_FILES", 2)  # split even this small directory
    loaded = load_directory(mixed_directory)
    checked = check_directory(mixed_directory, workers=workers)
    assert checked.problems.sorted() == loaded.problems.sorted()
    assert {p.severity for p in checked.problems.sorted()} == {"error", "warning"}
    assert any("also used by" in p.message for p in checked.problems.sorted())
    assert checked.listings == len(loaded.records) and checked.published == len(loaded.published)
    assert checked.ok is loaded.ok is False


def _check_files_marking_the_process(files, taxonomy, cache=None):
    """directory._check_files, plus a marker problem whose line is the process id (top level: picklable)."""
    import os

    import generator.directory as directory_module
    problems, *rest = directory_module._real_check_files(files, taxonomy, cache)  # the unpatched one
    return [*problems, Problem("pid", os.getpid(), 1, "marker", "warning")], *rest


def test_check_directory_really_uses_a_second_process_for_big_directories(mixed_directory, monkeypatch):
    import os

    import generator.directory as directory_module
    from generator import forked

    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)  # idle test servers aside, as above
    monkeypatch.setattr(directory_module, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(directory_module, "_real_check_files", directory_module._check_files, raising=False)
    monkeypatch.setattr(directory_module, "_check_files", _check_files_marking_the_process)
    problems = check_directory(mixed_directory, workers=2).problems.sorted()
    pids = {p.line for p in problems if p.path == "pid"}
    assert len(pids) == 2 and os.getpid() in pids


def test_check_directory_of_a_missing_folder_is_one_error(tmp_path):
    checked = check_directory(tmp_path / "nowhere")
    assert [p.message.split(";")[0] for p in checked.problems.errors] == ["directory not found"]
    assert checked.listings == 0


def _check_part_seeing_other_files(root, part, parts, cache=None):
    """A second process that saw a different file list (a file added between the scans)."""
    return -1, ([Problem("wrong", 1, 1, "from a stale scan")], 0, 0, [], [], [])


def test_part_checked_from_another_file_list_is_redone_here(mixed_directory, monkeypatch):
    import generator.directory as directory_module
    from generator import forked

    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)  # idle test servers aside, as above
    monkeypatch.setattr(directory_module, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(directory_module, "_check_part", _check_part_seeing_other_files)
    checked = check_directory(mixed_directory, workers=2)
    assert checked.problems.sorted() == load_directory(mixed_directory).problems.sorted()


# --- load_directory_for_build: what a site build loads --------------------------------------------------------


def _records(directory):
    return [(r.key, r.display_path, r.listing, r.numbers) for r in directory.records]


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_build_loading_gives_what_load_directory_gives(mixed_directory, monkeypatch, workers):
    import hashlib

    import generator.directory as directory_module
    monkeypatch.setattr(directory_module, "PARALLEL_MIN_FILES", 2)  # split even this small directory
    loaded = load_directory(mixed_directory)
    built = directory_module.load_directory_for_build(mixed_directory, workers=workers)
    assert list(built.problems) == list(loaded.problems)  # the same problems, in the same order
    assert any("also used by" in p.message for p in built.problems)
    assert _records(built) == _records(loaded)
    assert built.countries == loaded.countries and built.taxonomy == loaded.taxonomy
    for record in built.records:  # what the build's caches key a listing by: the bytes it was read from
        assert record.doc.digest == hashlib.blake2b(record.path.read_bytes(), digest_size=16).hexdigest()
        assert record.doc.value_marks == {} and record.doc.data is None  # the YAML is not kept


def _load_files_marking_the_process(files, taxonomy):
    import os

    import generator.directory as directory_module
    results = directory_module._real_load_files(files, taxonomy)
    for result in results[:1]:
        result.problems.append(Problem("pid", os.getpid(), 1, "marker", "warning"))
    return results


def test_build_loading_uses_other_processes_for_big_directories(mixed_directory, monkeypatch):
    import os

    import generator.directory as directory_module
    from generator import forked

    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)  # as above: idle test servers aside
    monkeypatch.setattr(directory_module, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(directory_module, "_real_load_files", directory_module._load_files, raising=False)
    monkeypatch.setattr(directory_module, "_load_files", _load_files_marking_the_process)
    built = directory_module.load_directory_for_build(mixed_directory, workers=2)
    pids = {p.line for p in built.problems if p.path == "pid"}
    assert len(pids) == 2 and os.getpid() in pids
    assert _records(built) == _records(load_directory(mixed_directory))


def _same_as_a_fresh_load(reader, root) -> None:
    again = reader.load(root)
    fresh = load_directory(root)
    assert list(again.problems) == list(fresh.problems)
    assert _records(again) == _records(fresh)
    assert again.countries == fresh.countries and again.taxonomy == fresh.taxonomy


def test_a_reader_reads_again_only_what_changed(mixed_directory):
    from generator.directory import DirectoryReader

    reader = DirectoryReader(workers=1)
    total = len(list(mixed_directory.rglob("*.yaml"))) - 1  # not taxonomy.yaml
    _same_as_a_fresh_load(reader, mixed_directory)
    assert reader.read == total
    _same_as_a_fresh_load(reader, mixed_directory)
    assert reader.read == 0

    samaritans = mixed_directory / "helplines" / "samaritans.yaml"
    samaritans.write_text(samaritans.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _same_as_a_fresh_load(reader, mixed_directory)
    assert reader.read == 1

    # A new listing that shares a number with one read before: the check across listings still sees both.
    phone = "  - method: phone\n    number: \"116 123\"\n"
    shared = with_contacts(VALID_COMMUNITY.replace("sidebyside", "newgroup"), phone)
    (mixed_directory / "communities" / "new-group.yaml").write_text(shared, encoding="utf-8")
    _same_as_a_fresh_load(reader, mixed_directory)
    assert reader.read == 1
    assert sum("also used by" in p.message for p in reader.load(mixed_directory).problems) >= 2

    (mixed_directory / "teletherapy" / "broken.yaml").unlink()
    (mixed_directory / "helplines" / "bad-cost.yaml").rename(mixed_directory / "helplines" / "bad-cost-2.yaml")
    _same_as_a_fresh_load(reader, mixed_directory)
    assert reader.read == 1  # the renamed file

    taxonomy = mixed_directory / "taxonomy.yaml"  # listings are checked against it: every file again
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _same_as_a_fresh_load(reader, mixed_directory)
    assert reader.read == total
