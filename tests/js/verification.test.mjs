import assert from "node:assert/strict";
import { test } from "node:test";

import { freshnessTier, monthsBefore } from "../../generator/assets/verification.js";

const utc = (iso) => new Date(iso + "T00:00:00Z");

test("a month back from the 31st is that month's last day", () => {
  assert.deepEqual(monthsBefore(utc("2024-03-31"), 1), utc("2024-02-29"));
  assert.deepEqual(monthsBefore(utc("2025-01-15"), 12), utc("2024-01-15"));
  assert.deepEqual(monthsBefore(utc("2025-01-31"), 24), utc("2023-01-31"));
});

test("a check is old after a year to the day, and outdated after two", () => {
  const verified = utc("2025-01-15");
  assert.equal(freshnessTier(verified, new Date("2026-01-15T23:00:00Z")), "current");
  assert.equal(freshnessTier(verified, new Date("2026-01-16T01:00:00Z")), "old");
  assert.equal(freshnessTier(verified, new Date("2027-01-15T12:00:00Z")), "old");
  assert.equal(freshnessTier(verified, new Date("2027-01-16T12:00:00Z")), "outdated");
});
