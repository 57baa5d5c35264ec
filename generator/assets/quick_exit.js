/* Quick exit: the button at the top of every page, or Shift pressed three times (quick_exit_keys.js),
   replaces this page with a neutral site (location.replace, so Back does not return to it). Typed text is
   emptied and the page blanked first; once leaving, every further key press and click is swallowed, so
   nothing can start a second navigation or act on the page being left. */
import { createShiftPresses } from "./quick_exit_keys.js";
import { clearTypedText } from "./typed_text.js";

const FALLBACK_TARGET = "https://www.bbc.co.uk/weather";  // the plugin's default quick_exit_url
const SWALLOWED = ["keydown", "keypress", "keyup", "click", "auxclick", "mousedown", "pointerdown", "touchstart",
                   "submit", "input"];

let leaving = false;

function quickExit() {
  if (leaving) return;
  leaving = true;
  const link = document.querySelector("[data-kd-quick-exit]");
  const target = (link && link.getAttribute("href")) || FALLBACK_TARGET;
  clearTypedText(document);
  document.title = "";
  document.body.innerHTML = "";
  window.location.replace(target);
}

function swallowWhileLeaving(event) {
  if (!leaving) return;
  event.preventDefault();
  event.stopImmediatePropagation();
}

export function listenForQuickExit() {
  const shiftPresses = createShiftPresses();
  // Capturing on window runs before any listener on the document (Material's and the finder's included).
  for (const type of SWALLOWED) window.addEventListener(type, swallowWhileLeaving, true);
  window.addEventListener("keydown", (event) => {
    if (leaving || event.isComposing) return;
    const modified = event.ctrlKey || event.altKey || event.metaKey;
    if (shiftPresses.keydown(modified ? "(modified)" : event.key, event.timeStamp, event.repeat)) quickExit();
  }, true);
  // A click between Shift presses is not the gesture.
  window.addEventListener("pointerdown", () => shiftPresses.reset(), true);
  // Any click on the button leaves here, a middle click too (never a new tab with this page left open).
  const onButton = (event) => {
    const link = event.target && event.target.closest ? event.target.closest("[data-kd-quick-exit]") : null;
    if (!link || leaving) return;
    event.preventDefault();
    event.stopPropagation();
    quickExit();
  };
  window.addEventListener("click", onButton, true);
  window.addEventListener("auxclick", onButton, true);
}
