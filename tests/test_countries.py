"""Country profiles: emergency numbers checked with the phone-number library, start-here lines that exist."""

from __future__ import annotations

from kindred_test_support import VALID_HELPLINE, line_of, set_field

from generator.directory import check_directory, load_directory

GB_PROFILE = """\
emergency:
  - number: "999"
    note: Police, fire and ambulance
  - number: "112"
start_here:
  - samaritans-line
notes:
  - text: For urgent medical help that is not an emergency, call NHS 111.
    number: "111"
sources:
  - url: https://www.gov.uk/guidance/999-and-112-the-uks-national-emergency-numbers
    read: 2026-11-01
    supports: [emergency]
"""

IE_PROFILE = """\
emergency:
  - number: "112"
sources:
  - url: https://www.gov.ie/en/emergency/
    read: 2026-11-01
    supports: [emergency]
"""


def directory_with(make_directory, gb: str = GB_PROFILE, listing: str = VALID_HELPLINE, **extra):
    files = {"helplines/samaritans-line.yaml": listing, "countries/GB.yaml": gb, "countries/IE.yaml": IE_PROFILE}
    files.update(extra)
    return make_directory(files)


def errors(root):
    return [p for p in load_directory(root).problems.errors]


def test_a_complete_profile_loads_with_its_groups(make_directory):
    root = directory_with(make_directory, GB_PROFILE.replace("  - samaritans-line\n",
                                                             "  - samaritans-line\n  - [samaritans-line-b, "
                                                             "samaritans-line-c]\n"),
                          **{f"helplines/samaritans-line-{x}.yaml": VALID_HELPLINE for x in "bc"})
    directory = load_directory(root)
    assert directory.problems.errors == []
    profile = directory.countries["GB"].profile
    assert [e.number for e in profile.emergency] == ["999", "112"]
    assert profile.start_groups() == [["samaritans-line"], ["samaritans-line-b", "samaritans-line-c"]]


def test_a_number_that_is_not_the_countrys_emergency_number_is_an_error(make_directory):
    profile = GB_PROFILE.replace('"112"', '"911"')
    [error] = errors(directory_with(make_directory, profile))
    assert error.path.endswith("countries/GB.yaml") and error.line == line_of(profile, '"911"')
    assert "not an emergency number in GB" in error.message


def test_start_here_must_name_a_published_listing_that_serves_the_country(make_directory):
    unknown = GB_PROFILE.replace("  - samaritans-line\n", "  - samaritans-lines\n")
    [error] = errors(directory_with(make_directory, unknown))
    assert "no listing has the id `samaritans-lines`" in error.message and error.line == line_of(unknown, "lines")
    closed = set_field(VALID_HELPLINE, "status", "closed")
    messages = [e.message for e in errors(directory_with(make_directory, listing=closed))]
    assert any("`samaritans-line` is closed" in m for m in messages)
    elsewhere = set_field(VALID_HELPLINE, "countries", "[IE]")
    [error] = errors(directory_with(make_directory, listing=elsewhere))
    assert "does not serve GB" in error.message


def test_a_note_may_not_hide_an_emergency_number(make_directory):
    profile = GB_PROFILE.replace('number: "111"', 'number: "999"')
    [error] = errors(directory_with(make_directory, profile))
    assert "is an emergency number; put it in `emergency`" in error.message


def test_every_country_a_listing_names_needs_a_profile_once_profiles_exist(make_directory):
    root = make_directory({"helplines/samaritans-line.yaml": VALID_HELPLINE, "countries/IE.yaml": IE_PROFILE})
    [error] = errors(root)
    assert error.path.endswith("helplines/samaritans-line.yaml")
    assert error.line == line_of(VALID_HELPLINE, "countries:") and "GB has no country profile" in error.message
    without_folder = make_directory({"helplines/samaritans-line.yaml": VALID_HELPLINE})
    assert errors(without_folder) == []


def test_a_misnamed_profile_and_a_repeated_start_line_are_errors(make_directory):
    repeated = GB_PROFILE.replace("  - samaritans-line\n", "  - samaritans-line\n  - samaritans-line\n")
    root = directory_with(make_directory, repeated, **{"countries/gb.yaml": IE_PROFILE})
    messages = sorted(e.message for e in errors(root))
    assert any("`gb.yaml` is not a country profile name" in m for m in messages)
    assert any("repeats `start_here[0]`" in m for m in messages)


def test_validate_in_two_processes_reports_the_same_profile_problems(make_directory):
    profile = GB_PROFILE.replace('"112"', '"911"')
    root = directory_with(make_directory, profile)
    assert check_directory(root, workers=1).problems.sorted() == load_directory(root).problems.sorted()
