/* Open now, for every listing at once, worked out once a minute.

   A listing can have several sets of hours (its own and its contacts'): it is open if any of them is. */
import { STATE_ORDER, isOpen, nextOpening, openState, opensText } from "../hours.js";
import { pageLanguage, t } from "../i18n.js";

export class Clock {
  constructor(now) {
    this.now = now;
    this.minute = Math.floor(now.getTime() / 60000);
    this.lang = pageLanguage();  // its cards' words are in this language
    this.open = Object.create(null);  // listing position -> open now
    this.flags = null;
    this.ranks = null;
    this.described = Object.create(null);
  }

  isOpen(l) {
    const cached = this.open[l.position];
    if (cached !== undefined) return cached;
    let result = false;
    for (let i = 0; i < l.hours.length && !result; i++) result = !!isOpen(l.hours[i], this.now);
    this.open[l.position] = result;
    return result;
  }

  // 1 per listing open now, else 0 (what filters.js takes).
  openFlags(data) {
    if (!this.flags || this.flags.length !== data.listings.length) {
      const flags = new Uint8Array(data.listings.length);
      for (let i = 0; i < data.listings.length; i++) flags[i] = this.isOpen(data.listings[i]) ? 1 : 0;
      this.flags = flags;
    }
    return this.flags;
  }

  // Each listing's open state as the ranking orders them (STATE_ORDER: open, later, unknown, closed).
  stateRanks(data) {
    if (!this.ranks || this.ranks.length !== data.listings.length) {
      const ranks = new Uint8Array(data.listings.length);
      for (let i = 0; i < data.listings.length; i++) {
        const l = data.listings[i];
        ranks[i] = this.isOpen(l) ? STATE_ORDER.open : STATE_ORDER[openState(l.hours, this.now)];
      }
      this.ranks = ranks;
    }
    return this.ranks;
  }

  // {open, text} for a card, or null for a listing without hours.
  describe(l) {
    if (!(l.position in this.described)) this.described[l.position] = this.describeNow(l);
    return this.described[l.position];
  }

  describeNow(l) {
    if (!l.hours.length) return null;
    if (this.isOpen(l)) return { open: true, text: l.always ? t("Open now (24/7)") : t("Open now") };
    let soonest = null;
    for (const hours of l.hours) {
      const next = nextOpening(hours, this.now);
      if (next && (!soonest || next < soonest)) soonest = next;
    }
    return soonest ? { open: false, text: opensText(soonest) } : { open: false, text: t("Closed") };
  }
}

let clock = null;
// The clock for this minute (a new one each minute, so open/closed follows the time), and this language.
export function currentClock() {
  const now = new Date();
  const minute = Math.floor(now.getTime() / 60000);
  if (!clock || clock.minute !== minute || clock.lang !== pageLanguage()) clock = new Clock(now);
  return clock;
}
