/* How long ago a listing was verified, relative to today: a static page cannot know today at build time.
   Listing pages mark the date with [data-kd-verified]; this adds the age, and a warning once it is old. */
import { t, tn } from "./i18n.js";

// The build wrote the tier as of its own day; this redoes it for today, with generator/freshness.py's
// cut-offs: older than the same day 12 months ago is "old", older than the same day 24 months ago "outdated".
// The same sentences as generator/templates/listing.html, so one translation serves both.
function freshnessText(tier) {
  if (tier === "old") return t("Checked over a year ago: check with the service before relying on it.");
  return t("Checked over two years ago: these facts may be out of date. Check with the service before relying on them.");
}
// " (3 months ago)" after the date the page gives.
export function ageText(months) {
  if (months < 1) return " " + t("(less than a month ago)");
  return " " + tn("(%(count)s month ago)", "(%(count)s months ago)", months);
}
export function monthsBefore(day, months) {  // UTC dates; the day clamps to the month's end
  var total = day.getUTCFullYear() * 12 + day.getUTCMonth() - months;
  var year = Math.floor(total / 12), month = total % 12;
  var last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day.getUTCDate(), last)));
}
export function freshnessTier(then, now) {
  var today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (then < monthsBefore(today, 24)) return "outdated";
  if (then < monthsBefore(today, 12)) return "old";
  return "current";
}
export function renderVerification(root) {
  root.querySelectorAll("[data-kd-verified]").forEach(function (el) {
    if (el.getAttribute("data-kd-done")) return;
    var then = new Date(el.getAttribute("data-kd-verified") + "T00:00:00Z");
    var now = new Date();
    var months = Math.floor((now.getTime() - then.getTime()) / (30.44 * 86400000));
    var note = document.createElement("span");
    note.className = "kd-verified__age";
    note.textContent = ageText(months);
    var warn = el.querySelector(".kd-freshness");
    el.insertBefore(note, warn);
    var tier = freshnessTier(then, now);
    el.classList.toggle("kd-verified--old", tier !== "current");
    if (tier === "current") {
      if (warn) warn.remove();
    } else {
      if (!warn) {
        warn = document.createElement("strong");
        warn.className = "kd-freshness";
        el.appendChild(document.createTextNode(" "));
        el.appendChild(warn);
      }
      warn.textContent = freshnessText(tier);
    }
    el.setAttribute("data-kd-done", "1");
  });
}
