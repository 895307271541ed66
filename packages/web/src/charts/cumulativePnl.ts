/**
 * PnL by day -> PnL over time: at the end of each day, the PnL realized since the range began
 * plus the unrealized PnL of what was held then. Exact decimals (protocol's decimal module) until
 * `pnlTimeSeries` makes floats for drawing. A day whose unrealized PnL could not be valued has
 * no total (a gap in the line, never a guess); a realized figure that is not a decimal ends the
 * running sum there, since everything after it would be wrong.
 */
import type { PnlPeriodItem } from "@mexc-live/contract";
import { type Decimal, dec, exact, isDecimal, ZERO } from "@mexc-live/protocol";
import type { UTCTimestamp } from "lightweight-charts";
import { chartNumber, toChartSeconds } from "./numbers.js";

export interface CumulativePnlPoint {
  /** The period's start (ms) and first day. */
  readonly time: number;
  readonly period: string;
  /** Realized from the first period of the range through this one. */
  readonly realized: string;
  /** Unrealized at the period's end; null when it could not be valued. */
  readonly unrealized: string | null;
  /** realized + unrealized; null when unrealized is. */
  readonly total: string | null;
}

/** The running PnL of `items` (any order), oldest first. */
export function cumulativePnl(items: readonly PnlPeriodItem[]): CumulativePnlPoint[] {
  const ordered = [...items].sort((a, b) => a.from - b.from);
  const out: CumulativePnlPoint[] = [];
  let realized: Decimal = ZERO;
  for (const item of ordered) {
    if (!isDecimal(item.realized)) break;
    realized = realized.plus(dec(item.realized, "realized"));
    const unrealized = item.unrealized !== null && isDecimal(item.unrealized) ? item.unrealized : null;
    out.push({
      time: item.from,
      period: item.period,
      realized: exact(realized),
      unrealized,
      total: unrealized === null ? null : exact(realized.plus(dec(unrealized, "unrealized"))),
    });
  }
  return out;
}

/** A point of the line, or a gap (no value) where the total is not known. */
export type PnlLinePoint = { readonly time: UTCTimestamp; readonly value: number } | { readonly time: UTCTimestamp };

/** The line as lightweight-charts draws it: seconds, floats, gaps where the total is unknown. */
export function pnlTimeSeries(points: readonly CumulativePnlPoint[]): PnlLinePoint[] {
  return points.map((point) => {
    const value = chartNumber(point.total);
    const time = toChartSeconds(point.time);
    return value === undefined ? { time } : { time, value };
  });
}

/** The newest point with a total (the PnL as it stands), if any. */
export function latestTotal(points: readonly CumulativePnlPoint[]): CumulativePnlPoint | undefined {
  for (let i = points.length - 1; i >= 0; i--) if (points[i]?.total != null) return points[i];
  return undefined;
}
