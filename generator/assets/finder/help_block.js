/* Crisis lines: above the results when the words typed speak of suicide (synonyms.js: crisis), and after the
   ways on (notice.js) whenever nothing matches, so no search ends with nothing to do. For the chosen country (ranking.js: chosenCountry):
   its emergency numbers as call links, then its profile's "start here" lines as cards (listings.json "help",
   from directory/countries/<CC>.yaml), then the way to its help-now page. With no country chosen, or one
   without a profile: crisis lines that serve every country, if any, and the way to choose a country. */
import { t } from "../i18n.js";
import { card } from "./cards.js";
import { el } from "./dom.js";
import { chosenCountry } from "./ranking.js";

function profileOf(data, country) {
  return country && Object.prototype.hasOwnProperty.call(data.help, country) ? data.help[country] : null;
}

function cards(finder, listings) {
  return el("ul", { className: "kd-cards kd-finder__help-cards" },
            listings.map((l) => card(finder.data, l, finder.clockUsed, finder.base)));
}

// The profile's start-here lines in order; a group only when every member is there (as help pages show them).
function startHere(data, profile) {
  const lines = [];
  profile.s.forEach((group) => {
    const members = group.map((id) => data.byId.get(id));
    if (members.every((l) => l && !l.paused)) lines.push(...members);
  });
  return lines;
}

function worldwideCrisisLines(data) {
  return data.listings.filter((l) => l.worldwide && l.kind === "helplines" && l.service === "crisis" && !l.paused);
}

// `reason`: "crisis" (the words: above the results), "none" (nothing matches: after the ways on, notice.js),
// or null (hide the block).
export function renderHelp(box, finder, reason) {
  while (box.firstChild) box.removeChild(box.firstChild);
  const parts = finder.parts;
  if (reason === "none" && box.nextSibling !== parts.list) parts.results.insertBefore(box, parts.list);
  if (reason === "crisis" && box.nextSibling !== parts.results) parts.column.insertBefore(box, parts.results);
  box.hidden = !reason;
  box.setAttribute("data-kd-help", reason || "");
  if (!reason) return;
  const data = finder.data, base = finder.base;
  const country = chosenCountry(finder.state), profile = profileOf(data, country);
  const name = country ? data.countries[country] || country : null;
  const title = reason === "crisis" ? t("You can talk to someone now") : t("If you need to talk to someone now");
  box.appendChild(el("h2", { id: "kd-finder-help-title", className: "kd-finder__help-title", text: title }));
  if (profile) {
    box.setAttribute("data-kd-help-country", country);
    box.appendChild(el("p", {
      text: t("If you are in danger, or might act on thoughts of ending your life, call the emergency number now:")
    }));
    box.appendChild(el("ul", { className: "kd-finder__emergency" }, profile.e.map(([number, href, note]) => el("li", null, [
      el("a", { className: "md-button md-button--primary kd-emergency", href,
                text: t("Call %(number)s", { number }) }),
      note ? el("span", { className: "kd-finder__emergency-note", text: " " + note }) : null
    ]))));
    const lines = startHere(data, profile);
    if (lines.length) {
      box.appendChild(el("p", { text: t("Crisis lines in %(country)s:", { country: name }) }));
      box.appendChild(cards(finder, lines));
    }
    box.appendChild(el("p", null, [el("a", { href: base + "help/" + country.toLowerCase() + "/",
                                             text: t("Every crisis line and emergency number for %(country)s",
                                                     { country: name }) })]));
    return;
  }
  box.setAttribute("data-kd-help-country", "");
  const danger = t("If you are in danger, call your local emergency number now.");
  box.appendChild(el("p", {
    text: name ? t("This site does not list crisis lines in %(country)s yet.", { country: name }) + " " + danger : danger
  }));
  const lines = worldwideCrisisLines(data);
  if (lines.length) {
    box.appendChild(el("p", { text: t("Crisis lines open to everyone, wherever you are:") }));
    box.appendChild(cards(finder, lines));
  }
  box.appendChild(el("p", null, [el("a", { href: base + "help/",
                                           text: t("Find the crisis line and emergency number for your country") })]));
}
