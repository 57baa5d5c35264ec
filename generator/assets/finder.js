/* Kindred finder (/find/): search and filters over every listing, on this device only.

   Loads find/listings.json, shows results at once, and loads lunr.js with find/search-index.json only
   when there is text to search (or the search box gets focus). State lives in the URL, nothing is
   stored, nothing is sent anywhere. Runs after every Material instant navigation (document$) and does
   nothing on pages without [data-kd-finder]. The pure parts (KindredFinderCore) also run in Node for
   the tests: see tests/search/ and tests/browser/test_finder.py. */
(function (root) {
  "use strict";

  // ---------------------------------------------------------------------------------------------------
  // Filters: URL key, legend, and the values a listing has for it. Values of one filter are ORed,
  // different filters are ANDed (shared/spec/listings.md, "How filters read the data").
  var FACETS = [
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
  var FACET_KEYS = FACETS.map(function (f) { return f.key; });
  if (FACET_KEYS.join() !== "kind,open,contact,topic,audience,country,language,cost,moderation,anonymity,access," +
      "modality,insurance,trial") throw new Error("decodeData writes l.fi in this order");
  // The order keys take in a URL (canonical, so one set of choices always gives one link).
  var URL_KEYS = ["kind", "topic", "audience", "country", "language", "cost", "contact", "open", "moderation",
                  "anonymity", "access", "modality", "insurance", "trial"];
  var PAGE_SIZE = 50;
  var PREFIX_MIN = 2;  // analysis.PREFIX_MIN
  var SEPARATOR = /[\s\-]/;

  function normaliseValue(key, value) {
    value = String(value).trim();
    if (key === "country") return value.toLowerCase() === "worldwide" ? "worldwide" : value.toUpperCase();
    return value.toLowerCase();
  }

  // ---- URL state: ?q=…&kind=…&topic=… (repeatable keys) ------------------------------------------------
  function emptyState() {
    var sel = {};
    FACET_KEYS.forEach(function (k) { sel[k] = []; });
    return { q: "", sel: sel };
  }
  function parseState(search) {
    var state = emptyState();
    var params = new URLSearchParams(search || "");
    state.q = params.get("q") || "";
    FACET_KEYS.forEach(function (key) {
      params.getAll(key).forEach(function (raw) {
        raw.split(",").forEach(function (part) {
          var value = normaliseValue(key, part);
          if (value && state.sel[key].indexOf(value) < 0) state.sel[key].push(value);
        });
      });
    });
    return state;
  }
  // Canonical: q first, then filters in FACETS order, values in option order (unknown values last).
  function stateToSearch(state, facets) {
    var params = new URLSearchParams();
    if (state.q && state.q.trim()) params.append("q", state.q);
    URL_KEYS.forEach(function (key) {
      var order = ((facets && facets[key]) || []).map(function (o) { return o[0]; });
      var values = state.sel[key].slice().sort(function (a, b) {
        var ia = order.indexOf(a), ib = order.indexOf(b);
        return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib);
      });
      values.forEach(function (v) { params.append(key, v); });
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }
  function cloneState(state) {
    var copy = emptyState();
    copy.q = state.q;
    FACET_KEYS.forEach(function (k) { copy.sel[k] = state.sel[k].slice(); });
    return copy;
  }

  // ---- Data: find/listings.json (generator/search/records.py: encode_listing; finder_files.py) -------------
  var DEFAULT_LABELS = { whatsapp: "Message on WhatsApp", chat: "Chat online", video: "Video call",
                         app: "Get the app", join: "Join" };
  var INTERNAL_METHODS = { phone: 1, sms: 1, email: 1 };
  function actionLabel(method, href) {
    if (method === "email" && href.indexOf("mailto:") === 0) return "Email " + href.slice(7);
    return DEFAULT_LABELS[method] || method;
  }
  function toMinutes(hhmm) { return parseInt(hhmm.slice(0, 2), 10) * 60 + parseInt(hhmm.slice(3, 5), 10); }
  // Hours as window.KindredHours reads them; `o`/`c` are opens/closes in minutes, worked out once.
  // Listings share day lists and times, so those are decoded once each (`memo`).
  function decodeHours(raw, memo) {
    if (raw === 1) return { always: true };
    return {
      always: false, tz: raw[0], closed: raw[2] || [],
      weekly: raw[1].map(function (i) {
        var days = memo.days[i[0]];
        if (!days) {
          days = [];
          for (var c = 0; c < i[0].length; c += 2) days.push(i[0].slice(c, c + 2));
          memo.days[i[0]] = days;
        }
        if (memo.minutes[i[1]] === undefined) memo.minutes[i[1]] = toMinutes(i[1]);
        if (memo.minutes[i[2]] === undefined) memo.minutes[i[2]] = toMinutes(i[2]);
        return { days: days, opens: i[1], closes: i[2], o: memo.minutes[i[1]], c: memo.minutes[i[2]] };
      })
    };
  }
  var NONE = [];  // shared by every listing with no value for a filter (never changed)
  function decodeData(data) {
    var f = data.facets;
    var optionIndex = {};
    FACET_KEYS.forEach(function (key) {
      optionIndex[key] = Object.create(null);  // values come from URLs too: "__proto__" is just a value
      (f[key] || []).forEach(function (option, n) { optionIndex[key][option[0]] = n; });
    });
    var memo = { days: Object.create(null), minutes: Object.create(null) };
    var tags = Object.create(null);  // language tag -> {lower, primary, at: position among the options}
    function tagInfo(tag) {
      var info = tags[tag];
      if (!info) {
        var lower = tag.toLowerCase(), primary = lower.split("-")[0];
        info = tags[tag] = { lower: lower, primary: primary, at: optionIndex.language[primary] };
      }
      return info;
    }
    function single(key, value) {
      if (!value) return NONE;
      var n = optionIndex[key][value];
      return n === undefined ? NONE : [n];
    }
    // Listings come as columns (generator/search/finder_files.py): column name -> one value per listing,
    // 0 where a listing has none.
    var C = data.listings, count = C.id.length;
    function column(name) { return C[name] || []; }
    var ids = C.id, kinds = C.k, names = C.n, summaries = C.s, topics = column("tp"), audiences = column("au");
    var countriesColumn = column("co"), regions = column("rg"), languagesColumn = column("la"), costs = column("cs");
    var contacts = column("cm"), actions = column("a"), hours = column("h"), always = column("ao");
    var status = column("st"), moderation = column("mod"), anonymity = column("anon"), access = column("acc");
    var modalities = column("mode"), insurance = column("ins"), trial = column("ft");
    var countryAt = optionIndex.country, yesInsurance = [optionIndex.insurance.yes], yesTrial = [optionIndex.trial.yes];
    var listings = new Array(count);
    for (var i = 0; i < count; i++) {
      var languages = languagesColumn[i] || NONE, lower = [], primaries = [], languageAt = [];
      for (var t = 0; t < languages.length; t++) {
        var info = tagInfo(languages[t]);
        lower.push(info.lower);
        if (primaries.indexOf(info.primary) < 0) primaries.push(info.primary);
        if (info.at !== undefined && languageAt.indexOf(info.at) < 0) languageAt.push(info.at);
      }
      var countries = countriesColumn[i] || NONE, countryPositions = [];
      for (var k = 0; k < countries.length; k++) {
        var at = countryAt[countries[k]];
        if (at !== undefined && countries[k] !== "worldwide" && countryPositions.indexOf(at) < 0) countryPositions.push(at);
      }
      var l = {
        position: i, id: ids[i], kind: f.kind[kinds[i]][0], name: names[i], summary: summaries[i],
        countries: countries, worldwide: countries.indexOf("worldwide") >= 0, regions: regions[i] || NONE,
        languages: languages, languagesLower: lower, primaryLanguages: primaries, rawActions: actions[i] || NONE,
        hours: hours[i] ? hours[i].map(function (h) { return decodeHours(h, memo); }) : NONE,
        always: !!always[i], paused: status[i] === "paused", moderation: moderation[i] || null,
        anonymity: anonymity[i] || null, access: access[i] || null, insurance: !!insurance[i], trial: !!trial[i],
        fi: null
      };
      // Per filter, in FACET_KEYS order: the positions of this listing's values among the filter's options
      // (most are sent as positions already). "open" is worked out from the clock, not stored.
      l.fi = [
        [kinds[i]], NONE, contacts[i] || NONE, topics[i] || NONE, audiences[i] || NONE, countryPositions,
        languageAt, costs[i] || NONE, single("moderation", l.moderation), single("anonymity", l.anonymity),
        single("access", l.access), modalities[i] || NONE, l.insurance ? yesInsurance : NONE,
        l.trial ? yesTrial : NONE
      ];
      listings[i] = l;
    }
    return { listings: listings, facets: f, kinds: data.kinds || {}, countries: data.countries || {},
             index: data.index || {}, optionIndex: optionIndex };
  }
  // A listing's values for one filter (topic ids, cost values...), from the positions it carries.
  function valuesOf(data, l, key) {
    var options = data.facets[key] || [];
    return l.fi[FACET_KEYS.indexOf(key)].map(function (n) { return options[n][0]; });
  }
  // Card actions are only needed for the few cards on screen.
  function actionsOf(l) {
    if (!l.actions) {
      l.actions = l.rawActions.map(function (a) {
        return { method: a[0], href: a[1], label: a.length > 2 ? a[2] : actionLabel(a[0], a[1]),
                 external: !INTERNAL_METHODS[a[0]] };
      });
    }
    return l.actions;
  }

  // ---- Matching ---------------------------------------------------------------------------------------------
  // Each listing carries, per filter, the positions of its values in that filter's option list (l.fi), so
  // filtering and counting 10,000 listings is integer work with no allocation.
  var F_OPEN = FACET_KEYS.indexOf("open"), F_COUNTRY = FACET_KEYS.indexOf("country");
  var F_LANGUAGE = FACET_KEYS.indexOf("language");
  function languageMatches(l, wanted) {
    for (var i = 0; i < wanted.length; i++) {
      var w = wanted[i];
      for (var j = 0; j < l.languagesLower.length; j++) {
        var tag = l.languagesLower[j];
        if (tag === w || tag.indexOf(w + "-") === 0) return true;
      }
    }
    return false;
  }
  function anyMasked(positions, mask) {
    for (var k = 0; k < positions.length; k++) if (mask[positions[k]]) return true;
    return false;
  }
  // The chosen values of each filter that has some: a mask over its options, plus values that are not options
  // (from a shared link; for languages, regional tags such as es-mx, matched by the prefix rule).
  function activeFilters(data, state) {
    var active = [];
    FACET_KEYS.forEach(function (key, f) {
      var chosen = state.sel[key];
      if (!chosen.length) return;
      var positions = data.optionIndex[key] || {};
      var mask = new Uint8Array((data.facets[key] || []).length + 1), extras = [];
      chosen.forEach(function (v) {
        if (positions[v] !== undefined) mask[positions[v]] = 1; else extras.push(v);
      });
      active.push({ f: f, key: key, mask: mask, extras: extras,
                    now: chosen.indexOf("now") >= 0, always: chosen.indexOf("24-7") >= 0 });
    });
    return active;
  }
  function passes(filterSpec, l, open) {
    var f = filterSpec.f, mask = filterSpec.mask;
    if (f === F_OPEN) return (filterSpec.always && l.always) || (filterSpec.now && open === 1);
    if (f === F_COUNTRY && l.worldwide) return true;  // a worldwide listing serves every country
    if (anyMasked(l.fi[f], mask)) return true;
    return f === F_LANGUAGE && filterSpec.extras.length > 0 && languageMatches(l, filterSpec.extras);
  }

  // Results and, for each filter, how many results each of its values would have (every other filter
  // applied, that one not). `scores`: null, or listing position -> text score (only matches present).
  // `open`: 1 per listing open now, else 0; or null when not known yet (then "open now" is not counted).
  function filter(data, state, scores, open) {
    var active = activeFilters(data, state);
    var counts = FACET_KEYS.map(function (key) { return new Int32Array((data.facets[key] || []).length + 1); });
    var languageExtras = state.sel.language.filter(function (v) { return data.optionIndex.language[v] === undefined; });
    var extraCounts = Object.create(null);
    var worldwide = 0, results = [], listings = data.listings;
    var openNowAt = data.optionIndex.open.now, openAlwaysAt = data.optionIndex.open["24-7"];
    var nFacets = FACET_KEYS.length;
    for (var i = 0; i < listings.length; i++) {
      if (scores && scores[i] === undefined) continue;
      var l = listings[i], failed = -1, fails = 0;
      for (var a = 0; a < active.length; a++) {
        if (!passes(active[a], l, open ? open[i] : 0)) {
          fails++;
          failed = active[a].f;
          if (fails > 1) break;
        }
      }
      if (fails > 1) continue;
      if (fails === 0) results.push(i);
      for (var f = 0; f < nFacets; f++) {
        if (fails === 1 && failed !== f) continue;
        var bucket = counts[f];
        if (f === F_OPEN) {
          if (open && open[i] === 1) bucket[openNowAt]++;
          if (l.always) bucket[openAlwaysAt]++;
          continue;
        }
        if (f === F_COUNTRY && l.worldwide) { worldwide++; continue; }
        var positions = l.fi[f];
        for (var k = 0; k < positions.length; k++) bucket[positions[k]]++;
        if (f === F_LANGUAGE) {
          for (var e = 0; e < languageExtras.length; e++) {
            if (languageMatches(l, [languageExtras[e]])) {
              extraCounts[languageExtras[e]] = (extraCounts[languageExtras[e]] || 0) + 1;
            }
          }
        }
      }
    }
    if (scores) results.sort(function (x, y) { return (scores[y] - scores[x]) || (x - y); });
    return { results: results, counts: counts, worldwide: worldwide, extraCounts: extraCounts, openKnown: !!open };
  }
  function countFor(data, outcome, key, value) {
    var f = FACET_KEYS.indexOf(key), n = data.optionIndex[key] ? data.optionIndex[key][value] : undefined;
    if (key === "country") {
      // Every worldwide listing serves every country, and is all the "Worldwide" value holds.
      return (value === "worldwide" || n === undefined ? 0 : outcome.counts[f][n]) + outcome.worldwide;
    }
    if (n === undefined) return key === "language" ? (outcome.extraCounts[value] || 0) : 0;
    return outcome.counts[f][n];
  }

  // ---- Text search with lunr.js: the same analysis as the index (generator/search/analysis.py) -----------
  function queryTerms(lunr, text) {
    var tokens = lunr.tokenizer(text);
    var terms = tokens.map(function (t) {
      var token = lunr.trimmer(t);
      if (!token || token.toString() === "") return null;
      token = lunr.stopWordFilter(token);
      return token ? lunr.stemmer(token).toString() : null;
    });
    var prefix = false;
    if (terms.length && !SEPARATOR.test(text.charAt(text.length - 1))) {
      var last = terms.pop();  // the word still being typed: a prefix once it is long enough
      if (last !== null && last.length >= PREFIX_MIN) { terms.push(last); prefix = true; }
    }
    return { terms: terms.filter(function (t) { return t !== null; }), prefix: prefix };
  }
  function searchIndex(lunr, idx, text) {
    var parsed = queryTerms(lunr, text);
    if (!parsed.terms.length) return [];
    return idx.query(function (q) {
      parsed.terms.forEach(function (term, i) {
        var last = i === parsed.terms.length - 1;
        q.term(term, {
          usePipeline: false, presence: lunr.Query.presence.REQUIRED,
          wildcard: parsed.prefix && last ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE
        });
      });
    });
  }

  // ---- find/search-index.json → lunr.Index (format in generator/search/index.py) --------------------------
  function decodePosting(encoded, count, visit) {
    if (!encoded) return;
    var previous = -1, i, doc;
    if (typeof encoded !== "string") {
      for (i = 0; i < encoded.length; i++) {
        var gap = encoded[i];
        if (gap < 0) { doc = previous - gap; visit(doc, encoded[++i]); }
        else { doc = previous + gap; visit(doc, 1); }
        previous = doc;
      }
      return;
    }
    var bar = encoded.indexOf("|");
    var bits = atob(bar < 0 ? encoded : encoded.slice(0, bar));
    var extra = Object.create(null);
    if (bar >= 0) {
      var position = -1;
      encoded.slice(bar + 1).split(",").forEach(function (pair) {
        var p = pair.split(":");
        position += parseInt(p[0], 10);
        extra[position] = parseInt(p[1], 10);
      });
    }
    var seen = 0;
    for (var byte = 0; byte < bits.length; byte++) {
      var value = bits.charCodeAt(byte);
      if (!value) continue;
      for (var bit = 0; bit < 8; bit++) {
        if (value & (1 << bit)) {
          visit(byte * 8 + bit, extra[seen] || 1);
          seen++;
        }
      }
    }
  }
  function buildIndex(lunr, data) {
    var fields = data.fields.map(function (f) { return f[0]; });
    var boosts = data.fields.map(function (f) { return f[1]; });
    var count = data.count, terms = data.terms, k1 = data.k1, b = data.b;
    var composed = data.composed || {};
    var none = {};  // the index keeps no per-match metadata; lunr only reads these objects
    var inverted = Object.create(null);
    var docsWithTerm = new Int32Array(terms.length);
    var perField = fields.map(function () { var a = new Array(count); for (var d = 0; d < count; d++) a[d] = []; return a; });
    var lengths = fields.map(function () { return new Float64Array(count); });
    var postings = [];
    for (var t = 0; t < terms.length; t++) {
      var posting = { _index: t };
      for (var f = 0; f < fields.length; f++) posting[fields[f]] = Object.create(null);
      inverted[terms[t]] = posting;
      postings.push(posting);
    }
    fields.forEach(function (field, f) {
      var pieces = composed[field];
      if (pieces) {
        for (var d = 0; d < count; d++) {
          var tf = Object.create(null), order = [];
          pieces.docs[d].forEach(function (piece) {
            pieces.pieces[piece].forEach(function (pair) {
              if (tf[pair[0]] === undefined) { tf[pair[0]] = 0; order.push(pair[0]); }
              tf[pair[0]] += pair[1];
            });
          });
          order.sort(function (x, y) { return x - y; });
          for (var o = 0; o < order.length; o++) {
            var term = order[o];
            postings[term][field][d] = none;
            docsWithTerm[term]++;
            perField[f][d].push(term, tf[term]);
            lengths[f][d] += tf[term];
          }
        }
        return;
      }
      for (var t = 0; t < terms.length; t++) {
        var fieldPosting = postings[t][field];
        decodePosting(data.postings[t][f], count, function (doc, tf) {
          fieldPosting[doc] = none;
          docsWithTerm[t]++;
          perField[f][doc].push(t, tf);
          lengths[f][doc] += tf;
        });
      }
    });
    var idf = new Float64Array(terms.length);
    for (var t2 = 0; t2 < terms.length; t2++) {
      var x = (count - docsWithTerm[t2] + 0.5) / (docsWithTerm[t2] + 0.5);
      idf[t2] = Math.log(1 + Math.abs(x));
    }
    var fieldVectors = Object.create(null);
    fields.forEach(function (field, f) {
      var total = 0;
      for (var d = 0; d < count; d++) total += lengths[f][d];
      var average = total / count;
      for (var d2 = 0; d2 < count; d2++) {
        var pairs = perField[f][d2], elements = [], length = lengths[f][d2];
        for (var p = 0; p < pairs.length; p += 2) {
          var term = pairs[p], tf = pairs[p + 1];
          // lunr.Builder.prototype.createFieldVectors, operation for operation.
          var score = idf[term] * ((k1 + 1) * tf) / (k1 * (1 - b + b * (length / average)) + tf);
          score *= boosts[f];
          elements.push(term, Math.round(score * 1000) / 1000);
        }
        fieldVectors[field + "/" + d2] = new lunr.Vector(elements);
      }
    });
    return new lunr.Index({
      invertedIndex: inverted, fieldVectors: fieldVectors, fields: fields,
      tokenSet: lunr.TokenSet.fromArray(terms.slice().sort()),
      pipeline: lunr.Pipeline.load(data.pipeline || [])
    });
  }

  // ---- Country suggestion: from this device's time zone and languages, never a request ------------------
  var ZONES = {
    "Europe/London": "GB", "Europe/Belfast": "GB", "Europe/Dublin": "IE", "Europe/Paris": "FR", "Europe/Berlin": "DE",
    "Europe/Madrid": "ES", "Atlantic/Canary": "ES", "Europe/Rome": "IT", "Europe/Amsterdam": "NL",
    "Europe/Brussels": "BE", "Europe/Lisbon": "PT", "Europe/Zurich": "CH", "Europe/Vienna": "AT",
    "Europe/Stockholm": "SE", "Europe/Oslo": "NO", "Europe/Copenhagen": "DK", "Europe/Helsinki": "FI",
    "Europe/Warsaw": "PL", "Europe/Prague": "CZ", "Europe/Budapest": "HU", "Europe/Athens": "GR",
    "Europe/Bucharest": "RO", "Europe/Kiev": "UA", "Europe/Kyiv": "UA", "Europe/Istanbul": "TR",
    "Europe/Luxembourg": "LU", "Europe/Malta": "MT", "Atlantic/Reykjavik": "IS",
    "America/New_York": "US", "America/Chicago": "US", "America/Denver": "US", "America/Phoenix": "US",
    "America/Los_Angeles": "US", "America/Anchorage": "US", "Pacific/Honolulu": "US", "America/Detroit": "US",
    "America/Indiana/Indianapolis": "US", "America/Boise": "US",
    "America/Toronto": "CA", "America/Vancouver": "CA", "America/Edmonton": "CA", "America/Winnipeg": "CA",
    "America/Halifax": "CA", "America/St_Johns": "CA", "America/Regina": "CA", "America/Montreal": "CA",
    "America/Mexico_City": "MX", "America/Tijuana": "MX", "America/Monterrey": "MX", "America/Cancun": "MX",
    "America/Sao_Paulo": "BR", "America/Argentina/Buenos_Aires": "AR", "America/Buenos_Aires": "AR",
    "America/Santiago": "CL", "America/Bogota": "CO", "America/Lima": "PE", "America/Caracas": "VE",
    "America/Montevideo": "UY", "America/Guayaquil": "EC", "America/La_Paz": "BO", "America/Asuncion": "PY",
    "America/Jamaica": "JM", "America/Puerto_Rico": "PR", "America/Costa_Rica": "CR",
    "Australia/Sydney": "AU", "Australia/Melbourne": "AU", "Australia/Brisbane": "AU", "Australia/Perth": "AU",
    "Australia/Adelaide": "AU", "Australia/Hobart": "AU", "Australia/Darwin": "AU", "Australia/Canberra": "AU",
    "Pacific/Auckland": "NZ", "Asia/Kolkata": "IN", "Asia/Calcutta": "IN", "Asia/Singapore": "SG",
    "Asia/Hong_Kong": "HK", "Asia/Tokyo": "JP", "Asia/Seoul": "KR", "Asia/Shanghai": "CN", "Asia/Taipei": "TW",
    "Asia/Manila": "PH", "Asia/Jakarta": "ID", "Asia/Kuala_Lumpur": "MY", "Asia/Bangkok": "TH",
    "Asia/Ho_Chi_Minh": "VN", "Asia/Karachi": "PK", "Asia/Dhaka": "BD", "Asia/Colombo": "LK",
    "Asia/Kathmandu": "NP", "Asia/Dubai": "AE", "Asia/Jerusalem": "IL", "Asia/Riyadh": "SA",
    "Africa/Johannesburg": "ZA", "Africa/Nairobi": "KE", "Africa/Lagos": "NG", "Africa/Accra": "GH",
    "Africa/Cairo": "EG", "Africa/Casablanca": "MA", "Africa/Kampala": "UG", "Africa/Dar_es_Salaam": "TZ"
  };
  var guessed = null;
  function guessCountries() {
    if (guessed) return guessed;  // settings do not change while the page is open; asking Intl is slow
    var out = [];
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone && ZONES[zone]) out.push(ZONES[zone]);
    } catch (e) { /* no Intl time zone: fine */ }
    var fromLanguage = root.KindredGuessCountry ? root.KindredGuessCountry() : null;
    if (fromLanguage && out.indexOf(fromLanguage) < 0) out.push(fromLanguage);
    guessed = out;
    return out;
  }

  var core = {
    FACETS: FACETS, FACET_KEYS: FACET_KEYS, URL_KEYS: URL_KEYS, parseState: parseState, stateToSearch: stateToSearch,
    decodeData: decodeData, valuesOf: valuesOf, actionsOf: actionsOf, filter: filter, countFor: countFor,
    queryTerms: queryTerms, searchIndex: searchIndex, buildIndex: buildIndex, ZONES: ZONES,
    guessCountries: guessCountries
  };
  root.KindredFinderCore = core;
  if (typeof document === "undefined" || typeof window === "undefined") return;

  // =======================================================================================================
  // The page
  // =======================================================================================================
  var cache = {};  // url -> Promise; survives instant navigation, gone on reload (nothing is stored)
  function fetchJSON(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }
  function loadScript(url) {
    if (window.lunr) return Promise.resolve(window.lunr);
    if (!cache[url]) {
      cache[url] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.async = true;
        script.onload = function () { window.lunr ? resolve(window.lunr) : reject(new Error("lunr")); };
        script.onerror = function () { delete cache[url]; reject(new Error("lunr.js")); };
        document.head.appendChild(script);
      });
    }
    return cache[url];
  }
  var decoded = {};  // data url -> decoded data
  var indexes = {};  // index url -> Promise<lunr.Index>

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) return;
        if (name === "text") node.textContent = value;
        else if (name === "className") node.className = value;
        else node.setAttribute(name, value === true ? "" : String(value));
      });
    }
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function safeHref(href) {
    return /^(https?:|tel:|sms:|mailto:)/i.test(href || "") && !/[\u0000-\u001f]/.test(href) ? href : null;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  var openingFormat = null;
  // Hours of one listing (several sets: its own and its contacts'): open if any is open.
  function Clock(now) {
    this.now = now;
    this.minute = Math.floor(now.getTime() / 60000);
    this.open = Object.create(null);
  }
  Clock.prototype.isOpen = function (l) {
    var cached = this.open[l.position];
    if (cached !== undefined) return cached;
    var H = window.KindredHours, result = false;
    if (H) {
      for (var i = 0; i < l.hours.length && !result; i++) result = !!H.isOpen(l.hours[i], this.now);
    }
    this.open[l.position] = result;
    return result;
  };
  Clock.prototype.openFlags = function (data) {
    if (!this.flags || this.flags.length !== data.listings.length) {
      var flags = new Uint8Array(data.listings.length);
      for (var i = 0; i < data.listings.length; i++) flags[i] = this.isOpen(data.listings[i]) ? 1 : 0;
      this.flags = flags;
    }
    return this.flags;
  };
  Clock.prototype.describe = function (l) {
    if (!this.described) this.described = Object.create(null);
    if (!(l.position in this.described)) this.described[l.position] = this.describeNow(l);
    return this.described[l.position];
  };
  Clock.prototype.describeNow = function (l) {
    var H = window.KindredHours;
    if (!H || !l.hours.length) return null;
    if (this.isOpen(l)) return { open: true, text: l.always ? "Open now (24/7)" : "Open now" };
    var soonest = null;
    for (var i = 0; i < l.hours.length; i++) {
      var next = H.nextOpening(l.hours[i], this.now);
      if (next && (!soonest || next < soonest)) soonest = next;
    }
    if (!soonest) return { open: false, text: "Closed" };
    if (!openingFormat) {
      openingFormat = new Intl.DateTimeFormat(undefined, { weekday: "long", hour: "2-digit", minute: "2-digit" });
    }
    return { open: false, text: "Closed now · opens " + openingFormat.format(soonest) + " your time" };
  };
  var clock = null;
  function currentClock() {
    var now = new Date();
    if (!clock || clock.minute !== Math.floor(now.getTime() / 60000)) clock = new Clock(now);
    return clock;
  }

  var finder = null;  // the mounted finder, if this page has one
  core.current = function () { return finder; };  // for the benchmark and for debugging

  function Finder(rootEl) {
    this.root = rootEl;
    this.base = rootEl.getAttribute("data-base") || "";
    this.dataUrl = new URL(rootEl.getAttribute("data-data-url"), location.href).href;
    this.indexUrl = new URL(rootEl.getAttribute("data-index-url"), location.href).href;
    this.lunrUrl = new URL(rootEl.getAttribute("data-lunr-url"), location.href).href;
    this.path = location.pathname;
    this.state = parseState(location.search);
    this.handedQuery = typeof window.__kdFinderQuery === "string";  // ?q= set aside for us (privacy.js)
    if (this.handedQuery) {
      this.state.q = window.__kdFinderQuery;
      window.__kdFinderQuery = undefined;
    }
    this.data = null;
    this.index = null;
    this.indexError = false;
    this.shown = PAGE_SIZE;
    this.typingEntry = false;
    this.urlTimer = null;
    this.frame = null;
    this.lastScores = { text: null, scores: null };
    this.firstResults = false;
    this.suggestionDismissed = false;
    this.updates = 0;
    this.controls = {};  // "key=value" -> {input, count}
    this.cards = new Map();  // listing position -> {minute, node}: cards are drawn once a minute at most
  }

  Finder.prototype.mount = function () {
    var self = this;
    var rootEl = this.root;
    performance.mark("kd-mount");
    rootEl.hidden = false;
    rootEl.setAttribute("data-kd-ready", "loading");
    this.buildShell();
    var cached = decoded[this.dataUrl];
    var ready = cached ? Promise.resolve(cached) : fetchJSON(this.dataUrl).then(function (json) {
      performance.mark("kd-data-parsed");
      decoded[self.dataUrl] = decodeData(json);
      delete cache[self.dataUrl];
      performance.mark("kd-data-decoded");
      return decoded[self.dataUrl];
    });
    ready.then(function (data) {
      if (finder !== self) return;
      self.data = data;
      self.buildFilters();
      self.syncControls();
      self.update();
      // Put the handed-over ?q= back in the address (Material has read the URL by now), so it can be shared.
      if (self.handedQuery) self.writeUrl(false);
      rootEl.setAttribute("data-kd-ready", "1");
    }, function () {
      if (finder !== self) return;
      self.status.textContent = "The listings could not be loaded. You can still browse helplines, " +
        "communities and teletherapy from the menu.";
      rootEl.setAttribute("data-kd-ready", "error");
    });
  };

  Finder.prototype.buildShell = function () {
    var self = this;
    var rootEl = this.root;
    while (rootEl.firstChild) rootEl.removeChild(rootEl.firstChild);
    this.input = el("input", { id: "kd-finder-q", type: "search", name: "q", autocomplete: "off",
                               spellcheck: "false", enterkeyhint: "search", className: "kd-finder__input",
                               "aria-describedby": "kd-finder-q-hint" });
    this.input.value = this.state.q;
    this.suggest = el("div", { className: "kd-finder__suggest", hidden: true });
    this.filters = el("div", { className: "kd-finder__filters" });
    this.clear = el("button", { type: "button", className: "kd-finder__clear md-button", text: "Clear all filters",
                                hidden: true });
    // All the filters fold into one panel, open on wide screens and closed on phones, so the results are
    // not below fourteen groups of checkboxes.
    this.panelCount = el("span", { className: "kd-finder__panel-count" });
    var wide = !window.matchMedia || window.matchMedia("(min-width: 60em)").matches;
    this.panel = el("details", { className: "kd-finder__panel", open: wide }, [
      el("summary", { className: "kd-finder__panel-summary" },
         [el("span", { className: "kd-finder__panel-title", text: "Filters" }), this.panelCount]),
      this.filters, this.clear
    ]);
    this.form = el("form", { className: "kd-finder__form", role: "search", "aria-label": "Search and filter",
                             action: "" }, [
      el("label", { "for": "kd-finder-q", className: "kd-finder__label", text: "Search by word" }),
      this.input,
      el("p", { id: "kd-finder-q-hint", className: "kd-finder__hint",
                text: "For example: anxiety, text, LGBTQ, grief. Results change as you type." }),
      this.suggest,
      this.panel
    ]);
    this.heading = el("h2", { id: "kd-finder-results-title", className: "kd-finder__results-title",
                              tabindex: "-1", text: "Results" });
    this.status = el("p", { id: "kd-finder-count", className: "kd-finder__count", role: "status",
                            "aria-live": "polite", "aria-atomic": "true", text: "Loading listings…" });
    this.list = el("ul", { className: "kd-cards kd-finder__cards" });
    this.more = el("button", { type: "button", className: "kd-finder__more md-button", hidden: true });
    this.results = el("section", { className: "kd-finder__results", "aria-labelledby": "kd-finder-results-title" },
                      [this.heading, this.status, this.list, this.more]);
    rootEl.appendChild(el("div", { className: "kd-finder__layout" }, [this.form, this.results]));

    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.flushUrl();
    });
    this.input.addEventListener("input", function () {
      self.state.q = self.input.value;
      self.shown = PAGE_SIZE;
      self.scheduleUpdate();
      self.scheduleUrl();
    });
    this.input.addEventListener("focus", function () {  // about to type: fetch the search index now
      if (self.data) self.ensureIndex().catch(function () { /* shown when a search needs it */ });
    });
    this.filters.addEventListener("change", function (event) {
      var input = event.target;
      if (!input || !input.hasAttribute("data-kd-facet")) return;
      self.toggle(input.getAttribute("data-kd-facet"), input.value, input.checked);
    });
    this.clear.addEventListener("click", function () {
      var q = self.state.q;
      self.state = emptyState();
      self.state.q = q;
      self.commit();
      self.input.focus();
    });
    this.more.addEventListener("click", function () {
      var first = self.shown;
      self.shown += PAGE_SIZE;
      self.renderCards();
      var card = self.list.children[first];
      var link = card && card.querySelector("a");
      if (link) link.focus();
    });
  };

  Finder.prototype.buildFilters = function () {
    var self = this;
    var facets = this.data.facets;
    this.controls = {};
    this.groups = {};
    while (this.filters.firstChild) this.filters.removeChild(this.filters.firstChild);
    FACETS.forEach(function (facet) {
      var options = (facets[facet.key] || []).slice();
      var list = el("ul", { className: "kd-facet__options" });
      var legendId = "kd-facet-" + facet.key + "-legend";
      var fieldset = el("fieldset", { className: "kd-facet__fieldset" }, [
        el("legend", { id: legendId, className: "kd-sr-only", text: facet.legend }), list
      ]);
      var summaryCount = el("span", { className: "kd-facet__selected" });
      var details = el("details", { className: "kd-facet", "data-kd-facet-group": facet.key, open: !!facet.open }, [
        el("summary", { className: "kd-facet__summary" }, [document.createTextNode(facet.legend), summaryCount]),
        fieldset
      ]);
      self.groups[facet.key] = { details: details, list: list, summaryCount: summaryCount, options: options };
      options.forEach(function (option) { self.addOption(facet.key, option[0], option[1]); });
      self.filters.appendChild(details);
    });
  };

  Finder.prototype.optionLabel = function (key, value) {
    if (key === "country") return this.data.countries[value] || value;
    return value;
  };

  Finder.prototype.addOption = function (key, value, label) {
    var group = this.groups[key];
    this.optionCount = (this.optionCount || 0) + 1;
    var id = "kd-f-" + key + "-" + this.optionCount;
    var input = el("input", { type: "checkbox", id: id, value: value, "data-kd-facet": key,
                              className: "kd-facet__input" });
    var count = el("span", { className: "kd-facet__count", "aria-hidden": "true" });
    var hidden = el("span", { className: "kd-sr-only" });
    var labelEl = el("label", { "for": id, className: "kd-facet__label" },
                     [el("span", { text: label || this.optionLabel(key, value) }), count, hidden]);
    group.list.appendChild(el("li", { className: "kd-facet__option" }, [input, labelEl]));
    this.controls[key + "=" + value] = { input: input, count: count, hidden: hidden, value: value, key: key,
                                         last: null, label: labelEl };
  };

  Finder.prototype.toggle = function (key, value, on) {
    var values = this.state.sel[key];
    var at = values.indexOf(value);
    if (on && at < 0) values.push(value);
    if (!on && at >= 0) values.splice(at, 1);
    this.commit();
  };

  // A filter change: a new history entry, then new results.
  Finder.prototype.commit = function () {
    this.shown = PAGE_SIZE;
    this.typingEntry = false;
    if (this.urlTimer) { clearTimeout(this.urlTimer); this.urlTimer = null; }
    this.syncControls();
    this.update();
    this.writeUrl(true);
  };

  Finder.prototype.writeUrl = function (push) {
    if (location.pathname !== this.path) return;  // instant navigation has already moved to another page
    var url = this.path + stateToSearch(this.state, this.data && this.data.facets);
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(history.state, "", url);
  };
  // Typing: one history entry per burst of typing, kept up to date while it lasts.
  Finder.prototype.scheduleUrl = function () {
    var self = this;
    if (this.urlTimer) clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(function () { self.flushUrl(); }, 400);
  };
  Finder.prototype.flushUrl = function () {
    if (this.urlTimer) { clearTimeout(this.urlTimer); this.urlTimer = null; }
    if (finder !== this) return;
    this.writeUrl(!this.typingEntry);
    this.typingEntry = true;
  };

  // Back, Forward, or a link to this page with other filters: the URL is the state.
  Finder.prototype.restore = function () {
    if (location.pathname !== this.path) return;
    var search = stateToSearch(parseState(location.search), this.data && this.data.facets);
    var mine = stateToSearch(this.state, this.data && this.data.facets);
    if (search === mine && this.input.value === this.state.q) return;
    if (this.urlTimer) { clearTimeout(this.urlTimer); this.urlTimer = null; }
    this.typingEntry = false;
    this.state = parseState(location.search);
    this.input.value = this.state.q;
    this.shown = PAGE_SIZE;
    if (this.data) { this.syncControls(); this.update(); }
  };

  Finder.prototype.syncControls = function () {
    var self = this;
    if (!this.data) return;
    FACET_KEYS.forEach(function (key) {
      self.state.sel[key].forEach(function (value) {
        if (!self.controls[key + "=" + value]) self.addOption(key, value, null);  // from a shared link
      });
    });
    var selected = {};
    Object.keys(this.controls).forEach(function (id) {
      var control = self.controls[id];
      var on = self.state.sel[control.key].indexOf(control.value) >= 0;
      if (control.input.checked !== on) control.input.checked = on;
      if (on) selected[control.key] = (selected[control.key] || 0) + 1;
    });
    var total = 0;
    FACET_KEYS.forEach(function (key) {
      var group = self.groups[key], n = selected[key] || 0;
      group.summaryCount.textContent = n ? " (" + n + " selected)" : "";
      if (n) group.details.open = true;
      total += n;
    });
    this.panelCount.textContent = total ? " (" + total + " selected)" : "";
    this.clear.hidden = !FACET_KEYS.some(function (k) { return self.state.sel[k].length > 0; });
  };

  Finder.prototype.scheduleUpdate = function () {
    var self = this;
    if (this.frame) return;
    this.frame = requestAnimationFrame(function () {
      self.frame = null;
      if (finder === self) self.update();
    });
  };

  Finder.prototype.ensureIndex = function () {
    var self = this;
    var key = this.indexUrl + "?v=" + ((this.data && this.data.index.hash) || "");
    if (!this.data) return Promise.reject(new Error("no data"));
    if (!indexes[key]) {
      indexes[key] = Promise.all([loadScript(this.lunrUrl), fetchJSON(key)]).then(function (loaded) {
        // Refs are positions in listings.json: both files must come from the same build.
        if (loaded[1].count !== self.data.listings.length || loaded[1].hash !== self.data.index.hash) {
          throw new Error("the search index does not match the listings");
        }
        var idx = buildIndex(loaded[0], loaded[1]);
        delete cache[key];  // the rebuilt index is kept, not the JSON it came from
        performance.mark("kd-index-ready");
        return idx;
      });
      indexes[key].catch(function () { delete indexes[key]; });
    }
    return indexes[key].then(function (idx) {
      self.index = idx;
      self.indexError = false;
      return idx;
    }, function (error) {
      self.indexError = true;
      throw error;
    });
  };

  // Text score per listing position for what the text matches, or null when the text has no word to search
  // for yet (only stop words, or one letter still being typed): then the text narrows nothing.
  Finder.prototype.textScores = function (text) {
    if (this.lastScores.text === text) return this.lastScores.scores;
    if (!queryTerms(window.lunr, text).terms.length) {
      this.lastScores = { text: text, scores: null };
      return null;
    }
    var scores = Object.create(null);
    var matches = searchIndex(window.lunr, this.index, text);
    for (var i = 0; i < matches.length; i++) scores[matches[i].ref] = matches[i].score;
    this.lastScores = { text: text, scores: scores };
    return scores;
  };

  Finder.prototype.update = function () {
    var self = this;
    if (!this.data || finder !== this) return;
    var text = this.state.q.trim();
    var scores = null, searchFailed = false;
    if (text) {
      if (this.index) {
        scores = this.textScores(text);
      } else if (this.indexError) {
        searchFailed = true;  // show what the filters give, and say so
      } else {
        this.status.textContent = "Searching…";
        this.ensureIndex().then(function () { if (finder === self) self.update(); }, function () {
          if (finder === self) self.update();
        });
        return;
      }
    }
    var now = currentClock();
    // Whether each of thousands of listings is open takes a moment (a time zone formatter per zone); the first
    // results do not wait for it unless "open now" is chosen, and its count follows straight after.
    var open = now.flags || null;
    if (!open && (this.firstResults || this.state.sel.open.indexOf("now") >= 0)) open = now.openFlags(this.data);
    if (!open) {
      setTimeout(function () {
        now.openFlags(self.data);
        if (finder === self) self.update();
      }, 0);
    }
    var outcome = filter(this.data, this.state, scores, open);
    this.outcome = outcome;
    this.clockUsed = now;
    this.renderCounts(outcome);
    this.renderCards();
    var n = outcome.results.length;
    this.status.textContent = (n ? plural(n, "listing", "listings") + " found"
                                 : "No listings match. Try fewer words or remove a filter.") +
      (searchFailed ? " Search by word is not available right now, so your words were not used." : "");
    this.renderSuggestion();
    this.updates++;
    this.root.setAttribute("data-kd-updates", String(this.updates));
    if (!this.firstResults) {
      this.firstResults = true;
      performance.mark("kd-first-results");
    }
    performance.mark("kd-results");
  };

  Finder.prototype.renderCounts = function (outcome) {
    var self = this;
    Object.keys(this.controls).forEach(function (id) {
      var control = self.controls[id];
      var n = countFor(self.data, outcome, control.key, control.value);
      if (control.key === "open" && control.value === "now" && !outcome.openKnown) n = null;  // not known yet
      if (control.last === n) return;
      control.last = n;
      control.count.textContent = n === null ? "" : " " + n;
      control.hidden.textContent = n === null ? "" : ", " + plural(n, "listing", "listings");
      control.label.classList.toggle("kd-facet__label--none", n === 0);
    });
  };

  Finder.prototype.renderCards = function () {
    var results = this.outcome ? this.outcome.results : [];
    var list = this.list;
    var end = Math.min(results.length, this.shown);
    var minute = this.clockUsed.minute, cards = this.cards;
    if (cards.size > 2000) cards.clear();
    var nodes = [];
    for (var i = 0; i < end; i++) {
      var cached = cards.get(results[i]);
      if (!cached || cached.minute !== minute) {  // the open/closed line changes with the time
        cached = { minute: minute, node: this.card(this.data.listings[results[i]]) };
        cards.set(results[i], cached);
      }
      nodes.push(cached.node);
    }
    if (list.replaceChildren) list.replaceChildren.apply(list, nodes);
    else {
      while (list.firstChild) list.removeChild(list.firstChild);
      nodes.forEach(function (node) { list.appendChild(node); });
    }
    var left = results.length - end;
    this.more.hidden = left <= 0;
    this.more.textContent = left > 0 ? "Show " + Math.min(left, PAGE_SIZE) + " more (" + left + " not shown)" : "";
  };

  Finder.prototype.card = function (l) {
    var countries = l.countries.map(function (c) { return this.data.countries[c] || c; }, this).join(", ");
    var meta = (this.data.kinds[l.kind] || l.kind) + " · " + countries;
    var metaEl = el("p", { className: "kd-card__meta", text: meta });
    if (l.paused) {
      metaEl.appendChild(document.createTextNode(" · "));
      metaEl.appendChild(el("strong", { text: "Paused" }));
    }
    if (l.always) metaEl.appendChild(document.createTextNode(" · 24/7"));
    var children = [
      el("h3", { className: "kd-card__title" }, [el("a", { href: this.base + l.kind + "/" + l.id + "/", text: l.name })]),
      metaEl,
      el("p", { className: "kd-card__summary", text: l.summary })
    ];
    var state = this.clockUsed.describe(l);
    if (state) {
      children.push(el("p", { className: "kd-open-state kd-open-state--" + (state.open ? "open" : "closed"),
                              "data-kd-open": state.open ? "1" : "0", text: state.text }));
    }
    var actions = actionsOf(l).filter(function (a) { return safeHref(a.href); });
    if (actions.length) {
      children.push(el("ul", { className: "kd-actions kd-actions--compact" }, actions.map(function (a) {
        return el("li", null, [el("a", {
          className: "kd-action kd-action--" + a.method, href: safeHref(a.href),
          rel: a.external ? "noopener noreferrer nofollow" : null
        }, [el("span", { className: "kd-action__label", text: a.label })])]);
      })));
    }
    return el("li", { className: "kd-card", "data-listing-id": l.id, "data-kind": l.kind }, children);
  };

  Finder.prototype.renderSuggestion = function () {
    var self = this;
    var box = this.suggest;
    var options = this.data.facets.country || [];
    var known = options.map(function (o) { return o[0]; });
    var guess = guessCountries().filter(function (c) { return known.indexOf(c) >= 0; })[0];
    var show = guess && !this.suggestionDismissed && this.state.sel.country.length === 0;
    if (!show) { box.hidden = true; return; }
    if (box.getAttribute("data-country") === guess && !box.hidden) return;
    while (box.firstChild) box.removeChild(box.firstChild);
    var name = this.data.countries[guess] || guess;
    var accept = el("button", { type: "button", className: "md-button md-button--primary kd-finder__suggest-yes",
                                "data-kd-suggest-country": guess, text: "Show results for " + name });
    var dismiss = el("button", { type: "button", className: "md-button kd-finder__suggest-no", text: "No thanks" });
    box.appendChild(el("p", { className: "kd-finder__suggest-text",
                              text: "This device's settings suggest you may be in " + name + ". Nothing is sent anywhere." }));
    box.appendChild(el("p", { className: "kd-finder__suggest-actions" }, [accept, dismiss]));
    box.setAttribute("data-country", guess);
    box.hidden = false;
    accept.addEventListener("click", function () {
      self.state.sel.country = [guess];
      self.commit();
      var control = self.controls["country=" + guess];
      // The ticked box, if the filters are showing (on a phone they are folded away), else the results.
      (control && control.input.offsetParent !== null ? control.input : self.heading).focus();
    });
    dismiss.addEventListener("click", function () {
      self.suggestionDismissed = true;
      box.hidden = true;
      self.heading.focus();
    });
  };

  // ---- Lifecycle: Material's instant navigation swaps the page; this runs after every swap --------------
  function init() {
    var rootEl = document.querySelector("[data-kd-finder]");
    if (finder && (finder.root !== rootEl || !document.body.contains(finder.root))) finder = null;
    if (!rootEl || rootEl.getAttribute("data-kd-ready")) return;
    finder = new Finder(rootEl);
    finder.mount();
  }
  window.addEventListener("popstate", function () { if (finder) finder.restore(); });
  // A link to this same page with other filters (the crisis banner's "?kind=helplines"): Material's instant
  // navigation treats same-page links as anchors and undoes the history entry, so handle them here.
  document.addEventListener("click", function (event) {
    if (!finder || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) return;
    var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || link.target || link.hasAttribute("download")) return;
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname !== finder.path || url.hash) return;
    event.preventDefault();
    event.stopPropagation();
    if (url.search !== location.search) history.pushState(null, "", url.pathname + url.search);
    finder.restore();
  }, true);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})(typeof window !== "undefined" ? window : globalThis);
