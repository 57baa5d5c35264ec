/* Material opens its menu drawer (and, on narrow screens, its search) with <label>s for hidden checkboxes,
   which a keyboard cannot reach. kindred.css takes the closed drawer and the closed search out of the Tab
   order (they were invisible focus stops), so these labels become buttons instead: Tab reaches them, Enter or
   Space opens, and Escape closes the drawer and goes back to its button. The header is never replaced by
   instant navigation, so this runs once. */

const TOGGLES = [
  { id: "__drawer", name: "Menu" },
  { id: "__search", name: "Search" },
];

function firstLinkIn(selector) {
  const area = document.querySelector(selector);
  return area ? [...area.querySelectorAll("a[href]")].find((link) => link.getClientRects().length > 0) : null;
}

function asButton(toggle, label, name) {
  label.setAttribute("role", "button");
  label.setAttribute("tabindex", "0");
  label.setAttribute("aria-label", name);
  label.setAttribute("aria-expanded", String(toggle.checked));
  toggle.addEventListener("change", () => label.setAttribute("aria-expanded", String(toggle.checked)));
  label.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    label.click();  // what a tap does: Material follows the checkbox
    if (toggle.id === "__drawer" && toggle.checked) {
      const first = firstLinkIn(".md-sidebar--primary");
      if (first) first.focus();
    }
  });
}

export function makeHeaderTogglesButtons() {
  for (const { id, name } of TOGGLES) {
    const toggle = document.getElementById(id);
    const label = document.querySelector(`.md-header label.md-header__button[for="${id}"]`);
    if (toggle && label && !label.hasAttribute("role")) asButton(toggle, label, name);
  }
  const drawer = document.getElementById("__drawer");
  const menu = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
  if (!drawer || !menu) return;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !drawer.checked) return;
    menu.click();
    menu.focus();
  });
}
