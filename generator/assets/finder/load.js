/* Fetching the finder's files: from this site only, each once per page load (kept across Material's instant
   navigation, gone on reload: nothing is stored). */
const cache = {};  // url -> Promise

export function fetchJSON(url) {
  if (!cache[url]) {
    cache[url] = fetch(url, { credentials: "same-origin" }).then((response) => {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
    cache[url].catch(() => { delete cache[url]; });
  }
  return cache[url];
}

// Once a caller has kept what it made from a file, the parsed JSON can go.
export function forget(url) { delete cache[url]; }

// lunr.js is a classic script that defines window.lunr; it is loaded only when there is text to search.
export function loadLunr(url) {
  if (window.lunr) return Promise.resolve(window.lunr);
  if (!cache[url]) {
    cache[url] = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.async = true;
      script.onload = () => { window.lunr ? resolve(window.lunr) : reject(new Error("lunr")); };
      script.onerror = () => { delete cache[url]; reject(new Error("lunr.js")); };
      document.head.appendChild(script);
    });
  }
  return cache[url];
}
