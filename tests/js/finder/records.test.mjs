import assert from "node:assert/strict";
import { test } from "node:test";

import { FACET_KEYS } from "../../../generator/assets/finder/contract.js";
import { actionLabel, actionsOf, decodeData, valuesOf } from "../../../generator/assets/finder/records.js";
import { staticState } from "../../../generator/assets/finder/ranking.js";
import { STATE_ORDER } from "../../../generator/assets/hours.js";
import { listingsFile } from "../helpers/listings.mjs";

const data = decodeData(listingsFile());
const byId = Object.fromEntries(data.listings.map((l) => [l.id, l]));

test("each listing keeps its position in the file: the search index's ref", () => {
  assert.deepEqual(data.listings.map((l) => [l.position, l.id]),
                   [[0, "day-line"], [1, "night-line"], [2, "world-circle"], [3, "calm-sessions"]]);
});

test("kinds, names and flags come back as written", () => {
  const circle = byId["world-circle"];
  assert.equal(circle.kind, "communities");
  assert.equal(circle.name, "World Circle");
  assert.equal(circle.summary, "Peers, any time.");
  assert.equal(circle.worldwide, true);
  assert.equal(circle.always, true);
  assert.deepEqual([circle.moderation, circle.anonymity, circle.access], ["volunteer", "anonymous", "open"]);
  const calm = byId["calm-sessions"];
  assert.deepEqual([calm.paused, calm.insurance, calm.trial, calm.worldwide], [true, true, true, false]);
  assert.deepEqual([byId["day-line"].paused, byId["day-line"].moderation], [false, null]);
});

test("every filter's values are read back from the positions sent", () => {
  const values = (id) => Object.fromEntries(FACET_KEYS.map((key) => [key, valuesOf(data, byId[id], key)]));
  assert.deepEqual(values("calm-sessions"), {
    kind: ["teletherapy"], open: [], contact: ["email", "video"], topic: ["anxiety"], audience: ["everyone"],
    country: ["GB", "US"], language: ["en"], cost: ["paid"], moderation: [], anonymity: [], access: [],
    modality: ["video"], insurance: ["yes"], trial: ["yes"]
  });
  assert.deepEqual(values("world-circle"), {
    kind: ["communities"], open: [], contact: ["join"], topic: ["gambling"], audience: ["youth"], country: [],
    language: ["es"], cost: ["free"], moderation: ["volunteer"], anonymity: ["anonymous"], access: ["open"],
    modality: [], insurance: [], trial: []
  });
});

test("a regional language tag counts under its primary language", () => {
  const night = byId["night-line"];
  assert.deepEqual(night.languagesLower, ["en", "es-mx"]);
  assert.deepEqual(night.primaryLanguages, ["en", "es"]);
  assert.deepEqual(valuesOf(data, night, "language"), ["en", "es"]);
});

test("hours are decoded with their days, times in minutes and closed dates", () => {
  assert.deepEqual(byId["world-circle"].hours, [{ always: true }]);
  assert.deepEqual(byId["night-line"].hours, [{
    always: false, tz: "America/New_York", closed: ["2025-12-25"],
    weekly: [{ days: ["mo", "tu", "we", "th", "fr", "sa", "su"], opens: "22:00", closes: "06:00", o: 1320, c: 360 }]
  }]);
  assert.deepEqual(byId["day-line"].hours[0].closed, []);
  assert.deepEqual(byId["calm-sessions"].hours, []);
});

test("hours are decoded when first read, once; the order before the clock is read needs none decoded", () => {
  const fresh = decodeData(listingsFile()).listings;
  const night = fresh.find((l) => l.id === "night-line"), calm = fresh.find((l) => l.id === "calm-sessions");
  assert.equal(night.decodedHours, null);
  assert.deepEqual([staticState(night), staticState(calm)], [STATE_ORDER.later, STATE_ORDER.unknown]);
  assert.equal(night.decodedHours, null);
  assert.equal(night.hours[0].weekly[0].o, 1320);
  assert.equal(night.hours, night.hours);
  assert.equal(night.decodedHours, night.hours);
});

test("card actions get their default labels back, and only phone, text and email count as on this device", () => {
  assert.deepEqual(actionsOf(byId["calm-sessions"]), [
    { method: "video", href: "https://example.org/book", label: "Video call", external: true },
    { method: "email", href: "mailto:hello@example.org", label: "Email hello@example.org", external: false }
  ]);
  assert.deepEqual(actionsOf(byId["day-line"]).map((a) => [a.label, a.external]),
                   [["Call 01234 567890", false], ["Text HOME to 85258", false]]);
  assert.equal(actionLabel("join", "https://example.org"), "Join");
});

test("a file this code does not read is refused, not half-read", () => {
  assert.throws(() => decodeData({ ...listingsFile(), format: "kindred-finder-2" }), /format/);
});

test("the ranking's fields come back: service, name order, cost rank; regions and help ride along", () => {
  assert.deepEqual(data.listings.map((l) => [l.id, l.service, l.nameRank, l.costRank]), [
    ["day-line", "support", 1, 0], ["night-line", "crisis", 2, 0], ["world-circle", null, 3, 0],
    ["calm-sessions", null, 0, 2]
  ]);
  assert.deepEqual(byId["day-line"].regions, ["GB-SCT"]);
  assert.equal(data.regions["GB-SCT"], "Scotland");
  assert.deepEqual(data.help.US.s, [["night-line"]]);
  assert.equal(data.byId.get("night-line"), byId["night-line"]);
});
