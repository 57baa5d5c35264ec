"""The emergency line on listing pages (generator/site/listing_emergency.py): rendered once for each language,
depth and set of countries, and the same as rendering it for every page."""

from __future__ import annotations

from generator.directory import load_directory
from generator.i18n import use_language
from generator.site import names
from generator.site.listing_emergency import emergency_calls, insert_after_contacts, with_emergency_numbers
from generator.site.pages import listing_pages, listing_views
from generator.site.render import render_template


def test_each_page_has_its_own_countries_depth_and_language(shipped_directory):
    directory = load_directory(shipped_directory)
    views = listing_views(directory)
    plans = listing_pages(views)
    shown = with_emergency_numbers(plans, directory)
    calls = emergency_calls(directory)
    seen = set()
    for language in ("en", "de"):
        with use_language(language):
            for base in ("../../", "../../../"):
                for plan, page in zip(plans, shown, strict=True):
                    codes = [code for code, _ in plan.listing.countries if code in calls]
                    block = render_template(
                        "listing_emergency.html", base=base, calls=[(names.country_name(c), calls[c]) for c in codes]
                    )
                    assert page.render(base) == insert_after_contacts(plan.render(base), block), plan.src_uri
                    seen.add((language, base, bool(codes)))
    assert len(seen) == 8  # listings with and without a profiled country, at both depths, in both languages
