"""Listing pages' HTML kept between builds (generator/render_cache.py), so a rebuild renders only what changed.

What is kept is the page's own HTML (PagePlan.render: the listing, its emergency numbers), not the theme's
HTML around it, which the engine adds. It depends on:

- the listing's file (its digest, taken from the bytes that were read: ListingRecord.doc.digest);
- the taxonomy (labels) and the country profiles (emergency numbers), as loaded;
- the page language and its catalogue, the code, templates and packages (render_cache.code_fingerprint);
- the site's settings that reach the page (repo_url for the report link, report_email);
- the page's depth (links are relative), and how old the verification is today (the warning it shows).

Each of these is in the key, so a page is rendered again when any of them changes. A listing read without a
digest is always rendered.
"""

from __future__ import annotations

from collections.abc import Callable

from ..directory import Directory
from ..i18n import current_language
from ..render_cache import Cache, catalogue_digest, code_fingerprint, key
from .view import ListingView


def directory_context(directory: Directory) -> str:
    """What every listing page may show besides its own listing: the taxonomy and the country profiles."""
    profiles = [(code, repr(record.profile)) for code, record in sorted(directory.countries.items())]
    return key("directory", repr(directory.taxonomy), profiles)


class ListingPageCache:
    def __init__(self, directory: Directory, *, repo_url: str = "", report_email: str = "", cache: Cache | None = None):
        self.cache = cache if cache is not None else Cache("listing-pages")
        language = current_language()
        self.context = key(
            "listing page",
            code_fingerprint(),
            language,
            catalogue_digest(language),
            directory_context(directory),
            {"repo_url": repo_url, "report_email": report_email},
        )

    def key(self, view: ListingView, base: str) -> str | None:
        record = view.record
        if not record.doc.digest:
            return None
        return key(self.context, record.kind, record.id, record.doc.digest, view.freshness, base)

    def content(self, view: ListingView, base: str, render: Callable[[], str]) -> str:
        """The page's HTML: from the cache, or rendered now (and kept)."""
        digest = self.key(view, base)
        if digest is None:
            return render()
        found = self.cache.get(digest)
        if found is not None:
            try:
                return found.decode("utf-8")
            except UnicodeDecodeError:  # not what this code writes: rendered again, and replaced
                pass
        html = render()
        self.cache.put(digest, html.encode("utf-8", "surrogatepass"))
        return html
