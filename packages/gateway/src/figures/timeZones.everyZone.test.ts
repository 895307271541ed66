/**
 * The day, week and month walk over every IANA zone the runtime knows and every day 2010-2035,
 * checked against an oracle built apart from timeZones.ts: each zone's offset transitions, found by
 * sampling Intl's wall clock every 6 days and bisecting each change to the second (timeZones.ts
 * reads Intl's offset text instead).
 * (The oracle would miss an offset that changes and changes back within 6 days; none does in
 * 2010-2035, or the walk, which asks Intl about every single day, would disagree with it.)
 */
import { DAY_MS, HOUR_MS } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { nextPeriodStart, type Period, periodLabel, periodStart, periodsBetween } from "./timeZones.js";

const FIRST_DAY = Date.UTC(2010, 0, 1);
const LAST_DAY = Date.UTC(2035, 11, 31);
const SAMPLE_MS = 6 * DAY_MS;
const ZONES = Intl.supportedValuesOf("timeZone");

const WALL_TEXT = /^(\d{2})\/(\d{2})\/(\d+), (\d{2}):(\d{2}):(\d{2})$/;

/** The zone's offset (ms) at `time`, from Intl's wall clock text: a path apart from timeZones.ts's offset text. */
function oracleOffset(format: Intl.DateTimeFormat, time: number): number {
  const m = WALL_TEXT.exec(format.format(time));
  if (m === null) throw new Error(`unexpected wall clock text at ${time}`);
  const wall = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
  return wall - Math.floor(time / 1000) * 1000;
}

/** Constant-offset segments covering the years, oldest first: [from, next segment's from). */
function segmentsOf(zone: string): { from: number; offset: number }[] {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  let t = FIRST_DAY - 3 * DAY_MS;
  let offset = oracleOffset(format, t);
  const segments = [{ from: Number.NEGATIVE_INFINITY, offset }];
  while (t < LAST_DAY + 3 * DAY_MS) {
    const next = t + SAMPLE_MS;
    const nextOffset = oracleOffset(format, next);
    if (nextOffset !== offset) {
      let lo = t; // offset `offset`
      let hi = next; // offset `nextOffset`
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (oracleOffset(format, mid) === offset) lo = mid;
        else hi = mid;
      }
      segments.push({ from: hi, offset: nextOffset });
      offset = nextOffset;
    }
    t = next;
  }
  return segments;
}

type Segments = readonly { from: number; offset: number }[];

/** The index of the segment holding `time` (binary search). */
function segmentAt(segments: Segments, time: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((segments[mid] as { from: number }).from <= time) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function offsetIn(segments: Segments, time: number): number {
  return (segments[segmentAt(segments, time)] as { offset: number }).offset;
}

/** The first instant whose wall clock reads `wall` or later, from the segments (pure arithmetic). */
function oracleFirstInstant(segments: Segments, wall: number): number {
  // Offsets lie within a day of UTC: the answer is in a segment from the one holding wall - 1 day.
  for (let i = segmentAt(segments, wall - 2 * DAY_MS); i < segments.length; i++) {
    const { from, offset } = segments[i] as { from: number; offset: number };
    const until = segments[i + 1]?.from ?? Number.POSITIVE_INFINITY;
    if (until + offset > wall) return Math.max(from, wall - offset);
  }
  throw new Error("past the segments");
}

/** Midnight of each period's first date 2010-2035 (ms read as UTC). */
function firstDates(period: Period): number[] {
  const dates: number[] = [];
  if (period === "month") {
    for (let year = 2010; year <= 2035; year++)
      for (let month = 0; month < 12; month++) dates.push(Date.UTC(year, month, 1));
    return dates;
  }
  // 1970-01-01 was a Thursday: the day number + 3, mod 7, is 0 on Mondays.
  for (let date = FIRST_DAY; date <= LAST_DAY; date += DAY_MS) {
    if (period === "day" || (date / DAY_MS + 3) % 7 === 0) dates.push(date);
  }
  return dates;
}

/** Expected starts of each period 2010-2035 (a skipped date adds none). */
function expectedStarts(segments: Segments, dates: readonly number[]): number[] {
  const starts: number[] = [];
  for (const date of dates) {
    const start = oracleFirstInstant(segments, date);
    if (starts.at(-1) !== start) starts.push(start);
  }
  return starts;
}

const isoDate = (wall: number) => new Date(wall).toISOString().slice(0, 10);
const DATES = { day: firstDates("day"), week: firstDates("week"), month: firstDates("month") };

describe("the period walk over every IANA zone, every day 2010-2035", () => {
  it("starts each day, week and month at the first instant of its local date, end to end", () => {
    const skippedDays: string[] = [];
    const zonesOutside23To25: string[] = [];
    for (const zone of ZONES) {
      const segments = segmentsOf(zone);
      for (const period of ["day", "week", "month"] as const) {
        const expected = expectedStarts(segments, DATES[period]);
        const last = expected.at(-1) as number;
        const walk = periodsBetween(zone, period, expected[0] as number, last, 20_000);
        const starts = walk.map((p) => p.start);
        if (starts.length !== expected.length || starts.some((s, i) => s !== expected[i])) {
          const i = starts.findIndex((s, k) => s !== expected[k]);
          expect.fail(`${zone} ${period}: walk ${starts[i]} expected ${expected[i]} (#${i})`);
        }
        for (let i = 0; i < walk.length; i++) {
          const { start, end } = walk[i] as { start: number; end: number };
          // Each start strictly after the previous one; the periods tile the range.
          if (end <= start) expect.fail(`${zone} ${period} ${start}: ends before it starts`);
          if (i > 0 && start !== walk[i - 1]?.end) expect.fail(`${zone} ${period} ${start}: a gap or overlap`);
        }
        if (period !== "day") continue;
        for (const { start, end } of walk.slice(0, -1)) {
          const date = Math.floor((start + offsetIn(segments, start)) / DAY_MS);
          const nextDate = Math.floor((end + offsetIn(segments, end)) / DAY_MS);
          if (nextDate !== date + 1) {
            skippedDays.push(`${zone} ${isoDate(date * DAY_MS)} -> ${isoDate(nextDate * DAY_MS)}`);
            continue;
          }
          const outside = end - start < 23 * HOUR_MS || end - start > 25 * HOUR_MS;
          if (outside && !zonesOutside23To25.includes(zone)) zonesOutside23To25.push(zone);
        }
      }
    }
    // A date the clocks skip entirely has no period: the day before ends where the next starts.
    expect(skippedDays).toEqual(["Pacific/Apia 2011-12-29 -> 2011-12-31", "Pacific/Fakaofo 2011-12-29 -> 2011-12-31"]);
    // Days last 23-25 h (Lord_Howe's 30-minute change: 23.5 and 24.5 h) but where the clocks
    // moved more than an hour at once: Troll's 2-hour summer time, the Antarctic stations' and
    // Russia's 2010-2023 standard-time moves, Crimea to Moscow time (tzdata of this Node's ICU).
    expect(zonesOutside23To25.sort()).toEqual([
      "America/Bahia_Banderas",
      "Antarctica/Casey",
      "Antarctica/Davis",
      "Antarctica/Troll",
      "Antarctica/Vostok",
      "Asia/Chita",
      "Asia/Magadan",
      "Europe/Simferopol",
    ]);
  }, 180_000);

  it("labels each month by its 1st and finds the day and month of any instant", () => {
    for (const zone of ZONES) {
      for (const { start, end } of periodsBetween(zone, "month", FIRST_DAY, LAST_DAY)) {
        // Plain checks, then one expect: half a million expect() calls would take longer than the walk.
        const label = periodLabel(zone, start);
        const lastDay = periodStart(zone, "day", end - 1);
        if (
          !label.endsWith("-01") ||
          periodStart(zone, "month", end - 1) !== start ||
          lastDay >= end ||
          nextPeriodStart(zone, "day", lastDay) !== end
        ) {
          expect.fail(`${zone} month ${label}: ${start}-${end}, last day ${lastDay}`);
        }
      }
    }
  }, 180_000);
});
