/* The finder's listings, read and decoded once per page load: started by early.js as the page begins to load
   (so the work is done while the rest of the page still arrives), or by the finder itself when it mounts after
   an instant navigation. Kept across instant navigation, gone on reload: nothing is stored. */
import { fetchJSON, forget } from "./load.js";
import { decodeData } from "./records.js";

const decoded = {};  // data url -> Promise of the decoded data

export function loadData(url) {
  if (!decoded[url]) {
    decoded[url] = fetchJSON(url).then((json) => {
      performance.mark("kd-data-parsed");
      const data = decodeData(json);
      forget(url);
      performance.mark("kd-data-decoded");
      return data;
    });
    decoded[url].catch(() => { delete decoded[url]; });  // a later mount tries again
  }
  return decoded[url];
}
