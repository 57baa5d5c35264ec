"""The finder's first results drawn early (#14): generator/assets/finder/early.js, an async module in the finder
page's <head>, reads the listings and draws the first results without waiting for Material's bundle or
DOMContentLoaded. What it draws must be what the finder draws without it (the same cards, in the same order, and
the same count announced), first and once the visitor's clock has ordered them; and the listings are fetched
once."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from urllib.parse import urlsplit

import pytest

# What the finder shows at the moment it marks itself ready (its first results) and once the clock's order has
# followed: read by a MutationObserver the test adds before any of the page's scripts run.
WATCH_FIRST_DRAWN = """
window.__kdDrawn = [];
new MutationObserver(() => {
  const finder = document.querySelector("#kd-finder");
  if (!finder || finder.getAttribute("data-kd-ready") !== "1") return;
  const ranked = finder.getAttribute("data-kd-ranked");  // set as results are drawn: "built", then "clock"
  if (!ranked || window.__kdDrawn.some((d) => d.ranked === ranked)) return;
  window.__kdDrawn.push({
    ranked,
    ids: [...finder.querySelectorAll(".kd-finder__cards [data-listing-id]")].map((e) => e.dataset.listingId),
    count: document.querySelector("#kd-finder-count").textContent,
    live: document.querySelector("#kd-finder-count").getAttribute("aria-live"),
  });
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-kd-ready", "data-kd-ranked"]});
"""
FIXED_TIME = "2026-03-04T10:30:00+00:00"  # a Wednesday morning in London: some listings open, some not


def drawn(browser, url: str, *, early: bool) -> tuple[list[dict], list[str], bool]:
    """(what was drawn first and after the clock's order, the listings requests, whether early.js's preload
    was taken out) for one load of `url`, with early.js there or not (then kindred.js mounts the finder after
    DOMContentLoaded, as after an instant navigation)."""
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", viewport={"width": 390, "height": 844})
    try:
        context.add_init_script(WATCH_FIRST_DRAWN)
        if not early:
            context.route("**/finder/early.js", lambda route: route.fulfill(status=404, body=""))
        requests: list[str] = []
        context.on("request", lambda request: requests.append(urlsplit(request.url).path))
        page = context.new_page()
        page.clock.set_fixed_time(FIXED_TIME)
        page.goto(url)
        page.wait_for_function("() => window.__kdDrawn.some((d) => d.ranked === 'clock')")
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # anything Material starts at load (its href rewrite) has happened
        listings = [path for path in requests if path.endswith("/find/listings.json")]
        taken_out = page.evaluate("() => document.querySelector('link[data-kd-finder-data]') === null")
        return page.evaluate("() => window.__kdDrawn"), listings, taken_out
    finally:
        context.close()


@pytest.mark.parametrize("query", ["", "?kind=helplines&country=GB", "?open=now", "?q=day+line"])
def test_the_early_finder_draws_what_the_finder_draws_without_it(chromium_browser, shipped_url, query):
    url = shipped_url + "find/" + query
    with_early, listings, taken_out = drawn(chromium_browser, url, early=True)
    without, listings_without, kept = drawn(chromium_browser, url, early=False)
    # The listings were fetched once: the preload early.js read is taken out before Material's bundle rewrites
    # every relative href on the page (which would fetch them again).
    assert listings == ["/find/listings.json"] and listings_without == ["/find/listings.json"]
    assert taken_out and not kept  # early.js ran in the first load only
    first, final = with_early[0], with_early[-1]
    assert first["ids"] and first["count"].endswith(("listing found", "listings found"))
    assert first["live"] == "polite"
    # The same cards, order and count, first and once the clock has ordered them.
    strip = [{key: d[key] for key in ("ranked", "ids", "count")} for d in with_early]
    assert strip == [{key: d[key] for key in ("ranked", "ids", "count")} for d in without]
    assert final["ranked"] == "clock"


# From the first results: when material_on_demand.js had arrived, and when the sitemap was requested (ms).
MATERIAL_AFTER_FIRST_RESULTS = """() => {
  const entry = (end) => performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname.endsWith(end));
  const first = performance.getEntriesByName("kd-first-results")[0].startTime;
  return {script: entry("/material_on_demand.js").responseEnd - first,
          sitemap: entry("/sitemap.xml").startTime - first};
}"""
SITEMAP_REQUESTED = "() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/sitemap.xml'))"


class SlowMaterialOnDemand(http.server.SimpleHTTPRequestHandler):
    """The site as it is, but material_on_demand.js (just before Material's bundle) arrives 1.5 s late, so the
    finder has drawn its first results before that script runs."""

    def do_GET(self):
        if self.path.endswith("/material_on_demand.js"):
            time.sleep(1.5)
        super().do_GET()

    def log_message(self, format, *args):
        pass


def test_materials_sitemap_follows_the_first_results_even_when_they_came_first(chromium_browser, shipped_site):
    # material_on_demand.js holds the sitemap until the finder is ready; when early.js has drawn the first
    # results before that script runs, it must see so at once rather than wait for its 5 s fallback.
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SlowMaterialOnDemand, directory=str(shipped_site))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = chromium_browser.new_context(locale="en-GB", timezone_id="Europe/London")
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/find/")
        page.wait_for_function(SITEMAP_REQUESTED, timeout=10_000)  # a function: the CSP forbids evaluating strings
        timing = page.evaluate(MATERIAL_AFTER_FIRST_RESULTS)
        assert timing["script"] > 0, timing  # the first results came before material_on_demand.js ran
        assert 0 <= timing["sitemap"] - timing["script"] < 2500, timing  # and the sitemap did not wait 5 s
    finally:
        context.close()
        server.shutdown()
        server.server_close()
