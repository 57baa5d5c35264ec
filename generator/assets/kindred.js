/* Kindred: quick exit, "open now" from listed hours, verification age, and the crisis link's country.
   Runs on every page (and again after Material's instant navigation); stores nothing. */
(function () {
  "use strict";

  // ---- Quick exit: replace this page so Back does not return to it.
  function quickExit(event) {
    var link = document.querySelector("[data-kd-quick-exit]");
    var target = link ? link.getAttribute("href") : "https://www.bbc.co.uk/weather";
    if (event) event.preventDefault();
    document.title = "";
    document.body.innerHTML = "";
    window.location.replace(target);
  }
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 800) quickExit(event);
    lastEscape = now;
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-kd-quick-exit]");
    if (link) quickExit(event);
  });

  // ---- Hours: open now / opens at, computed in the visitor's browser from the service's zone.
  var DAYS = ["su", "mo", "tu", "we", "th", "fr", "sa"];
  function zoneParts(date, zone) {
    var parts = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, weekday: "short", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(date);
    var out = {};
    parts.forEach(function (p) { out[p.type] = p.value; });
    return {
      day: out.weekday.slice(0, 2).toLowerCase(),
      date: out.year + "-" + out.month + "-" + out.day,
      minutes: parseInt(out.hour, 10) * 60 + parseInt(out.minute, 10)
    };
  }
  function toMinutes(hhmm) { var p = hhmm.split(":"); return parseInt(p[0], 10) * 60 + parseInt(p[1], 10); }
  function previousDay(day) { return DAYS[(DAYS.indexOf(day) + 6) % 7]; }

  // Is the service open at this instant? Handles intervals that run past midnight.
  function isOpen(hours, date) {
    if (!hours) return null;
    if (hours.always) return true;
    var now = zoneParts(date, hours.tz);
    if ((hours.closed || []).indexOf(now.date) >= 0) return false;
    return hours.weekly.some(function (interval) {
      var opens = toMinutes(interval.opens), closes = toMinutes(interval.closes);
      var overnight = closes < opens;
      if (interval.days.indexOf(now.day) >= 0) {
        if (!overnight && now.minutes >= opens && now.minutes < closes) return true;
        if (overnight && now.minutes >= opens) return true;
      }
      if (overnight && interval.days.indexOf(previousDay(now.day)) >= 0 && now.minutes < closes) return true;
      return false;
    });
  }
  // The next minute (within 8 days) at which it opens, as a Date; steps in 15-minute slots then refines.
  function nextOpening(hours, date) {
    if (!hours || hours.always) return null;
    var step = 15 * 60000, t = date.getTime();
    for (var i = 1; i <= 8 * 24 * 4; i++) {
      var candidate = new Date(t + i * step);
      if (isOpen(hours, candidate)) {
        var lo = t + (i - 1) * step, hi = candidate.getTime();
        while (hi - lo > 60000) {
          var mid = lo + Math.floor((hi - lo) / 120000) * 60000;
          if (isOpen(hours, new Date(mid))) hi = mid; else lo = mid;
        }
        return new Date(hi);
      }
    }
    return null;
  }
  function describe(hours, date) {
    var open = isOpen(hours, date);
    if (open === null) return null;
    if (hours.always) return { open: true, text: "Open now (24/7)" };
    if (open) return { open: true, text: "Open now" };
    var next = nextOpening(hours, date);
    if (!next) return { open: false, text: "Closed" };
    var fmt = new Intl.DateTimeFormat(undefined, { weekday: "long", hour: "2-digit", minute: "2-digit" });
    return { open: false, text: "Closed now · opens " + fmt.format(next) + " your time" };
  }
  window.KindredHours = { isOpen: isOpen, nextOpening: nextOpening, describe: describe };

  function renderOpenStates(root) {
    root.querySelectorAll("[data-kd-hours]").forEach(function (el) {
      var hours;
      try { hours = JSON.parse(el.getAttribute("data-kd-hours")); } catch (e) { return; }
      var state = describe(hours, new Date());
      if (!state) return;
      var text = el.querySelector(".kd-open-state__text") || el;
      text.textContent = state.text;
      el.classList.toggle("kd-open-state--open", state.open);
      el.classList.toggle("kd-open-state--closed", !state.open);
    });
  }

  // ---- Verification age, relative to today (a static page cannot know today at build time).
  function renderVerification(root) {
    root.querySelectorAll("[data-kd-verified]").forEach(function (el) {
      if (el.getAttribute("data-kd-done")) return;
      var then = new Date(el.getAttribute("data-kd-verified") + "T00:00:00Z");
      var months = Math.floor((Date.now() - then.getTime()) / (30.44 * 86400000));
      var note = document.createElement("span");
      note.className = "kd-verified__age";
      note.textContent = months < 1 ? " (less than a month ago)" : " (" + months + " month" + (months === 1 ? "" : "s") + " ago)";
      el.appendChild(note);
      if (months >= 12) {
        el.classList.add("kd-verified--old");
        var warn = document.createElement("strong");
        warn.textContent = " Over a year old: check with the service before relying on it.";
        el.appendChild(warn);
      }
      el.setAttribute("data-kd-done", "1");
    });
  }

  // ---- The crisis link suggests helplines for the visitor's likely country, guessed on this device only.
  function guessCountry() {
    var langs = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < langs.length; i++) {
      var m = /-([A-Z]{2})$/.exec(langs[i] || "");
      if (m) return m[1];
    }
    return null;
  }
  window.KindredGuessCountry = guessCountry;

  function enhanceCrisisLink(root) {
    var link = root.querySelector("[data-kd-crisis-link]");
    var country = guessCountry();
    if (link && country && link.href.indexOf("country=") < 0) link.href += "&country=" + country;
  }

  function init() {
    renderOpenStates(document);
    renderVerification(document);
    enhanceCrisisLink(document);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
