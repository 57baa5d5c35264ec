import assert from "node:assert/strict";
import { test } from "node:test";

import { planQuery } from "../../../generator/assets/finder/query.js";
import { damerauDistance, normalise, readTable, suggest } from "../../../generator/assets/finder/synonyms.js";
import { lunr } from "../helpers/lunr.mjs";

// A table in the shape synonyms.py writes (terms already analysed as the index's text).
const TABLE = readTable({
  phrases: [[["want", "die"], [["topic", "suicidal-thoughts"]]], [["cant", "sleep"], [["topic", "anxiety"], ["topic", "stress"]]],
            [["want", "kill", "myself"], [["topic", "suicidal-thoughts"]]], [["panic", "attack"], [["topic", "anxiety"]]]],
  filler: ["help", "need", "want"],
  crisis: [["die", "want"], ["suicid"]],
  crisisConcepts: [["topic", "suicidal-thoughts"]],
  words: ["anxiety", "depression", "sleep"]
});
const plan = (text) => planQuery(lunr, text, TABLE);
const slots = (text) => plan(text).slots.map((s) => [s.term, s.prefix, s.concepts.map((c) => c.id)]);

test("apostrophes and accents are folded away, as analysis.py folds them", () => {
  assert.equal(normalise("can't can’t CAN`T"), "cant cant CANT");
  assert.equal(normalise("anxiété Māori"), "anxiete Maori");
});

test("a phrase becomes one slot for its topics; the longest phrase wins", () => {
  assert.deepEqual(slots("i want to die"), [[null, false, ["suicidal-thoughts"]]]);
  assert.deepEqual(slots("I want to kill myself"), [[null, false, ["suicidal-thoughts"]]]);
  assert.deepEqual(slots("can't sleep"), [[null, false, ["anxiety", "stress"]]]);
  assert.deepEqual(slots("cant sleep at night"), [[null, false, ["anxiety", "stress"]], ["night", true, []]]);
});

test("filler words are dropped, other words required; the word still typed is a prefix", () => {
  assert.deepEqual(slots("i need help with panic"), [["panic", true, []]]);
  assert.deepEqual(slots("panic att"), [["panic", false, []], ["att", true, []]]);
  assert.deepEqual(slots("help"), []);
});

test("crisis words in any order, or a crisis topic's phrase, mark the query", () => {
  assert.equal(plan("i want to die").crisis, true);
  assert.equal(plan("die, i want").crisis, true);
  assert.equal(plan("suicide").crisis, true);
  assert.equal(plan("want to kill myself").crisis, true);
  assert.equal(plan("i want to sleep").crisis, false);
});

test("did you mean: a known word one edit away, for words of four letters or more", () => {
  assert.equal(damerauDistance("anxeity", "anxiety"), 1);
  assert.equal(damerauDistance("abc", "abcde"), 2);
  assert.equal(suggest("anxeity", TABLE.words), "anxiety");
  assert.equal(suggest("Slep", TABLE.words), "sleep");
  assert.equal(suggest("slp", TABLE.words), null);
  assert.equal(suggest("sleep", TABLE.words), null);
  assert.equal(suggest("zzzzzz", TABLE.words), null);
});
