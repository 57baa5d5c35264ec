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
})();
