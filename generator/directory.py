"""Load a whole directory: every listing file, the taxonomy, and all problems at once."""

from __future__ import annotations

import gc
import os
import re
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .countries import (
    COUNTRIES_FOLDER,
    CountryRecord,
    check_profiles,
    has_profiles,
    load_profile,
    places_of,
    profile_files,
)
from .listing_record import ListingRecord
from .models import KIND_MODELS, KINDS
from .problems import Problem, Problems
from .rules import (
    check_listing,
    check_shared_contacts,
    share_entries,
    shared_contact_problems,
)
from .safe_files import irregular_entries
from .taxonomy import Taxonomy, load_taxonomy, load_translations
from .validate_cache import ValidateCache, encode
from .validation_messages import problems_from_validation_error
from .yamlsafe import Document, load_yaml_file

ID_PATTERN = re.compile(r"[a-z0-9-]{3,64}\Z")
TAXONOMY_FILE = "taxonomy.yaml"


@dataclass
class Directory:
    root: Path
    taxonomy: Taxonomy
    records: list[ListingRecord]
    problems: Problems
    countries: dict[str, CountryRecord] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems.errors

    @property
    def published(self) -> list[ListingRecord]:
        return [r for r in self.records if r.published]

    def by_key(self) -> dict[str, ListingRecord]:
        return {r.key: r for r in self.records}


def display_path(path: Path) -> str:
    """Paths in messages are relative to where the command runs, when they can be."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(Path(path).absolute()) if relative.startswith("..") else relative


def _slug(text: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text.lower())).strip("-")[:64]


def listing_files(root: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """(kind, path) for every listing file, and problems with misplaced files."""
    files: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    if not root.is_dir():
        return [], [
            Problem(
                display_path(root),
                1,
                1,
                "directory not found; expected a folder with helplines/, communities/, teletherapy/ and taxonomy.yaml",
            )
        ]
    for entry in sorted(root.iterdir()):
        if entry.is_symlink():
            continue  # reported by irregular_entries
        if (
            entry.is_file()
            and entry.suffix in (".yaml", ".yml")
            and entry.name != TAXONOMY_FILE
            and not entry.name.startswith("taxonomy.")  # translations: taxonomy.load_translations
        ):
            problems.append(
                Problem(
                    display_path(entry),
                    1,
                    1,
                    f"listing files belong in a kind folder: {', '.join(k + '/' for k in KINDS)}",
                )
            )
        elif entry.is_dir() and entry.name not in (*KINDS, COUNTRIES_FOLDER) and not entry.name.startswith("."):
            hint = next((k for k in KINDS if k.rstrip("s") in entry.name.lower()), None)
            problems.append(
                Problem(
                    display_path(entry),
                    1,
                    1,
                    f"unknown folder `{entry.name}`; listing folders are "
                    f"{', '.join(KINDS)}" + (f" (did you mean `{hint}`?)" if hint else ""),
                )
            )
    for kind in KINDS:
        folder = root / kind
        if not folder.is_dir():
            continue
        if folder.is_symlink():
            continue  # reported by irregular_entries; a linked folder is never entered
        with os.scandir(folder) as scan:  # DirEntry's file type needs no stat per file, unlike Path.is_dir()
            entries = sorted(
                (
                    item.name,
                    item.is_dir(follow_symlinks=False),
                    item.is_symlink()
                    or not (item.is_dir(follow_symlinks=False) or item.is_file(follow_symlinks=False)),
                )
                for item in scan
            )
        for name, is_dir, irregular in entries:
            if name.startswith(".") or irregular:  # links, devices, FIFOs: reported by irregular_entries
                continue
            entry = folder / name
            if is_dir:
                problems.append(
                    Problem(
                        display_path(entry),
                        1,
                        1,
                        "folders inside a kind folder are not read; put listing files directly in " + kind + "/",
                    )
                )
            elif entry.suffix == ".yaml":
                files.append((kind, entry))
            elif entry.suffix.lower() in (".yml", ".yaml"):  # .yml, .YAML: otherwise skipped without a word
                problems.append(
                    Problem(display_path(entry), 1, 1, f"rename to `{entry.stem}.yaml`; listing files end in .yaml")
                )
    return files, problems


def load_listing(
    kind: str,
    path: Path,
    taxonomy: Taxonomy,
    shown: str | None = None,
    *,
    positions_on_demand: bool = False,
    raw: bytes | None = None,
) -> tuple[ListingRecord | None, list[Problem]]:
    """One listing and its problems. positions_on_demand: see load_yaml_file; for records that are not kept.
    raw: the file's bytes, when the caller has read them already (see load_yaml_file)."""
    shown = shown or display_path(path)
    problems: list[Problem] = []
    listing_id = path.stem
    if not ID_PATTERN.match(listing_id):
        suggestion = _slug(listing_id)
        problems.append(
            Problem(
                shown,
                1,
                1,
                f"file name `{path.name}` is not a valid listing id: use 3 to 64 "
                f"lowercase letters, digits and hyphens"
                + (f" (such as `{suggestion}.yaml`)" if len(suggestion) >= 3 else ""),
            )
        )
    doc, load_problems = load_yaml_file(path, shown, positions_on_demand=positions_on_demand, raw=raw)
    problems.extend(load_problems)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        problems.append(Problem(shown, 1, 1, "a listing file must be a mapping of fields (name: ..., summary: ...)"))
        return None, problems
    if "kind" in doc.data:
        line, column = doc.position(("kind",), key=True)
        problems.append(Problem(shown, line, column, f"remove `kind`: the folder says this is a {kind} listing"))
        doc.data = {k: v for k, v in doc.data.items() if k != "kind"}
    # Rules read the raw data, so they report even when the model check fails.
    numbers, rule_problems = check_listing(doc, shown, taxonomy)
    problems.extend(rule_problems)
    try:
        listing = KIND_MODELS[kind].model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(problems_from_validation_error(exc, doc, shown, kind))
        return None, problems
    return ListingRecord(listing_id, kind, path, shown, listing, doc, numbers), problems


@contextmanager
def collector_paused():
    """Loading allocates millions of small objects that all stay alive (nodes, marks, models), so the
    cyclic garbage collector's full passes find nothing and cost over half the time at 10,000 listings.
    It is paused while loading, never left off."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_directory(root: Path | str) -> Directory:
    """Load and validate everything; problems are collected, never raised."""
    with collector_paused():
        return _load_directory(Path(root))


def _shown_paths(root: Path, files: list[tuple[str, Path]]) -> list[str]:
    """display_path() of every listing file, from one relpath of the root rather than one per file."""
    base = display_path(root)
    return [
        os.path.join(kind, path.name) if base == "." else os.path.join(base, kind, path.name) for kind, path in files
    ]


def _duplicate_ids(files: list[tuple[str, Path]], shown: list[str]) -> list[Problem]:
    problems = []
    seen_ids: dict[str, str] = {}
    for (_kind, path), path_shown in zip(files, shown):
        if path.stem in seen_ids:
            problems.append(
                Problem(
                    path_shown,
                    1,
                    1,
                    f"listing id `{path.stem}` is already used by "
                    f"{seen_ids[path.stem]}; ids are unique across all kinds",
                )
            )
        seen_ids.setdefault(path.stem, path_shown)
    return problems


def _load_directory(root: Path) -> Directory:
    problems = Problems()
    if not root.is_dir():  # one clear error, not a missing taxonomy on top
        problems.extend(listing_files(root)[1])
        return Directory(root, Taxonomy(), [], problems)
    taxonomy, scan_problems, items = _scan(root)
    problems.extend(scan_problems)
    records: list[ListingRecord] = []
    for kind, path, path_shown in items:
        record, listing_problems = load_listing(kind, path, taxonomy, path_shown)
        problems.extend(listing_problems)
        if record is not None:
            records.append(record)
    problems.extend(check_shared_contacts([r for r in records if r.published]))
    countries, country_problems = _load_profiles(root)
    problems.extend(country_problems)
    problems.extend(check_profiles(countries, (places_of(r) for r in records), has_profiles(root)))
    return Directory(root, taxonomy, records, problems, countries)


def _load_profiles(root: Path) -> tuple[dict[str, CountryRecord], list[Problem]]:
    files, problems = profile_files(root, display_path(root))
    profiles: dict[str, CountryRecord] = {}
    for code, path, shown in files:
        record, profile_problems = load_profile(code, path, shown)
        problems.extend(profile_problems)
        if record is not None:
            profiles[code] = record
    return profiles, problems


# --- checking only: what `kindred validate` needs, in two processes when that is faster -------------------------

PARALLEL_MIN_FILES = 1_000  # below this (about 0.25 s of work), a second process saves too little


@dataclass
class DirectoryCheck:
    """The problems of a directory and how many listings were read, without the listings themselves."""

    root: Path
    problems: Problems
    listings: int
    published: int

    @property
    def ok(self) -> bool:
        return not self.problems.errors


Made = list[tuple[str, str | None]]  # (cache key, its new result or None when the cache had it), file by file


def _check_files(
    files: list[tuple[str, Path, str]], taxonomy: Taxonomy, cache: ValidateCache | None = None
) -> tuple[list[Problem], int, int, list, list, Made]:
    """Load some listing files (in a worker process, or this one): problems, counts, shared-contact entries,
    places, and with a cache, each file's key and its result when it was not in the cache."""
    with collector_paused():
        problems: list[Problem] = []
        listings = published = 0
        shares = []
        places = []
        made: Made = []
        for kind, path, path_shown in files:
            raw = key = None
            if cache is not None:
                raw, key = cache.read(kind, path, path_shown)
                found = None if key is None else cache.lookup(key, path_shown)
                if found is not None:
                    found_problems, found_read, found_published, found_share, found_places = found
                    problems.extend(found_problems)
                    listings += found_read
                    published += found_published
                    if found_share is not None:
                        shares.append(found_share)
                    if found_places is not None:
                        places.append(found_places)
                    made.append((key, None))  # type: ignore[arg-type]  # key is set when found is
                    continue
                if key is not None and raw is None:  # a kept result not fit to use: read the file again, so
                    raw, key = cache.read(kind, path, path_shown)  # the new result is keyed by its own bytes
            # The record is dropped once counted, so its positions are found only when a problem needs one.
            record, listing_problems = load_listing(kind, path, taxonomy, path_shown, positions_on_demand=True, raw=raw)
            problems.extend(listing_problems)
            share = where = None
            if record is not None:
                listings += 1
                where = places_of(record)
                places.append(where)
                if record.published:
                    published += 1
                    share = (record.key, share_entries(record))
                    shares.append(share)
            if key is not None:
                made.append(
                    (
                        key,
                        encode(
                            path_shown,
                            listing_problems,
                            record is not None,
                            bool(record and record.published),
                            share,
                            where,
                        ),
                    )
                )
        return problems, listings, published, shares, places, made


def _scan(root: Path) -> tuple[Taxonomy, list[Problem], list[tuple[str, Path, str]]]:
    """The taxonomy, the problems found before reading any listing, and (kind, path, shown path) per file."""
    taxonomy, taxonomy_problems = load_taxonomy(root / TAXONOMY_FILE, display_path(root / TAXONOMY_FILE))
    if not taxonomy_problems:
        taxonomy_problems = load_translations(root, taxonomy, display_path)
    files, file_problems = listing_files(root)
    shown = _shown_paths(root, files)
    unsafe = irregular_entries(root, display_path(root))
    # A linked taxonomy.yaml is reported by both the walk and its reader, in the same words: keep one.
    problems = list(dict.fromkeys(unsafe + file_problems + taxonomy_problems + _duplicate_ids(files, shown)))
    return taxonomy, problems, [(kind, path, path_shown) for (kind, path), path_shown in zip(files, shown)]


def _part(items: list, part: int, parts: int) -> list[list]:
    """One process's share: part `part` of `parts` of each kind's files, one piece per kind. Helplines cost
    more to check than the rest (more numbers), so each process takes some of every kind; the pieces, put
    back kind by kind and part by part, are the file list in order."""
    pieces = []
    for kind in KINDS:
        group = [item for item in items if item[0] == kind]
        size = -(-len(group) // parts)
        pieces.append(group[part * size : (part + 1) * size])
    return pieces


def _check_pieces(pieces: list[list], taxonomy: Taxonomy, cache: ValidateCache | None = None) -> list[tuple]:
    if cache is None:  # as tests replace _check_files, with its first two arguments
        return [_check_files(piece, taxonomy) for piece in pieces]
    return [_check_files(piece, taxonomy, cache) for piece in pieces]


def _fingerprint(items: list[tuple[str, Path, str]]) -> int:
    return zlib.crc32("\n".join(f"{kind}/{path.name}" for kind, path, _ in items).encode("utf-8", "surrogatepass"))


def _check_part(root: Path, part: int, parts: int, cache: ValidateCache | None = None) -> tuple[int, list[tuple]]:
    """In another process: scan the directory too (at the same time as this one) and check one part of it.
    The fingerprint of the files it saw lets the caller make sure both processes split the same list."""
    taxonomy, _, items = _scan(root)
    return _fingerprint(items), _check_pieces(_part(items, part, parts), taxonomy, cache)


def _file_count(root: Path) -> int:
    total = 0
    for kind in KINDS:
        try:
            total += len(os.listdir(root / kind))
        except OSError:
            pass
    return total


def check_directory(root: Path | str, workers: int | None = None, cache: ValidateCache | None = None) -> DirectoryCheck:
    """Every problem load_directory(root) reports, the same ones, without keeping the listings.

    With at least PARALLEL_MIN_FILES files and two CPUs, a forked process checks the second half of
    each kind's files while this one checks the first halves; results are merged in file order, so the
    report is identical. Should the other process fail, or see other files, its part is checked here.

    cache: each file's result is taken from it when its key is there, and this run's results are kept in it
    (validate_cache.py); the checks across files run on all of them, as without it.
    """
    from .forked import Forked, WorkerFailed, can_fork

    root = Path(root)
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    if not root.is_dir():
        directory = load_directory(root)
        return DirectoryCheck(root, directory.problems, 0, 0)
    parts = workers if workers > 1 and can_fork() and _file_count(root) >= PARALLEL_MIN_FILES else 1
    scanned = None
    if cache is not None:
        cache.open()  # before any fork: the other process uses what it read
        if cache.warm and parts > 1:
            # Most files are likely in the cache: read them all and key them first, and share out the work
            # only if enough of them must be checked afresh (a fork and the hand-over cost more than they save).
            scanned = _scan(root)
            if cache.prepare(scanned[2]) < PARALLEL_MIN_FILES:
                parts = 1
    others = None
    if parts > 1:
        try:  # started first, so that it scans the directory while this one does
            others = Forked(
                lambda part: _check_part(root, part, parts, cache), range(1, parts), parts - 1, background=True
            )
        except OSError:
            others = None
    taxonomy, scan_problems, items = scanned or _scan(root)
    by_part = [_check_pieces(_part(items, 0, parts), taxonomy, cache)]
    fingerprint = _fingerprint(items)
    theirs: list = [None] * (parts - 1)
    if others is not None:
        try:
            theirs = others.results()
        except (OSError, WorkerFailed):
            pass
    for part in range(1, parts):
        result = None
        if theirs[part - 1] is not None:
            seen, result = theirs[part - 1]
            if seen != fingerprint:
                result = None  # a file came or went between the two scans
        by_part.append(result or _check_pieces(_part(items, part, parts), taxonomy, cache))
    results = [by_part[part][kind] for kind in range(len(KINDS)) for part in range(parts)]  # file order
    problems = Problems(list(scan_problems))
    listings = published = 0
    shares: list = []
    places: list = []
    made: Made = []
    for chunk_problems, chunk_listings, chunk_published, chunk_shares, chunk_places, *chunk_made in results:
        problems.extend(chunk_problems)
        listings += chunk_listings
        published += chunk_published
        shares.extend(chunk_shares)
        places.extend(chunk_places)
        if chunk_made:
            made.extend(chunk_made[0])
    problems.extend(shared_contact_problems(shares))
    countries, country_problems = _load_profiles(root)
    problems.extend(country_problems)
    problems.extend(check_profiles(countries, places, has_profiles(root)))
    if cache is not None:
        cache.save(made)
    return DirectoryCheck(root, problems, listings, published)


# --- loading for a build: the listings kept without their YAML, in several processes, and again on a rebuild --


@dataclass
class _FileResult:
    """One listing file, loaded for a build: its problems, and its record with what the checks across listings
    need from it (worked out while its YAML was at hand)."""

    problems: list[Problem]
    record: ListingRecord | None = None
    share: tuple | None = None  # (listing key, share entries) for a published listing
    places: object = None  # countries.places_of(record)


def _load_files(files: list[tuple[str, Path, str]], taxonomy: Taxonomy) -> list[_FileResult]:
    """Load some listing files and keep the records.

    Everything that needs the file's YAML is worked out here, so each record keeps its digest but neither the
    positions nor the raw data (a build reads the validated listing; at 10,000 listings they would be a
    third of the directory's memory)."""
    with collector_paused():
        results = []
        for kind, path, path_shown in files:
            record, listing_problems = load_listing(kind, path, taxonomy, path_shown, positions_on_demand=True)
            if record is None:
                results.append(_FileResult(listing_problems))
                continue
            share = (record.key, share_entries(record)) if record.published else None
            places = places_of(record)
            record.doc = Document(None, digest=record.doc.digest)
            results.append(_FileResult(listing_problems, record, share, places))
        return results


def _load_pieces(pieces: list[list], taxonomy: Taxonomy) -> list[list[_FileResult]]:
    return [_load_files(piece, taxonomy) for piece in pieces]


Stamp = tuple[int, int, int, int]


def _stamp(path: Path) -> Stamp | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _context_stamps(root: Path) -> list[tuple[str, Stamp | None]]:
    """What every listing is checked against besides its own file: the taxonomy files and the country profiles."""
    paths = [root / TAXONOMY_FILE, *sorted(root.glob("taxonomy.*.yaml"))]
    countries = root / COUNTRIES_FOLDER
    if countries.is_dir():
        paths += sorted(countries.iterdir())
    return [(str(path), _stamp(path)) for path in paths]


class DirectoryReader:
    """load_directory_for_build, again and again (`mkdocs serve` rebuilds on every save): a listing file whose
    size, times and inode are what they were at the last load is not read again, as long as the taxonomy and
    the country profiles have not changed either. The result is what load_directory gives for the directory
    as it is now (tests/test_directory.py checks it after each kind of change)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers
        self.root: Path | None = None
        self.context: list | None = None
        self.known: dict[Path, tuple[Stamp, str, _FileResult]] = {}
        self.read = 0  # listing files the last load read

    def load(self, root: Path | str) -> Directory:
        root = Path(root)
        if not root.is_dir():
            self.root, self.known = None, {}
            return load_directory(root)
        with collector_paused():
            context = _context_stamps(root)
            taxonomy, scan_problems, items = _scan(root)
            if root != self.root or context != self.context:
                self.known = {}
            self.root, self.context = root, context
            stamps = {path: _stamp(path) for _, path, _ in items}
            results: dict[Path, _FileResult] = {}
            todo = []
            for kind, path, path_shown in items:
                known = self.known.get(path)
                if known is not None and stamps[path] is not None and known[:2] == (stamps[path], path_shown):
                    results[path] = known[2]
                else:
                    todo.append((kind, path, path_shown))
            for (_, path, _), result in zip(todo, self._read(todo, taxonomy)):
                results[path] = result
            self.read = len(todo)
            self.known = {
                path: (stamp, path_shown, results[path])
                for _, path, path_shown in items
                if (stamp := stamps[path]) is not None
            }
        problems = Problems(list(scan_problems))
        records: list[ListingRecord] = []
        shares: list = []
        places: list = []
        for _, path, _ in items:
            result = results[path]
            problems.extend(result.problems)
            if result.record is not None:
                records.append(result.record)
                places.append(result.places)
            if result.share is not None:
                shares.append(result.share)
        problems.extend(shared_contact_problems(shares))
        countries, country_problems = _load_profiles(root)
        problems.extend(country_problems)
        problems.extend(check_profiles(countries, places, has_profiles(root)))
        return Directory(root, taxonomy, records, problems, countries)

    def _read(self, todo: list[tuple[str, Path, str]], taxonomy: Taxonomy) -> list[_FileResult]:
        """The files' results in their order, read by several processes when there are enough of them."""
        from .forked import Forked, cpu_count

        wanted = cpu_count() if self.workers is None else self.workers
        parts = wanted if wanted > 1 and len(todo) >= PARALLEL_MIN_FILES else 1
        # Parts 1.. in forked processes (or here, after part 0, where forking is not possible).
        others = Forked(
            lambda part: _load_pieces(_part(todo, part, parts), taxonomy),
            range(1, parts),
            parts - 1,
            background=True,
            defer=True,
        )
        by_part = [_load_pieces(_part(todo, 0, parts), taxonomy), *others.results()]
        # Each part holds one piece per kind: kind by kind, part by part, is the file order.
        return [result for kind in range(len(KINDS)) for part in range(parts) for result in by_part[part][kind]]


def load_directory_for_build(root: Path | str, workers: int | None = None) -> Directory:
    """What load_directory(root) gives (the same listings, the same problems in the same order), with the files
    read by `workers` processes when there are enough of them (as check_directory does), and the records kept
    without their YAML (no positions: ListingRecord.line_of says line 1; no raw data): for building a site."""
    return DirectoryReader(workers).load(root)
