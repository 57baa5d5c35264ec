/* Text search: the words someone typed, analysed as the index was (generator/search/analysis.py:
   query_terms), planned with the phrase table (synonyms.js), and run on lunr.js; the twin of
   generator/search/query.py (find). lunr is passed in: it is lunr.js's own global, loaded only when there is text.

   Phrase slots ("want to die") keep the listings with any of their topics or audiences; the other words are
   each required, the last one a prefix while it is typed. A word the index does not hold at all is matched
   one letter off instead (lunr's edit distance 1): `fuzzy` names those words, so the page can say so. */
import { expansions, inLunrOrder, runQuery } from "./match.js";
import { isPrefix, normalise, planTerms, suggest } from "./synonyms.js";

const PREFIX_MIN = 2;  // analysis.PREFIX_MIN
const SEPARATOR = /[\s-]/;
export const PHRASE_ONLY_SCORE = 1;  // query.py: PHRASE_ONLY_SCORE

// {terms, prefix}: every word's term (stop words drop out); unless the text ends with a space or hyphen its
// last word is still being typed, and matches as a prefix once its term is PREFIX_MIN long.
// `analysis` (synonyms.js: analysisFrom) says how the site's language is analysed; English when absent.
export function queryTerms(lunr, text, analysis) {
  text = normalise(text);
  const own = analysis && analysis.stem === false;
  const terms = lunr.tokenizer(text).map((t) => {
    let token = lunr.trimmer(t);
    if (!token || token.toString() === "") return null;
    if (own) return analysis.stop.has(token.toString()) ? null : token.toString();
    token = lunr.stopWordFilter(token);
    return token ? lunr.stemmer(token).toString() : null;
  });
  let prefix = false;
  if (terms.length && !SEPARATOR.test(text.charAt(text.length - 1))) {
    const last = terms.pop();
    if (last !== null && last.length >= PREFIX_MIN) { terms.push(last); prefix = true; }
  }
  return { terms: terms.filter((t) => t !== null), prefix };
}

export function planQuery(lunr, text, table) {
  return planTerms(queryTerms(lunr, text, table.analysis), table);
}

// lunr.js matches ({ref, score}, best first) for plain required words, no phrases (query.py: index.search).
export function searchIndex(lunr, idx, text, analysis) {
  const parsed = queryTerms(lunr, text, analysis);
  if (!parsed.terms.length) return [];
  const last = parsed.terms.length - 1;
  const words = parsed.terms.map((term, i) => ({ term, prefix: isPrefix(term, parsed.prefix && i === last, analysis) }));
  return inLunrOrder(runQuery(lunr, idx, words, []));
}

export { expansions };

// What the text keeps, unordered: {plan, fuzzy, named: the positions with every word in their name, kept:
// positions ascending, or null (nothing to search for yet), scores: by position (for those kept), and `ordered()`,
// the matches as lunr.js lists them}. `hasConcept(position, {facet, id})`: whether a listing has that topic or
// audience; `count`: how many listings.
export function findKept(lunr, idx, text, table, hasConcept, count) {
  const plan = planQuery(lunr, text, table);
  if (!plan.slots.length) return { plan, kept: null, scores: null, fuzzy: [], named: new Set(), ordered: () => null };
  let allowed = null;
  plan.slots.filter((slot) => slot.term === null).forEach((slot) => {
    const members = new Set();
    for (let p = 0; p < count; p++) {
      if ((allowed === null || allowed.has(p)) && slot.concepts.some((c) => hasConcept(p, c))) members.add(p);
    }
    allowed = members;
  });
  const words = plan.slots.filter((slot) => slot.term !== null);
  const fuzzy = words.filter((slot) => !expansions(lunr, idx, slot, false).length).map((slot) => slot.term);
  if (!words.length) {
    const kept = [...allowed].sort((a, b) => a - b);
    const scores = new Float64Array(count).fill(PHRASE_ONLY_SCORE);
    const ordered = () => kept.map((p) => ({ ref: String(p), score: PHRASE_ONLY_SCORE }));
    return { plan, kept, scores, fuzzy, named: new Set(), ordered };
  }
  const found = runQuery(lunr, idx, words, fuzzy);
  const kept = allowed === null ? Array.from(found.docs) : Array.from(found.docs).filter((p) => allowed.has(p));
  return { plan, kept, scores: found.scores, fuzzy, named: found.named, ordered: () => inLunrOrder(found, kept) };
}

// What the text keeps: {plan, matches: [{ref, score}] best first, as lunr.js lists them, or null (nothing to
// search for yet), fuzzy, named}.
export function find(lunr, idx, text, table, hasConcept, count) {
  const found = findKept(lunr, idx, text, table, hasConcept, count);
  return { plan: found.plan, matches: found.ordered(), fuzzy: found.fuzzy, named: found.named };
}

// Which of the kept positions have every word in their name: position -> 0 when the name is just those words,
// 1 otherwise.
export function nameLevels(lunr, idx, found) {
  const levels = new Map();
  const words = found.plan.slots.filter((slot) => slot.term !== null);
  if (!words.length || !found.kept) return levels;
  for (const p of found.kept) {
    if (!found.named.has(p)) continue;
    const vector = idx.fieldVectors["name/" + p];
    const nameTerms = vector ? vector.elements.length / 2 : 0;
    levels.set(p, nameTerms === words.length ? 0 : 1);
  }
  return levels;
}

// Everything the finder needs from the words typed: scores by position (or null: narrow nothing), name levels,
// whether they speak of a crisis, and the words matched only one letter off with a suggested spelling (from the
// table's words, then `moreWords()`: the words of listing names, worked out only when needed).
export function textSearch(lunr, idx, text, table, hasConcept, count, moreWords = () => []) {
  const found = findKept(lunr, idx, text, table, hasConcept, count);
  if (!found.kept) return { scores: null, levels: new Map(), crisis: found.plan.crisis, corrections: [] };
  const scores = Object.create(null);
  for (const p of found.kept) scores[p] = found.scores[p];
  const typed = lunr.tokenizer(normalise(text)).map((token) => lunr.trimmer(token).toString());
  const corrections = found.fuzzy.map((term) => {
    const word = typed.find((w) => queryTerms(lunr, w + " ", table.analysis).terms[0] === term) || term;
    return { word, suggestion: suggest(word, table.words) || suggest(word, moreWords()) };
  });
  return { scores, levels: nameLevels(lunr, idx, found), crisis: found.plan.crisis, corrections };
}
