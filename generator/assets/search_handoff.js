/* Search boxes outside the finder (the home page's form[data-kd-handoff]): with instant navigation, the
   words go to the finder in memory (finder/handoff.js) and the page changes to the bare /find/, so nothing
   typed is kept in the address or the history. Without Material's instant navigation the form submits as a
   plain GET to the finder, which still works without JavaScript. */
import { handOff } from "./finder/handoff.js";

export function listenForHandoff(root) {
  root.querySelectorAll("form[data-kd-handoff]").forEach((form) => {
    if (form.hasAttribute("data-kd-bound")) return;
    form.setAttribute("data-kd-bound", "");
    form.addEventListener("submit", (event) => {
      if (!window.document$) return;  // no instant navigation: the plain form submit
      const input = form.querySelector("input[name=q]");
      event.preventDefault();
      handOff(input ? input.value : "");
      if (input) input.value = "";
      // A click on a link is what Material's instant navigation takes over (fetch, then a bare address).
      const link = document.createElement("a");
      link.href = new URL(form.getAttribute("action") || "find/", location.href).pathname;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  });
}
