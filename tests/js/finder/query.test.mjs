import assert from "node:assert/strict";
import { test } from "node:test";

import { queryTerms, searchIndex, textScores } from "../../../generator/assets/finder/query.js";
import { lunr } from "../helpers/lunr.mjs";

// A lunr.js index built by lunr's own builder (its pipeline stems as the site's index does).
const idx = lunr(function () {
  this.ref("ref");
  this.field("name");
  [["0", "Anxiety support line"], ["1", "Grief and anxiety circle"], ["2", "Gambling support"]]
    .forEach(([ref, name]) => this.add({ ref, name }));
});
const refs = (text) => searchIndex(lunr, idx, text).map((m) => m.ref).sort();

test("words are analysed as the index's text was: stemmed, stop words dropped", () => {
  assert.deepEqual(queryTerms(lunr, "supporting the lines "), { terms: ["support", "line"], prefix: false });
});

test("the last word is a prefix while it is being typed, once it is two letters long", () => {
  assert.deepEqual(queryTerms(lunr, "grief anx"), { terms: ["grief", "anx"], prefix: true });
  assert.deepEqual(queryTerms(lunr, "grief a"), { terms: ["grief"], prefix: false });
  assert.deepEqual(queryTerms(lunr, "self-harm"), { terms: ["self", "harm"], prefix: true });
  assert.deepEqual(queryTerms(lunr, "self-"), { terms: ["self"], prefix: false });
});

test("a text with no word to search for yet gives no terms", () => {
  assert.deepEqual(queryTerms(lunr, "the").terms, []);
  assert.deepEqual(queryTerms(lunr, "s").terms, []);
  assert.equal(textScores(lunr, idx, "the "), null);
});

test("every word is required, and the word being typed matches as a prefix", () => {
  assert.deepEqual(refs("anxiety"), ["0", "1"]);
  assert.deepEqual(refs("anxiety grief"), ["1"]);
  assert.deepEqual(refs("gamb"), ["2"]);
  assert.deepEqual(refs("gamb "), []);  // a finished word is not a prefix
  assert.deepEqual(refs("support anx"), ["0"]);
});

test("text scores are keyed by listing position", () => {
  const scores = textScores(lunr, idx, "support");
  assert.deepEqual(Object.keys(scores).sort(), ["0", "2"]);
  assert.ok(Object.values(scores).every((score) => score > 0));
});
