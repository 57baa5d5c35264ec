// A small find/listings.json in the shape generator/search/finder_files.py writes (contract.js declares it):
// readable listings turned into columns, as finder_files.columns does.

import { FORMAT, LIST_COLUMNS } from "../../../generator/assets/finder/contract.js";

export const FACETS = {
  kind: [["helplines", "Helplines"], ["communities", "Communities"], ["teletherapy", "Teletherapy"]],
  open: [["now", "Open now"], ["24-7", "Open 24/7"]],
  contact: [["phone", "Phone call"], ["text", "Text message (SMS)"], ["whatsapp", "WhatsApp"], ["chat", "Online chat"],
            ["email", "Email"], ["video", "Video call"], ["app", "App"], ["join", "Join online"]],
  topic: [["anxiety", "Anxiety"], ["grief", "Grief and loss"], ["gambling", "Gambling"]],
  audience: [["everyone", "Everyone"], ["youth", "Young people"]],
  country: [["worldwide", "Worldwide services"], ["MX", "Mexico"], ["GB", "United Kingdom"], ["US", "United States"]],
  language: [["en", "English"], ["es", "Spanish"]],
  cost: [["free", "Free"], ["paid", "Paid"]],
  moderation: [["none", "No moderation"], ["volunteer", "Volunteer"]],
  anonymity: [["anonymous", "Anonymous"], ["real-name", "Real name"]],
  access: [["open", "Open"], ["invite", "Invite"]],
  modality: [["video", "Video"], ["messaging", "Messaging"]],
  insurance: [["yes", "Accepts insurance"]],
  trial: [["yes", "Free trial"]]
};

// Positions in FACETS, as encode_listing sends them.
export const LISTINGS = [
  { id: "day-line", k: 0, n: "Day Line", s: "Someone to talk to.", nr: 1, sv: "support", tp: [0], au: [0], co: ["GB"],
    rg: ["GB-SCT"], la: ["en"], cs: [0],
    cm: [0, 1], a: [["phone", "tel:+441234567890", "Call 01234 567890"], ["sms", "sms:85258", "Text HOME to 85258"]],
    h: [["Europe/London", [["motuwethfr", "09:00", "17:00"]]]] },
  { id: "night-line", k: 0, n: "Night Line", s: "Overnight support.", nr: 2, sv: "crisis", tp: [0, 1], au: [0, 1],
    co: ["US"],
    la: ["en", "es-MX"], cs: [0], cm: [0], a: [["phone", "tel:+12125550100", "Call 212 555 0100"]],
    h: [["America/New_York", [["motuwethfrsasu", "22:00", "06:00"]], ["2025-12-25"]]] },
  { id: "world-circle", k: 1, n: "World Circle", s: "Peers, any time.", nr: 3, tp: [2], au: [1], co: ["worldwide"],
    la: ["es"],
    cs: [0], cm: [7], a: [["join", "https://example.org/join"]], h: [1], ao: 1, mod: "volunteer", anon: "anonymous",
    acc: "open" },
  { id: "calm-sessions", k: 2, n: "Calm Sessions", s: "Therapy by video.", nr: 0, tp: [0], au: [0], co: ["GB", "US"],
    la: ["en"], cs: [1], cm: [4, 5], a: [["video", "https://example.org/book"], ["email", "mailto:hello@example.org"]],
    st: "paused", mode: [0], ins: 1, ft: 1 }
];

export function columns(listings) {
  const keys = [];
  listings.forEach((l) => Object.keys(l).forEach((key) => { if (!keys.includes(key)) keys.push(key); }));
  return Object.fromEntries(keys.map((key) => [key, listings.map((l) => (key in l ? l[key] : 0))]));
}

// Each list column's distinct lists once, the column holding numbers there from 1, as finder_files.shared_lists.
export function sharedLists(columnsByName) {
  const out = { ...columnsByName }, lists = {};
  LIST_COLUMNS.filter((name) => name in out).forEach((name) => {
    const table = [], numbers = new Map();
    out[name] = out[name].map((value) => {
      if (value === 0) return 0;
      const key = JSON.stringify(value);
      if (!numbers.has(key)) numbers.set(key, table.push(value));
      return numbers.get(key);
    });
    lists[name] = table;
  });
  return { listings: out, lists };
}

export function listingsFile(listings = LISTINGS) {
  return {
    format: FORMAT,
    index: { hash: "abc", bytes: 10 },
    kinds: { helplines: "Helpline", communities: "Community", teletherapy: "Teletherapy" },
    countries: { GB: "United Kingdom", MX: "Mexico", US: "United States", worldwide: "Worldwide" },
    regions: { "GB-SCT": "Scotland" },
    help: { US: { e: [["911", "tel:911", "Police, fire and ambulance"]], s: [["night-line"]] } },
    facets: structuredClone(FACETS),
    ...sharedLists(columns(listings))
  };
}
