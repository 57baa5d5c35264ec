/* Plain-language search: phrases people type, read as the topics and audiences they mean. The twin of
   generator/search/synonyms.py, which writes the phrase table into find/search-index.json ("synonyms") from
   directory/taxonomy.yaml, the one place phrases are kept.

   A query's plan: its words analysed as the index's text (query.js: queryTerms), phrases found left to right
   (the longest first) and turned into topic, audience or cost slots ("free therapy": free listings), filler
   words ("help", "need") dropped, the rest kept as required words. `crisis`: the words hold every word of a
   crisis topic's label or synonym. */

// Apostrophes go ("can't" is "cant") and accents go ("anxiété" is "anxiete"): analysis.py: normalise.
const APOSTROPHES = /['`\u00b4\u2018\u2019\u02bc]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
export const SUGGEST_MIN = 4;  // synonyms.py: SUGGEST_MIN

export function normalise(text) {
  return String(text).replace(APOSTROPHES, "").normalize("NFD").replace(COMBINING_MARKS, "");
}

const conceptKey = (concept) => concept.facet + ":" + concept.id;

// The table as search-index.json carries it (synonyms.py: table_data), made ready for planTerms.
export function readTable(raw) {
  const phrases = new Map();
  let longest = 0;
  ((raw && raw.phrases) || []).forEach(([terms, concepts]) => {
    phrases.set(terms.join(" "), concepts.map(([facet, id]) => ({ facet, id })));
    longest = Math.max(longest, terms.length);
  });
  return {
    phrases, longest,
    filler: new Set((raw && raw.filler) || []),
    crisis: (raw && raw.crisis) || [],
    crisisConcepts: new Set(((raw && raw.crisisConcepts) || []).map(([facet, id]) => conceptKey({ facet, id }))),
    words: (raw && raw.words) || [],
    analysis: analysisFrom(raw && raw.analysis)
  };
}

// The site language's analysis (analysis.py: Analysis.as_data): English stems with lunr's stemmer and stop
// words; other languages have their own stop words, no stemmer, and every word of prefixFrom letters or more
// matches as a prefix.
export function analysisFrom(raw) {
  if (!raw || raw.stem !== false) return { lang: (raw && raw.lang) || "en", stem: true, prefixFrom: 0, stop: null };
  return { lang: raw.lang, stem: false, prefixFrom: raw.prefixFrom || 0, stop: new Set(raw.stop || []) };
}

// analysis.py: is_prefix.
export function isPrefix(term, lastTyped, analysis) {
  return lastTyped || Boolean(analysis && analysis.prefixFrom > 0 && term.length >= analysis.prefixFrom);
}

// {slots: [{term, prefix, concepts}], crisis} from queryTerms' {terms, prefix} (synonyms.py: plan_query).
export function planTerms(parsed, table) {
  const terms = parsed.terms, slots = [];
  let at = 0;
  while (at < terms.length) {
    let concepts = null, size = Math.min(table.longest, terms.length - at);
    for (; size > 0 && !concepts; size--) concepts = table.phrases.get(terms.slice(at, at + size).join(" ")) || null;
    if (concepts) {
      slots.push({ term: null, prefix: false, concepts });
      at += size + 1;  // the loop stepped once past the size that matched
    } else {
      const lastTyped = parsed.prefix && at === terms.length - 1;
      slots.push({ term: terms[at], prefix: isPrefix(terms[at], lastTyped, table.analysis), concepts: [] });
      at += 1;
    }
  }
  const present = new Set(terms);
  const crisis = table.crisis.some((words) => words.every((t) => present.has(t))) ||
    slots.some((slot) => slot.concepts.some((c) => table.crisisConcepts.has(conceptKey(c))));
  return { slots: slots.filter((slot) => slot.term === null || !table.filler.has(slot.term)), crisis };
}

// Edits from a to b (insert, delete, replace, swap two neighbours), or limit + 1 when more than limit.
export function damerauDistance(a, b, limit = 1) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = [], previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        current[j] = Math.min(current[j], before[j - 2] + 1);
      }
    }
    if (Math.min(...current) > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length], limit + 1);
}

// The first of `words` one edit away from `word`, or null: a short word or a known one (synonyms.py: suggest).
export function suggest(word, words) {
  const typed = normalise(word).toLowerCase();
  if (typed.length < SUGGEST_MIN || words.includes(typed)) return null;
  return words.find((w) => w !== typed && damerauDistance(typed, w) <= 1) || null;
}
