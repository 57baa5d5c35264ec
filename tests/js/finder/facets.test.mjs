import assert from "node:assert/strict";
import { test } from "node:test";

import { FACET_KEYS } from "../../../generator/assets/finder/contract.js";
import { FACET_POSITION, FACETS, normaliseValue, URL_KEYS } from "../../../generator/assets/finder/facets.js";

test("the filters are shown in the contract's order, each with a legend", () => {
  assert.deepEqual(FACETS.map((f) => f.key), FACET_KEYS);
  assert.ok(FACETS.every((f) => typeof f.legend === "string" && f.legend.length > 0));
  assert.deepEqual(FACET_KEYS.map((key) => FACET_POSITION[key]), FACET_KEYS.map((_, i) => i));
});

test("a URL can name every filter, each once", () => {
  assert.deepEqual([...URL_KEYS].sort(), [...FACET_KEYS].sort());
});

test("values from a URL are spelled as the data spells them", () => {
  assert.equal(normaliseValue("country", " gb "), "GB");
  assert.equal(normaliseValue("country", "WorldWide"), "worldwide");
  assert.equal(normaliseValue("language", "es-MX"), "es-mx");
  assert.equal(normaliseValue("kind", "Helplines"), "helplines");
});
