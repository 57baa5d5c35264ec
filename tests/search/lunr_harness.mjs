// Runs lunr.js 2.3.9 (the copy inside the installed mkdocs package) and the finder's own modules
// (generator/assets/finder/) in Node, for tests/search/. Reads one JSON request on stdin, writes one JSON answer.
//
//   {"lunr": path, "finder": folder, "op": "stem", "words": [...]}       -> [stem, ...]
//   {"op": "analyse", "texts": [...]}                                     -> [[term, ...], ...] (normalised first)
//   {"op": "query_terms", "texts": [...], "analysis": ...}                -> [{terms, prefix}, ...] (English when
//                                                                             no analysis: analysis.py as_data)
//   {"op": "rebuild", "index": compact}                                   -> {inverted: {term: {field: [refs]}},
//                                                                             vectors: {fieldRef: {term: score}}}
//   {"op": "search", "index": compact, "queries": [...]}                  -> [[[ref, score], ...], ...]
//   {"op": "lunr_search", "serialized": lunr JSON, "queries": [...]}      -> [[ref, ...], ...] via idx.search()
//   {"op": "decode", "data": listings.json}                               -> decoded listings (records.js decodeData)
//   {"op": "contract"}                                                    -> contract.js's declarations
//   {"op": "url", "searches": [...], "data": listings.json}                -> canonical search strings
//   {"op": "plan", "table": synonyms, "texts": [...]}                     -> [{slots, crisis}, ...] (synonyms.js)
//   {"op": "suggest", "words": [...], "typed": [...]}                     -> [suggestion or null, ...]
//   {"op": "find", "index": compact, "data": listings.json, "queries": [...]}
//                                                                          -> [{matches: [[ref, score]] or null, fuzzy}]
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const lunr = createRequire(import.meta.url)(request.lunr);
const finderModule = (name) => import(pathToFileURL(path.join(request.finder, name + ".js")).href);
const core = {
  ...await finderModule("contract"), ...await finderModule("query"), ...await finderModule("records"),
  ...await finderModule("search_index"), ...await finderModule("url_state"), ...await finderModule("synonyms"),
  ...await finderModule("facets"),
};

// The builder's pipeline as lunr.js runs it: tokenizer, then trimmer, stopWordFilter, stemmer.
function analyse(text) {
  const pipeline = new lunr.Pipeline();
  pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
  return pipeline.run(lunr.tokenizer(core.normalise(text))).map(String).filter((t) => t !== "");
}

function rebuild(compact) {
  const idx = core.buildIndex(lunr, compact);
  const inverted = {};
  for (const term of Object.keys(idx.invertedIndex)) {
    const posting = idx.invertedIndex[term];
    inverted[term] = {};
    for (const field of idx.fields) inverted[term][field] = Object.keys(posting[field]).sort();
  }
  const vectors = {};
  for (const fieldRef of Object.keys(idx.fieldVectors)) {
    const elements = idx.fieldVectors[fieldRef].elements;
    const byTerm = {};
    for (let i = 0; i < elements.length; i += 2) byTerm[compact.terms[elements[i]]] = elements[i + 1];
    vectors[fieldRef] = byTerm;
  }
  return { inverted, vectors };
}

let answer;
switch (request.op) {
  case "stem":
    answer = request.words.map((w) => lunr.stemmer(new lunr.Token(w)).toString());
    break;
  case "analyse":
    answer = request.texts.map(analyse);
    break;
  case "query_terms":
    answer = request.texts.map((t) => core.queryTerms(lunr, t, request.analysis && core.analysisFrom(request.analysis)));
    break;
  case "rebuild":
    answer = rebuild(request.index);
    break;
  case "search": {
    const idx = core.buildIndex(lunr, request.index);
    answer = request.queries.map((q) => core.searchIndex(lunr, idx, q).map((m) => [m.ref, m.score]));
    break;
  }
  case "lunr_search": {
    const idx = lunr.Index.load(request.serialized);
    answer = request.queries.map((q) => idx.search(q).map((m) => m.ref));
    break;
  }
  case "decode":
    {
      const data = core.decodeData(request.data);
      answer = data.listings.map((l) => ({
        ...l, actions: core.actionsOf(l), topics: core.valuesOf(data, l, "topic"),
        audiences: core.valuesOf(data, l, "audience"), costs: core.valuesOf(data, l, "cost"),
        contacts: core.valuesOf(data, l, "contact"), modalities: core.valuesOf(data, l, "modality"),
        hours: l.hours.map((h) => h.always ? h : { ...h, weekly: h.weekly.map((i) => ({ days: i.days, opens: i.opens,
                                                                                      closes: i.closes })) }),
      }));
    }
    break;
  case "contract":
    answer = { FORMAT: core.FORMAT, FACET_KEYS: core.FACET_KEYS, COLUMNS: core.COLUMNS,
               REQUIRED_COLUMNS: core.REQUIRED_COLUMNS, LIST_COLUMNS: core.LIST_COLUMNS,
               problems: request.data ? core.dataProblems(request.data) : null };
    break;
  case "url":
    answer = request.searches.map((s) => core.stateToSearch(core.parseState(s), request.data.facets));
    break;
  case "plan": {
    const table = core.readTable(request.table);
    answer = request.texts.map((t) => core.planQuery(lunr, t, table));
    break;
  }
  case "suggest":
    answer = request.typed.map((w) => core.suggest(w, request.words));
    break;
  case "find": {
    const idx = core.buildIndex(lunr, request.index);
    const table = core.readTable(request.index.synonyms);
    const data = core.decodeData(request.data);
    const hasConcept = (p, c) => {
      const at = data.optionIndex[c.facet][c.id];
      return at !== undefined && data.listings[p].fi[core.FACET_POSITION[c.facet]].includes(at);
    };
    answer = request.queries.map((q) => {
      const found = core.find(lunr, idx, q, table, hasConcept, data.listings.length);
      return { matches: found.matches && found.matches.map((m) => [m.ref, m.score]), fuzzy: found.fuzzy };
    });
    break;
  }
  default:
    throw new Error("unknown op " + request.op);
}
process.stdout.write(JSON.stringify(answer));
