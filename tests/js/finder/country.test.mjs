import assert from "node:assert/strict";
import { test } from "node:test";

import { countriesFromSettings, ZONES } from "../../../generator/assets/finder/country.js";

test("the time zone comes first, then the first language with a region", () => {
  assert.deepEqual(countriesFromSettings("America/New_York", ["es-MX", "en-GB"]), ["US", "MX"]);
  assert.deepEqual(countriesFromSettings("Europe/London", ["en-GB"]), ["GB"]);
  assert.deepEqual(countriesFromSettings(null, ["fr", "de-AT", "en-GB"]), ["AT"]);
});

test("settings that name no country suggest nothing", () => {
  assert.deepEqual(countriesFromSettings("Etc/UTC", ["en", "fr"]), []);
  assert.deepEqual(countriesFromSettings(undefined, []), []);
});

test("every zone maps to a two-letter country code", () => {
  assert.ok(Object.values(ZONES).every((code) => /^[A-Z]{2}$/.test(code)));
});
