/* The filters as people see them, and how their values are written in a URL.

   Values of one filter are ORed, different filters are ANDed (ARCHITECTURE.md, "How the finder reads the
   data"); filters.js does the matching. */
import { FACET_KEYS } from "./contract.js";

// In FACET_KEYS order (tests/js/finder/facets.test.mjs checks it). `open`: the group starts unfolded.
export const FACETS = [
  { key: "kind", legend: "Type of support", open: true },
  { key: "open", legend: "Availability", open: true },
  { key: "contact", legend: "Ways to get in touch", open: true },
  { key: "topic", legend: "Topic" },
  { key: "audience", legend: "Who it is for" },
  { key: "country", legend: "Country" },
  { key: "language", legend: "Language" },
  { key: "cost", legend: "Cost" },
  { key: "moderation", legend: "Communities: moderation" },
  { key: "anonymity", legend: "Communities: anonymity" },
  { key: "access", legend: "Communities: how to join" },
  { key: "modality", legend: "Teletherapy: ways to meet" },
  { key: "insurance", legend: "Teletherapy: insurance" },
  { key: "trial", legend: "Teletherapy: free trial" }
];

// The order keys take in a URL (canonical, so one set of choices always gives one link).
export const URL_KEYS = [
  "kind", "topic", "audience", "country", "language", "cost", "contact", "open", "moderation", "anonymity", "access",
  "modality", "insurance", "trial"
];

// Where each filter's values sit in listing.fi.
export const FACET_POSITION = Object.fromEntries(FACET_KEYS.map((key, position) => [key, position]));

// A value as written in a URL, as the data spells it: country codes upper case, everything else lower.
export function normaliseValue(key, value) {
  const text = String(value).trim();
  if (key === "country") return text.toLowerCase() === "worldwide" ? "worldwide" : text.toUpperCase();
  return text.toLowerCase();
}
