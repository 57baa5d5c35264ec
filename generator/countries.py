"""Country profiles (directory/countries/<CC>.yaml): loading and the checks that need the listings too."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .models.countries import CountryProfile
from .models.fields import country_codes
from .phones import emergency_regions, parse_number
from .problems import Problem, quoted
from .rules import duplicate_problems
from .validation_messages import field_label, problems_from_validation_error
from .yamlsafe import Document, load_yaml_file

COUNTRIES_FOLDER = "countries"
_FILE_NAME = re.compile(r"[A-Z]{2}\.yaml\Z")


@dataclass
class CountryRecord:
    code: str
    path: Path
    display_path: str
    profile: CountryProfile
    doc: Document

    def line_of(self, *path) -> int:
        return self.doc.position(tuple(path))[0]


@dataclass(frozen=True)
class ListingPlaces:
    """What the profile checks need from one listing: small, so other processes can send it."""

    id: str
    published: bool
    countries: tuple[str, ...]
    display_path: str
    lines: tuple[int, ...]  # the line of each entry of `countries`
    columns: tuple[int, ...]


def has_profiles(root: Path) -> bool:
    folder = root / COUNTRIES_FOLDER
    return folder.is_dir() and not folder.is_symlink()


def profile_files(root: Path, shown_root: str) -> tuple[list[tuple[str, Path, str]], list[Problem]]:
    """(code, path, shown path) for every profile file, and problems with misnamed files."""
    folder = root / COUNTRIES_FOLDER
    if not has_profiles(root):
        return [], []
    files, problems = [], []
    with os.scandir(folder) as scan:
        names = sorted(
            entry.name for entry in scan if entry.is_file(follow_symlinks=False) and not entry.name.startswith(".")
        )
    for name in names:
        path = folder / name
        shown = os.path.join(shown_root, COUNTRIES_FOLDER, name)
        code = name.removesuffix(".yaml")
        if not _FILE_NAME.match(name) or code not in country_codes():
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"{quoted(name)} is not a country profile name; use the ISO "
                    f"3166-1 code in capitals, such as GB.yaml or US.yaml",
                )
            )
            continue
        files.append((code, path, shown))
    return files, problems


def load_profile(code: str, path: Path, shown: str) -> tuple[CountryRecord | None, list[Problem]]:
    doc, problems = load_yaml_file(path, shown)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, problems + [Problem(shown, 1, 1, "a country profile is a mapping of fields (emergency: ...)")]
    problems.extend(duplicate_problems(doc, shown))
    problems.extend(_number_problems(code, doc, shown))
    try:
        profile = CountryProfile.model_validate(doc.data)
    except ValidationError as exc:
        return None, problems + problems_from_validation_error(exc, doc, shown)
    return CountryRecord(code, path, shown, profile, doc), problems


def _number_problems(code: str, doc: Document, shown: str) -> list[Problem]:
    """Emergency numbers must be that country's; a note's number must be valid there and not an emergency one."""
    problems = []

    def report(path: tuple, message: str) -> None:
        line, column = doc.position(path)
        problems.append(Problem(shown, line, column, f"`{field_label(path)}`: {message}", field=field_label(path)))

    for index, entry in _entries(doc.data.get("emergency")):
        number = entry.get("number")
        if isinstance(number, (str, int)) and not emergency_regions(str(number), (code,)):
            report(
                ("emergency", index, "number"),
                f"{quoted(number)} is not an emergency number in {code} according "
                f"to the phone-number library; list only numbers that reach the "
                f"emergency services there",
            )
    for index, entry in _entries(doc.data.get("notes")):
        number = entry.get("number")
        if not isinstance(number, (str, int)):
            continue
        if emergency_regions(str(number), (code,)):
            report(("notes", index, "number"), f"{quoted(number)} is an emergency number; put it in `emergency`")
        elif parse_number(str(number), (code,)) is None:
            report(("notes", index, "number"), f"{quoted(number)} is not a valid phone number in {code}")
    return problems


def _entries(value) -> Iterable[tuple[int, dict]]:
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def check_profiles(
    profiles: dict[str, CountryRecord], listings: Iterable[ListingPlaces], every_country: bool = True
) -> list[Problem]:
    """start_here names published listings that serve the country; with every_country (a directory that has
    a countries/ folder), every country a published listing names has a profile."""
    listings = list(listings)
    by_id = {listing.id: listing for listing in listings}
    problems: list[Problem] = []
    for code, record in sorted(profiles.items()):
        seen: set[str] = set()
        for group_index, group in enumerate(record.profile.start_groups()):
            for member_index, listing_id in enumerate(group):
                path = ("start_here", group_index) if len(group) == 1 else ("start_here", group_index, member_index)
                line, column = record.doc.position(path)
                reason = _start_problem(listing_id, code, by_id.get(listing_id), listing_id in seen)
                seen.add(listing_id)
                if reason:
                    problems.append(
                        Problem(
                            record.display_path,
                            line,
                            column,
                            f"`{field_label(path)}`: {reason}",
                            field=field_label(path),
                        )
                    )
    missing: dict[str, tuple[str, int, int]] = {}
    for listing in listings if every_country else ():
        if not listing.published:
            continue
        for country, line, column in zip(listing.countries, listing.lines, listing.columns):
            if country != "worldwide" and country not in profiles and country in country_codes():
                missing.setdefault(country, (listing.display_path, line, column))
    for country, (shown, line, column) in sorted(missing.items()):
        problems.append(
            Problem(
                shown,
                line,
                column,
                f"{country} has no country profile; add "
                f"directory/countries/{country}.yaml with its emergency "
                f"number (see CONTRIBUTING.md)",
            )
        )
    return problems


def _start_problem(listing_id: str, code: str, listing: ListingPlaces | None, repeated: bool) -> str | None:
    if repeated:
        return f"{quoted(listing_id)} is already in `start_here`"
    if listing is None:
        return f"no listing has the id {quoted(listing_id)} (ids are file names without .yaml)"
    if not listing.published:
        return f"{quoted(listing_id)} is closed; remove it from `start_here`"
    if code not in listing.countries and "worldwide" not in listing.countries:
        return f"{quoted(listing_id)} does not serve {code} (its countries: {', '.join(listing.countries)})"
    return None


def places_of(record) -> ListingPlaces:
    """ListingPlaces for a loaded ListingRecord."""
    countries = tuple(record.listing.countries)
    marks = [record.doc.position(("countries", i)) for i in range(len(countries))]
    return ListingPlaces(
        record.id,
        record.published,
        countries,
        record.display_path,
        tuple(m[0] for m in marks),
        tuple(m[1] for m in marks),
    )
