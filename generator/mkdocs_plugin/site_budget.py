"""A size budget for the built site: the build stops before its output passes it.

GitHub Pages refuses a site over 1 GB, and a listing that repeats a value thousands of times can
multiply the pages. The plugin counts what MkDocs is about to write (static files before they are
copied, each page before it is written) and stops the build there, so the build never publishes,
and never writes much past the budget. The whole folder is measured once more before it is swapped in,
for what other plugins wrote (the search index).
"""

from __future__ import annotations

import os

MEGABYTE = 1_000_000


class OverBudget(Exception):
    """The site would be larger than its budget; said in words for the person building."""


def megabytes(size: int) -> str:
    return f"{size / MEGABYTE:,.1f} MB"


class SiteBudget:
    def __init__(self, max_mb: float) -> None:
        self.max_mb = max_mb
        self.limit = int(max_mb * MEGABYTE)
        self.used = 0

    def add(self, size: int, what: str) -> None:
        """Count `size` bytes about to be written for `what`; OverBudget if that would pass the budget."""
        if self.used + size > self.limit:
            raise OverBudget(
                self._message(f"{megabytes(self.used)} written so far, and {what} would add {megabytes(size)}")
            )
        self.used += size

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
