/* One mounted finder: its state (from the URL), its data, and what happens when someone types, ticks a box,
   or goes Back. The pure parts it puts together live beside it: records.js decodes the data, filters.js and
   ranking.js choose and order the results, query.js and search_index.js search the text, clock.js knows
   what is open now; shell.js, controls.js, cards.js and suggestion.js draw the page. */
import { plural } from "./dom.js";
import { currentClock } from "./clock.js";
import { CardList } from "./cards.js";
import { Controls } from "./controls.js";
import { filter } from "./filters.js";
import { fetchJSON, forget, loadLunr } from "./load.js";
import { textScores } from "./query.js";
import { rankResults } from "./ranking.js";
import { decodeData } from "./records.js";
import { buildIndex } from "./search_index.js";
import { buildShell } from "./shell.js";
import { renderSuggestion } from "./suggestion.js";
import { parseState, stateToSearch, withoutFilters } from "./url_state.js";

const PAGE_SIZE = 50;
const decoded = {};  // data url -> decoded data; kept across instant navigation, gone on reload
const indexes = {};  // index url -> Promise<lunr.Index>

export class Finder {
  // `handedQuery`: the ?q= that privacy.js set aside before Material could read it, or null.
  constructor(rootEl, handedQuery) {
    this.root = rootEl;
    this.base = rootEl.getAttribute("data-base") || "";
    this.dataUrl = new URL(rootEl.getAttribute("data-data-url"), location.href).href;
    this.indexUrl = new URL(rootEl.getAttribute("data-index-url"), location.href).href;
    this.lunrUrl = new URL(rootEl.getAttribute("data-lunr-url"), location.href).href;
    this.path = location.pathname;
    this.state = parseState(location.search);
    this.handedQuery = typeof handedQuery === "string";
    if (this.handedQuery) this.state.q = handedQuery;
    this.detached = false;  // set when instant navigation has replaced this finder's page
    this.data = null;
    this.lunr = null;
    this.index = null;
    this.indexError = false;
    this.shown = PAGE_SIZE;
    this.typingEntry = false;
    this.urlTimer = null;
    this.frame = null;
    this.lastScores = { text: null, scores: null };
    this.firstResults = false;
    this.suggestionDismissed = false;
    this.updates = 0;
    this.parts = null;
    this.controls = null;
    this.cards = null;
    this.outcome = null;
    this.clockUsed = null;
  }

  mount() {
    performance.mark("kd-mount");
    this.root.hidden = false;
    this.root.setAttribute("data-kd-ready", "loading");
    this.parts = buildShell(this);
    this.cards = new CardList(this.parts.list, this.parts.more, this.base);
    const cached = decoded[this.dataUrl];
    const ready = cached ? Promise.resolve(cached) : fetchJSON(this.dataUrl).then((json) => {
      performance.mark("kd-data-parsed");
      decoded[this.dataUrl] = decodeData(json);
      forget(this.dataUrl);
      performance.mark("kd-data-decoded");
      return decoded[this.dataUrl];
    });
    ready.then((data) => {
      if (this.detached) return;
      this.data = data;
      this.controls = new Controls(this.parts.filters, data);
      this.syncControls();
      this.update();
      // Put the handed-over ?q= back in the address (Material has read the URL by now), so it can be shared.
      if (this.handedQuery) this.writeUrl(false);
      this.root.setAttribute("data-kd-ready", "1");
    }, () => {
      if (this.detached) return;
      this.parts.status.textContent = "The listings could not be loaded. You can still browse helplines, " +
        "communities and teletherapy from the menu.";
      this.root.setAttribute("data-kd-ready", "error");
    });
  }

  // ---- state changes ----------------------------------------------------------------------------------
  typed(text) {
    this.state.q = text;
    this.shown = PAGE_SIZE;
    this.scheduleUpdate();
    this.scheduleUrl();
  }

  toggle(key, value, on) {
    const values = this.state.sel[key];
    const at = values.indexOf(value);
    if (on && at < 0) values.push(value);
    if (!on && at >= 0) values.splice(at, 1);
    this.commit();
  }

  clearFilters() {
    this.state = withoutFilters(this.state);
    this.commit();
  }

  showMore() {
    const first = this.shown;
    this.shown += PAGE_SIZE;
    this.renderCards();
    const card = this.parts.list.children[first];
    const link = card && card.querySelector("a");
    if (link) link.focus();
  }

  // A filter change: a new history entry, then new results.
  commit() {
    this.shown = PAGE_SIZE;
    this.typingEntry = false;
    this.cancelUrlTimer();
    this.syncControls();
    this.update();
    this.writeUrl(true);
  }

  // ---- the URL ------------------------------------------------------------------------------------------
  writeUrl(push) {
    if (location.pathname !== this.path) return;  // instant navigation has already moved to another page
    const url = this.path + stateToSearch(this.state, this.data && this.data.facets);
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(history.state, "", url);
  }

  // Typing: one history entry per burst of typing, kept up to date while it lasts.
  scheduleUrl() {
    this.cancelUrlTimer();
    this.urlTimer = setTimeout(() => this.flushUrl(), 400);
  }

  flushUrl() {
    this.cancelUrlTimer();
    if (this.detached) return;
    this.writeUrl(!this.typingEntry);
    this.typingEntry = true;
  }

  cancelUrlTimer() {
    if (this.urlTimer) { clearTimeout(this.urlTimer); this.urlTimer = null; }
  }

  // Back, Forward, or a link to this page with other filters: the URL is the state.
  restore() {
    if (location.pathname !== this.path) return;
    const facets = this.data && this.data.facets;
    const search = stateToSearch(parseState(location.search), facets);
    if (search === stateToSearch(this.state, facets) && this.parts.input.value === this.state.q) return;
    this.cancelUrlTimer();
    this.typingEntry = false;
    this.state = parseState(location.search);
    this.parts.input.value = this.state.q;
    this.shown = PAGE_SIZE;
    if (this.data) { this.syncControls(); this.update(); }
  }

  // ---- results ------------------------------------------------------------------------------------------
  syncControls() {
    if (!this.data) return;
    const total = this.controls.sync(this.state);
    this.parts.panelCount.textContent = total ? " (" + total + " selected)" : "";
    this.parts.clear.hidden = total === 0;
  }

  scheduleUpdate() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      if (!this.detached) this.update();
    });
  }

  ensureIndex() {
    if (!this.data) return Promise.reject(new Error("no data"));
    const key = this.indexUrl + "?v=" + (this.data.index.hash || "");
    if (!indexes[key]) {
      indexes[key] = Promise.all([loadLunr(this.lunrUrl), fetchJSON(key)]).then(([lunr, json]) => {
        // Refs are positions in listings.json: both files must come from the same build.
        if (json.count !== this.data.listings.length || json.hash !== this.data.index.hash) {
          throw new Error("the search index does not match the listings");
        }
        const built = { lunr, idx: buildIndex(lunr, json) };
        forget(key);  // the rebuilt index is kept, not the JSON it came from
        performance.mark("kd-index-ready");
        return built;
      });
      indexes[key].catch(() => { delete indexes[key]; });
    }
    return indexes[key].then((built) => {
      this.lunr = built.lunr;
      this.index = built.idx;
      this.indexError = false;
      return built.idx;
    }, (error) => {
      this.indexError = true;
      throw error;
    });
  }

  textScores(text) {
    if (this.lastScores.text !== text) this.lastScores = { text, scores: textScores(this.lunr, this.index, text) };
    return this.lastScores.scores;
  }

  update() {
    if (!this.data || this.detached) return;
    const text = this.state.q.trim();
    let scores = null, searchFailed = false;
    if (text) {
      if (this.index) {
        scores = this.textScores(text);
      } else if (this.indexError) {
        searchFailed = true;  // show what the filters give, and say so
      } else {
        this.parts.status.textContent = "Searching…";
        const again = () => { if (!this.detached) this.update(); };
        this.ensureIndex().then(again, again);
        return;
      }
    }
    const clock = currentClock();
    // Whether each of thousands of listings is open takes a moment (a time zone formatter per zone); the first
    // results do not wait for it unless "open now" is chosen, and its count follows straight after.
    let open = clock.flags || null;
    if (!open && (this.firstResults || this.state.sel.open.includes("now"))) open = clock.openFlags(this.data);
    if (!open) {
      setTimeout(() => {
        clock.openFlags(this.data);
        if (!this.detached) this.update();
      }, 0);
    }
    const outcome = filter(this.data, this.state, scores, open);
    rankResults(outcome.results, scores);
    this.outcome = outcome;
    this.clockUsed = clock;
    this.controls.renderCounts(outcome);
    this.renderCards();
    const n = outcome.results.length;
    this.parts.status.textContent = (n ? plural(n, "listing", "listings") + " found"
                                       : "No listings match. Try fewer words or remove a filter.") +
      (searchFailed ? " Search by word is not available right now, so your words were not used." : "");
    renderSuggestion(this);
    this.updates++;
    this.root.setAttribute("data-kd-updates", String(this.updates));
    if (!this.firstResults) {
      this.firstResults = true;
      performance.mark("kd-first-results");
    }
    performance.mark("kd-results");
  }

  renderCards() {
    this.cards.render(this.data, this.outcome ? this.outcome.results : [], this.shown, this.clockUsed, PAGE_SIZE);
  }
}
