/**
 * Times and durations as a trader reads them: wall-clock time in the zone picked (timeZone.ts:
 * the browser's or UTC), short durations.
 */
import { type DisplayZone, displayZone } from "./timeZone.js";

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

interface Fields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

/** The wall-clock fields of `ms` in the zone. */
function fieldsOf(ms: number, zone: DisplayZone = displayZone()): Fields {
  const d = new Date(ms);
  return zone.utc
    ? {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hours: d.getUTCHours(),
        minutes: d.getUTCMinutes(),
        seconds: d.getUTCSeconds(),
      }
    : {
        year: d.getFullYear(),
        month: d.getMonth() + 1,
        day: d.getDate(),
        hours: d.getHours(),
        minutes: d.getMinutes(),
        seconds: d.getSeconds(),
      };
}

/** ms since epoch -> "2025-01-31" in the zone shown. */
export function formatDay(ms: number, zone: DisplayZone = displayZone()): string {
  const f = fieldsOf(ms, zone);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}`;
}

/** ms since epoch -> "2025-01-31 14:05:09" in the zone shown. */
export function formatDateTime(ms: number, zone: DisplayZone = displayZone()): string {
  const f = fieldsOf(ms, zone);
  return `${f.year}-${pad(f.month)}-${pad(f.day)} ${pad(f.hours)}:${pad(f.minutes)}:${pad(f.seconds)}`;
}

/** ms since epoch -> "14:05:09" in the zone shown. */
export function formatClock(ms: number, zone: DisplayZone = displayZone()): string {
  const f = fieldsOf(ms, zone);
  return `${pad(f.hours)}:${pad(f.minutes)}:${pad(f.seconds)}`;
}

/** A duration in ms -> "850 ms", "12 s", "4 min 05 s", "2 h 07 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? "-" : "";
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`;
  const s = Math.floor(abs / 1000);
  if (s < 60) return `${sign}${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${sign}${m} min ${pad(s % 60)} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${sign}${h} h ${pad(m % 60)} min`;
  return `${sign}${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Clock skew in ms with an explicit sign: "+12 ms", "-1.2 s". */
export function formatSkew(ms: number): string {
  const sign = ms > 0 ? "+" : ms < 0 ? "-" : "±";
  const abs = Math.abs(ms);
  return abs < 1000 ? `${sign}${Math.round(abs)} ms` : `${sign}${(abs / 1000).toFixed(1)} s`;
}

/** "YYYY-MM-DDTHH:mm" for <input type="datetime-local">, read in the zone shown -> ms, or undefined when empty/invalid. */
export function parseLocalDateTime(value: string, zone: DisplayZone = displayZone()): number | undefined {
  if (value === "") return undefined;
  const ms = new Date(zone.utc && !/[zZ]|[+-]\d\d:\d\d$/.test(value) ? `${value}Z` : value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}
