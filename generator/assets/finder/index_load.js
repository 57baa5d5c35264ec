/* The finder's word index: lunr.js and its search-index.json fetched once per page load (kept across instant
   navigation), checked against the listings they were built with, and rebuilt into a lunr.Index. finder.js
   imports this module (and through it query.js) only when there are words to search. */
import { fetchJSON, forget, loadLunr } from "./load.js";
import { buildIndex } from "./search_index.js";
import { textSearch } from "./query.js";
import { SUGGEST_MIN, readTable } from "./synonyms.js";

const indexes = {};  // index url -> Promise<{lunr, idx, table}>

export function loadIndex(indexUrl, lunrUrl, data) {
  const key = indexUrl + "?v=" + (data.index.hash || "");
  if (!indexes[key]) {
    indexes[key] = Promise.all([loadLunr(lunrUrl), fetchJSON(key)]).then(([lunr, json]) => {
      // Refs are positions in listings.json: both files must come from the same build.
      if (json.count !== data.listings.length || json.hash !== data.index.hash) {
        throw new Error("the search index does not match the listings");
      }
      // With the search itself (query.js) and the shortest word "Did you mean …" suggests.
      const built = { lunr, idx: buildIndex(lunr, json), table: readTable(json.synonyms), textSearch,
                      suggestMin: SUGGEST_MIN };
      forget(key);  // the rebuilt index is kept, not the JSON it came from
      performance.mark("kd-index-ready");
      return built;
    });
    indexes[key].catch(() => { delete indexes[key]; });
  }
  return indexes[key];
}
