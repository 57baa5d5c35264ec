/* What the finder says above the cards when the words did not match as typed: a word found only one letter off
   ("Did you mean …"), and, when nothing matches at all, the ways on: a spelling to try, the filter whose removal
   gives the most results, or the words cleared. help_block.js shows crisis lines beside it. */
import { t, tn } from "../i18n.js";
import { el } from "./dom.js";
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
    // Quotation marks differ between languages, so each quoted word is a message of its own.
    // Translators: one word the visitor typed, in the quotation marks your language uses.
    const words = corrections.map((c) => t("“%(word)s”", { word: c.word })).join(", ");
    box.appendChild(el("p", {
      text: t("No listing has the word %(words)s, so listings with a similar word are shown.", { words })
    }));
  }
  const ways = [];
  if (offer) {
    ways.push(button(t("Did you mean “%(words)s”? Search for that", { words: suggestion }),
                     () => finder.setWords(suggestion)));
  }
  if (empty) {
    const data = finder.data;
    const loosest = loosestFilter(data, finder.state, search ? search.scores : null, open);
    if (loosest) {
      const label = filterLabel(data, loosest.key, finder.state.sel[loosest.key]);
      ways.push(button(tn("Remove the filter “%(filter)s” (%(count)s listing)",
                          "Remove the filter “%(filter)s” (%(count)s listings)", loosest.count, { filter: label }),
                       () => finder.removeFilter(loosest.key)));
    }
    if (finder.state.q.trim()) {
      const count = filter(data, { q: "", sel: finder.state.sel }, null, open).results.length;
      if (count) {
        ways.push(button(tn("Clear your words (%(count)s listing)", "Clear your words (%(count)s listings)", count),
                         () => finder.setWords("")));
      }
    }
  }
  if (empty) {
    const text = ways.length ? t("Nothing matches all of your words and filters. You could:")
      : t("Nothing matches these words. Other words, or fewer, may find something.");
    box.appendChild(el("p", { text }));
  }
  if (ways.length) box.appendChild(el("ul", { className: "kd-finder__ways-out" }, ways.map((w) => el("li", null, [w]))));
  box.hidden = false;
}
