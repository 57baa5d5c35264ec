/* find/search-index.json → a lunr.js index: the reader beside generator/search/index.py, whose module
   docstring describes the format. The file holds lunr.py's postings and term frequencies; this rebuilds
   lunr.js's inverted index, token set and field vectors from them, and the flat lists match.js queries. */
import { registerCompiled } from "./match.js";

// Calls visit(document number, term frequency) for each document in one encoded posting.
export function decodePosting(encoded, visit) {
  if (!encoded) return;
  let previous = -1;
  if (typeof encoded !== "string") {  // gaps; a negative gap is followed by that document's frequency
    for (let i = 0; i < encoded.length; i++) {
      const gap = encoded[i];
      let doc;
      if (gap < 0) { doc = previous - gap; visit(doc, encoded[++i]); }
      else { doc = previous + gap; visit(doc, 1); }
      previous = doc;
    }
    return;
  }
  const bar = encoded.indexOf("|");  // a base64 bitmap, then "|position:frequency,..." for frequencies over 1
  const bits = atob(bar < 0 ? encoded : encoded.slice(0, bar));
  const extra = Object.create(null);
  if (bar >= 0) {
    let position = -1;
    encoded.slice(bar + 1).split(",").forEach((pair) => {
      const p = pair.split(":");
      position += parseInt(p[0], 10);
      extra[position] = parseInt(p[1], 10);
    });
  }
  let seen = 0;
  for (let byte = 0; byte < bits.length; byte++) {
    const value = bits.charCodeAt(byte);
    if (!value) continue;
    for (let bit = 0; bit < 8; bit++) {
      if (value & (1 << bit)) {
        visit(byte * 8 + bit, extra[seen] || 1);
        seen++;
      }
    }
  }
}

export function buildIndex(lunr, data) {
  const fields = data.fields.map((f) => f[0]);
  const boosts = data.fields.map((f) => f[1]);
  const count = data.count, terms = data.terms, k1 = data.k1, b = data.b;
  const composed = data.composed || {};
  const none = {};  // the index keeps no per-match metadata; lunr only reads these objects
  const inverted = Object.create(null);
  const docsWithTerm = new Int32Array(terms.length);
  const perField = fields.map(() => { const a = new Array(count); for (let d = 0; d < count; d++) a[d] = []; return a; });
  const lengths = fields.map(() => new Float64Array(count));
  const postings = [];
  const lists = fields.map(() => new Array(terms.length));  // lists[f][t]: documents, ascending (match.js)
  for (let t = 0; t < terms.length; t++) {
    const posting = { _index: t };
    for (let f = 0; f < fields.length; f++) posting[fields[f]] = Object.create(null);
    inverted[terms[t]] = posting;
    postings.push(posting);
  }
  fields.forEach((field, f) => {
    const pieces = composed[field];
    if (pieces) {  // a field sent as shared pieces (topic labels): add each document's pieces up
      for (let d = 0; d < count; d++) {
        const tf = Object.create(null), order = [];
        pieces.docs[d].forEach((piece) => {
          pieces.pieces[piece].forEach((pair) => {
            if (tf[pair[0]] === undefined) { tf[pair[0]] = 0; order.push(pair[0]); }
            tf[pair[0]] += pair[1];
          });
        });
        order.sort((x, y) => x - y);
        for (const term of order) {
          (lists[f][term] || (lists[f][term] = [])).push(d);
          postings[term][field][d] = none;
          docsWithTerm[term]++;
          perField[f][d].push(term, tf[term]);
          lengths[f][d] += tf[term];
        }
      }
      return;
    }
    for (let t = 0; t < terms.length; t++) {
      const fieldPosting = postings[t][field], docs = lists[f][t] = [];
      decodePosting(data.postings[t][f], (doc, tf) => {
        fieldPosting[doc] = none;
        docs.push(doc);
        docsWithTerm[t]++;
        perField[f][doc].push(t, tf);
        lengths[f][doc] += tf;
      });
    }
  });
  const idf = new Float64Array(terms.length);
  for (let t = 0; t < terms.length; t++) {
    const x = (count - docsWithTerm[t] + 0.5) / (docsWithTerm[t] + 0.5);
    idf[t] = Math.log(1 + Math.abs(x));
  }
  const fieldVectors = Object.create(null);
  const weights = fields.map(() => new Array(terms.length));  // weights[f][t]: beside lists[f][t] (match.js)
  fields.forEach((field, f) => {
    let total = 0;
    for (let d = 0; d < count; d++) total += lengths[f][d];
    const average = total / count;
    for (let d = 0; d < count; d++) {
      const pairs = perField[f][d], elements = [], length = lengths[f][d];
      for (let p = 0; p < pairs.length; p += 2) {
        const term = pairs[p], tf = pairs[p + 1];
        // lunr.Builder.prototype.createFieldVectors, operation for operation.
        let score = idf[term] * ((k1 + 1) * tf) / (k1 * (1 - b + b * (length / average)) + tf);
        score *= boosts[f];
        const rounded = Math.round(score * 1000) / 1000;
        elements.push(term, rounded);
        (weights[f][term] || (weights[f][term] = [])).push(rounded);
      }
      fieldVectors[field + "/" + d] = new lunr.Vector(elements);
    }
  });
  const idx = new lunr.Index({
    invertedIndex: inverted, fieldVectors, fields,
    tokenSet: lunr.TokenSet.fromArray(terms.slice().sort()),
    pipeline: lunr.Pipeline.load(data.pipeline || [])
  });
  registerCompiled(idx, { fields, count, lists, weights });
  return idx;
}
