/**
 * Performance over a range (GET /api/performance): the bridge from start to end equity, its PnL
 * (in the quote currency and as a time-weighted return), by asset, and the net deposits line.
 * A range that ends before the history starts or starts after now has no figure (nulls, no
 * zeros); `coverage` says where it stands against the history.
 */
import type {
  EquityPoint,
  NetFlowPoint,
  PerformanceSummary,
  RangeCoverage,
  RangeCoverageStatus,
} from "@mexc-live/contract";
import { type Decimal, fmt, ZERO } from "@mexc-live/protocol";
import { figureRead } from "../figureRead.js";
import type { RangeFlow } from "../journal/comparisons.js";
import { type Flow, timeWeightedReturn } from "../performance.js";
import { bridgeOf } from "./bridge.js";
import type { PortfolioModels, PortfolioQueries } from "./portfolioQueries.js";
import { endMark, endOf, type PerformanceRange, type Readings, snap } from "./readings.js";

export function performanceAnswer(readings: Readings, range: PerformanceRange): PerformanceSummary {
  const { portfolio, store } = readings.deps;
  const method = range.method ?? readings.deps.method;
  const now = readings.now();
  const quote = readings.quote;
  const { live, to } = endOf(range, now);
  const first = portfolio.historyStart();
  const historyStart = first === undefined ? undefined : snap(first);
  const coverage = (status: RangeCoverageStatus): RangeCoverage => ({
    status,
    historyStartsAt: historyStart ?? null,
  });
  const empty = (from: number, status: RangeCoverageStatus, end = to): PerformanceSummary => ({
    from,
    to: end,
    quote,
    startEquity: null,
    endEquity: null,
    netFlows: "0",
    twr: null,
    netDeposits: [],
    pnl: null,
    byAsset: [],
    bridge: null,
    unpriced: [],
    method,
    coverage: coverage(status),
  });
  if (range.from !== undefined && range.from > now) {
    return empty(snap(range.from), "future", range.to === undefined ? snap(range.from) : endMark(range.to));
  }
  if (historyStart === undefined) return empty(range.from ?? to, "noHistory");
  if (to <= historyStart) return empty(snap(range.from ?? to), "beforeHistory");
  const from = Math.min(to, Math.max(range.from === undefined ? historyStart : snap(range.from), historyStart));
  const start = readings.reading(from);
  const end = live ? readings.liveReading(now) : readings.reading(to);
  const result = bridgeOf(start, end, method);
  const excluded = new Set(result.unpriced);
  const flows = readings.flows(excluded).filter((flow): flow is Flow & RangeFlow => flow.value !== null);
  const inRange = flows.filter((flow) => flow.time >= from && flow.time < to);
  let cumulative = ZERO;
  const netDeposits: NetFlowPoint[] = [];
  for (const flow of flows) {
    if (flow.time >= to) break;
    cumulative = cumulative.plus(flow.value);
    netDeposits.push({ time: flow.time, value: fmt(cumulative) });
  }
  const startPoint: EquityPoint = { time: from, equity: result.bridge.startEquity, byAsset: {} };
  const endPoint: EquityPoint = { time: to, equity: result.bridge.endEquity, byAsset: {} };
  // The points measured live value every asset with a live price; the bridge leaves the unpriced
  // ones out, so the return is measured over the same assets (their values taken out).
  const measured = store.equity({ from: from + 1, to: to - 1 }).map((point) => without(point, excluded));
  return {
    from,
    to,
    quote,
    startEquity: result.bridge.startEquity,
    endEquity: result.bridge.endEquity,
    netFlows: result.netFlows,
    twr: timeWeightedReturn([startPoint, ...measured, endPoint], inRange, startPoint, endPoint),
    netDeposits,
    pnl: result.pnl,
    byAsset: result.byAsset,
    bridge: result.bridge,
    unpriced: result.unpriced,
    method,
    coverage: coverage(range.from !== undefined && snap(range.from) < historyStart ? "startsBeforeHistory" : "covered"),
  };
}

/** An equity point without the values of `assets` (a point that holds none of them is itself). */
function without(point: EquityPoint, assets: ReadonlySet<string>): EquityPoint {
  let equity: Decimal | undefined;
  for (const asset of assets) {
    const value = point.byAsset[asset];
    if (value !== undefined) equity = (equity ?? ZERO.plus(point.equity)).minus(value);
  }
  return equity === undefined ? point : { ...point, equity: fmt(equity) };
}

/**
 * Performance over `range` once the portfolio holds everything stored. Meanwhile money moved by
 * trades between what is valued and what waits on past prices is in no flow of the return (the
 * bridge counts it as a transfer): no return rather than a false one.
 */
export async function performanceOf(
  queries: PortfolioQueries,
  range: PerformanceRange = {},
): Promise<PerformanceSummary> {
  const { answer: summary, pending } = await queries.pendingAware(
    () => performanceAnswer(queries.readings, range),
    (summary) => summary.to,
  );
  return pending && (summary.unpriced ?? []).length > 0 ? { ...summary, pricesPending: true, twr: null } : summary;
}

export const performanceRead = figureRead("performance", {
  answer: ({ keeper }: PortfolioModels, query) => performanceOf(keeper.queries, query),
  noHistory: (query, quote) => ({
    from: query.from ?? 0,
    to: query.to ?? Date.now(),
    startEquity: null,
    endEquity: null,
    netFlows: "0",
    twr: null,
    netDeposits: [],
    method: query.method ?? "avg",
    quote,
    pnl: null,
    bridge: null,
    byAsset: [],
    unpriced: [],
    coverage: { historyStartsAt: null, status: "noHistory" },
  }),
});
