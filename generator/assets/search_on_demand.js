/* Kindred: Material's site search, loaded when it is opened rather than with every page (#16).
   Material downloads its search index (search/search_index.json) and starts its search worker as each page
   loads: about 40 KB compressed, a third of a help page's weight on a slow phone, for a box most visitors never
   open. This classic script runs just before Material's bundle (overrides/main.html, block scripts) and holds
   both back until the visitor opens the search (focus in it, or its toggle), or the page was opened from a
   search (?q= or ?h= in the address). Until then Material shows its own "Initializing search". */
(function () {
  var wanted = false;
  var waiting = [];

  function release() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  function whenWanted(go) {
    if (wanted) go();
    else waiting.push(go);
  }

  function isIndex(url) {
    return /\/search\/search_index\.json$/.test(new URL(url, location.href).pathname);
  }

  function isSearchWorker(url) {
    return /\/assets\/javascripts\/workers\/search\.[0-9a-f]+\.min\.js$/.test(new URL(url, location.href).pathname);
  }

  // The index: Material requests it with XMLHttpRequest; its send waits.
  var held = new WeakSet();
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    if (isIndex(url)) held.add(this);
    else held.delete(this);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!held.has(request)) return send.apply(request, args);
    held.delete(request);
    whenWanted(function () { send.apply(request, args); });
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
        whenWanted(() => {
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

  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) release();
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("[data-md-component=search]")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") release();
  });
})();
