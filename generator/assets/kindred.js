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
  // An interval belongs to the day it starts on; one whose `closes` is earlier than `opens` runs past
  // midnight. Every moment of a `closed` date is closed, and an overnight interval that would start on
  // a closed date does not happen.
  var DAYS = ["su", "mo", "tu", "we", "th", "fr", "sa"];
  var formatters = {};
  var partsCache = {};
  function formatter(zone) {
    if (!formatters[zone]) {
      formatters[zone] = new Intl.DateTimeFormat("en-GB", {
        timeZone: zone, weekday: "short", year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit", hourCycle: "h23"
      });
    }
    return formatters[zone];
  }
  // The weekday, date and minute of the day in `zone` at `date` (cached per zone and minute: the finder
  // asks this for thousands of listings at once).
  function zoneParts(date, zone) {
    var minute = Math.floor(date.getTime() / 60000);
    var cached = partsCache[zone];
    if (!cached || cached.size > 256) cached = partsCache[zone] = { size: 0, byMinute: {} };
    if (cached.byMinute[minute]) return cached.byMinute[minute];
    var out = {};
    formatter(zone).formatToParts(date).forEach(function (p) { out[p.type] = p.value; });
    var hour = parseInt(out.hour, 10) % 24;
    var parts = {
      day: out.weekday.slice(0, 2).toLowerCase(),
      date: out.year + "-" + out.month + "-" + out.day,
      minutes: hour * 60 + parseInt(out.minute, 10)
    };
    cached.byMinute[minute] = parts;
    cached.size++;
    return parts;
  }
  function toMinutes(hhmm) { var p = hhmm.split(":"); return parseInt(p[0], 10) * 60 + parseInt(p[1], 10); }
  function shiftDay(day, by) { return DAYS[(DAYS.indexOf(day) + by + 70) % 7]; }
  function shiftDate(isoDate, by) {
    var d = new Date(isoDate + "T12:00:00Z");
    d.setUTCDate(d.getUTCDate() + by);
    return d.toISOString().slice(0, 10);
  }
  function isOvernight(interval) { return interval.closes !== "24:00" && interval.closes < interval.opens; }

  // Is the service open at this instant? Handles intervals that run past midnight.
  function isOpen(hours, date) {
    if (!hours) return null;
    if (hours.always) return true;
    var now = zoneParts(date, hours.tz);
    var closed = hours.closed || [];
    if (closed.indexOf(now.date) >= 0) return false;
    var yesterday = shiftDay(now.day, -1);
    var yesterdayClosed = closed.length > 0 && closed.indexOf(shiftDate(now.date, -1)) >= 0;
    return hours.weekly.some(function (interval) {
      // The finder works the minutes out once per interval (o, c); listing pages read the strings.
      var opens = interval.o !== undefined ? interval.o : toMinutes(interval.opens);
      var closes = interval.c !== undefined ? interval.c : toMinutes(interval.closes);
      var overnight = isOvernight(interval);
      if (interval.days.indexOf(now.day) >= 0) {
        if (!overnight && now.minutes >= opens && now.minutes < closes) return true;
        if (overnight && now.minutes >= opens) return true;
      }
      return overnight && !yesterdayClosed && interval.days.indexOf(yesterday) >= 0 && now.minutes < closes;
    });
  }
  // When it next opens (within 8 days), as a Date: the earliest interval start after now, in the
  // service's zone, corrected once if the zone's UTC offset changes in between (summer time).
  function nextOpening(hours, date) {
    if (!hours || hours.always || !hours.weekly) return null;
    var now = zoneParts(date, hours.tz);
    var closed = hours.closed || [];
    var best = null;
    for (var ahead = 0; ahead <= 7; ahead++) {
      var day = shiftDay(now.day, ahead);
      if (closed.length && closed.indexOf(shiftDate(now.date, ahead)) >= 0) continue;
      hours.weekly.forEach(function (interval) {
        if (interval.days.indexOf(day) < 0) return;
        var offset = ahead * 1440 + toMinutes(interval.opens) - now.minutes;
        if (offset > 0 && (best === null || offset < best)) best = offset;
      });
      if (best !== null) break;  // a later day always opens later
    }
    if (best === null) return null;
    var start = Math.floor(date.getTime() / 60000) * 60000;
    var candidate = new Date(start + best * 60000);
    var local = zoneParts(candidate, hours.tz);
    var wanted = (now.minutes + best) % 1440;
    var drift = local.minutes - wanted;
    if (drift > 720) drift -= 1440;
    if (drift < -720) drift += 1440;
    if (drift) candidate = new Date(candidate.getTime() - drift * 60000);
    return candidate;
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

  // ---- The visitor's likely country, guessed on this device only from the browser's language settings.
  // The finder offers it as a one-tap suggestion (generator/assets/finder.js); nothing applies it silently.
  function guessCountry() {
    var langs = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < langs.length; i++) {
      var m = /-([A-Z]{2})$/.exec(langs[i] || "");
      if (m) return m[1];
    }
    return null;
  }
  window.KindredGuessCountry = guessCountry;


  function init() {
    renderOpenStates(document);
    renderVerification(document);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
