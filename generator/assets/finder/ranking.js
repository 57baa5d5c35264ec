/* The order results are shown in: the twin of generator/ranking.py, plus text relevance.

   Without words, by the priors (ranking.py: rank_key, key for key):
     1. active before paused;
     2. with one country chosen: serving it specifically, then worldwide, then the rest;
     3. by kind of help: that country's "start here" lines (its profile), then crisis, support and information
        lines, communities, teletherapy;
     4. open now, then opening within a day, then hours unknown, then closed, by the visitor's clock
        (hours.js: openState; until the clock has been read, the state a built page gives: 24/7 open, hours
        later, none unknown);
     5. among "start here" lines, the profile's order;  6. free, then low-cost, then paid;
     7. by name ignoring case, then id (the `nr` column, worked out in Python so both sides agree exactly).
   With "Open now" chosen, the open state moves up to second place, so every open listing comes before those
   whose hours are not known.

   With words, relevance comes first, in bands, and the priors order each band:
     band 0: the listing's name is exactly the words typed ("samaritans", "crisis text line");
     band 1: every word typed is in its name;
     bands 2, 3, 4: text score at least half the best score among the rest, at least a quarter, lower.
   So an exact name always wins, a clearly better match stays above a weaker one, and among matches of about
   the same strength the crisis line for the visitor's country comes before a forum from elsewhere. A query of
   phrases only ("i want to die", "my dad died") gives every listing it keeps the same score: one band. */
import { STATE_ORDER } from "../hours.js";

export const START_HERE = -1;
export const CRISIS = 0, SUPPORT = 1, INFORMATION = 2, COMMUNITY = 3, TELETHERAPY = 4;
const HELPLINE_TIERS = new Map([["crisis", CRISIS], ["support", SUPPORT], ["information", INFORMATION]]);
const KIND_TIERS = new Map([["communities", COMMUNITY], ["teletherapy", TELETHERAPY]]);
const FREE_COSTS = new Set(["free", "free-standard-charges"]);
const LOW_COSTS = new Set(["low-cost", "sliding-scale"]);
export const BAND_RATIOS = [1 / 2, 1 / 4];

export function tier(kind, service) {
  if (kind === "helplines") return HELPLINE_TIERS.has(service) ? HELPLINE_TIERS.get(service) : SUPPORT;
  return KIND_TIERS.has(kind) ? KIND_TIERS.get(kind) : TELETHERAPY;
}

// 0 when free to use (call charges aside), 1 when low-cost or sliding-scale, 2 otherwise.
export function costRank(costs) {
  if (costs.some((c) => FREE_COSTS.has(c))) return 0;
  return costs.some((c) => LOW_COSTS.has(c)) ? 1 : 2;
}

export function specificity(countries, country) {
  if (!country) return 0;
  if (countries.includes(country)) return 0;
  return countries.includes("worldwide") ? 1 : 2;
}

// The open-state rank a page built ahead of time gives (ranking.py: static_state). Whether a listing has hours
// is read from its encoded hours when it has them: records.js decodes them only when they are first read, and
// the first results, drawn before the clock is read, need no more than this (#14).
export function staticState(l) {
  if (!(l.rawHours || l.hours).length) return STATE_ORDER.unknown;
  return l.always ? STATE_ORDER.open : STATE_ORDER.later;
}

// The country the ranking favours: the country filter's value when exactly one country is chosen.
export function chosenCountry(state) {
  const chosen = state.sel.country;
  return chosen.length === 1 && chosen[0] !== "worldwide" ? chosen[0] : null;
}

// The chosen country's "start here" ids in the profile's order (listings.json "help"), as id -> place.
export function startHereOf(data, country) {
  const places = new Map();
  const help = country && Object.prototype.hasOwnProperty.call(data.help, country) ? data.help[country] : null;
  if (help) help.s.forEach((group) => group.forEach((id) => { if (!places.has(id)) places.set(id, places.size); }));
  return places;
}

// Whether a service works in the page's language (ranking.py: offers); l.primaryLanguages are lower-case.
export function offers(l, language) {
  return l.primaryLanguages.includes((language || "en").split("-")[0].toLowerCase());
}

// context: {country, startHere: Map, state(l) -> STATE_ORDER value or null, openFirst, language}. `l.costRank` is
// costRank() of its costs, worked out when the data is decoded (records.js).
export function rankKey(l, context) {
  const startHere = context.startHere || new Map();
  const started = startHere.has(l.id) ? startHere.get(l.id) : startHere.size;
  const live = context.state ? context.state(l) : null;
  const state = live === null || live === undefined ? staticState(l) : live;
  const key = [
    l.paused ? 1 : 0,
    specificity(l.countries, context.country),
    started < startHere.size ? START_HERE : tier(l.kind, l.service),
    offers(l, context.language) ? 0 : 1,
    state,
    started,
    l.costRank,
    l.nameRank
  ];
  if (context.openFirst) key.splice(1, 0, state);
  return key;
}

export function compareKeys(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

// The relevance band of each result (0 exact name, 1 name, 2-4 by score), or null without words.
// `scores`: position -> score; `levels`: Map position -> 0 (exact name) or 1 (every word in the name).
export function bands(results, scores, levels) {
  if (!scores) return null;
  let best = 0;
  results.forEach((p) => { if (!levels.has(p) && scores[p] > best) best = scores[p]; });
  return results.map((p) => {
    if (levels.has(p)) return levels.get(p);
    const ratio = best > 0 ? scores[p] / best : 1;
    const below = BAND_RATIOS.findIndex((threshold) => ratio >= threshold);
    return 2 + (below < 0 ? BAND_RATIOS.length : below);
  });
}

// Every listing's place in the order of the priors alone, for one context (all but scores and levels): what
// rankResults sorts by when given it as `context.priors`, instead of working out each result's key again. The
// finder keeps it while the country, language, clock and "Open now" stay the same, so a keystroke that keeps
// thousands of listings sorts them by two numbers.
export function priorRanks(data, context) {
  const listings = data.listings, n = listings.length, keys = new Array(n);
  for (let p = 0; p < n; p++) keys[p] = rankKey(listings[p], context);
  const order = new Array(n);
  for (let p = 0; p < n; p++) order[p] = p;
  const packed = packKeys(keys);
  if (packed) order.sort((x, y) => packed[x] - packed[y] || x - y);
  else order.sort((x, y) => compareKeys(keys[x], keys[y]) || x - y);
  const ranks = new Int32Array(n);
  for (let at = 0; at < n; at++) ranks[order[at]] = at;
  return ranks;
}

// Keys of small whole numbers as one number each, digit by digit in a mixed radix (each part's range among
// these keys), so they sort as numbers in the same order compareKeys gives; null when they do not fit exactly.
export function packKeys(keys) {
  if (!keys.length) return new Float64Array(0);
  const parts = keys[0].length, low = keys[0].slice(), high = keys[0].slice();
  for (const key of keys) {
    for (let i = 0; i < parts; i++) {
      if (!Number.isInteger(key[i])) return null;
      if (key[i] < low[i]) low[i] = key[i];
      if (key[i] > high[i]) high[i] = key[i];
    }
  }
  let span = 1;
  for (let i = 0; i < parts; i++) span *= high[i] - low[i] + 1;
  if (!(span <= Number.MAX_SAFE_INTEGER)) return null;
  const packed = new Float64Array(keys.length);
  keys.forEach((key, p) => {
    let value = 0;
    for (let i = 0; i < parts; i++) value = value * (high[i] - low[i] + 1) + (key[i] - low[i]);
    packed[p] = value;
  });
  return packed;
}

// Sorts `results` (listing positions) in place: bands first when there are words, then the priors.
// `context.priors`: priorRanks() for the same context, when the caller has it.
export function rankResults(data, results, context) {
  const band = bands(results, context.scores || null, context.levels || new Map());
  const priors = context.priors;
  if (priors) {
    if (!band) return results.sort((x, y) => priors[x] - priors[y]);
    const bandOf = new Uint8Array(data.listings.length);
    results.forEach((p, i) => { bandOf[p] = band[i]; });
    return results.sort((x, y) => bandOf[x] - bandOf[y] || priors[x] - priors[y]);
  }
  const keys = new Map();
  results.forEach((p, i) => {
    const key = rankKey(data.listings[p], context);
    keys.set(p, band ? [band[i]].concat(key) : key);
  });
  results.sort((x, y) => compareKeys(keys.get(x), keys.get(y)) || x - y);
  return results;
}
