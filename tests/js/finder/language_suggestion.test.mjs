import assert from "node:assert/strict";
import { test } from "node:test";

import { pageLanguageOption } from "../../../generator/assets/finder/suggestion.js";

const data = { facets: { language: [["en", "English"], ["es", "Español"], ["pt", "Português"]] } };

test("the page language's filter value is its primary subtag, when some listing offers it", () => {
  assert.deepEqual(pageLanguageOption(data, "pt-BR"), ["pt", "Português"]);
  assert.deepEqual(pageLanguageOption(data, "es"), ["es", "Español"]);
  assert.equal(pageLanguageOption(data, "nl"), null);
  assert.equal(pageLanguageOption({ facets: {} }, "es"), null);
});
