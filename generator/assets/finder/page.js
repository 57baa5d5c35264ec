/* The finder on the page: mounts it on a page with [data-kd-finder], after every Material instant navigation
   (kindred.js calls init()), and keeps what is typed out of the address bar and the history.

   A link's state (?q=&country=GB&topic=…: links shared before, and those "Copy a link to these results"
   makes) is read once as the finder starts; then the address becomes the bare page (history.replaceState: no
   new entry). After that the state lives only in memory: here, so Back to the finder through Material's instant
   navigation (a popstate) finds the search again, while a new visit starts empty. When the page is left
   (pagehide: Quick exit, a reload, another site) it is forgotten and the finder emptied, so Back from outside
   shows nothing that was typed. */
import { Finder } from "./finder.js";
import { takeHandedOff } from "./handoff.js";
import { emptyState, hasChoices, parseState } from "./url_state.js";

// privacy.js, a classic script that runs before Material reads the address, moves a ?q= on the finder's
// page to this attribute of <html> (Material would otherwise open its own search over it).
export const HANDED_QUERY_ATTRIBUTE = "data-kd-finder-q";

let finder = null;  // the mounted finder, if this page has one
let remembered = null;  // the latest state, in memory only
let cameBack = false;  // a popstate since the last init(): Material is showing an earlier page again

function takeHandedQuery() {
  const html = document.documentElement;
  if (!html.hasAttribute(HANDED_QUERY_ATTRIBUTE)) return null;
  const q = html.getAttribute(HANDED_QUERY_ATTRIBUTE);
  html.removeAttribute(HANDED_QUERY_ATTRIBUTE);
  return q;
}

// The state a link brings, or null when it brings none.
function stateFromLink(search, handedQuery) {
  const state = parseState(search);
  if (typeof handedQuery === "string") state.q = handedQuery;
  return hasChoices(state) ? state : null;
}

// The bare page in the address bar, in place of the entry that is there (Back and Forward are unchanged).
function clearAddress() {
  if (location.search) history.replaceState(history.state, "", location.pathname + location.hash);
}

export function init() {
  const rootEl = document.querySelector("[data-kd-finder]");
  if (finder && (finder.root !== rootEl || !document.body.contains(finder.root))) {
    finder.detached = true;
    finder = null;
  }
  const back = cameBack;
  cameBack = false;
  if (!rootEl || rootEl.getAttribute("data-kd-ready")) return;
  const handedOff = takeHandedOff();  // words typed on the home page, passed in memory
  const state = stateFromLink(location.search, takeHandedQuery()) ||
    (handedOff ? { ...emptyState(), q: handedOff } : null) || (back && remembered) || emptyState();
  clearAddress();
  finder = new Finder(rootEl, state, (latest) => { remembered = latest; });
  remembered = state;
  finder.mount();
}

window.addEventListener("popstate", () => { cameBack = true; });

// Leaving the page (Quick exit, a reload, another site): forget what was typed and chosen, and empty the
// finder, so a page kept for Back (the back/forward cache) holds none of it.
window.addEventListener("pagehide", () => {
  remembered = null;
  if (finder) finder.forget();
});

// A link to this same page with filters (?kind=helplines): Material's instant navigation treats same-page
// links as anchors, so apply its state here, and leave the address as it is.
document.addEventListener("click", (event) => {
  if (!finder || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
      event.altKey) return;
  const link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
  if (!link || link.target || link.hasAttribute("download")) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname !== finder.path || url.hash || !url.search) return;
  event.preventDefault();
  event.stopPropagation();
  finder.replaceState(stateFromLink(url.search, null) || emptyState());
}, true);
