/* A query typed into another page's search box (the home page's), handed to the finder in memory only: the
   page changes by Material's instant navigation, so the words never reach the address bar or the history.
   One module instance serves both pages (ES modules are shared by URL). */
let pending = null;

export function handOff(query) { pending = query; }

export function takeHandedOff() {
  const query = pending;
  pending = null;
  return query;
}
