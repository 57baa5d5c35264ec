"""generator/validate_cache.py: `kindred validate`'s results kept per file between runs.

The cache may only make validation faster: the same messages, in the same order, with the same exit code as
without it, whatever changed in between. Each test checks the output against a run without the cache, and the
hit and miss counts show which files were checked afresh.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from kindred_test_support import (
    VALID_COMMUNITY,
    VALID_HELPLINE,
    VALID_LISTINGS,
    VALID_SMS_HELPLINE,
    VALID_TELETHERAPY,
    set_field,
    with_contacts,
)

from generator import render_cache, validate_cache
from generator.cli import main
from generator.directory import check_directory
from generator.validate_cache import ValidateCache


@pytest.fixture
def cache_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KINDRED_CACHE_DIR", str(folder))
    monkeypatch.delenv("KINDRED_CACHE", raising=False)
    return folder


@pytest.fixture
def mixed(make_directory):
    """Errors, warnings, a number shared across files, a broken file, a closed listing."""
    shared = with_contacts(VALID_COMMUNITY, '  - method: phone\n    number: "116 123"\n')
    return make_directory(
        {
            **VALID_LISTINGS,
            "helplines/bad-cost.yaml": set_field(
                VALID_SMS_HELPLINE.replace("crisistextline", "other"), "cost", "cheap"
            ),
            "helplines/closed-one.yaml": set_field(VALID_HELPLINE, "status", "closed"),
            "communities/side-by-side.yaml": shared,
            "teletherapy/broken.yaml": "name: [\n",
            "teletherapy/http-site.yaml": set_field(
                VALID_TELETHERAPY.replace("calmharbor", "bay"), "website", "http://bay.example.com/"
            ),
        }
    )


def validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def checked(root: Path, strict: bool = False, workers: int = 1) -> tuple[list, ValidateCache]:
    cache = ValidateCache(root, {"strict": strict})
    return check_directory(root, workers=workers, cache=cache).problems.sorted(), cache


def fresh(root: Path) -> list:
    return check_directory(root, workers=1).problems.sorted()


def listing_count(root: Path) -> int:
    return len(list(root.glob("*/*.yaml")))


def entry_files(folder: Path) -> list[Path]:
    return sorted(p for p in (folder / "validate").rglob("*") if p.is_file())


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
@pytest.mark.parametrize("strict", [False, True])
def test_output_is_the_same_with_and_without_the_cache(mixed, cache_folder, fmt, strict):
    options = ["--format", fmt] + (["--strict"] if strict else [])
    without = validate("--no-cache", *options, str(mixed))
    assert not cache_folder.exists()  # --no-cache neither reads nor writes
    first = validate(*options, str(mixed))
    assert entry_files(cache_folder)
    second = validate(*options, str(mixed))
    assert without == first == second
    assert without[0] == 1 and "also used by" in without[1]


def test_a_second_run_takes_every_result_from_the_cache(mixed, cache_folder):
    first, cold = checked(mixed)
    assert (cold.hits, cold.misses) == (0, listing_count(mixed)) and not cold.warm
    second, warm = checked(mixed)
    assert (warm.hits, warm.misses) == (listing_count(mixed), 0) and warm.warm
    assert first == second == fresh(mixed)


def test_an_edited_file_is_checked_again(mixed, cache_folder):
    checked(mixed)
    (mixed / "helplines" / "samaritans.yaml").write_text(set_field(VALID_HELPLINE, "cost", "cheap"))
    problems, cache = checked(mixed)
    assert (cache.hits, cache.misses) == (listing_count(mixed) - 1, 1)
    assert problems == fresh(mixed)
    assert any(p.path.endswith("samaritans.yaml") and "cost" in p.message for p in problems)


def test_a_file_edited_back_finds_its_first_result(mixed, cache_folder):
    path = mixed / "helplines" / "samaritans.yaml"
    original = path.read_text()
    checked(mixed)
    path.write_text(original + "# a comment\n")
    checked(mixed)
    path.write_text(original)
    problems, cache = checked(mixed)
    assert cache.misses == 1 and problems == fresh(mixed)  # the cache keeps only the last run's results


def test_checks_across_files_see_cached_and_fresh_files_alike(make_directory, cache_folder):
    root = make_directory(VALID_LISTINGS)
    before, _ = checked(root)
    assert not any("also used by" in p.message for p in before)
    # A file checked afresh now shares a number with a file whose result comes from the cache.
    (root / "communities" / "side-by-side.yaml").write_text(
        with_contacts(VALID_COMMUNITY, '  - method: phone\n    number: "116 123"\n')
    )
    after, cache = checked(root)
    assert cache.misses == 1
    assert after == fresh(root) and any("also used by" in p.message for p in after)
    # A duplicate id across kinds: both files are the cache's, the check is not.
    (root / "teletherapy" / "samaritans.yaml").write_text(VALID_TELETHERAPY)
    again, cache = checked(root)
    assert again == fresh(root) and any("already used by" in p.message for p in again)


def test_a_changed_taxonomy_checks_every_file_again(make_directory, cache_folder):
    root = make_directory(VALID_LISTINGS)
    checked(root)
    taxonomy = root / "taxonomy.yaml"
    taxonomy.write_text(
        "".join(
            line
            for line in taxonomy.read_text().splitlines(keepends=True)
            if not line.startswith("  - {id: loneliness")
        )
    )
    problems, cache = checked(root)
    assert (cache.hits, cache.misses) == (0, 4)
    assert problems == fresh(root) and any("loneliness" in p.message for p in problems)


def test_a_changed_country_profile_or_translation_checks_every_file_again(make_directory, cache_folder):
    root = make_directory(VALID_LISTINGS)
    checked(root)
    (root / "taxonomy.fr.yaml").write_text("topics: {}\n")
    _, cache = checked(root)
    assert cache.misses == 4
    (root / "countries").mkdir()
    (root / "countries" / "gb.yaml").write_text("name: United Kingdom\n")
    problems, cache = checked(root)
    assert cache.misses == 4 and problems == fresh(root)


def test_other_options_miss(mixed, cache_folder):
    checked(mixed, strict=False)
    _, cache = checked(mixed, strict=True)
    assert (cache.hits, cache.misses) == (0, listing_count(mixed))
    _, cache = checked(mixed, strict=False)  # each set of options keeps its own results
    assert cache.misses == 0


def test_another_version_of_the_code_misses(mixed, cache_folder, monkeypatch):
    checked(mixed)
    monkeypatch.setattr(render_cache, "code_fingerprint", lambda root=None: "0" * 64)
    problems, cache = checked(mixed)
    assert (cache.hits, cache.misses) == (0, listing_count(mixed)) and problems == fresh(mixed)


def test_another_day_misses(mixed, cache_folder, monkeypatch):
    """A verification date in the future is an error until that day: results are kept for one day."""
    checked(mixed)

    tomorrow = dt.date.fromordinal(dt.date.today().toordinal() + 1).isoformat()
    monkeypatch.setattr(validate_cache, "today", lambda: tomorrow)
    _, cache = checked(mixed)
    assert cache.misses == listing_count(mixed)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "foreign", "wrong shape", "wrong entries"])
def test_a_damaged_or_foreign_entry_is_ignored(mixed, make_directory, cache_folder, damage):
    expected = validate("--no-cache", str(mixed))
    validate(str(mixed))
    [entry] = entry_files(cache_folder)
    raw = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "garbage":
        entry.write_bytes(raw[:-40] + b"\x00" * 40)
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "foreign":  # a whole, valid entry made for another directory
        other = make_directory({"helplines/samaritans.yaml": VALID_HELPLINE})
        validate(str(other))
        [foreign] = [p for p in entry_files(cache_folder) if p != entry]
        entry.write_bytes(foreign.read_bytes())
    else:  # an entry with a valid header for this key, but content in another shape
        cache = ValidateCache(mixed, {"strict": False})
        cache.open()
        assert len(cache.entries) == listing_count(mixed) and cache.warm
        header = json.dumps({"format": validate_cache.FORMAT, "context": cache.context.decode()})
        if damage == "wrong shape":
            content = b'["not", "a", "mapping"]\n' + "\n".join(f"{k} {v}" for k, v in cache.entries.items()).encode()
        else:  # each line's result replaced: not JSON, JSON of another shape, a problem with a field missing
            nonsense = ["{", '["nonsense"]', '[[["a.yaml", 1, 1, "m", "error"]], 1, 1, null, null]']
            lines = [f"{key} {nonsense[i % 3]}" for i, key in enumerate(cache.entries)]
            content = "\n".join([header, *lines]).encode()
        cache.store.put(cache.name, content)
    assert validate(str(mixed)) == expected
    problems, cache = checked(mixed)
    assert cache.hits == listing_count(mixed) and problems == fresh(mixed)  # the entry was made again


def test_a_cache_folder_that_cannot_be_written_never_fails_validation(mixed, tmp_path, monkeypatch):
    expected = validate("--no-cache", str(mixed))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be\n")
    monkeypatch.setenv("KINDRED_CACHE_DIR", str(blocker))
    assert validate(str(mixed)) == expected
    assert validate(str(mixed)) == expected
    monkeypatch.setenv("KINDRED_CACHE_DIR", str(tmp_path / "missing" / "deeper"))  # made when needed
    assert validate(str(mixed)) == expected
    assert entry_files(tmp_path / "missing" / "deeper")


def test_an_unreadable_cache_entry_never_fails_validation(mixed, cache_folder):
    expected = validate("--no-cache", str(mixed))
    validate(str(mixed))
    [entry] = entry_files(cache_folder)
    entry.unlink()
    entry.mkdir()  # reading it fails, and so does writing it
    assert validate(str(mixed)) == expected


def test_kindred_cache_0_turns_it_off(mixed, cache_folder, monkeypatch):
    monkeypatch.setenv("KINDRED_CACHE", "0")
    validate(str(mixed))
    assert not cache_folder.exists()


@pytest.mark.parametrize("edited", [1, 7])
def test_two_processes_give_the_same_results_from_the_cache(mixed, cache_folder, monkeypatch, edited):
    """With a second process: cold (split as before), warm with few files to check (all here) and warm with
    many (PARALLEL_MIN_FILES lowered: split again, the other process using the keys read here)."""
    import generator.directory as directory_module
    from generator import forked

    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)
    monkeypatch.setattr(directory_module, "PARALLEL_MIN_FILES", 2 if edited > 1 else listing_count(mixed))
    count = listing_count(mixed)
    cold, cache = checked(mixed, workers=2)
    assert cold == fresh(mixed) and cache.misses == count
    for path in sorted(mixed.glob("*/*.yaml"))[:edited]:
        path.write_text(path.read_text() + "# edited\n")
    warm, cache = checked(mixed, workers=2)
    assert warm == fresh(mixed)
    assert (cache.hits, cache.misses) == (count - edited, edited)


@pytest.mark.parametrize("failing", ["shared_inputs", "code_fingerprint"])
def test_inputs_of_the_key_that_cannot_be_read_turn_the_cache_off(mixed, cache_folder, monkeypatch, failing):
    expected = validate("--no-cache", str(mixed))

    def unreadable(*args, **kwargs):
        raise PermissionError("cannot read")

    monkeypatch.setattr(validate_cache if failing == "shared_inputs" else render_cache, failing, unreadable)
    assert validate(str(mixed)) == expected
    assert validate(str(mixed)) == expected
    assert not cache_folder.exists() or not entry_files(cache_folder)


def test_results_made_while_tests_allow_loopback_addresses_are_not_used_otherwise(make_directory, cache_folder):
    from generator.urls import loopback_addresses_allowed

    root = make_directory({"helplines/samaritans.yaml": set_field(VALID_HELPLINE, "website", "https://127.0.0.1/")})
    with loopback_addresses_allowed():
        allowed, _ = checked(root)
    refused, cache = checked(root)
    assert cache.misses == 1 and refused == fresh(root) != allowed


def test_kept_results_not_fit_to_use_are_made_again_after_reading_ahead(mixed, cache_folder, monkeypatch):
    """With a second process possible, a warm run reads every file ahead (prepare); an entry whose results are
    not in the shape written is then checked afresh from the file, and kept again."""
    import generator.directory as directory_module
    from generator import forked

    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)
    monkeypatch.setattr(directory_module, "PARALLEL_MIN_FILES", listing_count(mixed))
    checked(mixed, workers=2)
    cache = ValidateCache(mixed, {"strict": False})
    cache.open()
    header = json.dumps({"format": validate_cache.FORMAT, "context": cache.context.decode()})
    cache.store.put(cache.name, "\n".join([header, *(f"{key} []" for key in cache.entries)]).encode())
    problems, cache = checked(mixed, workers=2)
    assert cache.warm and cache.misses == listing_count(mixed) and problems == fresh(mixed)
    problems, cache = checked(mixed, workers=2)
    assert cache.hits == listing_count(mixed) and problems == fresh(mixed)
