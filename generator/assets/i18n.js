/* Kindred's words in the page's language. Every sentence the browser code shows goes through t() or tn(), with its
   English as the message id; Babel extracts them (generator/locale/babel.cfg: keywords t and tn:1,2), so the
   first arguments must be plain string literals. A page in another language carries its catalogue in <head>:
   <script type="application/json" id="kd-strings">{"lang": "es", "messages": {...}}</script>, built by
   generator/i18n/catalogues.py (browser_catalogue). English pages need none: a missing message shows its English.

   Placeholders are Python's named ones, %(name)s, as in the templates, so one catalogue serves both sides. */

const ELEMENT_ID = "kd-strings";
const PLACEHOLDER = /%(?:\(([A-Za-z_][A-Za-z0-9_]*)\)s|%)/g;
const EMPTY = Object.freeze(Object.create(null));

let pinned = null;  // a catalogue given by useCatalogue() (tests, Node): the page is not read while set
let cached = { lang: "en", messages: EMPTY, source: null };
const pluralRules = new Map();  // language -> Intl.PluralRules

function hasDocument() {
  return typeof document !== "undefined" && document && document.documentElement;
}

// {lang, messages} from a document-like object ({documentElement: {lang}, getElementById}). A missing or broken
// catalogue gives no messages: English, never an error on the page.
export function readCatalogue(doc) {
  const lang = (doc && doc.documentElement && doc.documentElement.lang) || "en";
  const node = doc && typeof doc.getElementById === "function" ? doc.getElementById(ELEMENT_ID) : null;
  let messages = EMPTY;
  if (node) {
    try {
      const parsed = JSON.parse(node.textContent || "{}");
      if (parsed && parsed.messages && typeof parsed.messages === "object") messages = parsed.messages;
    } catch (e) { /* unreadable: English */ }
  }
  return { lang, messages };
}

// What the current catalogue was read from. Material's instant navigation swaps pages without a reload: the
// element (or its text node) is a new one, or <html lang> changed. Comparing those is cheap; reading is not.
function sourceOf() {
  const node = document.getElementById(ELEMENT_ID);
  const text = node ? node.firstChild : null;
  return { lang: document.documentElement.lang || "en", node, text, length: text ? text.length : 0 };
}

function sameSource(a, b) {
  return a && a.lang === b.lang && a.node === b.node && a.text === b.text && a.length === b.length;
}

function catalogue() {
  if (pinned) return pinned;
  if (!hasDocument()) return cached;
  const source = sourceOf();
  if (!sameSource(cached.source, source)) cached = { ...readCatalogue(document), source };
  return cached;
}

// For tests and Node: use these messages in this language instead of the page's; useCatalogue() goes back
// to reading the page.
export function useCatalogue(lang, messages) {
  pinned = lang ? { lang, messages: messages || EMPTY, source: null } : null;
}

// The language the page's words are in ("en", "de", "pt-BR"): Intl formats dates, times and plurals in it.
export function pageLanguage() {
  return catalogue().lang;
}

// Python's named formatting: %(name)s takes values[name], %% is a percent sign. A value that is missing leaves
// its placeholder showing, so a translation's slip is visible rather than a blank or an error.
export function format(text, values) {
  if (!values) return text;
  return text.replace(PLACEHOLDER, (whole, name) => {
    if (name === undefined) return "%";
    const value = values[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

function own(messages, id) {
  return Object.prototype.hasOwnProperty.call(messages, id) ? messages[id] : undefined;
}

// The translation of one message, or its English.
export function t(msgid, values) {
  const found = own(catalogue().messages, msgid);
  return format(typeof found === "string" && found !== "" ? found : msgid, values);
}

// The CLDR plural category of `count` in `lang` ("one", "few", "many", "other"...).
export function pluralCategory(lang, count) {
  let rules = pluralRules.get(lang);
  if (!rules) {
    try { rules = new Intl.PluralRules(lang); } catch (e) { rules = new Intl.PluralRules("en"); }
    pluralRules.set(lang, rules);
  }
  return rules.select(count);
}

// A message with a count: the translation's form for the count's plural category (then its "other"), else
// the English singular for exactly 1 and the plural otherwise. `count` is a value too, unless given.
export function tn(singular, plural, count, values) {
  const { lang, messages } = catalogue();
  const forms = own(messages, singular);
  let text = null;
  if (forms && typeof forms === "object") text = forms[pluralCategory(lang, count)] || forms.other || null;
  if (!text) text = count === 1 ? singular : plural;
  return format(text, values && "count" in values ? values : { count, ...values });
}
