/* Which listings pass the chosen filters, and how many each option would give.

   Each decoded listing carries, per filter, the positions of its values in that filter's option list
   (listing.fi, records.js), so filtering and counting 10,000 listings is integer work with no allocation.
   A worldwide listing passes every country filter; a language filter on a primary tag (es) also matches
   its regional tags (es-MX). */
import { FACET_KEYS } from "./contract.js";
import { FACET_POSITION } from "./facets.js";

const F_OPEN = FACET_POSITION.open, F_COUNTRY = FACET_POSITION.country, F_LANGUAGE = FACET_POSITION.language;

function languageMatches(l, wanted) {
  for (let i = 0; i < wanted.length; i++) {
    const w = wanted[i];
    for (let j = 0; j < l.languagesLower.length; j++) {
      const tag = l.languagesLower[j];
      if (tag === w || tag.indexOf(w + "-") === 0) return true;
    }
  }
  return false;
}

function anyMasked(positions, mask) {
  for (let k = 0; k < positions.length; k++) if (mask[positions[k]]) return true;
  return false;
}

// The chosen values of each filter that has some: a mask over its options, plus values that are not options
// (from a shared link; for languages, regional tags such as es-mx, matched by the prefix rule).
function activeFilters(data, state) {
  const active = [];
  FACET_KEYS.forEach((key, f) => {
    const chosen = state.sel[key];
    if (!chosen.length) return;
    const positions = data.optionIndex[key] || {};
    const mask = new Uint8Array((data.facets[key] || []).length + 1), extras = [];
    chosen.forEach((v) => { if (positions[v] !== undefined) mask[positions[v]] = 1; else extras.push(v); });
    active.push({ f, key, mask, extras, now: chosen.includes("now"), always: chosen.includes("24-7") });
  });
  return active;
}

// "Open now" keeps listings whose hours are not known (the ranking puts them after the open ones, and their
// cards say so): leaving them out would hide lines such as Childline that publish no hours.
export function openNowOrUnknown(l, open) {
  return open === 1 || l.hours.length === 0;
}

function passes(filterSpec, l, open) {
  const f = filterSpec.f;
  if (f === F_OPEN) return (filterSpec.always && l.always) || (filterSpec.now && openNowOrUnknown(l, open));
  if (f === F_COUNTRY && l.worldwide) return true;  // a worldwide listing serves every country
  if (anyMasked(l.fi[f], filterSpec.mask)) return true;
  return f === F_LANGUAGE && filterSpec.extras.length > 0 && languageMatches(l, filterSpec.extras);
}

// Results (listing positions, in listing order) and, for each filter, how many results each of its values
// would have (every other filter applied, that one not).
// `scores`: null, or listing position -> text score (only matches present): the text narrows the results.
// `open`: 1 per listing open now, else 0; or null when not known yet (then "open now" is not counted).
export function filter(data, state, scores, open) {
  const active = activeFilters(data, state);
  const counts = FACET_KEYS.map((key) => new Int32Array((data.facets[key] || []).length + 1));
  const languageExtras = state.sel.language.filter((v) => data.optionIndex.language[v] === undefined);
  const extraCounts = Object.create(null);
  const results = [], listings = data.listings, nFacets = FACET_KEYS.length;
  const openNowAt = data.optionIndex.open.now, openAlwaysAt = data.optionIndex.open["24-7"];
  let worldwide = 0;
  for (let i = 0; i < listings.length; i++) {
    if (scores && scores[i] === undefined) continue;
    const l = listings[i];
    let failed = -1, fails = 0;
    for (let a = 0; a < active.length; a++) {
      if (!passes(active[a], l, open ? open[i] : 0)) {
        fails++;
        failed = active[a].f;
        if (fails > 1) break;
      }
    }
    if (fails > 1) continue;
    if (fails === 0) results.push(i);
    for (let f = 0; f < nFacets; f++) {
      if (fails === 1 && failed !== f) continue;
      const bucket = counts[f];
      if (f === F_OPEN) {
        if (open && openNowOrUnknown(l, open[i])) bucket[openNowAt]++;
        if (l.always) bucket[openAlwaysAt]++;
        continue;
      }
      if (f === F_COUNTRY && l.worldwide) { worldwide++; continue; }
      const positions = l.fi[f];
      for (let k = 0; k < positions.length; k++) bucket[positions[k]]++;
      if (f === F_LANGUAGE) {
        for (let e = 0; e < languageExtras.length; e++) {
          const extra = languageExtras[e];
          if (languageMatches(l, [extra])) extraCounts[extra] = (extraCounts[extra] || 0) + 1;
        }
      }
    }
  }
  return { results, counts, worldwide, extraCounts, openKnown: !!open };
}

// How many results one option of one filter would give, from filter()'s outcome.
export function countFor(data, outcome, key, value) {
  const f = FACET_POSITION[key], n = data.optionIndex[key] ? data.optionIndex[key][value] : undefined;
  if (key === "country") {
    // Every worldwide listing serves every country, and is all the "Worldwide" value holds.
    return (value === "worldwide" || n === undefined ? 0 : outcome.counts[f][n]) + outcome.worldwide;
  }
  if (n === undefined) return key === "language" ? (outcome.extraCounts[value] || 0) : 0;
  return outcome.counts[f][n];
}
