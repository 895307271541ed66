/**
 * The equity and PnL-over-time charts' points (equitySeries.ts knownPoints), computed again only
 * when a value they read changes: a new window, start or end object with the same values keeps them.
 */
import type { EquityPoint } from "@mexc-live/contract";
import { useMemo } from "react";
import { knownPoints, type RangeStart, type TimeWindow } from "./equitySeries.js";

export function useKnownPoints(
  points: readonly EquityPoint[],
  window: TimeWindow,
  start: RangeStart | undefined,
  end: RangeStart | undefined,
): EquityPoint[] {
  const { from, to } = window;
  const startTime = start?.time;
  const startEquity = start?.equity;
  const endTime = end?.time;
  const endEquity = end?.equity;
  return useMemo(
    () =>
      knownPoints(
        points,
        { from, to },
        startTime === undefined || startEquity === undefined ? undefined : { time: startTime, equity: startEquity },
        endTime === undefined || endEquity === undefined ? undefined : { time: endTime, equity: endEquity },
      ),
    [points, from, to, startTime, startEquity, endTime, endEquity],
  );
}
