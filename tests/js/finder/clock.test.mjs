import assert from "node:assert/strict";
import { test } from "node:test";

import { Clock } from "../../../generator/assets/finder/clock.js";
import { decodeData } from "../../../generator/assets/finder/records.js";
import { listingsFile } from "../helpers/listings.mjs";

const data = decodeData(listingsFile());
const WEDNESDAY = new Date("2025-04-16T12:00:00Z");  // London 13:00, New York 08:00

test("one flag per listing: open now by any of its hours", () => {
  // day-line is open in London, night-line closed in New York, world-circle 24/7, calm-sessions has no hours
  assert.deepEqual([...new Clock(WEDNESDAY).openFlags(data)], [1, 0, 1, 0]);
  assert.deepEqual([...new Clock(new Date("2025-04-16T03:00:00Z")).openFlags(data)], [0, 1, 1, 0]);
});

test("a listing is open when any of its sets of hours is", () => {
  const shut = { always: false, tz: "UTC", weekly: [{ days: ["su"], opens: "09:00", closes: "10:00" }] };
  const listing = { position: 0, always: false, hours: [shut, { always: true }] };
  assert.equal(new Clock(WEDNESDAY).isOpen(listing), true);
  assert.equal(new Clock(WEDNESDAY).isOpen({ ...listing, hours: [shut] }), false);
});

test("cards say open, open 24/7, when it opens, or nothing without hours", () => {
  const clock = new Clock(WEDNESDAY);
  const [day, night, circle, calm] = data.listings;
  assert.deepEqual(clock.describe(day), { open: true, text: "Open now" });
  assert.deepEqual(clock.describe(circle), { open: true, text: "Open now (24/7)" });
  assert.equal(clock.describe(calm), null);
  assert.equal(clock.describe(night).open, false);
  assert.match(clock.describe(night).text, /^Closed now · opens .+ your time$/);
});
