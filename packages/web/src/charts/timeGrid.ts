/**
 * A time axis proportional to time on lightweight-charts. The library gives every data point the
 * same width, whatever the time between them: 30 days of estimated history (a point a day) and
 * 4 minutes of live data (a point a second) would get the same width, or the minutes all of it.
 * So the points go onto a regular grid: the span is cut into buckets of one "nice" step (at most
 * MAX_GRID_POINTS of them), each bucket holds the last point that fell in it, and a bucket with
 * none is whitespace (a time without a value). The line joins across whitespace (the library's
 * behaviour: https://github.com/tradingview/lightweight-charts/issues/1947), and with
 * `ignoreWhitespaceIndices` the crosshair snaps only to real points; so equal widths are equal
 * times, and a gap in the data is a straight stretch of line, not a squeezed one.
 *
 * Buckets are cut in the zone's wall-clock time (times as the chart takes them: numbers.ts
 * toChartSeconds), so with a step of a day or an hour they start on the zone's midnights and hours.
 */

import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from "@mexc-live/protocol";
import type { UTCTimestamp } from "lightweight-charts";
import { type DisplayZone, displayZone } from "../format/timeZone.js";
import { zoneOffsetMs } from "./numbers.js";

/** The steps a grid may take: each a whole number of seconds, ticks a reader can count in. */
export const GRID_STEPS: readonly number[] = [
  SECOND_MS,
  2 * SECOND_MS,
  5 * SECOND_MS,
  10 * SECOND_MS,
  15 * SECOND_MS,
  30 * SECOND_MS,
  MINUTE_MS,
  2 * MINUTE_MS,
  5 * MINUTE_MS,
  10 * MINUTE_MS,
  15 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  2 * HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  DAY_MS,
  2 * DAY_MS,
  7 * DAY_MS,
];

/** Points on the axis at most (each a bar slot of the library): enough for a wide chart's pixels. */
export const MAX_GRID_POINTS = 1_000;

/** The smallest step that cuts `spanMs` into at most `maxPoints` buckets. */
export function gridStep(spanMs: number, maxPoints = MAX_GRID_POINTS): number {
  const wanted = Math.max(0, spanMs) / Math.max(1, maxPoints - 1);
  return GRID_STEPS.find((step) => step >= wanted) ?? (GRID_STEPS[GRID_STEPS.length - 1] as number);
}

export interface Sample {
  /** ms since epoch. */
  readonly time: number;
  readonly value: number;
  /** This point's colour (and the stretch of line after it), when not the line's own. */
  readonly color?: string;
}

export type GridPoint =
  | { readonly time: UTCTimestamp; readonly value: number; readonly color?: string }
  | { readonly time: UTCTimestamp };

export interface GridOptions {
  readonly zone?: DisplayZone;
  /** Whitespace in the buckets without a point (one series per chart needs it: the axis is shared). */
  readonly whitespace?: boolean;
  /** The grid reaches from this time at least (ms; its bucket), e.g. where another series starts. */
  readonly from?: number;
}

/** The bucket (in steps since the epoch, wall-clock time of the zone) a time falls in. */
function bucketOf(ms: number, step: number, zone: DisplayZone = displayZone()): number {
  return Math.floor((ms + zoneOffsetMs(ms, zone)) / step);
}

/** The chart time (seconds, zone-shifted) of a bucket: its start. */
function bucketTime(bucket: number, step: number): UTCTimestamp {
  return ((bucket * step) / SECOND_MS) as UTCTimestamp;
}

/**
 * `samples` (ascending by time) on the grid of `step`: the last sample of each bucket at the
 * bucket's start, oldest first; with `whitespace`, every bucket from the first to the last,
 * those without a sample as a time alone.
 */
export function toGrid(samples: readonly Sample[], step: number, options: GridOptions = {}): GridPoint[] {
  const zone = options.zone ?? displayZone();
  const out: GridPoint[] = [];
  let lastBucket: number | undefined;
  if (options.from !== undefined && options.whitespace && samples.length > 0) {
    lastBucket = bucketOf(options.from, step, zone) - 1;
  }
  for (const sample of samples) {
    const bucket = bucketOf(sample.time, step, zone);
    // Clocks put back (summer time's end) can send a wall-clock time back into a bucket already
    // passed: the newer point replaces the last one rather than go back in time.
    if (lastBucket !== undefined && bucket <= lastBucket) {
      const last = out[out.length - 1];
      if (last !== undefined) out[out.length - 1] = point(last.time, sample);
      continue;
    }
    if (options.whitespace && lastBucket !== undefined) {
      for (let b = lastBucket + 1; b < bucket; b++) out.push({ time: bucketTime(b, step) });
    }
    out.push(point(bucketTime(bucket, step), sample));
    lastBucket = bucket;
  }
  return out;
}

function point(time: UTCTimestamp, sample: Sample): GridPoint {
  return sample.color === undefined
    ? { time, value: sample.value }
    : { time, value: sample.value, color: sample.color };
}

/** How many points of a grid carry a value. */
export function valuedCount(points: readonly GridPoint[]): number {
  let n = 0;
  for (const p of points) if ("value" in p) n++;
  return n;
}

/** The times (chart seconds) that carry a value in any of `grids`. */
export function valuedTimes(grids: Iterable<readonly GridPoint[]>): ReadonlySet<number> {
  const times = new Set<number>();
  for (const grid of grids) for (const p of grid) if ("value" in p) times.add(p.time);
  return times;
}
