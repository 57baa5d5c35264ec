/* On the finder's page only: an async module in <head> (generator/site/pages.py: finder_page) that starts
   reading the listings as soon as it runs, and draws the first results as soon as they and the page's content
   are there, without waiting for Material's bundle or DOMContentLoaded (#14: first results). It imports only
   load.js, so the listings are parsed while the decoder and the finder's other modules are still arriving;
   kindred.js still calls init() on every page: a finder already mounted here is left as it is, and if the
   content is not parsed yet when the listings are ready, that later call mounts it. */
import { fetchJSON } from "./load.js";

// The finder's element and the plain list after it (finder_plain.html) are in the document: the finder can
// mount and hide the list. Until then (a slow network), DOMContentLoaded and kindred.js take over.
function contentParsed() {
  return document.readyState !== "loading" ||
    (document.querySelector("[data-kd-finder]") && document.querySelector(".kd-finder-plain"));
}

const link = document.querySelector("link[data-kd-finder-data]");
if (link) {
  const url = link.href;
  const parsed = fetchJSON(url);
  parsed.catch(() => { /* the finder says so when it mounts */ });
  // The fetch has taken over the preload, which is taken out now: Material's instant navigation rewrites every
  // relative href on the page as it starts, and would fetch the listings a second time.
  link.remove();
  // While the listings arrive: the country this device's settings suggest (country.js keeps it), which asks
  // Intl for the time zone, slow the first time; the first results would otherwise wait for it.
  import("./country.js").then((country) => country.guessCountries()).catch(() => { /* asked again later */ });
  // Decoded as soon as the decoder is here, while the finder's own modules may still be arriving.
  const decoded = import("./data.js").then((data) => data.loadData(url));
  Promise.all([decoded, import("./page.js")]).then(([, page]) => {
    if (contentParsed()) page.init();
  }).catch(() => { /* the finder says so when it mounts */ });
}
