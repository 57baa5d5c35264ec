import assert from "node:assert/strict";
import { test } from "node:test";

import { inLunrOrder, runQuery } from "../../../generator/assets/finder/match.js";
import { buildIndex } from "../../../generator/assets/finder/search_index.js";
import { lunr } from "../helpers/lunr.mjs";

// Documents from a small vocabulary (so prefixes and one-letter typos expand to several terms), made the same
// way on every run: a linear congruential generator with a fixed seed.
const VOCABULARY = ["support", "supporting", "suicide", "sun", "line", "lines", "listen", "text", "test", "grief",
                    "grievance", "young", "youth", "anxiety", "anxious", "chat", "chart", "lone", "lonely", "crisis"];
const FIELDS = [["name", 10], ["summary", 2], ["topics", 4]];

function documents(n, seed) {
  let state = seed;
  const next = (k) => { state = (state * 1103515245 + 12345) % 2147483648; return state % k; };
  const words = (most) => Array.from({ length: 1 + next(most) }, () => VOCABULARY[next(VOCABULARY.length)]).join(" ");
  return Array.from({ length: n }, () => ({ name: words(3), summary: words(8), topics: next(3) ? words(2) : "" }));
}

function lunrBuilt(docs) {
  const builder = new lunr.Builder();
  builder.ref("ref");
  FIELDS.forEach(([name, boost]) => builder.field(name, { boost }));
  docs.forEach((doc, ref) => builder.add({ ref: String(ref), ...doc }));
  return builder.build();
}

// The same documents as generator/search/index.py ships them (gap lists of document numbers).
function shipped(docs) {
  const terms = [...new Set(docs.flatMap((doc) => FIELDS.flatMap(([f]) => doc[f].split(" ").filter(Boolean))))].sort();
  const posting = (field, term) => {
    const gaps = [];
    let previous = -1;
    docs.forEach((doc, d) => {
      const tf = doc[field].split(" ").filter((w) => w === term).length;
      if (!tf) return;
      gaps.push(...(tf === 1 ? [d - previous] : [-(d - previous), tf]));
      previous = d;
    });
    return gaps.length ? gaps : 0;
  };
  return { count: docs.length, fields: FIELDS, k1: 1.2, b: 0.75, pipeline: [], terms,
           postings: terms.map((term) => FIELDS.map(([field]) => posting(field, term))) };
}

// lunr.js's own query for the finder's words: every word required, a prefix while typed, one letter off when fuzzy.
function lunrQuery(idx, words, fuzzy) {
  return idx.query((q) => words.forEach((slot) => {
    const options = { usePipeline: false, presence: lunr.Query.presence.REQUIRED };
    if (fuzzy.includes(slot.term)) options.editDistance = 1;
    else options.wildcard = slot.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE;
    q.term(slot.term, options);
  }));
}

const QUERIES = [
  [["su", true]], [["support", false]], [["support", false], ["li", true]], [["text", false], ["line", true]],
  [["anxiety", false], ["young", false]], [["gri", true]], [["lonely", false], ["lone", true]],
  [["crisis", false], ["crisis", true]], [["zzz", false]], [["chat", false], ["su", true], ["te", true]],
  [["tex", false, "fuzzy"]], [["lonley", false, "fuzzy"], ["su", true]], [["sun", false], ["sun", false]],
];

function compare(idx, docs) {
  for (const query of QUERIES) {
    const words = query.map(([term, prefix]) => ({ term, prefix }));
    const fuzzy = query.filter((word) => word[2]).map(([term]) => term);
    const theirs = lunrQuery(idx, words, fuzzy);
    const ours = runQuery(lunr, idx, words, fuzzy);
    // The same documents, in the same order, with the same scores to the last bit.
    assert.deepEqual(inLunrOrder(ours).map((m) => [m.ref, m.score]), theirs.map((m) => [m.ref, m.score]), JSON.stringify(query));
    // Every word in the name: as lunr's match data says (a term of each word under "name").
    const named = theirs.filter((m) => words.every((word, w) => {
      const terms = Object.keys(m.matchData.metadata).filter((term) => m.matchData.metadata[term].name);
      return terms.some((term) => fuzzy.includes(word.term)
        ? lunr.TokenSet.fromFuzzyString(word.term, 1).intersect(lunr.TokenSet.fromString(term)).toArray().length
        : word.prefix ? term.startsWith(word.term) : term === word.term);
    })).map((m) => Number(m.ref)).sort((a, b) => a - b);
    assert.deepEqual([...ours.named].sort((a, b) => a - b), named, JSON.stringify(query));
    if (query[0][0] === "su") assert.ok(theirs.length > docs.length / 4);  // the test has many matches to order
  }
}

test("the flat query gives lunr.js's matches, order and scores, on an index lunr built", () => {
  const docs = documents(400, 7);
  compare(lunrBuilt(docs), docs);
});

test("the flat query gives lunr.js's matches, order and scores, on the shipped index rebuilt", () => {
  const docs = documents(400, 11);
  compare(buildIndex(lunr, shipped(docs)), docs);
});

test("equal scores keep lunr.js's order: the document it met first, not the lower number", () => {
  // lunr's token set gives "su" as "support" before "suicide": it meets document 1 first; the two score the same.
  const docs = [{ name: "suicide", summary: "line", topics: "" }, { name: "support", summary: "line", topics: "" }];
  for (const idx of [lunrBuilt(docs), buildIndex(lunr, shipped(docs))]) {
    const theirs = lunrQuery(idx, [{ term: "su", prefix: true }], []);
    assert.equal(theirs[0].score, theirs[1].score);
    assert.deepEqual(theirs.map((m) => m.ref), ["1", "0"]);
    const ours = inLunrOrder(runQuery(lunr, idx, [{ term: "su", prefix: true }], []));
    assert.deepEqual(ours, theirs.map(({ ref, score }) => ({ ref, score })));
  }
});

test("a word that expands to nothing keeps nothing", () => {
  const docs = documents(50, 3);
  const idx = buildIndex(lunr, shipped(docs));
  assert.deepEqual(inLunrOrder(runQuery(lunr, idx, [{ term: "support", prefix: false }, { term: "qq", prefix: true }], [])), []);
  assert.deepEqual(inLunrOrder(runQuery(lunr, idx, [], [])), []);
});
