"""`kindred validate`'s result for each listing file, kept between runs under .cache/kindred/validate/.

The usual loop is: edit one file, validate again. A listing file's result (its problems, whether it was read,
and what the checks across files need from it) depends only on:

- the file's bytes, its kind and its path (as messages show it);
- the code (render_cache.code_fingerprint: every file of the generator package, Python's version and the
  versions of the packages it uses);
- the shared inputs: taxonomy.yaml, its translations (taxonomy.*.yaml) and the country profiles;
- the date (a verification date in the future is an error until that day comes);
- the options (--strict), and whether a test allows addresses on 127.0.0.1 (urls.loopback_addresses_allowed).

Each file's result is found by a digest of all of these, so a change to any of them is a miss, and the file is
checked again. The checks across files (duplicate ids, shared numbers and websites, country profiles) and the
checks of the folder itself always run on the whole directory, from what each file's result keeps for them.

All the results of one directory and set of options are kept together in one entry of render_cache.Cache (the
build's cache: same folder, same header with format, kind, key, length and SHA-256, same folder per version of
the code, same pruning), so a run reads one file, not one per listing. An entry that fails any check (cut
short, changed, made for another key, or not in the shape written here) is not used; nothing read from it is
run (JSON, no pickle). A cache folder that cannot be read or written only makes the run slower.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from . import render_cache
from .countries import COUNTRIES_FOLDER, ListingPlaces
from .problems import Problem
from .safe_files import UnsafeFile, read_bounded
from .yamlsafe import MAX_FILE_BYTES

KIND = "validate"
FORMAT = 1
_SHARED_LIMIT = 16 * 1024 * 1024  # bytes of a shared file read for the digest (the taxonomy is far smaller)

# One file's result, as kept (encode): [problems, read (0/1), published (0/1), share or None, places or None],
# where a problem is [path, line, column, message, severity, field], a share [listing key, [entry, ...]] with
# an entry as rules.ShareEntry, and places ListingPlaces' fields in order.


def _file_digest(path: Path) -> str:
    try:
        raw = read_bounded(path, _SHARED_LIMIT)
    except UnsafeFile as exc:  # a link or a device: its reader reports it; here it is only told apart
        return f"unread: {exc}"
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def shared_inputs(root: Path) -> list[tuple[str, str]]:
    """(name, digest of its bytes) of every file each listing is checked against besides its own."""
    paths = [root / "taxonomy.yaml"]
    try:
        paths += sorted(root.glob("taxonomy.*.yaml"))
    except OSError:
        pass
    countries = root / COUNTRIES_FOLDER
    try:
        with os.scandir(countries) as scan:
            paths += sorted(countries / entry.name for entry in scan)
    except OSError:
        pass
    return [(path.relative_to(root).as_posix(), _file_digest(path)) for path in paths]


def loopback_allowed() -> bool:
    from .urls import _loopback_allowed

    return _loopback_allowed.get()


def today() -> str:
    """The date that checks against today (a verification date in the future) read."""
    return dt.date.today().isoformat()


_ENCODE = json.JSONEncoder(separators=(",", ":")).encode  # one line: JSON escapes every newline in a string


def encode(
    shown: str,
    problems: list[Problem],
    read: bool,
    published: bool,
    share: tuple | None,
    places: ListingPlaces | None,
) -> str:
    """One file's result as one line of JSON. The file's own path (shown), which most problems, every share entry
    and its places name, is written as null (a third of the size otherwise)."""

    def path(text: str) -> str | None:
        return None if text == shown else text

    return _ENCODE(
        [
            [[path(p.path), p.line, p.column, p.message, p.severity, p.field] for p in problems],
            int(read),
            int(published),
            None if share is None else [share[0], [[e[0], path(e[1]), *e[2:]] for e in share[1]]],
            None
            if places is None
            else [
                places.id,
                places.published,
                places.countries,
                path(places.display_path),
                places.lines,
                places.columns,
            ],
        ]
    )


def decode(text: str, shown: str) -> tuple[list[Problem], bool, bool, tuple | None, ListingPlaces | None] | None:
    """What encode() was given, or None for anything not in that shape. (An entry that passed the cache's
    checks was written by this code for this key: the shape is checked, not every value.)"""
    try:
        found, read, published, share, places = json.loads(text)
        problems = [
            Problem(shown if problem[0] is None else problem[0], *problem[1:]) for problem in found if len(problem) == 6
        ]
        if len(problems) != len(found) or read not in (0, 1) or published not in (0, 1):
            return None
        shared = None
        if share is not None:
            key, entries = share
            shared = (
                key,
                [(item[0], shown if item[1] is None else item[1], *item[2:]) for item in entries if len(item) == 6],
            )
            if len(shared[1]) != len(entries):
                return None
        where = None
        if places is not None:
            listing_id, listed, countries, display, lines, columns = places
            where = ListingPlaces(
                listing_id,
                listed,
                tuple(countries),
                shown if display is None else display,
                tuple(lines),
                tuple(columns),
            )
        return problems, bool(read), bool(published), shared, where
    except (TypeError, ValueError, IndexError):
        return None


class ValidateCache:
    """The results of the last run over one directory with the same options, and the keys of this run's files.

    open() before the files are checked (and before any other process is forked, which then shares what was
    read); read() for each file, lookup() its key; save() with every file's key and result once all are known.
    When the last run had the same code, date, shared inputs and options (warm), prepare() reads every file
    first and tells how many must be checked afresh, so the caller can decide whether another process helps."""

    def __init__(self, root: Path, options: dict[str, Any], folder: Path | None = None) -> None:
        self.root = Path(root)
        self.options = dict(options)
        self.folder = folder
        self.store = render_cache.Cache(KIND, folder)
        self.name = render_cache.key(KIND, FORMAT, str(self.root.resolve()), self.options)
        self.context = b""
        self.entries: dict[str, str] = {}  # key -> encoded result
        self.warm = False  # the last run's results were made with this run's context
        self.prepared: dict[Path, tuple[bytes | None, str | None]] = {}  # prepare(): bytes (misses only), key
        self.hits = 0  # of the last run: files whose result came from the cache
        self.misses = 0  # files checked afresh (a file that cannot be read safely is neither)

    def _context(self) -> bytes:
        return render_cache.key(
            KIND,
            FORMAT,
            render_cache.code_fingerprint(),
            today(),
            self.options,
            shared_inputs(self.root),
            loopback_allowed(),  # tests' own servers on 127.0.0.1 (urls.loopback_addresses_allowed)
        ).encode()

    def open(self) -> None:
        self.entries = {}
        try:
            self.context = self._context()
        except OSError:  # the code or a shared input cannot be read: check everything, keep nothing
            self.context = b""
            return
        content = self.store.get(self.name)
        if content is None:
            return
        # A header line, then one line per file: its key, a space, its encoded result (decoded when used).
        try:
            header, *lines = content.decode("utf-8").split("\n")
            kept = json.loads(header)
        except ValueError:  # UnicodeDecodeError included
            return
        if not isinstance(kept, dict) or kept.get("format") != FORMAT:
            return
        self.entries = dict(line.split(" ", 1) for line in lines if " " in line)
        self.warm = kept.get("context") == self.context.decode()

    def prepare(self, items: list[tuple[str, Path, str]]) -> int:
        """Read every file and work out its key now; the number of files not in the cache."""
        misses = 0
        for kind, path, shown in items:
            raw, key = self.read(kind, path, shown)
            if key is not None and key in self.entries:
                raw = None  # not needed again
            else:
                misses += 1
            self.prepared[path] = (raw, key)
        return misses

    def read(self, kind: str, path: Path, shown: str) -> tuple[bytes | None, str | None]:
        """The file's bytes (None if it cannot be read safely: its check says why) and its key (None when its
        result must not be kept: a file over the size limit is reported with a size these bytes do not tell)."""
        prepared = self.prepared.pop(path, None)
        if prepared is not None and (prepared[0] is not None or prepared[1] in self.entries):
            return prepared
        try:
            raw = read_bounded(path, MAX_FILE_BYTES)
        except UnsafeFile:
            return None, None
        if len(raw) > MAX_FILE_BYTES:
            return raw, None
        digest = hashlib.blake2b(self.context, digest_size=20)
        digest.update(b"\x00".join([kind.encode(), os.fsencode(path), shown.encode("utf-8", "surrogatepass"), b""]))
        digest.update(raw)
        return raw, digest.hexdigest()

    def lookup(self, key: str, shown: str):
        """decode() of the key's result, or None."""
        entry = self.entries.get(key)
        return None if entry is None else decode(entry, shown)

    def save(self, made: list[tuple[str, str | None]]) -> None:
        """Keep this run's results: (key, result) per file, result None where it came from the cache. Nothing is
        kept if a shared input changed while the files were checked (the results may mix the two)."""
        self.hits = sum(1 for _, entry in made if entry is None)
        self.misses = len(made) - self.hits
        entries = {key: entry if entry is not None else self.entries[key] for key, entry in made}
        if not self.misses and entries.keys() == self.entries.keys():
            return  # the entry holds exactly these results already
        try:
            if not self.context or self._context() != self.context:
                return
        except OSError:
            return
        header = json.dumps({"format": FORMAT, "context": self.context.decode()})
        content = "\n".join([header, *(f"{key} {entry}" for key, entry in entries.items())]).encode()
        self.store.put(self.name, content)
        if self.store.writable:
            render_cache.prune(self.folder, kinds=(KIND,))
