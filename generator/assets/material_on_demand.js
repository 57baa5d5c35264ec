/* Kindred: what Material fetches in the background as a page loads, held back until it is needed.

   - Its site search (#16). Material downloads its search index (search/search_index.json) and starts its
     search worker on every page: about 40 KB compressed, a third of a help page's weight on a slow phone, for
     a box most visitors never open. Both wait until the visitor opens the search (focus in it, or its toggle),
     or the page was opened from a search (?q= or ?h= in the address). Until then Material shows its own
     "Initializing search".
   - On the finder's page, the sitemap (#14). Instant navigation fetches sitemap.xml and parses it on the main
     thread: at 10,000 listings about 150 ms of a phone's time, spent just when the finder reads its own data.
     It waits until the finder has drawn its first results (or could not load), or 5 s at most; until then a
     click loads the next page plainly.

   A classic script that runs just before Material's bundle (overrides/main.html, block scripts). */
(function () {
  // A gate: what waits for it, and whether it is open.
  function gate() {
    var state = { open: false, waiting: [] };
    state.release = function () {
      if (state.open) return;
      state.open = true;
      state.waiting.splice(0).forEach(function (go) { go(); });
    };
    state.when = function (go) {
      if (state.open) go();
      else state.waiting.push(go);
    };
    return state;
  }

  var search = gate();
  var sitemap = gate();

  function isSitemap(url) {
    return /\/sitemap\.xml$/.test(new URL(url, location.href).pathname);
  }

  function isIndex(url) {
    return /\/search\/search_index\.json$/.test(new URL(url, location.href).pathname);
  }

  function isSearchWorker(url) {
    return /\/assets\/javascripts\/workers\/search\.[0-9a-f]+\.min\.js$/.test(new URL(url, location.href).pathname);
  }

  // The index and the sitemap: Material requests them with XMLHttpRequest; their send waits for their gate.
  var held = new WeakMap();
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var waitsFor = isIndex(url) ? search : isSitemap(url) ? sitemap : null;
    if (waitsFor) held.set(this, waitsFor);
    else held.delete(this);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    var waitsFor = held.get(request);
    if (!waitsFor) return send.apply(request, args);
    held.delete(request);
    waitsFor.when(function () { send.apply(request, args); });
  };

  // The worker: started when wanted; what Material posts to it before then is passed on in order.
  var RealWorker = window.Worker;
  if (typeof RealWorker === "function" && typeof EventTarget === "function") {
    class WorkerOnDemand extends EventTarget {
      constructor(url, options) {
        super();
        this.queue = [];
        this.real = null;
        // Resolved now: by the time it is wanted, instant navigation may have changed the page's address.
        const absolute = new URL(url, location.href).href;
        search.when(() => {
          const real = new RealWorker(absolute, options);
          real.addEventListener("message", (event) => this.dispatchEvent(new MessageEvent("message", { data: event.data })));
          real.addEventListener("error", () => this.dispatchEvent(new Event("error")));
          this.real = real;
          this.queue.splice(0).forEach((message) => real.postMessage(message));
        });
      }

      postMessage(message) {
        if (this.real) this.real.postMessage(message);
        else this.queue.push(message);
      }

      terminate() {
        if (this.real) this.real.terminate();
        this.queue = [];
      }
    }
    window.Worker = function (url, options) {
      return isSearchWorker(url) ? new WorkerOnDemand(url, options) : new RealWorker(url, options);
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  // The finder marks itself data-kd-ready="1" once its first results are drawn, "error" if it could not load.
  // It may have drawn them already (finder/early.js starts it before this script runs).
  var finder = document.querySelector("[data-kd-finder]");
  var finderDone = function () {
    var ready = finder.getAttribute("data-kd-ready");
    return ready === "1" || ready === "error";
  };
  if (finder && !finderDone() && typeof MutationObserver === "function") {
    var watching = new MutationObserver(function () {
      if (finderDone()) {
        watching.disconnect();
        sitemap.release();
      }
    });
    watching.observe(finder, { attributes: true, attributeFilter: ["data-kd-ready"] });
    setTimeout(sitemap.release, 5000);
  } else {
    sitemap.release();
  }

  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) search.release();
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("[data-md-component=search]")) search.release();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") search.release();
  });
})();
