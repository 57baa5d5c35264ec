/* The finder's frame: the search box, the folding filter panel and the results region, with their events.
   The filters inside the panel are controls.js's; the cards are cards.js's; crisis lines help_block.js's; the
   words under the count status.js's and notice.js's; the copy-link button share.js's. */
import { t } from "../i18n.js";
import { el } from "./dom.js";
import { buildShare } from "./share.js";

export function buildShell(finder) {
  const rootEl = finder.root;
  while (rootEl.firstChild) rootEl.removeChild(rootEl.firstChild);
  const input = el("input", { id: "kd-finder-q", type: "search", name: "q", autocomplete: "off", spellcheck: "false",
                              enterkeyhint: "search", className: "kd-finder__input",
                              "aria-describedby": "kd-finder-q-hint" });
  input.value = finder.state.q;
  const suggest = el("div", { className: "kd-finder__suggest", hidden: true });
  const suggestLanguage = el("div", { className: "kd-finder__suggest-language", hidden: true });
  const filters = el("div", { className: "kd-finder__filters" });
  const clear = el("button", { type: "button", className: "kd-finder__clear md-button", text: t("Clear all filters"),
                               hidden: true });
  // All the filters fold into one panel, open on wide screens and closed on phones, so the results are
  // not below fourteen groups of checkboxes.
  const panelCount = el("span", { className: "kd-finder__panel-count" });
  const wide = !window.matchMedia || window.matchMedia("(min-width: 60em)").matches;
  const panel = el("details", { className: "kd-finder__panel", open: wide }, [
    el("summary", { className: "kd-finder__panel-summary" },
       [el("span", { className: "kd-finder__panel-title", text: t("Filters") }), panelCount]),
    filters, clear
  ]);
  const form = el("form", { className: "kd-finder__form", role: "search", "aria-label": t("Search and filter"),
                            action: "" }, [
    el("label", { for: "kd-finder-q", className: "kd-finder__label", text: t("Search by word") }),
    input,
    el("p", { id: "kd-finder-q-hint", className: "kd-finder__hint",
              text: t("For example: anxiety, can't sleep, LGBTQ, grief, text. Results change as you type.") }),
    suggest,
    suggestLanguage,
    panel
  ]);
  const heading = el("h2", { id: "kd-finder-results-title", className: "kd-finder__results-title", tabindex: "-1",
                             text: t("Results") });
  const status = el("p", { id: "kd-finder-count", className: "kd-finder__count", role: "status", "aria-live": "polite",
                           "aria-atomic": "true", text: t("Loading listings…") });
  const summary = el("p", { className: "kd-finder-active-filters" });
  const notice = el("div", { className: "kd-finder__notice", hidden: true });
  const help = el("section", { className: "kd-finder__help", "aria-labelledby": "kd-finder-help-title", hidden: true });
  const list = el("ul", { className: "kd-cards kd-finder__cards" });
  const more = el("button", { type: "button", className: "kd-finder__more md-button", hidden: true });
  const share = buildShare(finder);
  const results = el("section", { className: "kd-finder__results", "aria-labelledby": "kd-finder-results-title" },
                     [heading, status, summary, share.box, notice, list, more]);
  const column = el("div", { className: "kd-finder__column" }, [help, results]);
  rootEl.appendChild(el("div", { className: "kd-finder__layout" }, [form, column]));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    finder.settle();
  });
  input.addEventListener("input", () => finder.typed(input.value));
  input.addEventListener("focus", () => {  // about to type: fetch the search index now
    if (finder.data) finder.ensureIndex().catch(() => { /* shown when a search needs it */ });
  });
  filters.addEventListener("change", (event) => {
    const target = event.target;
    if (!target || !target.hasAttribute("data-kd-facet")) return;
    finder.toggle(target.getAttribute("data-kd-facet"), target.value, target.checked);
  });
  clear.addEventListener("click", () => {
    finder.clearFilters();
    input.focus();
  });
  more.addEventListener("click", () => finder.showMore());

  return { input, suggest, suggestLanguage, filters, clear, panelCount, heading, status, summary, notice, help, list, more, share,
           column, results };
}
