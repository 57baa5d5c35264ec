"""What the site contains besides its articles: every generated page and data file, and its path.

Built once from a loaded directory; an engine adapter (generator/mkdocs_plugin/) adds `pages` as pages and
`data_files` as files, and takes nothing else from the core. A new page type or export is added here.

    <kind>/<id>/                       each listing (site/pages.py: listing_pages)
    find/                              the finder, with its data in FINDER_DATA and FINDER_INDEX
    <kind>/, topics/…, countries/…     browse pages, paginated as <stem>/pages/<n>/ (site/pages.py: browse_pages)
    api/listings.json, api/<kind>.csv  open data (exports/open_data.py; `kindred export` writes the same layout)
    api/hsds/…                         HSDS 3.0 (exports/hsds/export.py)
    help/, help/<cc>/                  help-now pages per country profile (site/help_pages.py, help_now.py)
"""

from __future__ import annotations

import gc
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import BinaryIO

from .directory import Directory
from .exports.hsds.export import write_hsds
from .exports.open_data import write_open_data
from .render_cache import Cache
from .search.finder_files import finder_files
from .site.finder_plain import with_plain_list
from .site.help_pages import help_pages
from .site.listing_emergency import with_emergency_numbers
from .site.pages import PagePlan, ViewCache, browse_pages, finder_page, listing_pages, listing_views
from .site.view import ListingView

FINDER_DATA = "find/listings.json"
FINDER_INDEX = "find/search-index.json"


OpenFile = Callable[[str], BinaryIO]  # a site path -> a binary file open for writing


@dataclass(frozen=True)
class DataGroup:
    """Data files made together, under one folder of the site, written one by one through an OpenFile (so an
    export larger than memory can be written as it is made)."""

    name: str
    folder: str  # "api/": every path of the group starts with it
    write: Callable[[OpenFile], None]

    def files(self) -> dict[str, bytes]:
        """{site path: bytes}, kept in memory."""
        kept: dict[str, io.BytesIO] = {}

        def open_file(path: str) -> BinaryIO:
            kept[path] = _Kept()
            return kept[path]

        self.write(open_file)
        return {path: handle.getvalue() for path, handle in kept.items()}


class _Kept(io.BytesIO):
    """A BytesIO whose bytes outlive close()."""

    def close(self) -> None:
        self.kept = super().getvalue()

    def getvalue(self) -> bytes:
        return self.kept if self.closed else super().getvalue()


def _each(files: Callable[[], dict[str, bytes]]) -> Callable[[OpenFile], None]:
    def write(open_file: OpenFile) -> None:
        for path, data in files().items():
            with open_file(path) as handle:
                handle.write(data)

    return write


@dataclass(frozen=True)
class SitePlan:
    directory: Directory
    pages: list[PagePlan]  # in the order an engine should add them
    views: list[ListingView]  # every published listing in the site's order: what cards in articles choose from

    @cached_property
    def data_files(self) -> dict[str, bytes]:
        """Every data file by its path in the site (worked out when first asked for: the search index takes a while)."""
        return {path: data for group in self.data_groups() for path, data in group.files().items()}

    def data_groups(self, *, cached: bool = False) -> list[DataGroup]:
        """The data files in groups that can be made apart (in separate processes, or not at all: an engine that
        serves every language's site from one `api/` makes the open data once). cached: the HSDS export keeps
        each listing's part between builds (render_cache.py)."""
        hsds = Cache("hsds") if cached else None
        return [
            DataGroup("open data", "api/", lambda open_file: write_open_data(self.directory, open_file)),
            DataGroup("HSDS", "api/hsds/", lambda open_file: write_hsds(self.directory, open_file, hsds)),
            DataGroup("finder", "find/", _each(self._finder_files)),
        ]

    def _finder_files(self) -> dict[str, bytes]:
        finder = finder_files(self.directory)
        return {FINDER_DATA: finder.listings, FINDER_INDEX: finder.index}


def plan_site(
    directory: Directory,
    *,
    repo_url: str = "",
    page_size: int = 50,
    site_url: str = "",
    report_email: str = "",
    views: ViewCache | None = None,
) -> SitePlan:
    """`views`: listing views kept from an earlier plan in this process (a rebuild), for records not read again."""
    # What is made here lives as long as the build: the cyclic collector's passes over it as it piles up find
    # nothing, and took half of the time (10,000 listings: 2.2 s, 1.1 s without them).
    collecting = gc.isenabled()
    gc.disable()
    try:
        shown = listing_views(directory, repo_url=repo_url, report_email=report_email, cache=views)
        pages = [
            *with_emergency_numbers(listing_pages(shown, site_url=site_url, cache=views), directory),
            with_plain_list(finder_page(FINDER_DATA, FINDER_INDEX), directory, shown),
            *browse_pages(directory, shown, page_size=page_size),
            *help_pages(directory, shown),
        ]
    finally:
        if collecting:
            gc.enable()
    return SitePlan(directory, pages, shown)
