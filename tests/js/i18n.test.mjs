import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { afterEach, test } from "node:test";
import { fileURLToPath } from "node:url";

import { describe, openingTime, opensText } from "../../generator/assets/hours.js";
import { format, pageLanguage, readCatalogue, t, tn, useCatalogue } from "../../generator/assets/i18n.js";
import { ageText } from "../../generator/assets/verification.js";
import { Clock, currentClock } from "../../generator/assets/finder/clock.js";
import { actionLabel, actionsOf, decodeData } from "../../generator/assets/finder/records.js";
import { emergencyText, summaryText } from "../../generator/assets/finder/status.js";
import { listingsFile } from "./helpers/listings.mjs";

const ASSETS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../generator/assets");

// A German catalogue as generator/i18n/catalogues.py writes it into #kd-strings (test wording, not the shipped one).
const GERMAN = {
  "Open now": "Jetzt geöffnet",
  "Open now (24/7)": "Jetzt geöffnet (rund um die Uhr)",
  "Closed now · opens %(time)s your time": "Jetzt geschlossen · öffnet %(time)s (deine Ortszeit)",
  "Showing: %(choices)s.": "Angezeigt: %(choices)s.",
  "words “%(words)s”": "Wörter „%(words)s“",
  "%(first)s or %(second)s": "%(first)s oder %(second)s",
  "Country": "Land",
  "In an emergency in %(country)s, call %(number)s.": "Im Notfall in %(country)s: Wähle %(number)s.",
  "Video call": "Videoanruf",
  "Email %(address)s": "E-Mail an %(address)s",
  "%(count)s listing found": { one: "%(count)s Eintrag gefunden", other: "%(count)s Einträge gefunden" },
  "(%(count)s month ago)": { one: "(vor %(count)s Monat)", other: "(vor %(count)s Monaten)" }
};
const FRENCH = {
  "%(count)s listing": { one: "%(count)s fiche", many: "%(count)s de fiches", other: "%(count)s fiches" }
};

afterEach(() => {
  useCatalogue();
  delete globalThis.document;
});

test("placeholders take their values in any order; a missing value stays visible; %% is a percent sign", () => {
  assert.equal(format("Opens %(time)s", { time: "9:00" }), "Opens 9:00");
  assert.equal(format("%(b)s, then %(a)s", { a: 1, b: 2 }), "2, then 1");
  assert.equal(format("Call %(number)s %(when)s", { number: "116 123" }), "Call 116 123 %(when)s");
  assert.equal(format("100%% free, %(count)s left", { count: 0 }), "100% free, 0 left");
  assert.equal(format("No values: %(x)s", undefined), "No values: %(x)s");
});

test("without a catalogue every message is its English", () => {
  assert.equal(pageLanguage(), "en");
  assert.equal(t("Open now"), "Open now");
  assert.equal(t("Call %(number)s", { number: "999" }), "Call 999");
  assert.equal(tn("%(count)s listing found", "%(count)s listings found", 1), "1 listing found");
  assert.equal(tn("%(count)s listing found", "%(count)s listings found", 0), "0 listings found");
  assert.equal(tn("%(count)s listing found", "%(count)s listings found", 12), "12 listings found");
});

test("a message the catalogue lacks, or leaves empty, falls back to English", () => {
  useCatalogue("de", { ...GERMAN, "Closed": "" });
  assert.equal(t("Open now"), "Jetzt geöffnet");
  assert.equal(t("Closed"), "Closed");
  assert.equal(t("Paused"), "Paused");
  assert.equal(tn("%(count)s listing", "%(count)s listings", 3), "3 listings");
  // A plural message needs its forms: a plain string where forms belong is not used.
  useCatalogue("de", { "%(count)s listing": "%(count)s Eintrag" });
  assert.equal(tn("%(count)s listing", "%(count)s listings", 3), "3 listings");
});

test("plural forms follow the language's CLDR categories: French has one, many and other", () => {
  useCatalogue("fr", FRENCH);
  assert.equal(tn("%(count)s listing", "%(count)s listings", 1), "1 fiche");
  assert.equal(tn("%(count)s listing", "%(count)s listings", 0), "0 fiche");  // French 0 is "one"
  assert.equal(tn("%(count)s listing", "%(count)s listings", 2), "2 fiches");
  assert.equal(tn("%(count)s listing", "%(count)s listings", 1000000), "1000000 de fiches");
  // Brazilian Portuguese has "many" too; a catalogue without that form uses its "other".
  useCatalogue("pt-BR", { "%(count)s listing": { one: "%(count)s serviço", other: "%(count)s serviços" } });
  assert.equal(tn("%(count)s listing", "%(count)s listings", 1000000), "1000000 serviços");
  assert.equal(tn("%(count)s listing", "%(count)s listings", 1), "1 serviço");
});

test("a count can be given with other values, and the values can name it differently", () => {
  assert.equal(tn("Remove “%(filter)s” (%(count)s listing)", "Remove “%(filter)s” (%(count)s listings)", 2,
                  { filter: "Cost: Free" }), "Remove “Cost: Free” (2 listings)");
  assert.equal(tn("Show %(shown)s more (%(count)s not shown)", "Show %(shown)s more (%(count)s not shown)", 120,
                  { shown: 50, count: 120 }), "Show 50 more (120 not shown)");
});

// A document as much as i18n.js reads of one: <html lang> and #kd-strings, counting how often the JSON is read.
function fakeDocument(lang, catalogue) {
  const doc = { reads: 0, documentElement: { lang }, node: null };
  doc.setStrings = (value) => {
    const text = JSON.stringify(value);
    doc.node = { firstChild: { length: text.length }, get textContent() { doc.reads++; return text; } };
  };
  if (catalogue) doc.setStrings(catalogue);
  doc.getElementById = (id) => (id === "kd-strings" ? doc.node : null);
  return doc;
}

test("the page's catalogue is read from #kd-strings once, and again when the page or its language changes", () => {
  const doc = fakeDocument("de", { lang: "de", messages: GERMAN });
  globalThis.document = doc;
  assert.equal(t("Open now"), "Jetzt geöffnet");
  assert.equal(t("Country"), "Land");
  assert.equal(pageLanguage(), "de");
  assert.equal(doc.reads, 1);
  // Instant navigation to a French page: a new element and a new <html lang>.
  doc.documentElement.lang = "fr";
  doc.setStrings({ lang: "fr", messages: FRENCH });
  assert.equal(t("Open now"), "Open now");
  assert.equal(tn("%(count)s listing", "%(count)s listings", 1000000), "1000000 de fiches");
  assert.equal(doc.reads, 2);
  // An English page has no catalogue.
  doc.documentElement.lang = "en";
  doc.node = null;
  assert.equal(t("Country"), "Country");
  assert.equal(pageLanguage(), "en");
});

test("readCatalogue takes any document-like object, and a broken catalogue is English", () => {
  assert.deepEqual({ ...readCatalogue(fakeDocument("nl", { lang: "nl", messages: { Cost: "Kosten" } })) },
                   { lang: "nl", messages: { Cost: "Kosten" } });
  const broken = fakeDocument("es");
  broken.node = { firstChild: null, textContent: "{not json" };
  const read = readCatalogue(broken);
  assert.equal(read.lang, "es");
  assert.equal(Object.keys(read.messages).length, 0);
  assert.equal(readCatalogue(fakeDocument("")).lang, "en");
});

test("the time a service opens follows the page's language: 2:00 PM in English, 14:00 in German", () => {
  const monday = new Date("2025-04-21T14:00:00Z");
  const english = openingTime(monday, "UTC");
  assert.match(english, /^Monday 2:00\sPM$/);
  useCatalogue("de", GERMAN);
  const german = openingTime(monday, "UTC");
  assert.match(german, /^Montag,? 14:00$/);
  assert.equal(opensText(monday, "UTC"), "Jetzt geschlossen · öffnet " + german + " (deine Ortszeit)");
  for (const lang of ["fr", "es", "nl", "pt-BR"]) {
    useCatalogue(lang, {});
    assert.match(openingTime(monday, "UTC"), /\b14:00$/, lang);
  }
  useCatalogue("en", {});
  assert.equal(opensText(monday, "UTC"), "Closed now · opens " + english + " your time");
});

test("a German catalogue changes what the finder and listing pages say", () => {
  useCatalogue("de", GERMAN);
  const data = decodeData(listingsFile());
  const state = { q: "Trauer", sel: { country: ["MX", "GB"] } };
  for (const key of ["kind", "open", "contact", "topic", "audience", "language", "cost", "moderation", "anonymity",
                     "access", "modality", "insurance", "trial"]) state.sel[key] = [];
  assert.equal(summaryText(data, state), "Angezeigt: Wörter „Trauer“; Land: Mexico oder United Kingdom.");
  assert.equal(emergencyText(data, { q: "", sel: { country: ["US"] } }), "Im Notfall in United States: Wähle 911.");
  assert.deepEqual(describe({ always: true }, new Date()), { open: true, text: "Jetzt geöffnet (rund um die Uhr)" });
  assert.equal(tn("%(count)s listing found", "%(count)s listings found", 1), "1 Eintrag gefunden");
  assert.equal(ageText(7), " (vor 7 Monaten)");
  assert.equal(actionLabel("email", "mailto:hallo@example.org"), "E-Mail an hallo@example.org");
});

test("cards follow a change of language: the clock and the action labels are not kept from before", () => {
  const data = decodeData(listingsFile());
  const calm = data.byId.get("calm-sessions"), circle = data.byId.get("world-circle");
  assert.equal(actionsOf(calm)[0].label, "Video call");
  const english = currentClock();
  assert.equal(english.describe(circle).text, "Open now (24/7)");
  useCatalogue("de", GERMAN);
  assert.equal(actionsOf(calm)[0].label, "Videoanruf");
  const german = currentClock();
  assert.notEqual(german, english);
  assert.equal(german.describe(circle).text, "Jetzt geöffnet (rund um die Uhr)");
  assert.equal(new Clock(new Date()).describe(circle).text, "Jetzt geöffnet (rund um die Uhr)");
});

// Babel extracts t("…") and tn("…", "…", n) from the source text, so their first arguments must be plain
// string literals: a variable or a concatenation there would never reach a translator.
const LITERAL = String.raw`\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\s*`;
const T_CALL = /(?<![\w$.])t\(/g, TN_CALL = /(?<![\w$.])tn\(/g;

function jsFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(full);
    return entry.name.endsWith(".js") && entry.name !== "i18n.js" ? [full] : [];
  });
}

test("every t() and tn() call in the browser modules starts with string literals Babel can extract", () => {
  const bad = [];
  let calls = 0;
  for (const file of jsFiles(ASSETS)) {
    const source = fs.readFileSync(file, "utf8");
    for (const [pattern, literals] of [[T_CALL, 1], [TN_CALL, 2]]) {
      for (const match of source.matchAll(pattern)) {
        calls++;
        const rest = source.slice(match.index + match[0].length);
        const expected = new RegExp("^" + Array(literals).fill(LITERAL).join(",") + "[,)]");
        if (!expected.test(rest)) bad.push(path.relative(ASSETS, file) + ": " + rest.slice(0, 40).split("\n")[0]);
      }
    }
  }
  assert.deepEqual(bad, []);
  assert.ok(calls > 60, "found only " + calls + " calls");
});
