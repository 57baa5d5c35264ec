import assert from "node:assert/strict";
import { test } from "node:test";

import { checkData, COLUMNS, dataProblems, FACET_KEYS, FORMAT, REQUIRED_COLUMNS } from "../../../generator/assets/finder/contract.js";
import { listingsFile } from "../helpers/listings.mjs";

test("a file in the declared shape has no problems", () => {
  assert.deepEqual(dataProblems(listingsFile()), []);
  assert.equal(checkData(listingsFile()).format, FORMAT);
});

test("a file of another format is refused before anything else is read", () => {
  const file = { ...listingsFile(), format: "kindred-finder-1" };
  assert.deepEqual(dataProblems(file), ['format "kindred-finder-1", expected ' + FORMAT]);
  assert.throws(() => checkData(file), /find\/listings.json: format "kindred-finder-1"/);
});

test("unknown columns and filters, and missing ones, are each named", () => {
  const file = listingsFile();
  file.listings.xx = file.listings.id.map(() => 0);
  delete file.listings.n;
  file.facets.colour = [];
  delete file.facets.trial;
  assert.deepEqual(dataProblems(file).sort(), [
    "no column n", "no options for filter trial", "unknown column xx", "unknown filter colour"
  ]);
});

test("every top-level key is required, and no other is read", () => {
  const file = listingsFile();
  delete file.help;
  file.extra = 1;
  assert.deepEqual(dataProblems(file).sort(), ["no help", "unknown key extra"]);
});

test("every column must hold one value per listing", () => {
  const file = listingsFile();
  file.listings.tp = file.listings.tp.slice(1);
  assert.deepEqual(dataProblems(file), ["column tp is not one value per listing"]);
});

test("the required columns are columns, and no name is declared twice", () => {
  assert.ok(REQUIRED_COLUMNS.every((name) => COLUMNS.includes(name)));
  assert.equal(new Set(COLUMNS).size, COLUMNS.length);
  assert.equal(new Set(FACET_KEYS).size, FACET_KEYS.length);
});
