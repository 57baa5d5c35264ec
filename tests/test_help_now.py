"""What a help-now page holds for a country: emergency numbers, whole start-here groups, other crisis lines."""

from __future__ import annotations

from kindred_test_support import VALID_HELPLINE, set_field

from generator.directory import load_directory
from generator.help_now import country_help

PROFILE = """\
emergency:
  - number: "999"
    note: Police, fire and ambulance
  - number: "112"
start_here:
  - first-line
  - [young-line, adult-line]
notes:
  - text: Not an emergency? Call NHS 111.
    number: "111"
sources:
  - url: https://www.gov.uk/guidance/999-and-112-the-uks-national-emergency-numbers
    read: 2026-11-01
    supports: [emergency, notes]
"""


IE_PROFILE = """\
emergency:
  - number: "112"
sources:
  - url: https://www.gov.ie/en/emergency/
    read: 2026-11-01
    supports: [emergency]
"""


def helpline(service: str, countries: str = "[GB, IE]", name: str = "Line") -> str:
    return set_field(set_field(set_field(VALID_HELPLINE, "service", service), "countries", countries), "name", name)


def test_a_country_page_has_emergency_numbers_groups_and_other_crisis_lines(make_directory):
    root = make_directory({
        "countries/GB.yaml": PROFILE,
        "countries/IE.yaml": IE_PROFILE,
        "helplines/first-line.yaml": helpline("crisis"),
        "helplines/young-line.yaml": helpline("crisis", name="Young"),
        "helplines/adult-line.yaml": helpline("crisis", name="Adult"),
        "helplines/world-line.yaml": helpline("crisis", "[worldwide]", "World").replace(
            'number: "116 123"', 'number: "+44 20 7946 0000"'),
        "helplines/other-line.yaml": helpline("crisis", name="Other"),
        "helplines/info-line.yaml": helpline("information", name="Info"),
    })
    directory = load_directory(root)
    assert directory.problems.errors == []
    page = country_help(directory, directory.countries["GB"])
    assert [(e.number, e.href) for e in page.emergency] == [("999", "tel:999"), ("112", "tel:112")]
    assert [[r.id for r in group] for group in page.start_here] == [["first-line"], ["young-line", "adult-line"]]
    # Crisis lines only, the country's own before worldwide; information lines are for the finder.
    assert [r.id for r in page.other_lines] == ["other-line", "world-line"]
    assert page.notes[0].href == "tel:111" and page.more_lines == 0
