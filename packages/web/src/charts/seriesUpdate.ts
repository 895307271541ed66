/**
 * How a time series on a lightweight-chart changes between renders: append (series.update for
 * the points after what is plotted, re-applying the last one whose value may have changed) when
 * the new data extends what is plotted, a full setData otherwise (range, selection or history
 * changed, a value anywhere before the last point changed, whitespace filled). Decided on a
 * summary of what is plotted, so no copy of the data is kept.
 */

export interface Timed {
  /** Seconds (UTCTimestamp), strictly ascending within a series. */
  readonly time: number;
  /** Its value; none for whitespace (a time alone). */
  readonly value?: number;
}

/** What is plotted: first and last time, how many points, and the first one's value (where it has one). */
export interface Plotted {
  readonly first: number;
  readonly last: number;
  readonly count: number;
  /** A range's start equity read again moves its first point and nothing else (issue 40). */
  readonly firstValue?: number;
  /**
   * The points before the last: how many carry a value and their sum. History that arrives later
   * fills slots of a grid that were whitespace, the times and count the same: without these the
   * line kept only its two ends and drew straight across the days between (issue 57, 30 d).
   */
  readonly body?: { readonly valued: number; readonly sum: number };
}

/** How many of `data[0..end)` carry a value, and their sum. */
function bodyOf(data: readonly Timed[], end: number): { valued: number; sum: number } {
  let valued = 0;
  let sum = 0;
  for (let i = 0; i < end; i++) {
    const value = pointValue(data[i]);
    if (value === undefined) continue;
    valued++;
    sum += value;
  }
  return { valued, sum };
}

function pointValue(point: Timed | undefined): number | undefined {
  return typeof point?.value === "number" ? point.value : undefined;
}

export type SeriesPlan =
  | { readonly kind: "none" }
  | { readonly kind: "set" }
  /** series.update for next[from..] in order. */
  | { readonly kind: "append"; readonly from: number };

export function planSeriesUpdate(plotted: Plotted | undefined, next: readonly Timed[]): SeriesPlan {
  if (!plotted || plotted.count === 0) return next.length === 0 ? { kind: "none" } : { kind: "set" };
  if (next.length < plotted.count) return { kind: "set" };
  if (next[0]?.time !== plotted.first) return { kind: "set" };
  if (pointValue(next[0]) !== plotted.firstValue) return { kind: "set" };
  // Times ascend strictly, so the same time at the same index means nothing was inserted before it.
  if (next[plotted.count - 1]?.time !== plotted.last) return { kind: "set" };
  if (plotted.body !== undefined) {
    const body = bodyOf(next, plotted.count - 1);
    if (body.valued !== plotted.body.valued || body.sum !== plotted.body.sum) return { kind: "set" };
  }
  return { kind: "append", from: plotted.count - 1 };
}

export function summarize(data: readonly Timed[]): Plotted | undefined {
  const first = data[0];
  const last = data[data.length - 1];
  if (!first || !last) return undefined;
  const firstValue = pointValue(first);
  const body = bodyOf(data, data.length - 1);
  return firstValue === undefined
    ? { first: first.time, last: last.time, count: data.length, body }
    : { first: first.time, last: last.time, count: data.length, firstValue, body };
}

/** The parts of a lightweight-charts series used here (any series type). */
export interface UpdatableSeries<T> {
  setData(data: T[]): void;
  update(point: T): void;
}

/** Brings `series` from `plotted` to `next`; returns the new summary and whether setData was used. */
export function applySeriesUpdate<T extends Timed>(
  series: UpdatableSeries<T>,
  plotted: Plotted | undefined,
  next: readonly T[],
): { plotted: Plotted | undefined; replaced: boolean } {
  const plan = planSeriesUpdate(plotted, next);
  if (plan.kind === "set") series.setData(next.slice());
  if (plan.kind === "append") for (let i = plan.from; i < next.length; i++) series.update(next[i] as T);
  return { plotted: summarize(next), replaced: plan.kind === "set" };
}
