/* Text search: the words someone typed, analysed as the index was (generator/search/analysis.py:
   query_terms), and the lunr.js query the finder runs (generator/search/index.py: search builds the same
   query with lunr.py). lunr is passed in: it is lunr.js's own global, loaded only when there is text. */

const PREFIX_MIN = 2;  // analysis.PREFIX_MIN
const SEPARATOR = /[\s-]/;

// {terms, prefix}: every word's term (stop words drop out); unless the text ends with a space or hyphen its
// last word is still being typed, and matches as a prefix once its term is PREFIX_MIN long.
export function queryTerms(lunr, text) {
  const terms = lunr.tokenizer(text).map((t) => {
    let token = lunr.trimmer(t);
    if (!token || token.toString() === "") return null;
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

// lunr.js matches ({ref, score}, best first): every term required, the last a prefix while it is typed.
export function searchIndex(lunr, idx, text) {
  const parsed = queryTerms(lunr, text);
  if (!parsed.terms.length) return [];
  return idx.query((q) => {
    parsed.terms.forEach((term, i) => {
      const last = i === parsed.terms.length - 1;
      q.term(term, {
        usePipeline: false, presence: lunr.Query.presence.REQUIRED,
        wildcard: parsed.prefix && last ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE
      });
    });
  });
}

// Text score per listing position for what `text` matches, or null when the text has no word to search for
// yet (only stop words, or one letter still being typed): then the text narrows nothing.
export function textScores(lunr, idx, text) {
  if (!queryTerms(lunr, text).terms.length) return null;
  const scores = Object.create(null);
  for (const match of searchIndex(lunr, idx, text)) scores[match.ref] = match.score;
  return scores;
}
