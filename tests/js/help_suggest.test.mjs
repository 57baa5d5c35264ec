import assert from "node:assert/strict";
import { test } from "node:test";

import { suggestedCountry } from "../../generator/assets/help_suggest.js";
import { countriesFromSettings } from "../../generator/assets/finder/country.js";

test("the first guessed country with a help page is suggested", () => {
  assert.equal(suggestedCountry(["GB", "IE"], ["IE", "GB", "US"]), "GB");
  assert.equal(suggestedCountry(["NO", "IE"], ["IE", "GB"]), "IE");
});

test("no suggestion when no guessed country has a help page", () => {
  assert.equal(suggestedCountry(["NO"], ["GB"]), null);
  assert.equal(suggestedCountry([], ["GB"]), null);
});

test("a device in Sydney with English (US) settings is offered Australia first", () => {
  const guesses = countriesFromSettings("Australia/Sydney", ["en-US"]);
  assert.equal(suggestedCountry(guesses, ["AU", "US"]), "AU");
});
