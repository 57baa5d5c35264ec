/* The finder's state is its URL: ?q=…&kind=…&topic=… (keys repeat, or take comma-separated values).
   Nothing else remembers what someone searched for. */
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

// The same state with every filter cleared and the words kept.
export function withoutFilters(state) {
  const cleared = emptyState();
  cleared.q = state.q;
  return cleared;
}
