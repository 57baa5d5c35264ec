/* The filters as people see them, and how their values are written in a URL.

   Values of one filter are ORed, different filters are ANDed (ARCHITECTURE.md, "How the finder reads the
   data"); filters.js does the matching. */
import { t } from "../i18n.js";
import { FACET_KEYS } from "./contract.js";

// In FACET_KEYS order (tests/js/finder/facets.test.mjs checks it). `open`: the group starts unfolded. Each
// legend is a getter, so it is translated when it is shown (modules outlive a page under instant navigation).
export const FACETS = [
  { key: "kind", get legend() { return t("Type of support"); }, open: true },
  { key: "open", get legend() { return t("Availability"); }, open: true },
  { key: "contact", get legend() { return t("Ways to get in touch"); }, open: true },
  { key: "topic", get legend() { return t("Topic"); } },
  { key: "audience", get legend() { return t("Who it is for"); } },
  { key: "country", get legend() { return t("Country"); } },
  { key: "language", get legend() { return t("Language"); } },
  { key: "cost", get legend() { return t("Cost"); } },
  { key: "moderation", get legend() { return t("Communities: moderation"); } },
  { key: "anonymity", get legend() { return t("Communities: anonymity"); } },
  { key: "access", get legend() { return t("Communities: how to join"); } },
  { key: "modality", get legend() { return t("Teletherapy: ways to meet"); } },
  { key: "insurance", get legend() { return t("Teletherapy: insurance"); } },
  { key: "trial", get legend() { return t("Teletherapy: free trial"); } }
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
