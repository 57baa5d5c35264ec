/* One mounted finder: its state (what is typed and ticked, held only in memory: never in the address or the
   history, page.js), its data, and what happens when someone types or ticks a box. The pure parts it puts
   together live beside it: data.js reads the data once (early.js starts that as the page loads), records.js
   decodes it, filters.js and ranking.js choose and order the results,
   query.js and synonyms.js read the words, clock.js knows what is open now; shell.js, controls.js, cards.js,
   help_block.js, notice.js, status.js, share.js and suggestion.js draw the page. */
import { pageLanguage, t, tn } from "../i18n.js";
import { currentClock } from "./clock.js";
import { CardList } from "./cards.js";
import { Controls, selectedText } from "./controls.js";
import { el } from "./dom.js";
import { FACET_POSITION } from "./facets.js";
import { filter } from "./filters.js";
import { loadData } from "./data.js";
import { renderHelp } from "./help_block.js";
import { renderNotice } from "./notice.js";
import { chosenCountry, priorRanks, rankResults, startHereOf } from "./ranking.js";
import { buildShell } from "./shell.js";
import { Announcer, renderSummary } from "./status.js";
import { renderSuggestion } from "./suggestion.js";
import { emptyState, withoutFilter, withoutFilters } from "./url_state.js";

const PAGE_SIZE = 50;

export class Finder {
  // `state`: what to start with ({q, sel}, url_state.js); `onState(state)`: told of every change (page.js keeps
  // the latest in memory so Back through instant navigation finds it again).
  constructor(rootEl, state, onState) {
    this.root = rootEl;
    this.base = rootEl.getAttribute("data-base") || "";
    this.dataUrl = new URL(rootEl.getAttribute("data-data-url"), location.href).href;
    this.indexUrl = new URL(rootEl.getAttribute("data-index-url"), location.href).href;
    this.lunrUrl = new URL(rootEl.getAttribute("data-lunr-url"), location.href).href;
    this.path = location.pathname;
    this.state = state;
    this.onState = onState || (() => {});
    this.detached = false;  // set when instant navigation has replaced this finder's page
    this.data = null;
    this.search = null;  // {lunr, idx, table} once the index is loaded
    this.indexError = false;
    this.shown = PAGE_SIZE;
    this.typing = false;
    this.frame = null;
    this.lastSearch = { text: null, result: null };
    this.nameWords = null;
    this.firstResults = false;
    this.suggestionDismissed = false;
    this.updates = 0;
    this.parts = null;
    this.controls = null;
    this.cards = null;
    this.announcer = null;
    this.outcome = null;
    this.clockUsed = null;
    this.priors = null;  // {ranks, country, language, openFirst, order}: priorsFor()
  }

  // Drawn whole once the listings are here, into space finder.css keeps, so nothing moves while it loads (#16);
  // the page's plain list of helplines (for no JavaScript) is hidden, and shown again if the listings fail.
  mount() {
    performance.mark("kd-mount");
    this.root.hidden = false;
    this.root.setAttribute("data-kd-ready", "loading");
    const plain = document.querySelector(".kd-finder-plain");
    if (plain) plain.hidden = true;
    const loading = el("p", { className: "kd-finder__count", role: "status", text: t("Loading listings…") });
    this.root.replaceChildren(loading);
    loadData(this.dataUrl).then((data) => {
      if (this.detached) return;
      this.data = data;
      this.parts = buildShell(this);
      this.announcer = new Announcer(this.parts.status);
      this.cards = new CardList(this.parts.list, this.parts.more, this.base);
      this.controls = new Controls(this.parts.filters, data);
      this.syncControls();
      this.update();
      this.root.setAttribute("data-kd-ready", "1");
    }, () => {
      if (this.detached) return;
      loading.textContent =
        t("The listings could not be loaded. You can still browse helplines, communities and teletherapy from the menu.");
      if (plain) {
        plain.hidden = false;
        plain.classList.add("kd-finder-plain--fallback");
      }
      this.root.setAttribute("data-kd-ready", "error");
    });
  }

  // ---- state changes (none of them touches the address or the history) -----------------------------------
  typed(text) {
    this.state.q = text;
    this.shown = PAGE_SIZE;
    this.typing = true;
    this.onState(this.state);
    this.scheduleUpdate();
  }

  toggle(key, value, on) {
    const values = this.state.sel[key];
    const at = values.indexOf(value);
    if (on && at < 0) values.push(value);
    if (!on && at >= 0) values.splice(at, 1);
    this.commit();
  }

  clearFilters() { this.replaceState(withoutFilters(this.state)); }
  removeFilter(key) { this.replaceState(withoutFilter(this.state, key)); this.parts.heading.focus(); }

  // New words from a button ("Did you mean …", "Clear your words"): into the box, then new results.
  setWords(text) {
    this.state.q = text;
    this.parts.input.value = text;
    this.commit();
    this.parts.input.focus();
  }

  // A whole new state: a link to this page with other filters, or everything forgotten (page.js).
  replaceState(state) {
    this.state = state;
    if (this.parts) this.parts.input.value = state.q;
    this.commit();
  }

  forget() { this.replaceState(emptyState()); }

  // Enter in the search box: say the count now rather than after the typing pause.
  settle() {
    this.typing = false;
    if (this.announcer) this.announcer.flush();
  }

  showMore() {
    const first = this.shown;
    this.shown += PAGE_SIZE;
    this.renderCards();
    const card = this.parts.list.children[first];
    const link = card && card.querySelector("a");
    if (link) link.focus();
  }

  commit() {
    this.shown = PAGE_SIZE;
    this.typing = false;
    this.onState(this.state);
    if (!this.data) return;
    this.syncControls();
    this.update();
  }

  // ---- results ------------------------------------------------------------------------------------------
  syncControls() {
    if (!this.data) return;
    const total = this.controls.sync(this.state);
    this.parts.panelCount.textContent = total ? " " + selectedText(total) : "";
    this.parts.clear.hidden = total === 0;
  }

  scheduleUpdate() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      if (!this.detached) this.update();
    });
  }

  // The word search's modules, lunr.js and the index, all fetched the first time there are words to search (or
  // the box is focused): the first results do not wait for them.
  ensureIndex() {
    if (!this.data) return Promise.reject(new Error("no data"));
    const loaded = import("./index_load.js").then((mod) => mod.loadIndex(this.indexUrl, this.lunrUrl, this.data));
    return loaded.then((built) => {
      this.search = built;
      this.indexError = false;
      this.root.setAttribute("data-kd-index", "ready");
      return built;
    }, (error) => {
      this.indexError = true;
      throw error;
    });
  }

  // Whether listing `p` has a topic or audience ({facet, id}): what a phrase such as "my dad died" asks for.
  hasConcept(p, concept) {
    const at = this.data.optionIndex[concept.facet] && this.data.optionIndex[concept.facet][concept.id];
    return at !== undefined && this.data.listings[p].fi[FACET_POSITION[concept.facet]].includes(at);
  }

  // The words of listing names, for "Did you mean …" (worked out once, and only when a word is not found).
  listingWords() {
    if (!this.nameWords) {
      const words = new Set();
      this.data.listings.forEach((l) => l.name.toLowerCase().split(/[\s\-]+/).forEach((w) => {
        const word = w.replace(/[^a-z]/g, "");
        if (word.length >= this.search.suggestMin) words.add(word);
      }));
      this.nameWords = [...words].sort();
    }
    return this.nameWords;
  }

  searchWords(text) {
    if (this.lastSearch.text !== text) {
      const { lunr, idx, table, textSearch } = this.search;
      const result = textSearch(lunr, idx, text, table, (p, c) => this.hasConcept(p, c), this.data.listings.length,
                                () => this.listingWords());
      this.lastSearch = { text, result };
    }
    return this.lastSearch.result;
  }

  update() {
    if (!this.data || this.detached) return;
    const text = this.state.q.trim();
    let search = null, searchFailed = false;
    if (text) {
      if (this.search) {
        search = this.searchWords(text);
      } else if (this.indexError) {
        searchFailed = true;  // show what the filters give, and say so
      } else {
        this.announcer.say(t("Searching…"), this.typing);  // while typing, the count usually comes first
        const again = () => { if (!this.detached) this.update(); };
        this.ensureIndex().then(again, again);
        return;
      }
    }
    const clock = currentClock();
    const openNow = this.state.sel.open.includes("now");
    // Whether each of thousands of listings is open takes a moment (a time zone formatter per zone); the first
    // results do not wait for it unless "open now" is chosen, and the clock's order follows straight after.
    let open = clock.flags || null;
    if (!open && (this.firstResults || openNow)) open = clock.openFlags(this.data);
    if (!open) {
      setTimeout(() => {
        clock.openFlags(this.data);
        if (!this.detached) this.update();
      }, 0);
    }
    const scores = search ? search.scores : null;
    const outcome = filter(this.data, this.state, scores, open);
    const ranks = open ? clock.stateRanks(this.data) : null;
    const country = chosenCountry(this.state);
    const context = {
      country, language: pageLanguage(), startHere: startHereOf(this.data, country), state: ranks ? (l) => ranks[l.position] : null,
      openFirst: openNow, scores, levels: search ? search.levels : null
    };
    context.priors = this.priorsFor(context, ranks);
    rankResults(this.data, outcome.results, context);
    this.outcome = outcome;
    this.clockUsed = clock;
    this.controls.renderCounts(outcome);
    this.renderCards();
    const n = outcome.results.length;
    const crisis = search && search.crisis;
    renderHelp(this.parts.help, this, crisis ? "crisis" : n === 0 ? "none" : null);
    renderNotice(this.parts.notice, this, outcome, search, open);
    renderSummary(this.parts.summary, this.data, this.state);
    const count = n ? tn("%(count)s listing found", "%(count)s listings found", n)
      : t("No listings match. Try fewer words or remove a filter.");
    const unused = t("Search by word is not available right now, so your words were not used.");
    this.announcer.say(searchFailed ? count + " " + unused : count, this.typing);
    renderSuggestion(this);
    this.updates++;
    this.root.setAttribute("data-kd-updates", String(this.updates));
    this.root.setAttribute("data-kd-ranked", ranks ? "clock" : "built");  // by the visitor's clock yet?
    if (!this.firstResults) {
      this.firstResults = true;
      performance.mark("kd-first-results");
    }
    performance.mark("kd-results");
  }

  // The order of the priors for every listing (ranking.js: priorRanks), kept while what it depends on stays.
  priorsFor(context, ranks) {
    const kept = this.priors;
    if (kept && kept.ranks === ranks && kept.country === context.country && kept.language === context.language &&
        kept.openFirst === context.openFirst) return kept.order;
    const order = priorRanks(this.data, context);
    this.priors = { ranks, country: context.country, language: context.language, openFirst: context.openFirst, order };
    return order;
  }

  renderCards() {
    this.cards.render(this.data, this.outcome ? this.outcome.results : [], this.shown, this.clockUsed, PAGE_SIZE,
                      { unknownHours: this.state.sel.open.includes("now") });
  }
}
