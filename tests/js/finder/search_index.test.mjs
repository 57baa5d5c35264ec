import assert from "node:assert/strict";
import { test } from "node:test";

import { buildIndex, decodePosting } from "../../../generator/assets/finder/search_index.js";
import { lunr } from "../helpers/lunr.mjs";

const decoded = (encoded) => { const out = []; decodePosting(encoded, (doc, tf) => out.push([doc, tf])); return out; };

test("a gap list gives document numbers, a negative gap bringing its document's term frequency", () => {
  assert.deepEqual(decoded([1, -2, 3, 4]), [[0, 1], [2, 3], [6, 1]]);
  assert.deepEqual(decoded(0), []);
});

test("a bitmap gives every set bit, with the frequencies listed after the bar", () => {
  // bytes 0b00001001 and 0b00000010: documents 0, 3 and 9; the second of them (position 1) has frequency 4
  assert.deepEqual(decoded(Buffer.from([9, 2]).toString("base64") + "|2:4"), [[0, 1], [3, 4], [9, 1]]);
  assert.deepEqual(decoded(Buffer.from([1]).toString("base64")), [[0, 1]]);
});

// Three documents, already analysed, indexed by lunr.js's own builder with an empty pipeline.
const DOCS = [{ name: "grief grief support", summary: "line" }, { name: "anxiety", summary: "support line line" },
              { name: "support", summary: "anxiety" }];
const FIELDS = [["name", 10], ["summary", 2]];

function lunrBuilt() {
  const builder = new lunr.Builder();
  builder.ref("ref");
  FIELDS.forEach(([name, boost]) => builder.field(name, { boost }));
  DOCS.forEach((doc, ref) => builder.add({ ref: String(ref), ...doc }));
  return builder.build();
}

// The same documents in the shipped form (generator/search/index.py: compact), written out by hand.
function shipped() {
  const terms = ["anxiety", "grief", "line", "support"];
  const posting = (field, term) => {
    const docs = [];
    DOCS.forEach((doc, d) => {
      const tf = doc[field].split(" ").filter((w) => w === term).length;
      if (tf) docs.push([d, tf]);
    });
    const gaps = [];
    let previous = -1;
    docs.forEach(([d, tf]) => { gaps.push(...(tf === 1 ? [d - previous] : [-(d - previous), tf])); previous = d; });
    return gaps.length ? gaps : 0;
  };
  return { count: DOCS.length, fields: FIELDS, k1: 1.2, b: 0.75, pipeline: [], terms,
           postings: terms.map((term) => FIELDS.map(([field]) => posting(field, term))) };
}

test("the rebuilt index scores every field as lunr.js's builder does", () => {
  const ours = buildIndex(lunr, shipped()), theirs = lunrBuilt();
  const byTerm = (idx, fieldRef) => {
    const terms = Object.keys(idx.invertedIndex);
    const termAt = Object.fromEntries(terms.map((t) => [idx.invertedIndex[t]._index, t]));
    const elements = idx.fieldVectors[fieldRef].elements, out = {};
    for (let i = 0; i < elements.length; i += 2) out[termAt[elements[i]]] = elements[i + 1];
    return out;
  };
  assert.deepEqual(Object.keys(ours.fieldVectors).sort(), Object.keys(theirs.fieldVectors).sort());
  for (const fieldRef of Object.keys(theirs.fieldVectors)) {
    assert.deepEqual(byTerm(ours, fieldRef), byTerm(theirs, fieldRef), fieldRef);
  }
});

test("the rebuilt index answers queries as lunr.js's own does", () => {
  const ours = buildIndex(lunr, shipped()), theirs = lunrBuilt();
  for (const text of ["support", "line", "grief", "anxiety line", "sup*"]) {
    assert.deepEqual(ours.search(text), theirs.search(text), text);
  }
});
