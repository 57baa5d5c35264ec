/* Kindred's browser code starts here: the one script every page loads (an ES module; see ARCHITECTURE.md,
   "Browser code"). Quick exit, the skip link, the header's toggles, "open now", the verification age, and the
   finder on the page that has one. Runs again after each of Material's instant navigations; stores nothing. */
import { makeHeaderTogglesButtons } from "./header_toggles.js";
import { renderHelpSuggestions } from "./help_suggest.js";
import { renderOpenStates } from "./open_states.js";
import { listenForHandoff } from "./search_handoff.js";
import { listenForQuickExit } from "./quick_exit.js";
import { listenForSkipLink } from "./skip_link.js";
import { forgetTypedTextWhenLeaving } from "./typed_text.js";
import { renderVerification } from "./verification.js";

let finderModules = null;  // loaded on the first page with a finder, then kept

// The finder could not load: the finder page's plain list of helplines (finder_plain.html) is shown instead.
function showPlainList() {
  const plain = document.querySelector(".kd-finder-plain");
  if (!plain) return;
  plain.hidden = false;
  plain.classList.add("kd-finder-plain--fallback");
}

function startFinder() {
  if (!finderModules && !document.querySelector("[data-kd-finder]")) return;
  if (!finderModules) {
    finderModules = import("./finder/page.js");
    finderModules.catch(() => { finderModules = null; });
  }
  // On every page once loaded: a finder whose page instant navigation replaced lets go of it.
  finderModules.then((page) => page.init(), showPlainList);
}

function onEveryPage() {
  renderOpenStates(document);
  renderVerification(document);
  renderHelpSuggestions(document);
  listenForHandoff(document);
  startFinder();
}

listenForQuickExit();
listenForSkipLink();
forgetTypedTextWhenLeaving();
makeHeaderTogglesButtons();
// Material's document$ announces each page, the first one included; without Material, the page is ready now
// (a module runs once the document has been parsed).
if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(onEveryPage);
else onEveryPage();
