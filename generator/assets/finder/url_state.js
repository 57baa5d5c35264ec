/* A link's finder state: ?q=…&kind=…&topic=… (keys repeat, or take comma-separated values).

   The finder reads a link's state once, when the page opens (links shared before, and those "Copy a link to
   these results" makes), then puts the bare address back: what someone types or chooses is never written to
   the address bar or the browser's history (page.js). stateToSearch builds the link to copy. */
import { FACET_KEYS } from "./contract.js";
import { URL_KEYS, normaliseValue } from "./facets.js";

export function emptyState() {
  const sel = {};
  FACET_KEYS.forEach((key) => { sel[key] = []; });
  return { q: "", sel };
}

export function parseState(search) {
  const state = emptyState();
  const params = new URLSearchParams(search || "");
  state.q = params.get("q") || "";
  FACET_KEYS.forEach((key) => {
    params.getAll(key).forEach((raw) => {
      raw.split(",").forEach((part) => {
        const value = normaliseValue(key, part);
        if (value && !state.sel[key].includes(value)) state.sel[key].push(value);
      });
    });
  });
  return state;
}

// Canonical: q first, then filters in URL_KEYS order, values in option order (unknown values last).
// `facets`: the data's options ({key: [[value, label], ...]}), or nothing before the data has loaded.
export function stateToSearch(state, facets) {
  const params = new URLSearchParams();
  if (state.q && state.q.trim()) params.append("q", state.q);
  URL_KEYS.forEach((key) => {
    const order = ((facets && facets[key]) || []).map((option) => option[0]);
    const at = (value) => { const i = order.indexOf(value); return i < 0 ? 1e9 : i; };
    state.sel[key].slice().sort((a, b) => at(a) - at(b)).forEach((value) => params.append(key, value));
  });
  const text = params.toString();
  return text ? "?" + text : "";
}

// Whether a state chooses anything: words to search for, or a filter.
export function hasChoices(state) {
  return !!state.q.trim() || FACET_KEYS.some((key) => state.sel[key].length > 0);
}

// The same state without one filter's values (the way out of "no listings match").
export function withoutFilter(state, key) {
  const copy = { q: state.q, sel: {} };
  FACET_KEYS.forEach((k) => { copy.sel[k] = k === key ? [] : state.sel[k].slice(); });
  return copy;
}

// The same state with every filter cleared and the words kept.
export function withoutFilters(state) {
  const cleared = emptyState();
  cleared.q = state.q;
  return cleared;
}
