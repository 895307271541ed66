/**
 * Day, week and month boundaries in a time zone (the `tz=` of the routes that group by day):
 * "UTC" or an IANA zone name ("Europe/Berlin", "Asia/Kolkata"), as the runtime's Intl knows it.
 * A day starts at the first instant of its local date, whatever the wall clock reads then: in a
 * zone whose clocks jump over midnight (America/Santiago each September, 00:00 -> 01:00) the day
 * starts at the jump; a date the clocks skip entirely (Pacific/Apia, 2011-12-30) has no period, the
 * day before it ends where the next one starts. Weeks start on Monday, months on the 1st (or at
 * the first instant after them when they are skipped). Every walk is bounded (MAX_PERIODS).
 */

import { canonicalZone, MAX_PERIODS, MAX_ZONE_NAME_LENGTH, type PnlPeriod } from "@mexc-live/contract";
import { DAY_MS } from "@mexc-live/protocol";
import { HttpError } from "../errors.js";

// The zone's name and the period bound are the API's (contract api/timeZone.ts); re-exported for derive's readers.
export { canonicalZone, MAX_PERIODS, MAX_ZONE_NAME_LENGTH };

export type Period = PnlPeriod;

/**
 * The most zones whose formatter is kept (least recently used dropped first). One formatter holds
 * ~28 KB; a trader uses one or two zones, the property test walks all ~420 one after another.
 */
export const MAX_CACHED_ZONES = 32;

/** Offsets in use lie within UTC-12..UTC+14; one day either side of a wall time covers them. */
const SEARCH_MS = DAY_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    // "7 PM GMT-03:00": the offset, the cheapest text Intl makes that holds it (~1 µs).
    formatter = new Intl.DateTimeFormat("en-US", { timeZone: zone, hour: "numeric", timeZoneName: "longOffset" });
    if (formatters.size >= MAX_CACHED_ZONES) formatters.delete(formatters.keys().next().value as string);
  } else {
    formatters.delete(zone); // re-inserted last: the most recently used
  }
  formatters.set(zone, formatter);
  return formatter;
}

/** How many zones' formatters are held (for the bound's test). */
export function cachedZoneCount(): number {
  return formatters.size;
}

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;

/** The zone's offset from UTC at `time` (ms, east positive): "GMT", "GMT+05:30" or "GMT-00:44:30". */
export function offsetAt(zone: string, time: number): number {
  if (zone === "UTC") return 0;
  const text = formatterOf(zone).format(time);
  const at = text.lastIndexOf("GMT") + 3;
  if (at === 2) throw new Error(`time zone ${zone}: no offset in ${text}`);
  if (at === text.length) return 0;
  const hours = digit(text, at + 1) * 10 + digit(text, at + 2);
  const minutes = digit(text, at + 4) * 10 + digit(text, at + 5);
  const seconds = text.length > at + 6 ? digit(text, at + 7) * 10 + digit(text, at + 8) : 0;
  const ms = ((hours * 60 + minutes) * 60 + seconds) * 1000;
  return text.charCodeAt(at) === 45 ? -ms : ms; // "-"
}

/** The wall clock of `zone` at `time`, as ms since the epoch read as UTC (whole seconds). */
function wallSeconds(zone: string, time: number): number {
  return Math.floor(time / 1000) * 1000 + offsetAt(zone, time);
}

/** Midnight of the date holding `wall` (ms read as UTC). */
function dateOf(wall: number): number {
  return Math.floor(wall / DAY_MS) * DAY_MS;
}

/** An instant and the zone's offset then. */
interface Instant {
  readonly time: number;
  readonly offset: number;
}

/**
 * The first instant whose wall clock reads `wall` (a local midnight, ms read as UTC) or later.
 * `hint`: the offset most likely in force (the previous period start's): one Intl call when right
 * (an offset that changed and changed back within a day would fool it: none does, the property
 * test over every zone checks).
 */
function firstInstantFrom(zone: string, wall: number, hint?: number, hintBefore = true): Instant {
  if (hint !== undefined && offsetAt(zone, wall - hint) === hint) {
    // A hint read after the date (periodStart's) may be the offset after a fall-back: the wall
    // time was shown before, under the earlier offset, when the instant before reads later.
    if (hintBefore || offsetAt(zone, wall - hint - 1) === hint) return { time: wall - hint, offset: hint };
  }
  const time = searchFirstInstant(zone, wall);
  return { time, offset: offsetAt(zone, time) };
}

function searchFirstInstant(zone: string, wall: number): number {
  const before = offsetAt(zone, wall - SEARCH_MS);
  const after = offsetAt(zone, wall + SEARCH_MS);
  // The wall time shown once or twice (a fall-back): the earlier instant that shows it.
  const candidates = [wall - before, wall - after].sort((a, b) => a - b);
  for (const t of candidates) {
    if (t + offsetAt(zone, t) === wall && t - 1 + offsetAt(zone, t - 1) < wall) return t;
  }
  // The clocks jump over `wall`: the first instant past the jump, by bisection (its offset is
  // `after`, the one before it `before`).
  const reached = (t: number) => t + offsetAt(zone, t) >= wall;
  let lo = wall - SEARCH_MS - Math.max(before, after, 0);
  let hi = wall + SEARCH_MS - Math.min(before, after, 0);
  if (before < after) {
    lo = Math.max(lo, wall - after);
    hi = Math.min(hi, wall - before);
  }
  if (reached(lo)) throw new Error(`time zone ${zone}: no first instant for ${new Date(wall).toISOString()}`);
  // At most log2(3 days in ms) = 28 steps.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (reached(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The nominal first date (ms read as UTC) of the period holding the wall date `date`. */
function periodDate(period: Period, date: number): number {
  const d = new Date(date);
  if (period === "day") return date;
  if (period === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return date - ((d.getUTCDay() + 6) % 7) * DAY_MS; // Monday
}

/** The nominal first date of the period after the one holding the wall date `date`. */
function nextPeriodDate(period: Period, date: number): number {
  const first = periodDate(period, date);
  if (period === "day") return first + DAY_MS;
  if (period === "week") return first + 7 * DAY_MS;
  const d = new Date(first);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The start of the period (day, week from Monday, month) holding `time`, in `zone`. */
export function periodStart(zone: string, period: Period, time: number): number {
  const offset = offsetAt(zone, time);
  const date = periodDate(period, dateOf(time + offset));
  const start = firstInstantFrom(zone, date, offset, false).time;
  // A clock set back over midnight shows the previous date again after this one started: the
  // period holding `time` is then the one before.
  return start <= time ? start : firstInstantFrom(zone, periodDate(period, date - DAY_MS)).time;
}

/** The start of the period after the one starting at `start`. */
export function nextPeriodStart(zone: string, period: Period, start: number): number {
  const offset = offsetAt(zone, start);
  return firstInstantFrom(zone, nextPeriodDate(period, dateOf(start + offset)), offset).time;
}

/** The label of the period starting at `start`: its first day, YYYY-MM-DD in the zone. */
export function periodLabel(zone: string, start: number): string {
  return new Date(wallSeconds(zone, start)).toISOString().slice(0, 10);
}

/**
 * The periods overlapping [from, to], oldest first: [start, end) each. More than `max` of them is
 * a BAD_REQUEST naming `from` (the range is too long), found after at most `max` + 1 steps.
 */
export function periodsBetween(
  zone: string,
  period: Period,
  from: number,
  to: number,
  max: number = MAX_PERIODS,
): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const first = periodStart(zone, period, from);
  let at: Instant = { time: first, offset: offsetAt(zone, first) };
  while (at.time <= to) {
    if (out.length === max) throw new HttpError("BAD_REQUEST", `from: at most ${max} periods (${period}) at a time`);
    const next = firstInstantFrom(zone, nextPeriodDate(period, dateOf(at.time + at.offset)), at.offset);
    if (next.time <= at.time) throw new Error(`time zone ${zone}: the period after ${at.time} does not start later`);
    out.push({ start: at.time, end: next.time });
    at = next;
  }
  return out;
}
