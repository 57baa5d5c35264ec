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

from dataclasses import dataclass
from functools import cached_property

from .directory import Directory
from .exports.hsds.export import hsds_files
from .exports.open_data import open_data_files
from .search.finder_files import finder_files
from .site.finder_plain import with_plain_list
from .site.help_pages import help_pages
from .site.listing_emergency import with_emergency_numbers
from .site.pages import PagePlan, browse_pages, finder_page, listing_pages, listing_views
from .site.view import ListingView

FINDER_DATA = "find/listings.json"
FINDER_INDEX = "find/search-index.json"


@dataclass(frozen=True)
class SitePlan:
    directory: Directory
    pages: list[PagePlan]  # in the order an engine should add them
    views: list[ListingView]  # every published listing in the site's order: what cards in articles choose from

    @cached_property
    def data_files(self) -> dict[str, bytes]:
        """Every data file by its path in the site (worked out when first asked for: the search index takes a while)."""
        finder = finder_files(self.directory)
        return {
            **open_data_files(self.directory),
            **hsds_files(self.directory),
            FINDER_DATA: finder.listings,
            FINDER_INDEX: finder.index,
        }


def plan_site(
    directory: Directory, *, repo_url: str = "", page_size: int = 50, site_url: str = "", report_email: str = ""
) -> SitePlan:
    views = listing_views(directory, repo_url=repo_url, report_email=report_email)
    pages = [
        *with_emergency_numbers(listing_pages(views, site_url=site_url), directory),
        with_plain_list(finder_page(FINDER_DATA, FINDER_INDEX), directory, views),
        *browse_pages(directory, views, page_size=page_size),
        *help_pages(directory, views),
    ]
    return SitePlan(directory, pages, views)
