/* The finder's word query, run over flat lists: the same matches and scores as lunr.js's Index.prototype.query
   (lunr 2.3.9) gives for the finder's queries (every word required, no field or boost of its own, no pipeline),
   without the objects lunr makes for every matching document and field. At 10,000 listings a short prefix
   such as "su" matches most of them, and lunr's sets, field references and match data took over 100 ms a
   keystroke; this takes a few. generator/search/query.py (lunr.py) stays the twin: tests/search/test_query.py
   compares the two, and tests/js/finder/match.test.mjs compares this with lunr.js's own query.

   lunr.js, step by step, and what stands for it here:
   - each word's index terms: the token set intersected with the word (a trailing wildcard while typed, or one
     edit away for a word the index lacks) — `expansions`;
   - the query vector of every field: each expanded term counted once per word it came from;
   - a document is kept when every word matched it in some field;
   - a document's score: for each field it matched in, the query vector's dot product with that field's vector
     over the query vector's magnitude, added up in the order lunr first met each field of that document (the
     order of words, then of their terms, then of fields);
   - results best first, ties in the order lunr first met each document. */

const compiledIndexes = new WeakMap();  // lunr.Index -> {fields, count, lists, weights}
const NONE = [];

// The lists buildIndex (search_index.js) makes as it decodes the shipped file: `lists[f][t]`, the documents with
// term number t in field f, ascending; `weights[f][t]`, beside them, the term's value in each document's field
// vector (what lunr.Vector.prototype.dot multiplies).
export function registerCompiled(idx, compiled) {
  compiledIndexes.set(idx, compiled);
}

// The same lists read from any lunr.Index (one built by lunr's own builder, in tests), once: a field vector
// holds every term of its field, so the vectors give both.
function compileFrom(idx) {
  const fields = idx.fields, lists = fields.map(() => []), weights = fields.map(() => []);
  const refs = Object.keys(idx.fieldVectors).map((fieldRef) => {
    const slash = fieldRef.indexOf("/");
    return { fieldRef, f: fields.indexOf(fieldRef.slice(0, slash)), d: Number(fieldRef.slice(slash + 1)) };
  }).sort((a, b) => a.d - b.d);
  let count = 0;
  for (const { fieldRef, f, d } of refs) {
    const elements = idx.fieldVectors[fieldRef].elements;
    for (let i = 0; i < elements.length; i += 2) {
      const t = elements[i];
      (lists[f][t] || (lists[f][t] = [])).push(d);
      (weights[f][t] || (weights[f][t] = [])).push(elements[i + 1]);
    }
    count = Math.max(count, d + 1);
  }
  return { fields, count, lists, weights };
}

function compiledOf(idx) {
  let compiled = compiledIndexes.get(idx);
  if (!compiled) {
    compiled = compileFrom(idx);
    compiledIndexes.set(idx, compiled);
  }
  return compiled;
}

// The index terms a word can match: itself, the words it begins (while typed), or those one letter off.
export function expansions(lunr, idx, slot, fuzzy) {
  const set = fuzzy ? lunr.TokenSet.fromFuzzyString(slot.term, 1)
    : lunr.TokenSet.fromString(slot.term + (slot.prefix ? "*" : ""));
  return idx.tokenSet.intersect(set).toArray();
}

// words: [{term, prefix}]; fuzzy: the terms matched one letter off. Returns {docs: the documents kept,
// ascending; scores: by document number (for those kept); met: by document number, when lunr first met it;
// named: Set of documents with every word in their "name" field (one of the word's terms)}.
export function runQuery(lunr, idx, words, fuzzy) {
  const { fields, count, lists, weights } = compiledOf(idx);
  const nFields = fields.length, nameField = fields.indexOf("name");
  const expanded = words.map((slot) => expansions(lunr, idx, slot, fuzzy.includes(slot.term)));
  const named = new Set();
  const scores = new Float64Array(count), met = new Int32Array(count);
  if (!words.length || expanded.some((terms) => !terms.length)) return { docs: new Int32Array(0), scores, met, named };
  // The query vector (the same for every field): term number -> how many words expanded to it.
  const counts = new Map();
  const termNumbers = expanded.map((terms) => terms.map((term) => {
    const t = idx.invertedIndex[term]._index;
    counts.set(t, (counts.get(t) || 0) + 1);
    return t;
  }));
  const qTerms = [...counts.keys()].sort((a, b) => a - b);
  let squares = 0;
  for (const t of qTerms) squares += counts.get(t) * counts.get(t);
  const magnitude = Math.sqrt(squares);
  // Which words matched each document (anywhere, and in its name), and when lunr first met each of its fields.
  const hits = new Int32Array(count), lastWord = new Int32Array(count);
  const nameHits = new Int32Array(count), lastName = new Int32Array(count);
  const firstMet = new Int32Array(count * nFields).fill(-1);
  let ordinal = 0;
  termNumbers.forEach((terms, w) => {
    const stamp = w + 1;
    for (const t of terms) {
      for (let f = 0; f < nFields; f++) {
        const docs = lists[f][t] || NONE, key = ordinal * nFields + f;
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i];
          if (lastWord[d] !== stamp) { lastWord[d] = stamp; hits[d]++; }
          if (f === nameField && lastName[d] !== stamp) { lastName[d] = stamp; nameHits[d]++; }
          if (firstMet[d * nFields + f] < 0) firstMet[d * nFields + f] = key;
        }
      }
      ordinal++;
    }
  });
  // Each field's dot product with the query vector, added up term by term in ascending term number, as
  // lunr.Vector.prototype.dot adds them.
  const dots = new Float64Array(count * nFields);
  for (const t of qTerms) {
    const q = counts.get(t);
    for (let f = 0; f < nFields; f++) {
      const docs = lists[f][t] || NONE, values = weights[f][t] || NONE;
      for (let i = 0; i < docs.length; i++) dots[docs[i] * nFields + f] += q * values[i];
    }
  }
  let kept = 0;
  const keptDocs = new Int32Array(count);
  const keys = new Int32Array(nFields);
  for (let d = 0; d < count; d++) {
    if (hits[d] !== words.length) continue;
    if (nameHits[d] === words.length) named.add(d);
    // This document's fields in the order lunr met them (a few: sorted by insertion), and its score added up
    // in that order.
    let n = 0;
    for (let f = 0; f < nFields; f++) {
      const key = firstMet[d * nFields + f];
      if (key < 0) continue;
      let at = n++;
      while (at > 0 && keys[at - 1] > key) { keys[at] = keys[at - 1]; at--; }
      keys[at] = key;
    }
    let score = 0;
    for (let k = 0; k < n; k++) {
      const similarity = dots[d * nFields + keys[k] % nFields] / magnitude || 0;
      score = k === 0 ? similarity : score + similarity;
    }
    scores[d] = score;
    met[d] = keys[0];
    keptDocs[kept++] = d;
  }
  return { docs: keptDocs.slice(0, kept), scores, met, named };
}

// runQuery's documents as lunr.js lists them: [{ref, score}] best first, ties in the order lunr first met each
// document (then by number, as its postings list documents).
export function inLunrOrder(found, docs = found.docs) {
  const order = Array.from(docs);
  order.sort((a, b) => found.met[a] - found.met[b] || a - b);
  const matches = order.map((d) => ({ ref: String(d), score: found.scores[d] }));
  return matches.sort((a, b) => b.score - a.score);
}
