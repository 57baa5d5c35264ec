/* "Open now" on listing pages and cards: each [data-kd-hours] element (generator/templates/) carries its hours
   as JSON; its text becomes open or closed for this moment (hours.js). */
import { describe } from "./hours.js";

export function renderOpenStates(root) {
  root.querySelectorAll("[data-kd-hours]").forEach((el) => {
    let hours;
    try { hours = JSON.parse(el.getAttribute("data-kd-hours")); } catch (e) { return; }
    const state = describe(hours, new Date());
    if (!state) return;
    const text = el.querySelector(".kd-open-state__text") || el;
    text.textContent = state.text;
    el.classList.toggle("kd-open-state--open", state.open);
    el.classList.toggle("kd-open-state--closed", !state.open);
  });
}
