/* What a visitor typed into a search box is not kept for Back: every text field is emptied when a page is
   left (pagehide), and again if the browser brings a page back from its back/forward cache (pageshow with
   persisted). Quick exit empties them before it leaves, too. */

const TEXT_FIELDS = "textarea, input:not([type]), input[type=text], input[type=search], input[type=email], " +
  "input[type=tel], input[type=url], input[type=number]";

const announce = (field) => field.dispatchEvent(new Event("input", { bubbles: true }));

// Empty every text field under root; the fields that had text in them.
export function clearTypedText(root) {
  const cleared = [...root.querySelectorAll(TEXT_FIELDS)].filter((field) => field.value !== "");
  cleared.forEach((field) => { field.value = ""; });
  return cleared;
}

export function forgetTypedTextWhenLeaving() {
  let clearedOnLeaving = [];
  window.addEventListener("pagehide", () => { clearedOnLeaving = clearTypedText(document); });
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    // Back from the cache: tell the page's own code (the finder, Material's search) through the "input"
    // event typing would send, so its results follow the empty box.
    const fields = new Set([...clearedOnLeaving, ...clearTypedText(document)]);
    clearedOnLeaving = [];
    fields.forEach((field) => { if (field.isConnected) announce(field); });
  });
}
