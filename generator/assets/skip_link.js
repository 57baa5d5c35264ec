/* "Skip to content", the first Tab stop on every page (overrides/main.html). It moves focus to where the
   page's content starts (#kd-content), or to the element a page names instead with data-kd-skip-to (the
   finder's search box on find/). Focus moves without touching the address bar or history; without
   JavaScript the link is a plain #kd-content anchor. */

const CONTENT_START = "kd-content";

function skipTarget() {
  const named = document.querySelector("[data-kd-skip-to]");
  const preferred = named && document.getElementById(named.getAttribute("data-kd-skip-to"));
  return preferred || document.getElementById(CONTENT_START);
}

export function listenForSkipLink() {
  // Capturing on window: before Material's instant navigation treats the click as an anchor link.
  window.addEventListener("click", (event) => {
    const link = event.target && event.target.closest ? event.target.closest("[data-kd-skip]") : null;
    const target = link && skipTarget();
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();  // scrolls it into view, clear of the sticky header (kindred.css: scroll-padding-top)
  }, true);
}
