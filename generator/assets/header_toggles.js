/* Material opens its menu drawer (and, on narrow screens, its search) with <label>s for hidden checkboxes,
   which a keyboard cannot reach. kindred.css takes the closed drawer and the closed search out of the Tab
   order (they were invisible focus stops), so these labels become buttons instead: Tab reaches them, Enter or
   Space opens, and Escape closes the drawer and goes back to its button. The header is never replaced by
   instant navigation, so this runs once. */
import { t } from "./i18n.js";

// Each toggle, its button's name (read when it is made a button, in the page's language), and where focus goes
// once it is opened from the keyboard.
const TOGGLES = [
  { id: "__drawer", get name() { return t("Menu"); }, panel: ".md-sidebar--primary", first: "a[href]" },
  { id: "__search", get name() { return t("Search"); }, panel: ".md-search", first: "input.md-search__input" },
];

const shown = (element) => element.getClientRects().length > 0;

// A <label> may not take the button role (ARIA in HTML), so each label is swapped for a real <button> with its
// look: its classes, its icon and its `for` (Material's CSS places and hides the toggles by it). A tap toggles
// the checkbox as the label did; opening the search puts the cursor in its box, as Material does for the label.
function asButton(toggle, label, { name, panel, first }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = label.className;
  button.setAttribute("for", toggle.id);
  button.setAttribute("aria-label", name);
  button.setAttribute("aria-expanded", String(toggle.checked));
  while (label.firstChild) button.appendChild(label.firstChild);
  label.replaceWith(button);
  const focusFirst = () => {
    const area = document.querySelector(panel);
    const target = area && [...area.querySelectorAll(first)].find(shown);
    if (target) target.focus();
  };
  toggle.addEventListener("change", () => {
    button.setAttribute("aria-expanded", String(toggle.checked));
    // Closed (Escape, say) with focus inside, or lost with it: back to the button, if it is on screen.
    const active = document.activeElement;
    const lost = !active || active === document.body || active.closest(panel);
    if (!toggle.checked && lost && shown(button)) button.focus();
  });
  button.addEventListener("click", (event) => {
    toggle.click();  // checks or unchecks it, and Material follows its change
    if (toggle.checked && (event.detail === 0 || toggle.id === "__search")) focusFirst();  // keys, or the search
  });
}

export function makeHeaderTogglesButtons() {
  for (const toggle of TOGGLES) {
    const checkbox = document.getElementById(toggle.id);
    const label = document.querySelector(`.md-header label.md-header__button[for="${toggle.id}"]`);
    if (checkbox && label) asButton(checkbox, label, toggle);
  }
  // Material closes its search with Escape; the drawer closes with it too.
  const drawer = document.getElementById("__drawer");
  const menu = document.querySelector('.md-header button.md-header__button[for="__drawer"]');
  if (!drawer || !menu) return;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !drawer.checked) return;
    menu.click();
    if (shown(menu)) menu.focus();
  });
}
