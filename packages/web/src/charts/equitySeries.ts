/**
 * Equity points -> line series for the equity chart: the total, and the value of each asset the
 * user picked. Times become seconds (several points within one second keep the last), values
 * become floats, points with a non-finite value are left out. A point worked out from the history
 * (`estimated`) can be given its own colour: the line from it to the next point is drawn in it.
 */
import type { EquityPoint } from "@mexc-live/contract";
import type { UTCTimestamp } from "lightweight-charts";
import { chartNumber, toChartSeconds } from "./numbers.js";

export type EquityRange = "1h" | "1d" | "1w" | "all";

export const EQUITY_RANGES: readonly EquityRange[] = ["1h", "1d", "1w", "all"];

/** Span of each range in ms; "all" has none. */
export const RANGE_MS: Readonly<Record<Exclude<EquityRange, "all">, number>> = {
  "1h": 3_600_000,
  "1d": 86_400_000,
  "1w": 7 * 86_400_000,
};

/**
 * A live chart's window start stays put until it lags the newest point by this share of the span
 * beyond the span itself, so new points append (series.update) instead of redrawing everything.
 */
export const WINDOW_SLACK = 0.25;

export interface LinePoint {
  /** Seconds since epoch (lightweight-charts UTCTimestamp). */
  readonly time: UTCTimestamp;
  readonly value: number;
  /** This point's colour (and the segment after it), when it differs from the line's. */
  readonly color?: string;
}

/** The value a series takes from one point: the total, or one asset's value. */
export type EquityField = { readonly kind: "total" } | { readonly kind: "asset"; readonly asset: string };

export const TOTAL: EquityField = { kind: "total" };

function pick(point: EquityPoint, field: EquityField): string | undefined {
  return field.kind === "total" ? point.equity : point.byAsset[field.asset];
}

/**
 * One line series, ascending by time, from points at or after `fromMs`. Input order does not
 * matter; an asset missing from a point (no price then) is a gap, not a zero. Estimated points
 * get `estimatedColor` when one is given.
 */
export function toEquitySeries(
  points: readonly EquityPoint[],
  field: EquityField,
  fromMs = -Infinity,
  estimatedColor?: string,
): LinePoint[] {
  const ordered = isAscending(points) ? points : [...points].sort((a, b) => a.time - b.time);
  const out: LinePoint[] = [];
  for (const point of ordered) {
    if (point.time < fromMs) continue;
    const value = chartNumber(pick(point, field));
    if (value === undefined) continue;
    const time = toChartSeconds(point.time);
    const next =
      point.estimated && estimatedColor !== undefined ? { time, value, color: estimatedColor } : { time, value };
    const last = out[out.length - 1];
    if (last && last.time === time) out[out.length - 1] = next;
    else out.push(next);
  }
  return out;
}

function isAscending(points: readonly EquityPoint[]): boolean {
  for (let i = 1; i < points.length; i++)
    if ((points[i] as EquityPoint).time < (points[i - 1] as EquityPoint).time) return false;
  return true;
}

/** Whether any point at or after `fromMs` was worked out from the history. */
export function hasEstimated(points: readonly EquityPoint[], fromMs = -Infinity): boolean {
  for (const point of points) if (point.estimated && point.time >= fromMs) return true;
  return false;
}

/** Every asset that has a value in any point, alphabetically (a stable list to pick from). */
export function assetsOf(points: readonly EquityPoint[]): string[] {
  const assets = new Set<string>();
  for (const point of points) for (const asset of Object.keys(point.byAsset)) assets.add(asset);
  return [...assets].sort();
}

function newestTime(points: readonly EquityPoint[]): number | undefined {
  let newest: number | undefined;
  for (const point of points) if (newest === undefined || point.time > newest) newest = point.time;
  return newest;
}

/**
 * Where the plotted window starts (ms), given where it started last time (`current`): for "all"
 * everything; otherwise newest - span, kept at `current` while that is still within the slack.
 */
export function windowStart(points: readonly EquityPoint[], range: EquityRange, current?: number): number {
  if (range === "all") return -Infinity;
  const newest = newestTime(points);
  if (newest === undefined) return -Infinity;
  const span = RANGE_MS[range];
  const wanted = newest - span;
  if (current !== undefined && current <= wanted && current >= wanted - span * WINDOW_SLACK) return current;
  return wanted;
}
