/**
 * Equity points -> the samples the equity chart puts on its time grid (timeGrid.ts): the total,
 * or the value of one asset the user picked, within the range shown, oldest first, values as
 * floats (points with a non-finite value left out). A point worked out from the history
 * (`estimated`) can be given its own colour: the line from it to the next point is drawn in it.
 *
 * Never a false zero: a point with no asset at all and a total of 0 is what a gateway stored
 * while it did not know the balances (a refused key stored 0, and the chart then ramped from 0
 * to 87,580): such a point is not drawn, nor used as a total anywhere (isKnownEquity).
 */
import type { EquityPoint } from "@mexc-live/contract";
import { isDecimal } from "@mexc-live/protocol";
import { compareDecimal } from "../format/decimal.js";
import { chartNumber } from "./numbers.js";
import type { Sample } from "./timeGrid.js";

/** The value a series takes from one point: the total, or one asset's value. */
export type EquityField = { readonly kind: "total" } | { readonly kind: "asset"; readonly asset: string };

export const TOTAL: EquityField = { kind: "total" };

/** A range of time (ms, inclusive); an end left out is open. */
export interface TimeWindow {
  readonly from?: number;
  readonly to?: number;
}

/** False for a point that only says the balances were unknown (no asset, total 0). */
export function isKnownEquity(point: EquityPoint): boolean {
  for (const _asset in point.byAsset) return true;
  return !(typeof point.equity === "string" && isDecimal(point.equity) && compareDecimal(point.equity, "0") === 0);
}

function pick(point: EquityPoint, field: EquityField): string | undefined {
  return field.kind === "total" ? point.equity : point.byAsset[field.asset];
}

function inWindow(time: number, window: TimeWindow): boolean {
  return (window.from === undefined || time >= window.from) && (window.to === undefined || time <= window.to);
}

/**
 * An estimated point this close before the first point measured live is not drawn: its value is
 * the candles' (closes of their minute) where the live one is the live prices', so a second apart
 * the two drew a vertical step at the seam (issue 40). 15 minutes: the portfolio's marks, the
 * finest an estimate is taken at (docs/figures.md); the faded line then joins the estimate before
 * straight to the live value.
 */
export const SEAM_MS = 15 * 60_000;

/** The points without the estimates that fall within SEAM_MS before the first live point after them. */
function withoutSeamEstimates(points: readonly EquityPoint[]): readonly EquityPoint[] {
  let firstLive: number | undefined;
  let sawEstimated = false;
  for (const point of points) {
    if (point.estimated) sawEstimated = true;
    else if (sawEstimated) {
      firstLive = point.time;
      break;
    }
  }
  if (firstLive === undefined) return points;
  const seam = firstLive;
  return points.filter((point) => !(point.estimated && point.time < seam && point.time >= seam - SEAM_MS));
}

/** The range's start equity (GET /api/performance's `startEquity` at its `from`): where its lines begin. */
export interface RangeStart {
  readonly time: number;
  readonly equity: string;
}

/**
 * The known points within the window, ascending by time (input order does not matter), led by
 * what was held when the range began. With `start` (the range's start equity), that is a point at
 * the window's start (or `start.time` for an open window) with the start equity, so the lines
 * begin at the range's start at the figure its PnL is measured from (an estimated day end later
 * that day follows it); without, the newest known point before the window, drawn at the
 * window's start (a day's estimated equity is at its last millisecond, just before the midnight
 * that starts "today"). With `end` (a range that ended before now: its end equity) and a window
 * with an end, a point there closes the line at the range's end, so a past day is drawn to its
 * 24:00 and not only to its last estimate.
 */
export function knownPoints(
  points: readonly EquityPoint[],
  window: TimeWindow = {},
  start?: RangeStart,
  end?: RangeStart,
): EquityPoint[] {
  const out: EquityPoint[] = [];
  const begins = window.from ?? start?.time;
  let before: EquityPoint | undefined;
  for (const point of points) {
    if (!isKnownEquity(point)) continue;
    if (inWindow(point.time, window) && (begins === undefined || start === undefined || point.time > begins))
      out.push(point);
    else if (begins !== undefined && point.time < begins && (before === undefined || point.time > before.time))
      before = point;
  }
  if (start === undefined || begins === undefined) {
    if (before !== undefined && window.from !== undefined) out.push({ ...before, time: window.from });
    return [...withoutSeamEstimates(isAscending(out) ? out : out.sort((a, b) => a.time - b.time))];
  }
  const sorted = withoutSeamEstimates(isAscending(out) ? out : out.sort((a, b) => a.time - b.time));
  // Faded as what follows it: estimated up to the first point measured live.
  const estimated = (sorted[0] ?? before)?.estimated === true;
  const first: EquityPoint = { time: begins, equity: start.equity, byAsset: {}, ...(estimated ? { estimated } : {}) };
  const closesAt = window.to;
  if (end === undefined || closesAt === undefined) return [first, ...sorted];
  const lastEstimated = (sorted[sorted.length - 1] ?? first).estimated === true;
  const closing: EquityPoint = {
    time: closesAt,
    equity: end.equity,
    byAsset: {},
    ...(lastEstimated ? { estimated: true } : {}),
  };
  return [first, ...sorted.filter((point) => point.time < closesAt), closing];
}

/**
 * One series' samples from known points (knownPoints: ascending, windowed). An asset missing
 * from a point (no price then) is a gap, not a zero. Estimated points get `estimatedColor`.
 */
export function equitySamples(points: readonly EquityPoint[], field: EquityField, estimatedColor?: string): Sample[] {
  const out: Sample[] = [];
  for (const point of points) {
    const value = chartNumber(pick(point, field));
    if (value === undefined) continue;
    out.push(
      point.estimated && estimatedColor !== undefined
        ? { time: point.time, value, color: estimatedColor }
        : { time: point.time, value },
    );
  }
  return out;
}

function isAscending(points: readonly EquityPoint[]): boolean {
  for (let i = 1; i < points.length; i++)
    if ((points[i] as EquityPoint).time < (points[i - 1] as EquityPoint).time) return false;
  return true;
}

/** Whether any of the points was worked out from the history. */
export function hasEstimated(points: readonly EquityPoint[]): boolean {
  for (const point of points) if (point.estimated) return true;
  return false;
}

/** The first point measured live after estimated ones (where the estimated history ends), if any. */
export function liveSince(points: readonly EquityPoint[]): number | undefined {
  let sawEstimated = false;
  for (const point of points) {
    if (point.estimated) sawEstimated = true;
    else if (sawEstimated) return point.time;
  }
  return undefined;
}

/** Every asset that has a value in any point, alphabetically (a stable list to pick from). */
export function assetsOf(points: readonly EquityPoint[]): string[] {
  const assets = new Set<string>();
  for (const point of points) for (const asset of Object.keys(point.byAsset)) assets.add(asset);
  return [...assets].sort();
}
