import assert from "node:assert/strict";
import { test } from "node:test";

import { emergencyText } from "../../../generator/assets/finder/status.js";

const DATA = { facets: { country: [["GB", "United Kingdom"]] }, countries: { GB: "United Kingdom" },
               help: { GB: { e: [["999", "tel:999", ""], ["112", "tel:112", ""]], s: [] } } };
const state = (countries) => ({ q: "", sel: { country: countries } });

test("with one country chosen, the printed page names its first emergency number", () => {
  assert.equal(emergencyText(DATA, state(["GB"])), "In an emergency in United Kingdom, call 999.");
});

test("with no single country, the printed page says to call the local emergency number", () => {
  assert.equal(emergencyText(DATA, state([])), "In an emergency, call your local emergency number.");
  assert.equal(emergencyText(DATA, state(["GB", "IE"])), "In an emergency, call your local emergency number.");
  assert.equal(emergencyText(DATA, state(["NO"])), "In an emergency, call your local emergency number.");
});
