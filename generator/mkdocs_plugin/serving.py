"""`mkdocs serve` at 10,000 listings: a save rebuilds what changed, not the whole site, and not from empty.

MkDocs rebuilds the whole site on every save, into the folder it serves, which it empties first. With this
plugin, a rebuild:

- reads again only the listing files that changed (directory.DirectoryReader) and keeps the other listings'
  views (site/pages.py ViewCache);
- writes the plugin's own pages straight into the served folder, each only when a key of everything it shows
  and everything around it changed (PagePlan.inputs, the theme's HTML, the language, the code: fast_pages.py),
  and the data files only when their bytes changed;
- has MkDocs build its own pages (articles, nav pages, the theme's files, its sitemap and search index) into a
  folder of its own, moves them into the served folder when the build is done, and removes from the served
  folder whatever the last build wrote and this one did not.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from typing import Any, BinaryIO

from . import staging


class ServedSite:
    """The folder `mkdocs serve` serves, and what the plugin's last build wrote into it."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.pages: dict[str, dict[str, str]] = {}  # language root ("", "es/") -> {page path: key}
        self.data: dict[str, str] = {}  # data file path (from the site root) -> digest of its bytes
        self.from_mkdocs: set[str] = set()  # what MkDocs wrote last time (from the site root)
        self.scratch = ""
        self.dirty = False  # `mkdocs serve --dirty`: MkDocs writes only what it thinks changed

    def begin(self) -> str:
        """A new, empty folder for MkDocs to build this rebuild's own files into (beside the served folder)."""
        self.scratch = tempfile.mkdtemp(prefix=".kindred-serve-", dir=os.path.dirname(os.path.abspath(self.root)))
        return self.scratch

    def previous_pages(self, prefix: str) -> dict[str, str]:
        return self.pages.get(prefix, {})

    def finish(self, pages: dict[str, dict[str, str]], data: dict[str, str]) -> list[str]:
        """Move MkDocs' files in, remove what no build wrote this time; notes for the log."""
        notes: list[str] = []
        moved: set[str] = set()
        scratch = self.scratch
        for folder, _, names in os.walk(scratch):
            for name in names:
                source = os.path.join(folder, name)
                relative = os.path.relpath(source, scratch).replace(os.sep, "/")
                target = os.path.join(self.root, relative)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.replace(source, target)
                moved.add(relative)
        staging.remove(scratch)
        self.scratch = ""
        written = {prefix + path for prefix, paths in pages.items() for path in paths} | set(data) | moved
        stale = (
            {prefix + path for prefix, paths in self.pages.items() for path in paths}
            | set(self.data)
            | (set() if self.dirty else self.from_mkdocs)
        ) - written
        for relative in sorted(stale):
            try:
                os.unlink(os.path.join(self.root, relative))
            except FileNotFoundError:
                pass
            except OSError as exc:
                notes.append(f"could not remove {relative} from the served site: {exc.strerror}")
        self.pages, self.data = pages, data
        self.from_mkdocs = moved | (self.from_mkdocs - stale if self.dirty else set())
        return notes

    def abandon(self) -> None:
        """After a failed rebuild: the served folder keeps the last good site; MkDocs' half-built files go."""
        if self.scratch:
            staging.remove(self.scratch)
            self.scratch = ""


def site_inputs(config: Any, files: Any, edit_branch: str) -> tuple:
    """Besides a page's own inputs, what the plugin's pages depend on that a rebuild may change: mkdocs.yml, the
    theme overrides, and the articles (their titles are in every page's nav). The theme's HTML is in the page
    writer's key as well (fast_pages.py)."""
    overrides = config.theme.custom_dir or ""
    stamps = []
    if overrides and os.path.isdir(overrides):
        for folder, _, names in os.walk(overrides):
            for name in sorted(names):
                info = os.stat(os.path.join(folder, name))
                stamps.append((os.path.join(folder, name), info.st_size, info.st_mtime_ns))
    config_text = ""
    if config.config_file_path:
        with open(config.config_file_path, encoding="utf-8", errors="replace") as handle:
            config_text = handle.read()
    articles = []
    for file in files.documentation_pages() if files is not None else []:
        page = file.page
        articles.append((file.src_uri, file.url, page.title if page is not None else None))
    return (config_text, sorted(stamps), articles, edit_branch)


class Unchanged:
    """Written data files are compared with what the last build wrote, by digest, and left alone when equal."""

    def __init__(self, previous: dict[str, str]) -> None:
        self.previous = previous

    def same(self, path: str, target: str, digest: str) -> bool:
        return self.previous.get(path) == digest and os.path.isfile(target)


class ComparedFile:
    """A data file written into the served site only if its bytes differ from the last build's. Small files are
    kept in memory until closed; a large one (services.json) goes to a temporary file beside its target as it
    comes, which replaces the target when closed, unless the bytes are the same."""

    IN_MEMORY = 1 << 20

    def __init__(self, target: str, path: str, unchanged: Unchanged) -> None:
        self.target, self.path, self.unchanged = target, path, unchanged
        self.buffer = bytearray()
        self.file: BinaryIO | None = None
        self.temporary = ""
        self.digest = hashlib.sha256()
        self.size = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        if self.file is None and len(self.buffer) + len(data) <= self.IN_MEMORY:
            self.buffer += data
            return len(data)
        if self.file is None:
            folder = os.path.dirname(self.target)
            os.makedirs(folder, exist_ok=True)
            handle, self.temporary = tempfile.mkstemp(prefix=".kindred-", dir=folder)
            self.file = os.fdopen(handle, "wb")
            self.file.write(self.buffer)
            self.buffer = bytearray()
        self.file.write(data)
        return len(data)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        same = self.unchanged.same(self.path, self.target, self.hexdigest)
        if self.file is not None:
            self.file.close()
            if same:
                os.unlink(self.temporary)
            else:
                os.chmod(self.temporary, 0o644)
                os.replace(self.temporary, self.target)
        elif not same:
            os.makedirs(os.path.dirname(self.target), exist_ok=True)
            with open(self.target, "wb") as handle:
                handle.write(self.buffer)

    @property
    def hexdigest(self) -> str:
        return self.digest.hexdigest()

    def __enter__(self) -> ComparedFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
