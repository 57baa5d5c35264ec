/* "Get help for United Kingdom": on the home page and help/, a one-tap link to the help-now page of the
   country this device's settings point to (finder/country.js). Offered, never followed by itself; nothing
   is stored or sent. Each [data-kd-help-suggest] element lists the countries that have a help page. */
import { guessCountries } from "./finder/country.js";
import { t } from "./i18n.js";

// The first guessed country that has a help page, or null (pure: tested in tests/js/help_suggest.test.mjs).
export function suggestedCountry(guesses, available) {
  for (const code of guesses) if (available.includes(code)) return code;
  return null;
}

export function renderHelpSuggestions(root) {
  root.querySelectorAll("[data-kd-help-suggest]").forEach((box) => {
    const available = (box.getAttribute("data-kd-countries") || "").split(/\s+/).filter(Boolean);
    const code = suggestedCountry(guessCountries(), available);
    if (!code) return;
    const name = box.getAttribute("data-kd-name-" + code.toLowerCase()) || code;
    const link = document.createElement("a");
    link.className = "md-button kd-help-suggest__link";
    link.href = (box.getAttribute("data-kd-base") || "") + "help/" + code.toLowerCase() + "/";
    link.textContent = t("Help in %(country)s", { country: name });
    link.setAttribute("data-kd-help-country", code);
    while (box.firstChild) box.removeChild(box.firstChild);
    box.appendChild(link);
    box.hidden = false;
  });
}
