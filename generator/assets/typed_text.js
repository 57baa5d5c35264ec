/* What a visitor typed into a search box is not kept for Back: every text field is emptied when a page is
   left (pagehide), and again if the browser brings a page back from its back/forward cache (pageshow with
   persisted). Quick exit empties them before it leaves, too. */

const TEXT_FIELDS = "textarea, input:not([type]), input[type=text], input[type=search], input[type=email], " +
  "input[type=tel], input[type=url], input[type=number]";

// Empty every text field under root; with `announce`, tell the page's own code (the finder, Material's
// search) through the same "input" event typing would send, so what it shows follows.
export function clearTypedText(root, { announce = false } = {}) {
  root.querySelectorAll(TEXT_FIELDS).forEach((field) => {
    if (field.value === "") return;
    field.value = "";
    if (announce) field.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

export function forgetTypedTextWhenLeaving() {
  window.addEventListener("pagehide", () => clearTypedText(document));
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) clearTypedText(document, { announce: true });
  });
}
