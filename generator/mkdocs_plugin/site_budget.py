"""A size budget for the built site: the build stops before its output passes it.

GitHub Pages refuses a site over 1 GB, and a listing that repeats a value thousands of times can
multiply the pages. The plugin counts what MkDocs is about to write (static files before they are
copied, each page before it is written) and stops the build there, so the build never publishes,
and never writes much past the budget. The whole folder is measured once more before it is swapped in,
for what other plugins wrote (the search index).
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

MEGABYTE = 1_000_000


class OverBudget(Exception):
    """The site would be larger than its budget; said in words for the person building."""


def megabytes(size: int) -> str:
    return f"{size / MEGABYTE:,.1f} MB"


class SiteBudget:
    """The count lives in shared memory where fork is available, so worker processes forked by the build
    (fast_pages.py) count into it too and stop as soon as the whole site would pass the budget."""

    def __init__(self, max_mb: float, languages: int = 1) -> None:
        self.max_mb = max_mb
        self.languages = languages
        self.limit = int(max_mb * MEGABYTE)
        self._used: Any = None
        self._lock: Any = None
        self._local = 0
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._used, self._lock = context.RawValue("q", 0), context.Lock()

    @property
    def used(self) -> int:
        return self._used.value if self._used is not None else self._local

    def add(self, size: int, what: str) -> None:
        """Count `size` bytes about to be written for `what`; OverBudget if that would pass the budget."""
        if self._lock is None:
            self._local = self._checked(self._local, size, what)
            return
        with self._lock:
            self._used.value = self._checked(self._used.value, size, what)

    def _checked(self, used: int, size: int, what: str) -> int:
        if used + size > self.limit:
            raise OverBudget(self._message(f"{megabytes(used)} written so far, and {what} would add {megabytes(size)}"))
        return used + size

    def check_folder(self, folder: str) -> None:
        """Measure a finished folder (every regular file in it); OverBudget if it is over the budget."""
        total = folder_size(folder)
        if total > self.limit:
            raise OverBudget(self._message(f"the finished site is {megabytes(total)}"))

    def _message(self, detail: str) -> str:
        return (
            f"the site would be larger than its budget of {self.max_mb:g} MB (`max_site_mb` in mkdocs.yml): "
            f"{detail}. The build stopped; nothing was published and the last good site is unchanged. "
            "Look for a listing or page that repeats content many times."
            + (
                f" Each of the site's {self.languages} languages is a whole copy of its pages (bench/bench_site.py "
                "measures about 530 MB a language at 10,000 listings): a large directory may need fewer languages "
                "in `languages:`, or a host without this limit."
                if self.languages > 1
                else ""
            )
        )


def folder_size(folder: str) -> int:
    total = 0
    for parent, _, names in os.walk(folder):
        for name in names:
            try:
                info = os.lstat(os.path.join(parent, name))
            except OSError:
                continue
            total += info.st_size
    return total
