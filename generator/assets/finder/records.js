/* find/listings.json → listings the finder can filter and draw: the decoder beside
   generator/search/records.py (encode_listing) and finder_files.py (columns), which write the file. */
import { pageLanguage, t } from "../i18n.js";
import { FACET_KEYS, LIST_COLUMNS, checkData } from "./contract.js";
import { costRank } from "./ranking.js";

// Card labels the file leaves out because they follow from the action (records.py: DEFAULT_LABELS).
function defaultLabel(method) {
  switch (method) {
    case "whatsapp": return t("Message on WhatsApp");
    case "chat": return t("Chat online");
    case "video": return t("Video call");
    case "app": return t("Get the app");
    case "join": return t("Join");
    default: return method;
  }
}
const INTERNAL_METHODS = new Set(["phone", "sms", "email"]);
const NONE = [];  // shared by every listing with no value for a filter (never changed)

export function actionLabel(method, href) {
  if (method === "email" && href.indexOf("mailto:") === 0) return t("Email %(address)s", { address: href.slice(7) });
  return defaultLabel(method);
}

function toMinutes(hhmm) { return parseInt(hhmm.slice(0, 2), 10) * 60 + parseInt(hhmm.slice(3, 5), 10); }

// Hours as hours.js reads them (records.py: encode_hours); `o`/`c` are opens/closes in minutes, worked out
// once. Listings share day lists and times, so those are decoded once each (`memo`).
export function decodeHours(raw, memo) {
  if (raw === 1) return { always: true };
  return {
    always: false, tz: raw[0], closed: raw[2] || [],
    weekly: raw[1].map((i) => {
      let days = memo.days[i[0]];
      if (!days) {
        days = [];
        for (let c = 0; c < i[0].length; c += 2) days.push(i[0].slice(c, c + 2));
        memo.days[i[0]] = days;
      }
      if (memo.minutes[i[1]] === undefined) memo.minutes[i[1]] = toMinutes(i[1]);
      if (memo.minutes[i[2]] === undefined) memo.minutes[i[2]] = toMinutes(i[2]);
      return { days, opens: i[1], closes: i[2], o: memo.minutes[i[1]], c: memo.minutes[i[2]] };
    })
  };
}

export function newHoursMemo() {
  return { days: Object.create(null), minutes: Object.create(null) };
}

const HOURS_MEMO = newHoursMemo();  // day lists and times read the same whichever file they come from

// A decoded listing (decodeData). Its hours are decoded the first time they are read: the first results need
// only those of the cards on the first page, and the clock reads the rest just after them (#14).
class Listing {
  get hours() {
    if (this.decodedHours === null) {
      this.decodedHours = this.rawHours === NONE ? NONE : this.rawHours.map((h) => decodeHours(h, HOURS_MEMO));
    }
    return this.decodedHours;
  }
}

// Each filter's option positions by value. Values come from URLs too: "__proto__" is just a value.
function optionPositions(facets) {
  const positions = {};
  FACET_KEYS.forEach((key) => {
    positions[key] = Object.create(null);
    (facets[key] || []).forEach((option, n) => { positions[key][option[0]] = n; });
  });
  return positions;
}

export function decodeData(data) {
  checkData(data);
  const facets = data.facets;
  const optionIndex = optionPositions(facets);
  const tags = Object.create(null);  // language tag -> {lower, primary, at: position among the options}
  function tagInfo(tag) {
    let info = tags[tag];
    if (!info) {
      const lower = tag.toLowerCase(), primary = lower.split("-")[0];
      info = tags[tag] = { lower, primary, at: optionIndex.language[primary] };
    }
    return info;
  }
  // Arrays many listings would hold alike are made once and shared (nothing changes them): at 10,000 listings
  // making each listing its own took a good part of the time before the first results (#14). Listings with the
  // same languages or countries hold the same list from the file's "lists", so what follows from it is worked
  // out once per list.
  function once(cache, list, make) {
    let found = cache.get(list);
    if (found === undefined) cache.set(list, found = make());
    return found;
  }
  const partsByLanguages = new Map(), positionsByCountries = new Map();
  // [n] for each option of a filter, made once: a listing's one value of that filter (kind, moderation...).
  const singles = {};
  ["kind", "moderation", "anonymity", "access"].forEach((key) => { singles[key] = (facets[key] || []).map((_, n) => [n]); });
  function single(key, value) {
    if (!value) return NONE;
    const n = optionIndex[key][value];
    return n === undefined ? NONE : singles[key][n];
  }
  // A listing's languages: as written, lower-case, their primary subtags, and their places among the options.
  function languageParts(languages) {
    return once(partsByLanguages, languages, () => {
      const lower = [], primaries = [], languageAt = [];
      for (let t = 0; t < languages.length; t++) {
        const info = tagInfo(languages[t]);
        lower.push(info.lower);
        if (!primaries.includes(info.primary)) primaries.push(info.primary);
        if (info.at !== undefined && !languageAt.includes(info.at)) languageAt.push(info.at);
      }
      return { lower, primaries, languageAt };
    });
  }
  function countryPositionsOf(countries) {
    return once(positionsByCountries, countries, () => {
      const positions = [];
      for (let k = 0; k < countries.length; k++) {
        const at = countryAt[countries[k]];
        if (at !== undefined && countries[k] !== "worldwide" && !positions.includes(at)) positions.push(at);
      }
      return positions;
    });
  }
  // Listings come as columns: column name -> one value per listing, 0 where a listing has none. A list column
  // holds numbers in its table of lists, from 1 (contract.js: LIST_COLUMNS).
  const C = data.listings, count = C.id.length, lists = data.lists;
  const column = (name) => {
    const values = C[name];
    if (!values) return NONE;
    if (!LIST_COLUMNS.includes(name)) return values;
    const table = lists[name] || NONE;
    return values.map((n) => (n ? table[n - 1] || NONE : 0));
  };
  const ids = C.id, kinds = C.k, names = C.n, summaries = C.s, topics = column("tp"), audiences = column("au");
  const nameRanks = C.nr, services = column("sv"), textLanguages = column("tl");
  const countriesColumn = column("co"), regions = column("rg"), languagesColumn = column("la"), costs = column("cs");
  const contacts = column("cm"), actions = column("a"), hours = column("h"), always = column("ao");
  const status = column("st"), moderation = column("mod"), anonymity = column("anon"), access = column("acc");
  const modalities = column("mode"), insurance = column("ins"), trial = column("ft");
  const costRanks = (facets.cost || []).map((option) => costRank([option[0]]));
  const countryAt = optionIndex.country, yesInsurance = [optionIndex.insurance.yes], yesTrial = [optionIndex.trial.yes];
  const listings = new Array(count);
  for (let i = 0; i < count; i++) {
    const languages = languagesColumn[i] || NONE;
    const { lower, primaries, languageAt } = languageParts(languages);
    const countries = countriesColumn[i] || NONE, countryPositions = countryPositionsOf(countries);
    const l = new Listing();
    l.position = i; l.id = ids[i]; l.kind = facets.kind[kinds[i]][0]; l.name = names[i]; l.summary = summaries[i];
    l.textLang = textLanguages[i] || null; l.nameRank = nameRanks[i]; l.service = services[i] || null; l.costRank = 2;
    l.countries = countries; l.worldwide = countries.includes("worldwide"); l.regions = regions[i] || NONE;
    l.languages = languages; l.languagesLower = lower; l.primaryLanguages = primaries;
    l.rawActions = actions[i] || NONE; l.rawHours = hours[i] || NONE; l.decodedHours = null;
    l.always = !!always[i]; l.paused = status[i] === "paused"; l.moderation = moderation[i] || null;
    l.anonymity = anonymity[i] || null; l.access = access[i] || null; l.insurance = !!insurance[i]; l.trial = !!trial[i];
    // Per filter, in FACET_KEYS order: the positions of this listing's values among the filter's options
    // (most are sent as positions already). "open" is worked out from the clock, not stored.
    l.fi = [
      singles.kind[kinds[i]], NONE, contacts[i] || NONE, topics[i] || NONE, audiences[i] || NONE, countryPositions,
      languageAt, costs[i] || NONE, single("moderation", l.moderation), single("anonymity", l.anonymity),
      single("access", l.access), modalities[i] || NONE, l.insurance ? yesInsurance : NONE, l.trial ? yesTrial : NONE
    ];
    (costs[i] || NONE).forEach((n) => { if (costRanks[n] < l.costRank) l.costRank = costRanks[n]; });
    listings[i] = l;
  }
  return { listings, facets, kinds: data.kinds, countries: data.countries, regions: data.regions, help: data.help,
           index: data.index, optionIndex, byId: new Map(listings.map((l) => [l.id, l])) };
}

// A listing's values for one filter (topic ids, cost values...), from the positions it carries.
export function valuesOf(data, l, key) {
  const options = data.facets[key] || [];
  return l.fi[FACET_KEYS.indexOf(key)].map((n) => options[n][0]);
}

// Card actions, worked out only for the few cards on screen (again if the page's language has changed).
export function actionsOf(l) {
  const lang = pageLanguage();
  if (!l.actions || l.actionsLang !== lang) {
    l.actionsLang = lang;
    l.actions = l.rawActions.map((a) => ({
      method: a[0], href: a[1], label: a.length > 2 ? a[2] : actionLabel(a[0], a[1]), external: !INTERNAL_METHODS.has(a[0])
    }));
  }
  return l.actions;
}
