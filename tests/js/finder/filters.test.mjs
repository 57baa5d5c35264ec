import assert from "node:assert/strict";
import { test } from "node:test";

import { countFor, filter } from "../../../generator/assets/finder/filters.js";
import { decodeData } from "../../../generator/assets/finder/records.js";
import { parseState } from "../../../generator/assets/finder/url_state.js";
import { listingsFile } from "../helpers/listings.mjs";

const data = decodeData(listingsFile());
const OPEN_NONE = new Uint8Array([0, 0, 0, 0]);
const ids = (outcome) => outcome.results.map((i) => data.listings[i].id);
const run = (search, { scores = null, open = OPEN_NONE } = {}) => filter(data, parseState(search), scores, open);

test("with nothing chosen every listing is a result, in the file's order", () => {
  assert.deepEqual(ids(run("")), ["day-line", "night-line", "world-circle", "calm-sessions"]);
});

test("values of one filter are ORed, different filters ANDed", () => {
  assert.deepEqual(ids(run("?topic=grief&topic=gambling")), ["night-line", "world-circle"]);
  assert.deepEqual(ids(run("?kind=helplines&topic=grief")), ["night-line"]);
  assert.deepEqual(ids(run("?kind=helplines&kind=teletherapy&cost=paid")), ["calm-sessions"]);
});

test("a country filter also gives every worldwide listing", () => {
  assert.deepEqual(ids(run("?country=GB")), ["day-line", "world-circle", "calm-sessions"]);
  assert.deepEqual(ids(run("?country=worldwide")), ["world-circle"]);
  assert.deepEqual(ids(run("?country=MX")), ["world-circle"]);
});

test("a primary language matches its regional tags, and a regional tag only itself", () => {
  assert.deepEqual(ids(run("?language=es")), ["night-line", "world-circle"]);
  assert.deepEqual(ids(run("?language=es-mx")), ["night-line"]);
  assert.deepEqual(ids(run("?language=fr")), []);
});

test("open now follows the clock's flags and keeps listings without hours; open 24/7 follows the data", () => {
  const open = new Uint8Array([1, 0, 0, 0]);
  // day-line is open; calm-sessions has no hours, so it stays (after the open ones, ranking.js)
  assert.deepEqual(ids(run("?open=now", { open })), ["day-line", "calm-sessions"]);
  assert.deepEqual(ids(run("?open=24-7", { open })), ["world-circle"]);
  assert.deepEqual(ids(run("?open=now&open=24-7", { open })), ["day-line", "world-circle", "calm-sessions"]);
  assert.deepEqual(ids(run("?open=now", { open: null })), ["calm-sessions"]);  // the clock not read yet
  assert.equal(countFor(data, run("", { open }), "open", "now"), 2);
});

test("the kind's own filters choose among that kind only", () => {
  assert.deepEqual(ids(run("?moderation=volunteer")), ["world-circle"]);
  assert.deepEqual(ids(run("?insurance=yes")), ["calm-sessions"]);
  assert.deepEqual(ids(run("?modality=video&trial=yes")), ["calm-sessions"]);
});

test("text scores narrow the results to what the text matched", () => {
  assert.deepEqual(ids(run("?kind=helplines", { scores: { 1: 2.5, 3: 1 } })), ["night-line"]);
});

test("a value no listing has, even one named like an object key, matches nothing", () => {
  assert.deepEqual(ids(run("?topic=__proto__")), []);
  assert.deepEqual(ids(run("?topic=constructor&kind=helplines")), []);
});

test("each option counts what it would give with every other filter applied and its own not", () => {
  const outcome = run("?kind=helplines&topic=anxiety", { open: new Uint8Array([1, 0, 0, 0]) });
  assert.deepEqual(ids(outcome), ["day-line", "night-line"]);
  const count = (key, value) => countFor(data, outcome, key, value);
  assert.deepEqual([count("kind", "helplines"), count("kind", "communities"), count("kind", "teletherapy")], [2, 0, 1]);
  assert.deepEqual([count("topic", "anxiety"), count("topic", "grief"), count("topic", "gambling")], [2, 1, 0]);
  assert.deepEqual([count("open", "now"), count("open", "24-7")], [1, 0]);
  assert.deepEqual([count("language", "en"), count("language", "es")], [2, 1]);
  assert.equal(outcome.openKnown, true);
});

test("country counts add the worldwide listings, which the Worldwide option holds alone", () => {
  const outcome = run("");
  const count = (value) => countFor(data, outcome, "country", value);
  assert.deepEqual([count("GB"), count("US"), count("MX"), count("worldwide")], [3, 3, 1, 1]);
  assert.equal(count("FR"), 1);  // a country from a link that no listing names: only the worldwide ones
});

test("a regional language from a link is counted by the prefix rule", () => {
  const outcome = run("?language=es-mx");
  assert.equal(countFor(data, outcome, "language", "es-mx"), 1);
  assert.equal(countFor(data, outcome, "language", "es"), 2);
  assert.equal(countFor(data, outcome, "topic", "not-a-topic"), 0);
});

test("open now is not counted until the clock has been asked", () => {
  const outcome = run("", { open: null });
  assert.equal(outcome.openKnown, false);
  assert.equal(countFor(data, outcome, "open", "now"), 0);
  assert.equal(countFor(data, outcome, "open", "24-7"), 1);
});
