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
# What bench/bench_site.py measured at 10,000 listings (bench/results/site.json), per 1,000 listings: the first
# language's site with the open data (597 MB), and each other language's copy of the pages (560 MB).
ENGLISH_MB_PER_1000 = 60
LANGUAGE_MB_PER_1000 = 56


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
            "If a listing or page repeats content many times, fix that first. "
            + (
                f"Each of the site's {self.languages} languages is a whole copy of its pages: bench/bench_site.py "
                f"measures {ENGLISH_MB_PER_1000} MB per 1,000 listings for the first language (the open data "
                f"included) and {LANGUAGE_MB_PER_1000} MB per 1,000 listings for each other one, so within "
                f"{self.max_mb:g} MB this site can hold about {self.listings_that_fit():,} listings. "
                "To publish a larger directory, list fewer languages under `languages:` (the kindred plugin's "
                "settings in mkdocs.yml), or publish to a host that accepts a larger site and raise `max_site_mb`."
                if self.languages > 1
                else f"bench/bench_site.py measures {ENGLISH_MB_PER_1000} MB per 1,000 listings (the open data "
                f"included), so within {self.max_mb:g} MB this site can hold about {self.listings_that_fit():,} "
                "listings. To publish a larger directory, publish to a host that accepts a larger site and raise "
                "`max_site_mb` (GitHub Pages refuses a site over 1 GB)."
            )
        )

    def listings_that_fit(self) -> int:
        """About how many listings fit in the budget with this many languages, from the benchmark's sizes."""
        per_1000 = ENGLISH_MB_PER_1000 + LANGUAGE_MB_PER_1000 * (self.languages - 1)
        return int(self.max_mb / per_1000 * 1000 // 100 * 100)


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
