/**
 * PnL by period (GET /api/pnl/periods): realized, fees and unrealized by day, week or month, in a
 * time zone; each period the bridge between the readings at its two ends.
 */
import type { PnlPeriod, PnlPeriodItem } from "@mexc-live/contract";
import { fmt, ZERO } from "@mexc-live/protocol";
import type { CostMethod } from "../engine/lots.js";
import { figureRead } from "../figureRead.js";
import { periodLabel, periodsBetween } from "../timeZones.js";
import { bridgeOf, type Reading } from "./bridge.js";
import { type PortfolioModels, type PortfolioQueries, pendingIfUnpriced } from "./portfolioQueries.js";
import { type Readings, snap, unrealizedOf } from "./readings.js";

export interface PeriodsRange {
  readonly period: PnlPeriod;
  readonly from: number;
  readonly to: number;
  readonly method?: CostMethod;
  readonly tz?: string;
}

function periodsAnswer(readings: Readings, range: PeriodsRange): PnlPeriodItem[] {
  const method = range.method ?? readings.deps.method;
  const zone = range.tz ?? "UTC";
  const now = readings.now();
  const first = readings.deps.portfolio.historyStart();
  if (first === undefined) return [];
  const historyStart = snap(first);
  const items: PnlPeriodItem[] = [];
  // A period's end is the next one's start: each reading is made once.
  const made = new Map<number, Reading>();
  const readingAt = (time: number) => {
    let reading = made.get(time);
    if (reading === undefined) {
      reading = readings.reading(time);
      made.set(time, reading);
    }
    return reading;
  };
  for (const { start, end } of periodsBetween(zone, range.period, range.from, Math.min(range.to, now))) {
    if (end <= historyStart) continue;
    const a = readingAt(Math.max(start, historyStart));
    const b = end >= now ? readings.liveReading(now) : readingAt(end);
    const result = bridgeOf(a, b, method, false);
    items.push({
      period: periodLabel(zone, start),
      from: start,
      to: end - 1,
      realized: result.bridge.realized,
      unrealized: unrealizedOf(b, method),
      fees: fmt(ZERO.minus(result.bridge.fees)),
      method,
      ...(result.unpriced.length > 0 ? { unpriced: result.unpriced } : {}),
    });
  }
  return items;
}

/** PnL by period once the portfolio holds everything stored; a period that leaves an asset out only until its past prices are in says so. */
export async function pnlPeriodsOf(queries: PortfolioQueries, range: PeriodsRange): Promise<PnlPeriodItem[]> {
  const { answer, pending } = await queries.pendingAware(
    () => periodsAnswer(queries.readings, range),
    (items) => (items.length === 0 ? null : (items[items.length - 1] as PnlPeriodItem).to + 1),
  );
  return pending ? answer.map(pendingIfUnpriced) : answer;
}

export const pnlPeriodsRead = figureRead("pnlPeriods", {
  answer: ({ keeper }: PortfolioModels, query) => pnlPeriodsOf(keeper.queries, query),
});
