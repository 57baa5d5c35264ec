import assert from "node:assert/strict";
import { test } from "node:test";

import { rankResults } from "../../../generator/assets/finder/ranking.js";

test("without text the site's order stays", () => {
  assert.deepEqual(rankResults([0, 2, 5, 9], null), [0, 2, 5, 9]);
});

test("a text search puts the best scores first and keeps the site's order among equals", () => {
  const scores = { 0: 1.5, 2: 4, 5: 1.5, 9: 4, 11: 0.2 };
  assert.deepEqual(rankResults([0, 2, 5, 9, 11], scores), [2, 9, 0, 5, 11]);
});
