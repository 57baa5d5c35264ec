/* The finder on the page: mounts it on a page with [data-kd-finder], after every Material instant navigation
   (kindred.js calls init()), and keeps it in step with Back, Forward and links to the same page. */
import { Finder } from "./finder.js";

// privacy.js, a classic script that runs before Material reads the address, moves a ?q= on the finder's
// page to this attribute of <html> (Material would otherwise open its own search over it).
export const HANDED_QUERY_ATTRIBUTE = "data-kd-finder-q";

let finder = null;  // the mounted finder, if this page has one

function takeHandedQuery() {
  const html = document.documentElement;
  if (!html.hasAttribute(HANDED_QUERY_ATTRIBUTE)) return null;
  const q = html.getAttribute(HANDED_QUERY_ATTRIBUTE);
  html.removeAttribute(HANDED_QUERY_ATTRIBUTE);
  return q;
}

export function init() {
  const rootEl = document.querySelector("[data-kd-finder]");
  if (finder && (finder.root !== rootEl || !document.body.contains(finder.root))) {
    finder.detached = true;
    finder = null;
  }
  if (!rootEl || rootEl.getAttribute("data-kd-ready")) return;
  finder = new Finder(rootEl, takeHandedQuery());
  finder.mount();
}

window.addEventListener("popstate", () => { if (finder) finder.restore(); });

// A link to this same page with other filters (the crisis banner's "?kind=helplines"): Material's instant
// navigation treats same-page links as anchors and undoes the history entry, so handle them here.
document.addEventListener("click", (event) => {
  if (!finder || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
      event.altKey) return;
  const link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
  if (!link || link.target || link.hasAttribute("download")) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname !== finder.path || url.hash) return;
  event.preventDefault();
  event.stopPropagation();
  if (url.search !== location.search) history.pushState(null, "", url.pathname + url.search);
  finder.restore();
}, true);
