import assert from "node:assert/strict";
import { test } from "node:test";

import { safeHref } from "../../../generator/assets/finder/dom.js";

test("cards link only to the web, phone, text and email", () => {
  for (const href of ["https://example.org/", "http://example.org", "tel:+44123", "sms:85258", "mailto:a@example.org"]) {
    assert.equal(safeHref(href), href);
  }
  for (const href of ["javascript:alert(1)", "data:text/html,x", "vbscript:x", "//example.org", "", null,
                      "https://example.org/\nx", "tel:\u0000123"]) {
    assert.equal(safeHref(href), null, String(href));
  }
});
