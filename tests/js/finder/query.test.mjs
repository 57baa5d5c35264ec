import assert from "node:assert/strict";
import { test } from "node:test";

import { find, PHRASE_ONLY_SCORE, queryTerms, searchIndex, textSearch } from "../../../generator/assets/finder/query.js";
import { readTable } from "../../../generator/assets/finder/synonyms.js";
import { lunr } from "../helpers/lunr.mjs";

// A lunr.js index built by lunr's own builder (its pipeline stems as the site's index does).
const idx = lunr(function () {
  this.ref("ref");
  this.field("name");
  [["0", "Anxiety support line"], ["1", "Grief and anxiety circle"], ["2", "Gambling support"]]
    .forEach(([ref, name]) => this.add({ ref, name }));
});
const refs = (text) => searchIndex(lunr, idx, text).map((m) => m.ref).sort();
const NO_PHRASES = readTable(null);
const scoresOf = (text) => textSearch(lunr, idx, text, NO_PHRASES, () => false, 3).scores;

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
  assert.equal(scoresOf("the "), null);
});

test("every word is required, and the word being typed matches as a prefix", () => {
  assert.deepEqual(refs("anxiety"), ["0", "1"]);
  assert.deepEqual(refs("anxiety grief"), ["1"]);
  assert.deepEqual(refs("gamb"), ["2"]);
  assert.deepEqual(refs("gamb "), []);  // a finished word is not a prefix
  assert.deepEqual(refs("support anx"), ["0"]);
});

test("text scores are keyed by listing position", () => {
  const scores = scoresOf("support");
  assert.deepEqual(Object.keys(scores).sort(), ["0", "2"]);
  assert.ok(Object.values(scores).every((score) => score > 0));
});

// find(): phrases keep listings by topic, words are required, a missing word is matched one letter off.
const topics = [["anxiety"], ["grief"], []];
const hasConcept = (p, c) => c.facet === "topic" && topics[p].includes(c.id);
const TABLE = readTable({ phrases: [[["cant", "sleep"], [["topic", "anxiety"]]]], filler: ["help"], crisis: [],
                          crisisConcepts: [], words: ["anxiety", "gambling"] });
const found = (text) => find(lunr, idx, text, TABLE, hasConcept, 3);

test("a phrase keeps the listings with its topic, every one at the same score", () => {
  const result = found("can't sleep");
  assert.deepEqual(result.matches.map((m) => [m.ref, m.score]), [["0", PHRASE_ONLY_SCORE]]);
  assert.deepEqual(found("cant sleep support").matches.map((m) => m.ref), ["0"]);
  assert.deepEqual(found("cant sleep gambling").matches, []);
});

test("a word the index lacks is matched one letter off, and named", () => {
  const result = found("gambing ");  // a finished word (while typed, "gamb" would be a prefix of "gambl")
  assert.deepEqual(result.fuzzy, ["gamb"]);  // "gambing" stems to "gamb", one letter from "gambl"
  assert.deepEqual(result.matches.map((m) => m.ref), ["2"]);
  assert.deepEqual(found("gambling").fuzzy, []);
  assert.equal(found("help").matches, null);  // nothing to search for: narrows nothing
});

test("the whole search: scores, name levels, corrections with a suggested spelling", () => {
  const result = textSearch(lunr, idx, "anxeity", TABLE, hasConcept, 3);
  assert.deepEqual(Object.keys(result.scores).sort(), ["0", "1"]);
  assert.deepEqual(result.corrections, [{ word: "anxeity", suggestion: "anxiety" }]);
  // Every word in the name: level 1; the name is just those words: level 0.
  assert.deepEqual([...textSearch(lunr, idx, "anxiety", TABLE, hasConcept, 3).levels].sort(), [[0, 1], [1, 1]]);
  assert.deepEqual([...textSearch(lunr, idx, "gambling support", TABLE, hasConcept, 3).levels], [[2, 0]]);
  assert.equal(textSearch(lunr, idx, "help", TABLE, hasConcept, 3).scores, null);
});
