import assert from "node:assert/strict";
import { test } from "node:test";

import { describe, isOpen, nextOpening, openState } from "../../generator/assets/hours.js";

const at = (iso) => new Date(iso);
const WEEKDAYS = ["mo", "tu", "we", "th", "fr"];
const LONDON = { always: false, tz: "Europe/London", weekly: [{ days: WEEKDAYS, opens: "09:00", closes: "17:00" }],
                 closed: ["2025-04-18"] };
const NIGHTS = { always: false, tz: "America/New_York", closed: ["2025-12-25"],
                 weekly: [{ days: ["mo", "tu", "we", "th", "fr", "sa", "su"], opens: "22:00", closes: "06:00" }] };

test("open between opening and closing in the service's own zone, closing time excluded", () => {
  assert.equal(isOpen(LONDON, at("2025-04-16T12:00:00Z")), true);  // Wednesday 13:00 in London (summer time)
  assert.equal(isOpen(LONDON, at("2025-04-16T07:59:00Z")), false);  // 08:59
  assert.equal(isOpen(LONDON, at("2025-04-16T08:00:00Z")), true);  // 09:00
  assert.equal(isOpen(LONDON, at("2025-04-16T16:00:00Z")), false);  // 17:00
  assert.equal(isOpen(LONDON, at("2025-04-19T12:00:00Z")), false);  // Saturday
});

test("an interval that closes before it opens runs past midnight, and belongs to the day it starts on", () => {
  assert.equal(isOpen(NIGHTS, at("2025-04-16T03:00:00Z")), true);  // Tuesday 23:00 in New York
  assert.equal(isOpen(NIGHTS, at("2025-04-16T09:30:00Z")), true);  // Wednesday 05:30, Tuesday night's interval
  assert.equal(isOpen(NIGHTS, at("2025-04-16T10:30:00Z")), false);  // 06:30
});

test("a closed date is closed all day, and the night that would start on it does not happen", () => {
  assert.equal(isOpen(NIGHTS, at("2025-12-25T04:00:00Z")), true);  // 24 December 23:00
  assert.equal(isOpen(NIGHTS, at("2025-12-25T08:00:00Z")), false);  // 25 December 03:00: a closed date
  assert.equal(isOpen(NIGHTS, at("2025-12-26T08:00:00Z")), false);  // 26 December 03:00: the 25th's night
  assert.equal(isOpen(NIGHTS, at("2025-12-27T08:00:00Z")), true);  // 27 December 03:00
  assert.equal(isOpen(LONDON, at("2025-04-18T12:00:00Z")), false);  // Good Friday, listed as closed
});

test("closing at 24:00 is the end of the day, not an overnight interval", () => {
  const allDay = { always: false, tz: "UTC", weekly: [{ days: ["sa"], opens: "00:00", closes: "24:00" }] };
  assert.equal(isOpen(allDay, at("2025-04-19T23:59:00Z")), true);
  assert.equal(isOpen(allDay, at("2025-04-20T00:30:00Z")), false);
});

test("24/7 is always open; no hours says nothing", () => {
  assert.equal(isOpen({ always: true }, at("2025-04-16T03:00:00Z")), true);
  assert.equal(isOpen(null, at("2025-04-16T03:00:00Z")), null);
  assert.equal(describe(null, at("2025-04-16T03:00:00Z")), null);
});

test("the next opening skips closed dates", () => {
  // Thursday 17 April, 18:00 in London; Friday is closed: next is Monday 09:00 BST
  assert.deepEqual(nextOpening(LONDON, at("2025-04-17T17:00:00Z")), at("2025-04-21T08:00:00Z"));
});

test("the next opening is right across a change to summer time", () => {
  const sundays = { always: false, tz: "Europe/London", weekly: [{ days: ["su"], opens: "09:00", closes: "17:00" }] };
  // Saturday 29 March 2025, 12:00 GMT; clocks go forward that night: Sunday 09:00 BST is 08:00 UTC
  assert.deepEqual(nextOpening(sundays, at("2025-03-29T12:00:00Z")), at("2025-03-30T08:00:00Z"));
});

test("with no opening within a week it is just closed", () => {
  const mondayMorning = { always: false, tz: "UTC", closed: ["2025-04-21"],
                          weekly: [{ days: ["mo"], opens: "09:00", closes: "10:00" }] };
  const monday = at("2025-04-14T12:00:00Z");
  assert.equal(nextOpening(mondayMorning, monday), null);
  assert.deepEqual(describe(mondayMorning, monday), { open: false, text: "Closed" });
});

test("what a page says: open, open 24/7, or when it opens in the visitor's time", () => {
  assert.deepEqual(describe(LONDON, at("2025-04-16T12:00:00Z")), { open: true, text: "Open now" });
  assert.deepEqual(describe({ always: true }, at("2025-04-16T12:00:00Z")), { open: true, text: "Open now (24/7)" });
  const closed = describe(LONDON, at("2025-04-16T18:00:00Z"));
  assert.equal(closed.open, false);
  assert.match(closed.text, /^Closed now · opens .+ your time$/);
});

test("a listing's state: open if any of its hours is, later within a day, unknown without hours, else closed", () => {
  const wednesdayNoon = at("2025-04-16T11:00:00Z");  // 12:00 in London; New York 07:00
  assert.equal(openState([LONDON], wednesdayNoon), "open");
  assert.equal(openState([NIGHTS, LONDON], wednesdayNoon), "open");  // its contact's hours count too
  assert.equal(openState([NIGHTS], wednesdayNoon), "later");  // opens 22:00 New York, 15 hours away
  assert.equal(openState([], wednesdayNoon), "unknown");
  assert.equal(openState([null], wednesdayNoon), "unknown");
  assert.equal(openState([{ always: true }], at("2025-04-20T03:00:00Z")), "open");
  // Thursday 17 April, 18:00 in London: Friday is a closed date, so it next opens on Monday: closed.
  assert.equal(openState([LONDON], at("2025-04-17T17:00:00Z")), "closed");
  // Exactly 24 hours before opening is still "later"; a minute more is closed.
  const mondays = { always: false, tz: "UTC", weekly: [{ days: ["mo"], opens: "09:00", closes: "10:00" }] };
  assert.equal(openState([mondays], at("2025-04-20T09:00:00Z")), "later");
  assert.equal(openState([mondays], at("2025-04-20T08:59:00Z")), "closed");
});
