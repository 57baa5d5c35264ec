import assert from "node:assert/strict";
import { test } from "node:test";

import { emptyState, parseState, stateToSearch, withoutFilters } from "../../../generator/assets/finder/url_state.js";
import { FACETS } from "../helpers/listings.mjs";

test("an empty address is an empty state, and gives an empty address", () => {
  assert.deepEqual(parseState(""), emptyState());
  assert.equal(stateToSearch(parseState(""), FACETS), "");
});

test("repeated keys and comma lists both choose values, once each, spelled as the data spells them", () => {
  const state = parseState("?kind=helplines,Communities&kind=helplines&country=gb&country=Worldwide&q=day");
  assert.equal(state.q, "day");
  assert.deepEqual(state.sel.kind, ["helplines", "communities"]);
  assert.deepEqual(state.sel.country, ["GB", "worldwide"]);
  assert.deepEqual(state.sel.topic, []);
});

test("one set of choices always gives one address: q first, filters and values in a fixed order", () => {
  const a = stateToSearch(parseState("?topic=anxiety&kind=teletherapy&kind=helplines&q=day"), FACETS);
  const b = stateToSearch(parseState("?q=day&kind=helplines,teletherapy&topic=anxiety"), FACETS);
  assert.equal(a, "?q=day&kind=helplines&kind=teletherapy&topic=anxiety");
  assert.equal(b, a);
});

test("values that are not options keep their place after the options", () => {
  assert.equal(stateToSearch(parseState("?language=es-mx&language=es&language=en"), FACETS),
               "?language=en&language=es&language=es-mx");
});

test("text with nothing but spaces is left out of the address", () => {
  assert.equal(stateToSearch(parseState("?q=+&open=now"), FACETS), "?open=now");
});

test("before the data has loaded, the address still round-trips", () => {
  assert.equal(stateToSearch(parseState("?open=24-7&open=now"), null), "?open=24-7&open=now");
});

test("clearing the filters keeps the words", () => {
  const cleared = withoutFilters(parseState("?q=grief&kind=helplines&country=GB"));
  assert.equal(cleared.q, "grief");
  assert.deepEqual(cleared.sel, emptyState().sel);
});
