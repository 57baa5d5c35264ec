"""The site's data files (open data, HSDS, the finder's files), made and written by worker processes.

They are not MkDocs files: no Markdown links to them, and MkDocs would only copy bytes that the plugin holds
in memory meanwhile (at 10,000 listings, over 300 MB of open data). Each group (site_plan.DataGroup) is made
in a process of its own while the pages are built, written straight into the site and let go. Where worker
processes cannot be used (forked.py), the groups are made here after the pages, so a page being previewed
under `mkdocs serve` is on disk first.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable
from typing import BinaryIO

from ..forked import Forked
from ..i18n import use_language
from ..site_plan import DataGroup
from .serving import ComparedFile, Unchanged

log = logging.getLogger("mkdocs.plugins.kindred")


class _Counted(io.BufferedWriter):
    """A file being written into the site whose bytes count against the site's budget before they are written."""

    def __init__(self, target: str, path: str, budget: Callable[[int, str], None] | None) -> None:
        super().__init__(io.FileIO(target, "wb"))
        self.path, self.budget, self.size = path, budget, 0

    def write(self, data) -> int:
        if self.budget is not None:
            self.budget(len(data), self.path)
        self.size += len(data)
        return super().write(data)


class DataJob:
    def __init__(
        self,
        groups: list[DataGroup],
        site_dir: str,
        language: str,
        budget: Callable[[int, str], None] | None = None,
        workers: int | None = None,
        *,
        prefix: str = "",
        unchanged: Unchanged | None = None,
    ) -> None:
        """prefix: the language's folder in the site ("es/"), before each path in `written` and `unchanged`;
        unchanged: under `mkdocs serve`, the last build's files, left alone when their bytes are the same."""
        self.site_dir, self.language, self.budget = site_dir, language, budget
        self.prefix, self.unchanged = prefix, unchanged
        self.written: list[tuple[str, int, str]] = []  # (path from the site root, bytes, digest when compared)
        self.forked = Forked(self._write, groups, workers, background=True, defer=True)

    def _write(self, group: DataGroup) -> list[tuple[str, int, str]]:
        written: list[_Counted | ComparedFile] = []
        folders: set[str] = set()

        def open_file(path: str) -> BinaryIO:
            target = os.path.join(self.site_dir, *path.split("/"))
            handle: _Counted | ComparedFile
            if self.unchanged is not None:
                handle = ComparedFile(target, self.prefix + path, self.unchanged)
            else:
                if os.path.dirname(target) not in folders:
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    folders.add(os.path.dirname(target))
                handle = _Counted(target, self.prefix + path, self.budget)
            written.append(handle)
            return handle  # type: ignore[return-value]

        with use_language(self.language):
            group.write(open_file)
        return [(h.path, h.size, h.hexdigest if isinstance(h, ComparedFile) else "") for h in written]

    def finish(self) -> list[tuple[str, int, str]]:
        for part in self.forked.results():
            self.written += part
        log.debug(
            "kindred: %s: %d data files written; workers' peak memory %s MiB, CPU time %s s",
            self.language,
            len(self.written),
            [round(peak / 2**20) for peak in self.forked.peaks],
            [round(cpu, 1) for cpu in self.forked.cpu],
        )
        return self.written

    def cancel(self) -> None:
        self.forked.cancel()
