"""What a build made before, kept under .cache/kindred/ (beside the search index) by a digest of its inputs.

A rendered listing page, or a listing's part of the open data, depends on the listing's file, the taxonomy,
the country profiles, the templates and code, the installed packages, the site's settings, the page
language and its catalogue. The caller names all of them in `key(...)`; an entry is found only by that
digest, so an entry made from other inputs is never found, and a rebuild re-renders only what changed.

An entry is a file: a header line (format, kind, key, the SHA-256 and length of the content) and the content,
compressed. On reading, anything that does not match (another format, another key: a file copied or
renamed; a wrong length or digest: a file cut short, changed, or being written by another build at that
moment) is not used: the caller makes the thing again and the entry is replaced. Nothing read from the cache
is trusted more than that: no code is loaded from it (no pickle), only bytes the caller would have made.

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
import shutil
import sys
import zlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FORMAT = b"kindred-cache 1"
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

    def __init__(self, kind: str, folder: Path | None = None) -> None:
        self.kind = kind
        base = folder if folder is not None else cache_dir()
        self.folder = base / kind / code_fingerprint()[:16] if enabled() else None
        self.hits = 0
        self.misses = 0
        self.refused = 0  # entries found but not used: corrupt, cut short, or made for another key
        self.writable = True
        self.folders: set[Path] = set()  # made already

    def path(self, digest: str) -> Path:
        assert self.folder is not None
        return self.folder / digest[:2] / digest

    def get(self, digest: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            with open(self.path(digest), "rb") as handle:
                raw = handle.read()
        except OSError:
            self.misses += 1
            return None
        content = self._content(raw, digest)
        if content is None:
            self.refused += 1
            self.misses += 1
            return None
        self.hits += 1
        return content

    def _content(self, raw: bytes, digest: str) -> bytes | None:
        header, newline, body = raw.partition(b"\n")
        parts = header.split(b" ")
        if not newline or len(parts) != 6 or b" ".join(parts[:2]) != FORMAT:
            return None
        kind, found_key, checksum, length = parts[2:]
        if kind != self.kind.encode() or found_key != digest.encode():
            return None
        try:
            content = zlib.decompress(body)
        except zlib.error:
            return None
        if str(len(content)).encode() != length or hashlib.sha256(content).hexdigest().encode() != checksum:
            return None
        return content

    def put(self, digest: str, content: bytes) -> None:
        if self.folder is None or not self.writable:
            return
        target = self.path(digest)
        header = b" ".join(
            [
                FORMAT,
                self.kind.encode(),
                digest.encode(),
                hashlib.sha256(content).hexdigest().encode(),
                str(len(content)).encode(),
            ]
        )
        try:
            if target.parent not in self.folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                self.folders.add(target.parent)
            # Written in place, not to a temporary file renamed (a build writes tens of thousands of entries, and
            # each file operation counts): an entry read half-written, or written by two builds at once, does
            # not match its length and digest, so it is not used (get) and is written again.
            with open(target, "wb") as handle:
                handle.write(header + b"\n" + zlib.compress(content, 1))
        except OSError as error:  # a read-only checkout still builds, just without the cache
            self.writable = False
            log.debug("kindred: %s cache not written: %s", self.kind, error)

    def get_or_make(self, digest: str, make) -> bytes:
        found = self.get(digest)
        if found is not None:
            return found
        content = make()
        self.put(digest, content)
        return content


KINDS = ("listing-pages", "hsds")
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
