/* What the results region says in words: the count, announced politely to screen readers once per change, and
   a plain summary of the words and filters in use (.kd-finder-active-filters, which print styles show, so a
   printed page says what it lists). */
import { t } from "../i18n.js";
import { FACETS } from "./facets.js";

const SETTLE_MS = 600;  // while someone types, the count is announced once they pause

// The count lives in a polite live region: its text changes only when the count does, and typing changes it
// once, after the pause, so a screen reader says one thing per change.
export class Announcer {
  constructor(node) {
    this.node = node;
    this.timer = null;
    this.pending = null;
  }

  say(text, settle) {
    this.pending = text;
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    if (settle && this.node.textContent !== text) this.timer = setTimeout(() => this.flush(), SETTLE_MS);
    else this.flush();
  }

  flush() {
    this.timer = null;
    if (this.pending !== null && this.node.textContent !== this.pending) this.node.textContent = this.pending;
  }

  cancel() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

// A chosen value as the filter shows it ("United Kingdom" for GB), or the value itself.
export function valueLabel(data, key, value) {
  const option = (data.facets[key] || []).find((o) => o[0] === value);
  if (option) return option[1];
  return key === "country" && data.countries[value] ? data.countries[value] : value;
}

// "Country: Mexico or United Kingdom": a filter and its chosen values, each "or" a message of its own.
export function filterLabel(data, key, values) {
  const facet = FACETS.find((f) => f.key === key);
  const labels = values.map((v) => valueLabel(data, key, v));
  // Translators: two choices within one filter, e.g. "Mexico or United Kingdom"; a third is added the same way.
  const chosen = labels.length ? labels.reduce((first, second) => t("%(first)s or %(second)s", { first, second })) : "";
  // Translators: a filter and its chosen values, e.g. "Country: Mexico"; part of the "Showing: ..." summary.
  return t("%(filter)s: %(values)s", { filter: facet ? facet.legend : key, values: chosen });
}

// "Showing: words “grief”; Type of support: Helplines; Country: United Kingdom."
export function summaryText(data, state) {
  const parts = [];
  // Translators: the words typed into the finder, as the first part of the "Showing: ..." summary.
  if (state.q.trim()) parts.push(t("words “%(words)s”", { words: state.q.trim() }));
  FACETS.forEach((facet) => {
    const chosen = state.sel[facet.key];
    if (chosen.length) parts.push(filterLabel(data, facet.key, chosen));
  });
  if (!parts.length) return t("Showing every listing: no words or filters chosen.");
  return t("Showing: %(choices)s.", { choices: parts.join("; ") });
}

// The country's emergency number for a printed page (listings.json "help"; shown only in print, where a
// results list without it would leave a reader with no number to call in danger).
export function emergencyText(data, state) {
  const chosen = state.sel.country.length === 1 ? state.sel.country[0] : null;
  const profile = chosen && data.help && Object.prototype.hasOwnProperty.call(data.help, chosen)
    ? data.help[chosen] : null;
  if (profile && profile.e.length) {
    return t("In an emergency in %(country)s, call %(number)s.",
             { country: valueLabel(data, "country", chosen), number: profile.e[0][0] });
  }
  return t("In an emergency, call your local emergency number.");
}

// The summary as text, and the emergency sentence in an element that only print styles show.
export function renderSummary(node, data, state) {
  node.textContent = summaryText(data, state);
  const printed = document.createElement("span");
  printed.className = "kd-print-only";
  printed.textContent = " " + emergencyText(data, state);
  node.appendChild(printed);
}
