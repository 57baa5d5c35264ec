/* "This device's settings suggest you may be in …": a one-tap country filter, offered while no country is
   chosen, never applied by itself. */
import { t } from "../i18n.js";
import { el } from "./dom.js";
import { guessCountries } from "./country.js";

export function renderSuggestion(finder) {
  const box = finder.parts.suggest;
  const data = finder.data;
  const known = (data.facets.country || []).map((o) => o[0]);
  const guess = guessCountries().filter((c) => known.includes(c))[0];
  const show = guess && !finder.suggestionDismissed && finder.state.sel.country.length === 0;
  if (!show) { box.hidden = true; return; }
  if (box.getAttribute("data-country") === guess && !box.hidden) return;
  while (box.firstChild) box.removeChild(box.firstChild);
  const name = data.countries[guess] || guess;
  const accept = el("button", { type: "button", className: "md-button md-button--primary kd-finder__suggest-yes",
                                "data-kd-suggest-country": guess,
                                text: t("Show results for %(country)s", { country: name }) });
  const dismiss = el("button", { type: "button", className: "md-button kd-finder__suggest-no", text: t("No thanks") });
  box.appendChild(el("p", {
    className: "kd-finder__suggest-text",
    text: t("This device's settings suggest you may be in %(country)s. Nothing is sent anywhere.", { country: name })
  }));
  box.appendChild(el("p", { className: "kd-finder__suggest-actions" }, [accept, dismiss]));
  box.setAttribute("data-country", guess);
  box.hidden = false;
  accept.addEventListener("click", () => {
    finder.state.sel.country = [guess];
    finder.commit();
    const control = finder.controls.get("country", guess);
    // The ticked box, if the filters are showing (on a phone they are folded away), else the results.
    (control && control.input.offsetParent !== null ? control.input : finder.parts.heading).focus();
  });
  dismiss.addEventListener("click", () => {
    finder.suggestionDismissed = true;
    box.hidden = true;
    finder.parts.heading.focus();
  });
}
