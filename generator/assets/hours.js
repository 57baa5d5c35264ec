/* Open now, and when a service next opens: the browser's reading of opening hours (generator/models/hours.py
   declares them; generator/open_now.py is the Python twin and writes them out for the browser).

   Hours are {always: true}, or {tz, weekly: [{days, opens, closes}], closed: ["YYYY-MM-DD"]} in the service's
   IANA zone, worked out here in the visitor's browser because a static page cannot know the time.
   An interval belongs to the day it starts on; one whose `closes` is earlier than `opens` runs past midnight.
   Every moment of a `closed` date is closed, and an overnight interval that would start on a closed date
   does not happen. */
import { pageLanguage, t } from "./i18n.js";

const DAYS = ["su", "mo", "tu", "we", "th", "fr", "sa"];
const formatters = {};
const partsCache = {};

// Reads the clock in a zone; not shown to anyone, so always in en-GB, whose parts the code below expects.
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
export function zoneParts(date, zone) {
  const minute = Math.floor(date.getTime() / 60000);
  let cached = partsCache[zone];
  if (!cached || cached.size > 256) cached = partsCache[zone] = { size: 0, byMinute: {} };
  if (cached.byMinute[minute]) return cached.byMinute[minute];
  const out = {};
  formatter(zone).formatToParts(date).forEach((p) => { out[p.type] = p.value; });
  const hour = parseInt(out.hour, 10) % 24;
  const parts = {
    day: out.weekday.slice(0, 2).toLowerCase(),
    date: out.year + "-" + out.month + "-" + out.day,
    minutes: hour * 60 + parseInt(out.minute, 10)
  };
  cached.byMinute[minute] = parts;
  cached.size++;
  return parts;
}

function toMinutes(hhmm) { const p = hhmm.split(":"); return parseInt(p[0], 10) * 60 + parseInt(p[1], 10); }
function shiftDay(day, by) { return DAYS[(DAYS.indexOf(day) + by + 70) % 7]; }
function shiftDate(isoDate, by) {
  const d = new Date(isoDate + "T12:00:00Z");
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}
function isOvernight(interval) { return interval.closes !== "24:00" && interval.closes < interval.opens; }

// Is the service open at this instant? null when there are no hours to go by.
export function isOpen(hours, date) {
  if (!hours) return null;
  if (hours.always) return true;
  const now = zoneParts(date, hours.tz);
  const closed = hours.closed || [];
  if (closed.includes(now.date)) return false;
  const yesterday = shiftDay(now.day, -1);
  const yesterdayClosed = closed.length > 0 && closed.includes(shiftDate(now.date, -1));
  return hours.weekly.some((interval) => {
    // The finder works the minutes out once per interval (o, c); listing pages read the strings.
    const opens = interval.o !== undefined ? interval.o : toMinutes(interval.opens);
    const closes = interval.c !== undefined ? interval.c : toMinutes(interval.closes);
    const overnight = isOvernight(interval);
    if (interval.days.includes(now.day)) {
      if (!overnight && now.minutes >= opens && now.minutes < closes) return true;
      if (overnight && now.minutes >= opens) return true;
    }
    return overnight && !yesterdayClosed && interval.days.includes(yesterday) && now.minutes < closes;
  });
}

// When it next opens (within 8 days), as a Date: the earliest interval start after now, in the
// service's zone, corrected once if the zone's UTC offset changes in between (summer time).
export function nextOpening(hours, date) {
  if (!hours || hours.always || !hours.weekly) return null;
  const now = zoneParts(date, hours.tz);
  const closed = hours.closed || [];
  let best = null;
  for (let ahead = 0; ahead <= 7; ahead++) {
    const day = shiftDay(now.day, ahead);
    if (closed.length && closed.includes(shiftDate(now.date, ahead))) continue;
    hours.weekly.forEach((interval) => {
      if (!interval.days.includes(day)) return;
      const offset = ahead * 1440 + toMinutes(interval.opens) - now.minutes;
      if (offset > 0 && (best === null || offset < best)) best = offset;
    });
    if (best !== null) break;  // a later day always opens later
  }
  if (best === null) return null;
  const start = Math.floor(date.getTime() / 60000) * 60000;
  let candidate = new Date(start + best * 60000);
  const local = zoneParts(candidate, hours.tz);
  const wanted = (now.minutes + best) % 1440;
  let drift = local.minutes - wanted;
  if (drift > 720) drift -= 1440;
  if (drift < -720) drift += 1440;
  if (drift) candidate = new Date(candidate.getTime() - drift * 60000);
  return candidate;
}

// A service counts as opening "later" when it next opens within this long (open_now.py: LATER_WITHIN).
export const LATER_WITHIN_MS = 24 * 60 * 60 * 1000;
// The ranking's order of states (open_now.py: STATE_ORDER).
export const STATE_ORDER = { open: 0, later: 1, unknown: 2, closed: 3 };

// A listing's state from all its sets of hours (its own and its contacts'): "open" if any is open, "later" if
// one opens within LATER_WITHIN_MS, "unknown" without hours, else "closed" (open_now.py: open_state).
export function openState(hoursList, date) {
  const sets = (hoursList || []).filter(Boolean);
  if (!sets.length) return "unknown";
  if (sets.some((hours) => isOpen(hours, date))) return "open";
  let soonest = null;
  for (const hours of sets) {
    const next = nextOpening(hours, date);
    if (next && (soonest === null || next < soonest)) soonest = next;
  }
  return soonest !== null && soonest.getTime() - date.getTime() <= LATER_WITHIN_MS ? "later" : "closed";
}

// When a service next opens, in the visitor's own zone (or `timeZone`) and in the page's language: its weekday
// name and its clock, 12- or 24-hour as that language writes it ("Monday 2:00 PM", "Montag, 14:00").
const openingFormats = new Map();  // "language zone" -> Intl.DateTimeFormat
export function openingTime(next, timeZone) {
  const lang = pageLanguage(), key = lang + " " + (timeZone || "");
  let written = openingFormats.get(key);
  if (!written) {
    const options = { weekday: "long", hour: "numeric", minute: "2-digit", timeZone };
    try {
      written = new Intl.DateTimeFormat(lang, options);
    } catch (e) {  // a language tag Intl does not take
      written = new Intl.DateTimeFormat("en", options);
    }
    openingFormats.set(key, written);
  }
  return written.format(next);
}

// "Closed now · opens Monday 9:00 AM your time".
export function opensText(next, timeZone) {
  // Translators: %(time)s is a weekday and a time in the visitor's own time zone, e.g. "Monday 9:00 AM".
  return t("Closed now · opens %(time)s your time", { time: openingTime(next, timeZone) });
}

// {open, text} for one set of hours, or null when there are none.
export function describe(hours, date) {
  const open = isOpen(hours, date);
  if (open === null) return null;
  if (hours.always) return { open: true, text: t("Open now (24/7)") };
  if (open) return { open: true, text: t("Open now") };
  const next = nextOpening(hours, date);
  if (!next) return { open: false, text: t("Closed") };
  return { open: false, text: opensText(next) };
}
