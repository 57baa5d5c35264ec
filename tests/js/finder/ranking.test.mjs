import assert from "node:assert/strict";
import { test } from "node:test";

import { STATE_ORDER } from "../../../generator/assets/hours.js";
import {
  bands, chosenCountry, compareKeys, costRank, CRISIS, COMMUNITY, INFORMATION, packKeys, priorRanks, rankKey, rankResults, specificity, START_HERE,
  startHereOf, SUPPORT, TELETHERAPY, tier
} from "../../../generator/assets/finder/ranking.js";
import { decodeData } from "../../../generator/assets/finder/records.js";
import { parseState } from "../../../generator/assets/finder/url_state.js";
import { LISTINGS, listingsFile } from "../helpers/listings.mjs";

// A listing as records.js decodes it, with only what the ranking reads.
function listing(id, fields = {}) {
  return { id, kind: "helplines", service: "support", countries: ["GB"], hours: [], always: false, paused: false,
           costRank: 0, nameRank: 0, primaryLanguages: ["en"], ...fields };
}
const WEEKDAYS = { always: false, tz: "UTC", weekly: [{ days: ["mo", "tu", "we", "th", "fr"], opens: "09:00", closes: "17:00" }] };
// The order rankResults gives, checked against the same sort from the priors worked out once (priorRanks), on
// every listing and on every other one (a search keeps some).
const order = (listings, context) => {
  const data = { listings }, all = listings.map((_, i) => i);
  const ranked = rankResults(data, all.slice(), context);
  const priors = priorRanks(data, context);
  assert.deepEqual(rankResults(data, all.slice().reverse(), { ...context, priors }), ranked);
  const some = all.filter((i) => i % 2 === 0);
  assert.deepEqual(rankResults(data, some.slice(), { ...context, priors }), rankResults(data, some.slice(), context));
  return ranked.map((i) => listings[i].id);
};

test("kind of help as a tier: crisis, support, information lines, communities, teletherapy", () => {
  assert.deepEqual([tier("helplines", "crisis"), tier("helplines", "support"), tier("helplines", "information"),
                    tier("helplines", null), tier("communities", null), tier("teletherapy", null)],
                   [CRISIS, SUPPORT, INFORMATION, SUPPORT, COMMUNITY, TELETHERAPY]);
  assert.equal(tier("helplines", "constructor"), SUPPORT);  // a value from the file is only a value
});

test("free before low-cost before paid; the chosen country before worldwide before the rest", () => {
  assert.deepEqual([costRank(["paid", "free"]), costRank(["sliding-scale"]), costRank(["insurance"])], [0, 1, 2]);
  assert.deepEqual([specificity(["GB"], "GB"), specificity(["worldwide"], "GB"), specificity(["US"], "GB"),
                    specificity(["US"], null)], [0, 1, 2, 0]);
});

test("the chosen country is the country filter's value only when exactly one country is chosen", () => {
  assert.equal(chosenCountry(parseState("?country=gb")), "GB");
  assert.equal(chosenCountry(parseState("?country=GB&country=US")), null);
  assert.equal(chosenCountry(parseState("?country=worldwide")), null);
  assert.equal(chosenCountry(parseState("")), null);
});

test("the priors, key by key", () => {
  const listings = [
    listing("paused-crisis", { service: "crisis", paused: true }),
    listing("us-crisis", { service: "crisis", countries: ["US"] }),
    listing("world-crisis", { service: "crisis", countries: ["worldwide"] }),
    listing("gb-paid-support", { costRank: 2, nameRank: 1 }),
    listing("gb-free-support", { costRank: 0, nameRank: 9 }),
    listing("gb-crisis-b", { service: "crisis", nameRank: 5 }),
    listing("gb-crisis-a", { service: "crisis", nameRank: 4 }),
    listing("gb-community", { kind: "communities", service: null }),
    listing("gb-information", { service: "information" }),
  ];
  assert.deepEqual(order(listings, { country: "GB" }), [
    "gb-crisis-a", "gb-crisis-b", "gb-free-support", "gb-paid-support", "gb-information", "gb-community",
    "world-crisis", "us-crisis", "paused-crisis"
  ]);
  // Without a country, countries do not count.
  assert.deepEqual(order(listings, { country: null }).slice(0, 4),
                   ["us-crisis", "world-crisis", "gb-crisis-a", "gb-crisis-b"]);
});

test("within a kind of help, services in the page's language first; the kind of help still comes first", () => {
  const listings = [
    listing("en-crisis", { service: "crisis", nameRank: 0 }),
    listing("pt-crisis", { service: "crisis", nameRank: 1, primaryLanguages: ["pt"] }),
    listing("pt-support", { nameRank: 2, primaryLanguages: ["pt", "en"] }),
    listing("en-support", { nameRank: 3 }),
  ];
  assert.deepEqual(order(listings, { language: "pt-BR" }), ["pt-crisis", "en-crisis", "pt-support", "en-support"]);
  assert.deepEqual(order(listings, { language: "en" }), ["en-crisis", "pt-crisis", "pt-support", "en-support"]);
});

test("open now, then opening within a day, then unknown, then closed, by the clock given", () => {
  const states = { open: STATE_ORDER.open, later: STATE_ORDER.later, none: STATE_ORDER.unknown, shut: STATE_ORDER.closed };
  const listings = Object.keys(states).reverse().map((id, n) => listing(id, { nameRank: n }));
  assert.deepEqual(order(listings, { state: (l) => states[l.id] }), ["open", "later", "none", "shut"]);
});

test("before the clock is read, the state a built page gives: 24/7 open, hours later, none unknown", () => {
  const listings = [listing("none", { nameRank: 0 }), listing("hours", { nameRank: 1, hours: [WEEKDAYS] }),
                    listing("always", { nameRank: 2, hours: [{ always: true }], always: true })];
  assert.deepEqual(order(listings, {}), ["always", "hours", "none"]);
});

test("the chosen country's start-here lines come first, open ones in the profile's order, then the others", () => {
  const data = decodeData(listingsFile());
  assert.deepEqual([...startHereOf(data, "US")], [["night-line", 0]]);
  assert.deepEqual([...startHereOf(data, "GB")], []);
  const startHere = new Map([["second", 1], ["first", 0], ["shut-start", 2]]);
  const listings = [
    listing("crisis", { service: "crisis", nameRank: 0 }),
    listing("second", { nameRank: 1 }),
    listing("first", { kind: "communities", service: null, nameRank: 2 }),
    listing("shut-start", { service: "crisis", nameRank: 3 }),
  ];
  const state = (l) => (l.id === "shut-start" ? STATE_ORDER.closed : STATE_ORDER.open);
  assert.deepEqual(order(listings, { country: "GB", startHere, state }), ["first", "second", "shut-start", "crisis"]);
  assert.equal(rankKey(listings[1], { country: "GB", startHere, state })[2], START_HERE);
  // Without a chosen country there is no start-here list: back to tiers.
  assert.deepEqual(order(listings, { country: null, state }), ["crisis", "shut-start", "second", "first"]);
});

test("with open now chosen, every open listing comes before those whose hours are not known", () => {
  const listings = [listing("unknown-crisis", { service: "crisis", nameRank: 0 }),
                    listing("open-community", { kind: "communities", service: null, nameRank: 1 })];
  const state = (l) => (l.id === "unknown-crisis" ? STATE_ORDER.unknown : STATE_ORDER.open);
  assert.deepEqual(order(listings, { state }), ["unknown-crisis", "open-community"]);
  assert.deepEqual(order(listings, { state, openFirst: true }), ["open-community", "unknown-crisis"]);
});

test("relevance bands: exact name, every word in the name, then half, a quarter, less of the best score", () => {
  const levels = new Map([[0, 1], [1, 0]]);
  const scores = { 0: 9, 1: 2, 2: 8, 3: 4, 4: 3, 5: 1 };
  assert.deepEqual(bands([0, 1, 2, 3, 4, 5], scores, levels), [1, 0, 2, 2, 3, 4]);
  assert.equal(bands([0], null, new Map()), null);
});

test("with words, bands come first and the priors order each band; an exact name always wins", () => {
  const listings = [
    listing("forum-far-away", { kind: "communities", service: null, countries: ["worldwide"], nameRank: 0 }),
    listing("crisis-here", { service: "crisis", nameRank: 1 }),
    listing("weak-crisis", { service: "crisis", nameRank: 2 }),
    listing("named-teletherapy", { kind: "teletherapy", service: null, costRank: 2, nameRank: 3 }),
  ];
  const scores = { 0: 10, 1: 6, 2: 1, 3: 2 };
  const context = { country: "GB", scores, levels: new Map([[3, 0]]) };
  assert.deepEqual(order(listings, context), ["named-teletherapy", "crisis-here", "forum-far-away", "weak-crisis"]);
});

test("equal keys keep the file's order", () => {
  const data = decodeData(listingsFile(LISTINGS.map((l) => ({ ...l, nr: 0, cs: [0], st: undefined, sv: "support",
                                                                k: 0, co: ["GB"], h: undefined, ao: undefined, la: ["en"] }))));
  assert.deepEqual(rankResults(data, [3, 1, 2, 0], {}), [0, 1, 2, 3]);
  assert.deepEqual(rankResults(data, [3, 1, 2, 0], { priors: priorRanks(data, {}) }), [0, 1, 2, 3]);
});

test("keys packed into one number sort as compareKeys sorts them, or are not packed when they do not fit", () => {
  const keys = [[0, 2, -1, 5], [0, 2, -1, 4], [1, 0, 3, 0], [0, 0, 4, 9], [0, 2, -1, 5]];
  const packed = packKeys(keys);
  const byPacked = keys.map((_, i) => i).sort((x, y) => packed[x] - packed[y] || x - y);
  const byKeys = keys.map((_, i) => i).sort((x, y) => compareKeys(keys[x], keys[y]) || x - y);
  assert.deepEqual(byPacked, byKeys);
  assert.equal(packed[0], packed[4]);
  assert.equal(packKeys([[0, 0.5], [1, 2]]), null);
  assert.equal(packKeys([[0, 0], [2 ** 30, 2 ** 30]]), null);  // 2^60 values: more than a double holds exactly
  // Listings whose name ranks are too far apart to pack are still ordered the same way.
  const listings = [listing("b", { nameRank: 2 ** 52 }), listing("a", { nameRank: 0 }), listing("c", { service: "crisis", nameRank: 7 })];
  assert.deepEqual(order(listings, {}), ["c", "a", "b"]);
});
