/* Kindred: Material's storage helpers, made inert. Nothing about a visit is written to this device. */
(function () {
  var script = document.currentScript;
  var root = script ? new URL("../../", script.src) : new URL("/", location.href);
  window.__md_scope = root;
  window.__md_hash = function (value) {
    return Array.prototype.reduce.call(value, function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function () { return null; };
  window.__md_set = function () {};

  // Material opens its own site search when a page loads with ?q=, and strips q when that closes.
  // On the finder page ?q= is the finder's: hand it over before Material's bundle reads the URL.
  if (location.pathname === new URL("find/", root).pathname ||
      location.pathname === new URL("find/index.html", root).pathname) {
    var url = new URL(location.href);
    if (url.searchParams.has("q")) {
      window.__kdFinderQuery = url.searchParams.get("q");
      url.searchParams.delete("q");
      history.replaceState(history.state, "", url.pathname + url.search + url.hash);
    }
  }
})();
