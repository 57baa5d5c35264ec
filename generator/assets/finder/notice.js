/* What the finder says above the cards when the words did not match as typed: a word found only one letter off
   ("Did you mean …"), and, when nothing matches at all, the ways on: a spelling to try, the filter whose removal
   gives the most results, or the words cleared. help_block.js shows crisis lines beside it. */
import { el, plural } from "./dom.js";
import { filter } from "./filters.js";
import { filterLabel } from "./status.js";
import { hasChoices, withoutFilter } from "./url_state.js";
import { FACET_KEYS } from "./contract.js";

// The words with each misspelt word replaced by its suggestion (the first match, ignoring case).
export function corrected(text, corrections) {
  let out = text;
  corrections.forEach(({ word, suggestion }) => {
    if (!suggestion) return;
    const at = out.toLowerCase().indexOf(word.toLowerCase());
    out = at >= 0 ? out.slice(0, at) + suggestion + out.slice(at + word.length) : suggestion;
  });
  return out;
}

// The chosen filter whose removal would give the most results: {key, count}, or null.
export function loosestFilter(data, state, scores, open) {
  let best = null;
  FACET_KEYS.forEach((key) => {
    if (!state.sel[key].length) return;
    const count = filter(data, withoutFilter(state, key), scores, open).results.length;
    if (count > 0 && (!best || count > best.count)) best = { key, count };
  });
  return best;
}

function button(text, onClick) {
  const node = el("button", { type: "button", className: "md-button kd-finder__way-out", text });
  node.addEventListener("click", onClick);
  return node;
}

// `search`: query.js textSearch's answer, or null; `open`: the open-now flags filter() was given.
export function renderNotice(box, finder, outcome, search, open) {
  while (box.firstChild) box.removeChild(box.firstChild);
  const corrections = search ? search.corrections : [];
  const empty = outcome.results.length === 0 && hasChoices(finder.state);
  const suggestion = corrected(finder.state.q, corrections);
  const offer = corrections.some((c) => c.suggestion) && suggestion !== finder.state.q;
  if (!corrections.length && !empty) { box.hidden = true; return; }
  if (corrections.length && !empty) {
    const words = corrections.map((c) => "“" + c.word + "”").join(", ");
    box.appendChild(el("p", { text: "No listing has the word " + words + ", so listings with a similar word are shown." }));
  }
  const ways = [];
  if (offer) ways.push(button("Did you mean “" + suggestion + "”? Search for that", () => finder.setWords(suggestion)));
  if (empty) {
    const data = finder.data;
    const loosest = loosestFilter(data, finder.state, search ? search.scores : null, open);
    if (loosest) {
      const label = filterLabel(data, loosest.key, finder.state.sel[loosest.key]);
      ways.push(button("Remove the filter “" + label + "” (" + plural(loosest.count, "listing", "listings") + ")",
                       () => finder.removeFilter(loosest.key)));
    }
    if (finder.state.q.trim()) {
      const count = filter(data, { q: "", sel: finder.state.sel }, null, open).results.length;
      if (count) ways.push(button("Clear your words (" + plural(count, "listing", "listings") + ")", () => finder.setWords("")));
    }
  }
  if (empty) {
    box.appendChild(el("p", { text: ways.length ? "Nothing matches all of your words and filters. You could:"
                                                : "Nothing matches these words. Other words, or fewer, may find something." }));
  }
  if (ways.length) box.appendChild(el("ul", { className: "kd-finder__ways-out" }, ways.map((w) => el("li", null, [w]))));
  box.hidden = false;
}
