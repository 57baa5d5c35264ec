/* "This device's settings suggest you may be in …": a one-tap country filter, offered while no country is
   chosen; and on a translated site, "Show only services offered in Español": the language filter for the page's
   language, offered while no language is chosen. Neither is ever applied by itself. */
import { pageLanguage, t } from "../i18n.js";
import { el } from "./dom.js";
import { guessCountries } from "./country.js";

// The language filter's value for the page's language ("pt" on the pt-BR site), or null when no listing offers it.
export function pageLanguageOption(data, language) {
  const primary = (language || "en").split("-")[0].toLowerCase();
  const option = (data.facets.language || []).find((o) => o[0] === primary);
  return option || null;
}

function renderLanguageSuggestion(finder) {
  const box = finder.parts.suggestLanguage;
  const language = pageLanguage();
  const option = language.split("-")[0].toLowerCase() === "en" ? null : pageLanguageOption(finder.data, language);
  if (!option || finder.languageSuggestionDismissed || finder.state.sel.language.length) { box.hidden = true; return; }
  if (!box.hidden) return;
  const [value, name] = option;
  const accept = el("button", { type: "button", className: "md-button md-button--primary kd-finder__suggest-yes",
                                "data-kd-suggest-language": value,
                                text: t("Show only services offered in %(language)s", { language: name }) });
  const dismiss = el("button", { type: "button", className: "md-button kd-finder__suggest-no", text: t("No thanks") });
  box.replaceChildren(el("p", { className: "kd-finder__suggest-actions" }, [accept, dismiss]));
  box.hidden = false;
  accept.addEventListener("click", () => {
    finder.state.sel.language = [value];
    finder.commit();
    finder.parts.heading.focus();
  });
  dismiss.addEventListener("click", () => {
    finder.languageSuggestionDismissed = true;
    box.hidden = true;
    finder.parts.heading.focus();
  });
}

export function renderSuggestion(finder) {
  renderLanguageSuggestion(finder);
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
