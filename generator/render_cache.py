"""What a build made before, kept under .cache/kindred/ (beside the search index) by a digest of its inputs.

A rendered listing page, or a listing's part of the open data, depends on the listing's file, the taxonomy,
the country profiles, the templates and code, the installed packages, the site's settings, the page
language and its catalogue. The caller names all of them in `key(...)`; an entry is found only by that
digest, so an entry made from other inputs is never found, and a rebuild re-renders only what changed.

An entry is a header line (format, kind, key, the SHA-256 and length of the content, the length of what
follows) and the content, compressed. Entries are appended to pack files, one per process that writes (a clean
build of 10,000 listings makes 20,000 entries, and a file each cost more system time than all of their
writing): a process reads the packs' header lines once, for an index of key -> place, and then reads each
entry it needs where it is. On reading, anything that does not match (another format, another kind, another
key; a wrong length or digest: an entry cut short, changed, or being written by another build at that moment)
is not used: the caller makes the thing again and appends it, and the newest entry for a key that reads back
whole is the one used. A kind with few entries, each replaced often (PACKED lists the others), keeps an entry
per file instead, with the same header (but the last length) and the same checks. Nothing read from the
cache is trusted more than that: no code is loaded from it (no pickle), only bytes the caller would have made.

Entries live in a folder per version of the code (its fingerprint), since a change to the code makes every
key new: prune() removes all but the newest versions' folders, so the cache does not grow with each change.

KINDRED_CACHE_DIR moves the folder; KINDRED_CACHE=0 turns the cache off. A read-only checkout builds
without it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
import sys
import time
import zlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FORMAT = b"kindred-cache 2"  # an entry in a pack
FILE_FORMAT = b"kindred-cache 1"  # an entry that is a file of its own
PACK_SUFFIX = ".pack"
# The build's kinds (prune() keeps their newest versions). They are made of many entries, which go into packs;
# any other kind (the validate cache's one entry per directory, replaced on each run) keeps an entry per file,
# replaced in place, so the folder does not grow with each run.
KINDS = ("listing-pages", "hsds")
PACKED = frozenset(KINDS)
_HEADER_MAX = 512  # bytes: a header line longer than this is not one
PACKAGE = Path(__file__).resolve().parent
# What the pages and exports are made with, besides this package: their versions are part of every key.
DEPENDENCIES = (
    "mkdocs",
    "mkdocs-material",
    "Jinja2",
    "MarkupSafe",
    "PyYAML",
    "pydantic",
    "pydantic-core",
    "phonenumbers",
    "pycountry",
    "langcodes",
    "language-data",
    "babel",
    "nh3",
    "markdown-it-py",
    "ada-url",
    "idna",
    "email-validator",
    "tzdata",
)


def cache_dir() -> Path:
    """The same folder as the search index's (generator/search/index.py)."""
    return Path(os.environ.get("KINDRED_CACHE_DIR") or Path.cwd() / ".cache" / "kindred")


def enabled() -> bool:
    return os.environ.get("KINDRED_CACHE", "1") != "0"


def key(*parts: Any) -> str:
    """A digest of every input, each JSON-encoded (so ("a", "bc") and ("ab", "c") differ)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(
            json.dumps(part, sort_keys=True, ensure_ascii=False, default=repr).encode("utf-8", "surrogatepass")
        )
        digest.update(b"\x00")
    return digest.hexdigest()


def _files_digest(root: Path, skip: tuple[str, ...] = ()) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if not path.is_file() or "__pycache__" in path.parts or relative.startswith(skip):
            continue
        digest.update(relative.encode("utf-8") + b"\x00" + path.read_bytes() + b"\x00")
    return digest.hexdigest()


@lru_cache(maxsize=8)
def code_fingerprint(root: Path = PACKAGE) -> str:
    """Every file of the package (code, templates, browser code) but its catalogues, which each language's key
    names on its own (catalogue_digest), with Python's version and the dependencies' versions."""
    versions = {}
    for name in DEPENDENCIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = ""
    return key("code", _files_digest(root, skip=("locale/",)), sys.version, versions)


@lru_cache(maxsize=32)
def catalogue_digest(code: str) -> str:
    """The language's catalogue file, as the build reads it (generator/i18n/catalogues.py); "" for English."""
    from .i18n.catalogues import catalogue_path

    path = catalogue_path(code)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


class Cache:
    """Entries of one kind ("page", "hsds-service", ...) under the cache folder; folder None: nothing is kept."""

    def __init__(self, kind: str, folder: Path | None = None, *, packed: bool | None = None) -> None:
        self.kind = kind
        self.packed = kind in PACKED if packed is None else packed
        base = folder if folder is not None else cache_dir()
        self.folder = base / kind / code_fingerprint()[:16] if enabled() else None
        self.hits = 0
        self.misses = 0
        self.refused = 0  # entries found but not used: corrupt, cut short, or made for another key
        self.writable = True
        self._index: dict[str, list[tuple[str, int, int]]] | None = None  # key -> [(pack, offset, size)], oldest first
        # (process id, pack name, unbuffered file) this process appends to
        self._pack: tuple[int, str, Any] | None = None
        self._pack_size = 0
        self._readers: dict[str, tuple[int, int]] = {}  # pack name -> (process id, file descriptor)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_pack": None, "_readers": {}}

    def close(self) -> None:
        """Let go of the packs this process has open (a build makes new caches; `mkdocs serve` builds again and
        again). Called when the cache is collected; using it afterwards opens them again."""
        readers, self._readers = self._readers, {}
        for pid, fd in readers.values():
            if pid == os.getpid():
                try:
                    os.close(fd)
                except OSError:
                    pass
        if self._pack is not None and self._pack[0] == os.getpid():
            self._pack[2].close()
        self._pack = None

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def _entries(self) -> dict[str, list[tuple[str, int, int]]]:
        if self._index is None:
            self._index = {}
            assert self.folder is not None
            try:
                packs = sorted(p for p in self.folder.iterdir() if p.name.endswith(PACK_SUFFIX))
            except OSError:
                packs = []
            for pack in packs:
                for digest, offset, size in _scanned_entries(pack):
                    self._index.setdefault(digest, []).append((pack.name, offset, size))
        return self._index

    def _read(self, pack: str, offset: int, size: int) -> bytes:
        assert self.folder is not None
        pid = os.getpid()
        found = self._readers.get(pack)
        if found is None or found[0] != pid:
            found = (pid, os.open(self.folder / pack, os.O_RDONLY))
            self._readers[pack] = found
        return os.pread(found[1], size, offset)

    def path(self, digest: str) -> Path:
        """The file of an entry of a kind not packed."""
        assert self.folder is not None
        return self.folder / digest[:2] / digest

    def get(self, digest: str) -> bytes | None:
        if self.folder is None:
            return None
        if not self.packed:
            return self._get_file(digest)
        places = self._entries().get(digest)
        if not places:
            self.misses += 1
            return None
        for pack, offset, size in reversed(places):  # the newest first: an entry made again after a bad one
            try:
                raw = self._read(pack, offset, size)
            except OSError:
                continue
            content = self._content(raw, digest)
            if content is not None:
                self.hits += 1
                return content
        self.refused += 1
        self.misses += 1
        return None

    def _content(self, raw: bytes, digest: str, form: bytes = FORMAT) -> bytes | None:
        header, newline, body = raw.partition(b"\n")
        parts = header.split(b" ")
        if not newline or len(parts) != 7 or b" ".join(parts[:2]) != form:
            return None
        kind, found_key, checksum, length, stored = parts[2:]
        if kind != self.kind.encode() or found_key != digest.encode() or str(len(body)).encode() != stored:
            return None
        try:
            content = zlib.decompress(body)
        except zlib.error:
            return None
        if str(len(content)).encode() != length or hashlib.sha256(content).hexdigest().encode() != checksum:
            return None
        return content

    def _get_file(self, digest: str) -> bytes | None:
        try:
            with open(self.path(digest), "rb") as handle:
                raw = handle.read()
        except OSError:
            self.misses += 1
            return None
        header, newline, body = raw.partition(b"\n")
        content = self._content(header + b" " + str(len(body)).encode() + newline + body, digest, FILE_FORMAT)
        if content is None:
            self.refused += 1
            self.misses += 1
            return None
        self.hits += 1
        return content

    def _put_file(self, digest: str, header: bytes, body: bytes) -> None:
        target = self.path(digest)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Written in place, not to a temporary file renamed: an entry read half-written, or written by two
            # runs at once, does not match its length and digest, so it is not used (get) and is written again.
            with open(target, "wb") as handle:
                handle.write(header + b"\n" + body)
        except OSError as error:  # a read-only checkout still works, just without the cache
            self.writable = False
            log.debug("kindred: %s cache not written: %s", self.kind, error)

    def put(self, digest: str, content: bytes) -> None:
        if self.folder is None or not self.writable:
            return
        body = zlib.compress(content, 1)
        fields = [self.kind.encode(), digest.encode(), hashlib.sha256(content).hexdigest().encode()]
        fields.append(str(len(content)).encode())
        if not self.packed:
            self._put_file(digest, b" ".join([FILE_FORMAT, *fields]), body)
            return
        header = b" ".join([FORMAT, *fields, str(len(body)).encode()])
        entry = header + b"\n" + body
        try:
            pid = os.getpid()
            if self._pack is None or self._pack[0] != pid:  # a forked worker appends to a pack of its own
                self.folder.mkdir(parents=True, exist_ok=True)
                # Named so that packs sort oldest first (the newest entry for a key wins), and never alike.
                name = f"{time.time_ns():020d}-{pid}-{secrets.token_hex(4)}{PACK_SUFFIX}"
                self._pack = (pid, name, open(self.folder / name, "xb", buffering=0))
                self._pack_size = 0
            # One write per entry, unbuffered: a worker process that ends leaves no entry half in memory, and an
            # entry read while it is being written, or cut short, does not match its lengths and is not used.
            self._pack[2].write(entry)
        except OSError as error:  # a read-only checkout still builds, just without the cache
            self.writable = False
            log.debug("kindred: %s cache not written: %s", self.kind, error)
            return
        if self._index is not None:
            self._index.setdefault(digest, []).append((self._pack[1], self._pack_size, len(entry)))
        self._pack_size += len(entry)

    def get_or_make(self, digest: str, make) -> bytes:
        found = self.get(digest)
        if found is not None:
            return found
        content = make()
        self.put(digest, content)
        return content


# pack -> (size and modification time when scanned, where the scan stopped, its entries): a build makes a cache
# per language, and `mkdocs serve` makes them again on every rebuild; each reads the packs' headers only once in a
# process, and then only what was appended since. A pack changed in any other way is scanned again.
_SCANNED: dict[Path, tuple[tuple[int, int], int, list[tuple[str, int, int]]]] = {}


def _scanned_entries(pack: Path) -> list[tuple[str, int, int]]:
    try:
        info = pack.stat()
    except OSError:
        return []
    seen = (info.st_size, info.st_mtime_ns)
    known = _SCANNED.get(pack)
    if known is not None and known[0] == seen:
        return known[2]
    grown = known is not None and info.st_size > known[0][0]
    start, before = (known[1], known[2]) if grown and known is not None else (0, [])
    entries, end = _scan(pack, start)
    entries = before + entries
    _SCANNED[pack] = (seen, end, entries)
    return entries


def index_packs(kinds: tuple[str, ...] = KINDS, folder: Path | None = None) -> None:
    """Read the packs' header lines now: `mkdocs serve` calls it after each build, while it waits for a save, so
    that the rebuild after a save reads only the headers its workers appended, not every pack (at 10,000
    listings in six languages, 70,000 entries and about 0.3 s before the edited page could be written)."""
    if not enabled():
        return
    base = folder if folder is not None else cache_dir()
    for kind in kinds:
        try:
            packs = [p for p in (base / kind / code_fingerprint()[:16]).iterdir() if p.name.endswith(PACK_SUFFIX)]
        except OSError:
            continue
        for pack in packs:
            _scanned_entries(pack)


def pack_entries(pack: Path) -> list[tuple[str, int, int]]:
    """(key, offset, size) of each entry in a pack file, as its header lines give them, up to the first that
    is not a header line or runs past the end (what follows it cannot be found)."""
    return _scan(pack, 0)[0]


def _scan(pack: Path, offset: int) -> tuple[list[tuple[str, int, int]], int]:
    """pack_entries from `offset` on, and where the scan stopped."""
    entries: list[tuple[str, int, int]] = []
    try:
        fd = os.open(pack, os.O_RDONLY)
    except OSError:
        return entries, offset
    try:
        end = os.fstat(fd).st_size
        while offset < end:
            line, newline, _ = os.pread(fd, _HEADER_MAX, offset).partition(b"\n")
            parts = line.split(b" ")
            if not newline or len(parts) != 7 or b" ".join(parts[:2]) != FORMAT or not parts[6].isdigit():
                break
            size = len(line) + 1 + int(parts[6])
            if offset + size > end:
                break
            entries.append((parts[3].decode("ascii", "replace"), offset, size))
            offset += size
    except OSError:
        pass
    finally:
        os.close(fd)
    return entries, offset


RETIRED = ("open-data",)  # kinds no longer kept (the open data is quicker made than read back): removed whole


def prune(folder: Path | None = None, keep: int = 2, kinds: tuple[str, ...] = KINDS) -> list[Path]:
    """After a build: mark the running code's folders as used now, and remove all but the `keep` most recently
    used versions of each kind, and every retired kind's folder. The folders removed."""
    if not enabled():
        return []
    base = folder if folder is not None else cache_dir()
    current = code_fingerprint()[:16]
    removed = []
    for kind in RETIRED:
        if (base / kind).is_dir():
            shutil.rmtree(base / kind, ignore_errors=True)
            removed.append(base / kind)
    for kind in kinds:
        versions = base / kind
        try:
            if (versions / current).is_dir():
                os.utime(versions / current)
            found = sorted((p for p in versions.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            continue
        for old in [p for p in found if p.name != current][max(0, keep - 1) :]:
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old)
    return removed
