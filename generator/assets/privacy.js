/* Kindred: Material's storage helpers, made inert. Nothing about a visit is written to this device.
   A classic script in <head> (overrides/partials/javascripts/base.html), not a module: it must run before
   Material's own scripts, which read these helpers and the address as they load. */
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
  // On the finder page ?q= is the finder's: set it aside on <html> before Material's bundle reads the URL
  // (finder/page.js takes it from there: HANDED_QUERY_ATTRIBUTE).
  if (location.pathname === new URL("find/", root).pathname ||
      location.pathname === new URL("find/index.html", root).pathname) {
    var url = new URL(location.href);
    if (url.searchParams.has("q")) {
      document.documentElement.setAttribute("data-kd-finder-q", url.searchParams.get("q"));
      url.searchParams.delete("q");
      history.replaceState(history.state, "", url.pathname + url.search + url.hash);
    }
  }
})();
