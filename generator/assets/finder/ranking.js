/* The order results are shown in.

   Listing positions already follow the site's order (generator/ranking.py: what find/listings.json is
   sorted by). A text search puts the best-scoring matches first and keeps the site's order among equals. */

// `results`: listing positions in the site's order; `scores`: null, or position -> text score.
export function rankResults(results, scores) {
  if (scores) results.sort((x, y) => (scores[y] - scores[x]) || (x - y));
  return results;
}
