/* A result card, as generator/templates/_card.html draws one on the browse pages: name, kind and where it serves
   (its regions when it has some: a Scotland-only line says Scotland), summary, open or closed now, and the ways
   to get in touch. */
import { t, tn } from "../i18n.js";
import { el, safeHref } from "./dom.js";
import { actionsOf } from "./records.js";

// `options.unknownHours`: say so on a card without hours (the "Open now" filter keeps those, after the open ones).
export function card(data, l, clock, base, options = {}) {
  const places = l.regions.length ? l.regions.map((r) => data.regions[r] || r)
    : l.countries.map((c) => data.countries[c] || c);
  const meta = el("p", { className: "kd-card__meta", text: (data.kinds[l.kind] || l.kind) + " · " + places.join(", ") });
  if (l.paused) {
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(el("strong", { text: t("Paused") }));
  }
  if (l.always) meta.appendChild(document.createTextNode(" · " + t("24/7")));
  const children = [
    el("h3", { className: "kd-card__title" },
      [el("a", { href: base + l.kind + "/" + l.id + "/", text: l.name, lang: l.textLang, dir: l.textLang && "auto" })]),
    meta,
    el("p", { className: "kd-card__summary", text: l.summary, lang: l.textLang, dir: l.textLang && "auto" })
  ];
  const state = clock.describe(l);
  if (state) {
    children.push(el("p", { className: "kd-open-state kd-open-state--" + (state.open ? "open" : "closed"),
                            "data-kd-open": state.open ? "1" : "0", text: state.text }));
  } else if (options.unknownHours) {
    children.push(el("p", { className: "kd-open-state kd-open-state--unknown", "data-kd-open": "unknown",
                            text: t("Hours not known — check before you call or write") }));
  }
  const actions = actionsOf(l).filter((a) => safeHref(a.href));
  if (actions.length) {
    children.push(el("ul", { className: "kd-actions kd-actions--compact" }, actions.map((a) => el("li", null, [
      el("a", { className: "kd-action kd-action--" + a.method, href: safeHref(a.href),
                rel: a.external ? "noopener noreferrer nofollow" : null },
         [el("span", { className: "kd-action__label", text: a.label })])
    ]))));
  }
  return el("li", { className: "kd-card", "data-listing-id": l.id, "data-kind": l.kind }, children);
}

// The first `shown` results as cards in `list`. Cards are kept and reused within the same minute (the
// open/closed line changes with the time).
export class CardList {
  constructor(list, more, base) {
    this.list = list;
    this.more = more;
    this.base = base;
    this.cards = new Map();  // listing position -> {minute, node}
  }

  render(data, results, shown, clock, pageSize, options = {}) {
    const end = Math.min(results.length, shown);
    if (this.cards.size > 2000) this.cards.clear();
    const nodes = [];
    for (let i = 0; i < end; i++) {
      let cached = this.cards.get(results[i]);
      const unknownHours = !!options.unknownHours;
      if (!cached || cached.minute !== clock.minute || cached.unknownHours !== unknownHours) {
        cached = { minute: clock.minute, unknownHours,
                   node: card(data, data.listings[results[i]], clock, this.base, { unknownHours }) };
        this.cards.set(results[i], cached);
      }
      nodes.push(cached.node);
    }
    if (this.list.replaceChildren) this.list.replaceChildren(...nodes);
    else {
      while (this.list.firstChild) this.list.removeChild(this.list.firstChild);
      nodes.forEach((node) => this.list.appendChild(node));
    }
    const left = results.length - end;
    this.more.hidden = left <= 0;
    const shownNext = Math.min(left, pageSize);
    // Translators: a button under the results. The plural form follows %(count)s, the number not shown yet;
    // %(shown)s is how many more the button shows (1 only when %(count)s is 1).
    this.more.textContent = left <= 0 ? "" : tn("Show %(shown)s more (%(count)s not shown)",
                                                "Show %(shown)s more (%(count)s not shown)", left,
                                                { shown: shownNext, count: left });
  }
}
