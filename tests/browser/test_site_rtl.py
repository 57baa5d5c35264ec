"""A listing written in a right-to-left language on the English site: its text runs right to left in its own
lang, and nothing on the page or its card overlaps (Kindred's stylesheets use logical properties)."""

from __future__ import annotations

import shutil

import pytest
from kindred_browser import SITE_DIRECTORY, open_guarded_context

pytestmark = pytest.mark.browser

ARABIC = """\
# Test fixture, not a real service: a listing written in Arabic (written_in: ar).
name: خط الإصغاء التجريبي
summary: خط تجريبي للاستماع والدعم، مجاني وسري، على مدار الساعة، لاختبار عرض النص من اليمين إلى اليسار.
description: |
  نص تجريبي طويل بما يكفي ليمتد على عدة أسطر في الصفحة، حتى نتأكد من أن النص يلتف بشكل صحيح ولا يتداخل مع أي شيء آخر.
website: https://example.org/fixture-arabic
countries: [GB]
languages: [ar]
written_in: ar
topics: [loneliness]
cost: free
service: support
hours: 24/7
contacts:
  - {method: phone, number: "+44 20 7946 0123"}
"""


@pytest.fixture(scope="module")
def rtl_url(tmp_path_factory, built_site, site_server):
    directory = tmp_path_factory.mktemp("rtl") / "directory"
    shutil.copytree(SITE_DIRECTORY, directory)
    (directory / "helplines" / "fixture-arabic.yaml").write_text(ARABIC, encoding="utf-8")
    return site_server(built_site(directory))


@pytest.fixture(scope="module", params=[(1280, 900), (375, 740)], ids=["desktop", "phone"])
def page(request, chromium_browser):
    width, height = request.param
    context, guard = open_guarded_context(chromium_browser, locale="en-GB", timezone_id="Europe/London",
                                          viewport={"width": width, "height": height})
    yield context.new_page()
    assert guard.page_errors == []
    context.close()


OVERLAPS = """(selectors) => {
  const boxes = selectors.flatMap((s) => [...document.querySelectorAll(s)])
    .filter((el) => el.offsetParent !== null).map((el) => [el, el.getBoundingClientRect()]);
  const clash = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, r] = boxes[i], [b, q] = boxes[j];
    if (a.contains(b) || b.contains(a)) continue;
    const x = Math.min(r.right, q.right) - Math.max(r.left, q.left), y = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
    if (x > 1 && y > 1) clash.push(a.className + " / " + b.className);
  }
  const wide = boxes.filter(([, r]) => r.left < -1 || r.right > document.documentElement.clientWidth + 1)
    .map(([el]) => el.className || el.tagName);
  return { clash, wide };
}"""


def test_the_listing_page_runs_right_to_left_without_overlap(page, rtl_url):
    page.goto(rtl_url + "helplines/fixture-arabic/")
    page.wait_for_load_state("networkidle")
    heading = page.locator("h1[lang=ar]")
    assert heading.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('h1[lang=ar]')).direction") == "rtl"
    assert page.locator(".kd-summary[lang=ar][dir=rtl]").count() == 1
    assert page.locator(".kd-description[lang=ar][dir=rtl]").count() == 1
    found = page.evaluate(OVERLAPS, [".kd-eyebrow", "h1", ".kd-summary", ".kd-emergency-line, .kd-listing-emergency",
                                     ".kd-action", ".kd-website", ".kd-description", ".kd-quick-exit"])
    assert found == {"clash": [], "wide": []}


def test_its_card_runs_right_to_left_without_overlap(page, rtl_url):
    page.goto(rtl_url + "helplines/")
    page.wait_for_load_state("networkidle")
    card = page.locator('[data-listing-id="fixture-arabic"]')
    assert card.locator(".kd-card__summary").get_attribute("dir") == "rtl"
    found = page.evaluate(OVERLAPS, ['[data-listing-id="fixture-arabic"] .kd-card__title',
                                     '[data-listing-id="fixture-arabic"] .kd-card__summary',
                                     '[data-listing-id="fixture-arabic"] .kd-action', ".kd-quick-exit"])
    assert found == {"clash": [], "wide": []}
