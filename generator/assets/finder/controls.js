/* The filter checkboxes: one folding group per filter, one box per option, each with the number of results
   it would give. A value from a shared link that is not an option gets a box of its own. */
import { FACET_KEYS } from "./contract.js";
import { FACETS } from "./facets.js";
import { tn } from "../i18n.js";
import { el } from "./dom.js";
import { countFor } from "./filters.js";

// "(2 selected)" beside a filter group, and beside the panel's title (finder.js).
export function selectedText(n) {
  return tn("(%(count)s selected)", "(%(count)s selected)", n);
}

export class Controls {
  constructor(container, data) {
    this.container = container;
    this.data = data;
    this.byId = {};  // "key=value" -> {input, count, hidden, label, key, value, last}
    this.groups = {};
    this.added = 0;
    while (container.firstChild) container.removeChild(container.firstChild);
    FACETS.forEach((facet) => {
      const list = el("ul", { className: "kd-facet__options" });
      const legendId = "kd-facet-" + facet.key + "-legend";
      const legend = facet.legend;  // in the page's language (facets.js)
      const fieldset = el("fieldset", { className: "kd-facet__fieldset" }, [
        el("legend", { id: legendId, className: "kd-sr-only", text: legend }), list
      ]);
      const summaryCount = el("span", { className: "kd-facet__selected" });
      const details = el("details", { className: "kd-facet", "data-kd-facet-group": facet.key, open: !!facet.open }, [
        el("summary", { className: "kd-facet__summary" }, [document.createTextNode(legend), summaryCount]),
        fieldset
      ]);
      this.groups[facet.key] = { details, list, summaryCount };
      (data.facets[facet.key] || []).forEach((option) => this.add(facet.key, option[0], option[1]));
      container.appendChild(details);
    });
  }

  get(key, value) { return this.byId[key + "=" + value]; }

  add(key, value, label) {
    const group = this.groups[key];
    this.added++;
    const id = "kd-f-" + key + "-" + this.added;
    const input = el("input", { type: "checkbox", id, value, "data-kd-facet": key, className: "kd-facet__input" });
    const count = el("span", { className: "kd-facet__count", "aria-hidden": "true" });
    const hidden = el("span", { className: "kd-sr-only" });
    const shown = label || (key === "country" ? this.data.countries[value] || value : value);
    const labelEl = el("label", { for: id, className: "kd-facet__label" }, [el("span", { text: shown }), count, hidden]);
    group.list.appendChild(el("li", { className: "kd-facet__option" }, [input, labelEl]));
    this.byId[key + "=" + value] = { input, count, hidden, value, key, last: null, label: labelEl };
  }

  // Ticks what the state has chosen; returns how many values are chosen in all.
  sync(state) {
    FACET_KEYS.forEach((key) => {
      state.sel[key].forEach((value) => { if (!this.get(key, value)) this.add(key, value, null); });
    });
    const selected = {};
    Object.values(this.byId).forEach((control) => {
      const on = state.sel[control.key].includes(control.value);
      if (control.input.checked !== on) control.input.checked = on;
      if (on) selected[control.key] = (selected[control.key] || 0) + 1;
    });
    let total = 0;
    FACET_KEYS.forEach((key) => {
      const group = this.groups[key], n = selected[key] || 0;
      group.summaryCount.textContent = n ? " " + selectedText(n) : "";
      if (n) group.details.open = true;
      total += n;
    });
    return total;
  }

  renderCounts(outcome) {
    Object.values(this.byId).forEach((control) => {
      let n = countFor(this.data, outcome, control.key, control.value);
      if (control.key === "open" && control.value === "now" && !outcome.openKnown) n = null;  // not known yet
      if (control.last === n) return;
      control.last = n;
      control.count.textContent = n === null ? "" : " " + n;
      control.hidden.textContent = n === null ? "" : ", " + tn("%(count)s listing", "%(count)s listings", n);
      control.label.classList.toggle("kd-facet__label--none", n === 0);
    });
  }
}
