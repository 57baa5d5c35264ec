/* The shape of find/listings.json, as this code reads it.

   generator/search/contract.py declares the same on the Python side, which writes the file;
   tests/search/test_contract.py fails when the two declarations drift apart, and checkData() refuses a
   file from another version, so a mismatch shows as "could not be loaded", never as wrong results. */

export const FORMAT = "kindred-finder-4";

// The top-level keys, every one required (contract.py: KEYS).
export const KEYS = ["format", "index", "kinds", "countries", "regions", "help", "facets", "listings", "lists"];

// Every filter, in the order the finder shows them and a decoded listing carries them (listing.fi).
export const FACET_KEYS = [
  "kind", "open", "contact", "topic", "audience", "country", "language", "cost", "moderation", "anonymity", "access",
  "modality", "insurance", "trial"
];

// Listing columns (generator/search/records.py: listing_record says what each holds). Every listing has the
// required ones; any other column may be absent from the file, and is 0 for a listing without a value.
export const REQUIRED_COLUMNS = ["id", "k", "n", "s", "nr"];
export const COLUMNS = ["id", "k", "n", "s", "nr", "tl", "sv", "tp", "au", "co", "rg", "la", "cs", "cm", "a", "h", "ao", "st",
                        "mod", "anon", "acc", "mode", "ins", "ft"];
// Columns whose distinct lists are in "lists" once, the column holding each listing's number there from 1
// (contract.py: LIST_COLUMNS).
export const LIST_COLUMNS = ["tp", "au", "co", "rg", "la", "cs", "cm", "mode"];

// The file's problems, in words (an empty list when it is what this code reads).
export function dataProblems(data) {
  if (!data || typeof data !== "object") return ["not a JSON object"];
  if (data.format !== FORMAT) return ["format " + JSON.stringify(data.format) + ", expected " + FORMAT];
  const problems = [];
  KEYS.forEach((key) => { if (!(key in data)) problems.push("no " + key); });
  Object.keys(data).forEach((key) => { if (!KEYS.includes(key)) problems.push("unknown key " + key); });
  const facets = data.facets || {};
  FACET_KEYS.forEach((key) => { if (!Array.isArray(facets[key])) problems.push("no options for filter " + key); });
  Object.keys(facets).forEach((key) => { if (!FACET_KEYS.includes(key)) problems.push("unknown filter " + key); });
  const columns = data.listings || {};
  REQUIRED_COLUMNS.forEach((name) => { if (!Array.isArray(columns[name])) problems.push("no column " + name); });
  const count = Array.isArray(columns.id) ? columns.id.length : 0;
  Object.keys(columns).forEach((name) => {
    if (!COLUMNS.includes(name)) problems.push("unknown column " + name);
    else if (!Array.isArray(columns[name]) || columns[name].length !== count) problems.push("column " + name + " is not one value per listing");
  });
  const lists = data.lists || {};
  Object.keys(lists).forEach((name) => { if (!LIST_COLUMNS.includes(name)) problems.push("unknown list column " + name); });
  LIST_COLUMNS.forEach((name) => {
    if (name in columns && !Array.isArray(lists[name])) problems.push("no lists for column " + name);
  });
  return problems;
}

export function checkData(data) {
  const problems = dataProblems(data);
  if (problems.length) throw new Error("find/listings.json: " + problems.join("; "));
  return data;
}
