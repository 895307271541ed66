/**
 * Day, week and month boundaries in a time zone (the `tz=` of the routes that group by day):
 * "UTC" or an IANA zone name ("Europe/Berlin", "Asia/Kolkata"), as the runtime's Intl knows it.
 * Every zone's offset today is a whole number of 15 minutes, so every boundary falls on one of the
 * portfolio's 15-minute marks (ingest/portfolioEvents.ts BUCKET_MS). Weeks start on Monday.
 */

export type Period = "day" | "week" | "month";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether the runtime knows the zone. */
export function isTimeZone(name: string): boolean {
  if (name === "UTC") return true;
  try {
    formatterOf(name);
    return true;
  } catch {
    return false;
  }
}

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

interface Wall {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The wall clock of `zone` at `time`. */
function wallOf(zone: string, time: number): Wall {
  if (zone === "UTC") {
    const d = new Date(time);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    };
  }
  const parts: Record<string, number> = {};
  for (const part of formatterOf(zone).formatToParts(time)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year as number,
    month: parts.month as number,
    day: parts.day as number,
    hour: parts.hour as number,
    minute: parts.minute as number,
    second: parts.second as number,
  };
}

/** The zone's offset from UTC at `time` (ms, east positive). */
export function offsetAt(zone: string, time: number): number {
  const w = wallOf(zone, time);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(time / 1000) * 1000;
}

/** The instant the zone's wall clock reads y-m-d 00:00 (the first such instant). */
function midnight(zone: string, year: number, month: number, day: number): number {
  const wall = Date.UTC(year, month - 1, day);
  let guess = wall - offsetAt(zone, wall);
  // Twice: the offset at the guess may differ from the one at the wall time read as UTC (DST).
  guess = wall - offsetAt(zone, guess);
  return guess;
}

/** The start of the period (day, week from Monday, month) holding `time`, in `zone`. */
export function periodStart(zone: string, period: Period, time: number): number {
  const w = wallOf(zone, time);
  if (period === "month") return midnight(zone, w.year, w.month, 1);
  if (period === "day") return midnight(zone, w.year, w.month, w.day);
  const weekday = (new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() + 6) % 7; // Monday 0
  const monday = new Date(Date.UTC(w.year, w.month - 1, w.day - weekday));
  return midnight(zone, monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate());
}

/** The start of the period after the one starting at `start`. */
export function nextPeriodStart(zone: string, period: Period, start: number): number {
  const w = wallOf(zone, start);
  if (period === "month") {
    return w.month === 12 ? midnight(zone, w.year + 1, 1, 1) : midnight(zone, w.year, w.month + 1, 1);
  }
  const days = period === "week" ? 7 : 1;
  const next = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return midnight(zone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/** The label of the period starting at `start`: its first day, YYYY-MM-DD in the zone. */
export function periodLabel(zone: string, start: number): string {
  const w = wallOf(zone, start);
  return `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

/** The periods overlapping [from, to], oldest first: [start, end) each. */
export function periodsBetween(
  zone: string,
  period: Period,
  from: number,
  to: number,
): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let start = periodStart(zone, period, from); start <= to; ) {
    const end = nextPeriodStart(zone, period, start);
    out.push({ start, end });
    start = end;
  }
  return out;
}
