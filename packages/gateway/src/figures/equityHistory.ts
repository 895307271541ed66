/**
 * The estimated equity of the days of the known history before the gateway measured any (the
 * keeper's to rebuild, keeper.ts): each UTC day's end valued from the portfolio then, at the
 * candles' prices then, and each hour's end in the last day before it (estimateTimes).
 */
import type { EquityPoint } from "@mexc-live/contract";
import { DAY_MS, fixedText, HOUR_MS } from "@mexc-live/protocol";
import type { GatewayStore } from "../store/index.js";
import type { PastPrices, WantedCandle } from "./pastPrices.js";
import { equityOf } from "./portfolio/bridge.js";
import type { PortfolioView } from "./portfolio/readings.js";
import { SLICE_MS, Slicer } from "./sliceBudget.js";

export interface EquityHistoryDeps {
  readonly store: GatewayStore;
  readonly portfolio: PortfolioView;
  readonly prices: PastPrices;
  /** Candles to fetch in the background. */
  readonly want: (candles: readonly WantedCandle[]) => void;
  readonly now: () => number;
  /** The keeper closed: the walk stops between two slices. */
  readonly closed: () => boolean;
}

/**
 * Stores the estimated equity: a moment with a price still being fetched is left out until it
 * arrives; assets MEXC has no candle for are left out of the value, as the live equity leaves out
 * what has no price. Returns the points stored and whether a moment waits on a price; undefined
 * when nothing was stored (no history, the keeper closed, or a pass began meanwhile).
 */
export async function rebuildEquityHistory(
  deps: EquityHistoryDeps,
): Promise<{ readonly points: number; readonly waiting: boolean } | undefined> {
  const { store, portfolio, prices } = deps;
  await portfolio.ready();
  // A pass that begins during the walk rewrites the days it reads: the walk stops (the pass's end
  // asks for another), never storing days of two histories.
  const settled = portfolio.settledAt();
  if (settled === undefined) return undefined;
  const first = portfolio.historyStart();
  if (first === undefined) return undefined;
  const until = store.firstMeasuredEquityTime() ?? deps.now();
  const points: EquityPoint[] = [];
  let waiting = false;
  // A day is a query and a valuation per asset: a year of them in one go held the event loop.
  const slicer = new Slicer(SLICE_MS, 1);
  for (const end of estimateTimes(first, until)) {
    if (slicer.up()) {
      await slicer.pause();
      if (deps.closed() || portfolio.settledAt() !== settled) return undefined;
    }
    const totals = portfolio.totalsAt(end);
    const { equity, byAsset } = equityOf({ time: end, totals, price: (asset) => prices.priceOf(asset, end - 1) });
    const wanted = prices.takeWanted();
    if (wanted.length > 0) {
      deps.want(wanted);
      waiting = true;
      continue;
    }
    points.push({
      // A day's end is its last instant (a point of that day); an hour's, the hour itself (the
      // chart's time axis reads 02:00, not 01:59).
      time: end % DAY_MS === 0 ? end - 1 : end,
      equity: fixedText(equity),
      byAsset: Object.fromEntries([...byAsset].map(([asset, value]) => [asset, fixedText(value)])),
      estimated: true,
    });
  }
  store.replaceEstimatedEquity(points);
  return { points: points.length, waiting };
}

/** The last stretch before the first live point estimated hour by hour (a day: any zone's "today"). */
const ESTIMATE_HOURLY_MS = DAY_MS;

/**
 * The moments the estimated equity is worked out at, oldest first, all after `first` and before
 * `until` (the first equity measured live, or now): each UTC day's end, and in the last
 * ESTIMATE_HOURLY_MS before `until` each hour's end, so a range of today drawn on a fresh start
 * follows the day's path instead of one straight line from its midnight to the first live point.
 * At most the history's days plus 24.
 */
export function estimateTimes(first: number, until: number): number[] {
  const hourlyFrom = Math.ceil((until - ESTIMATE_HOURLY_MS) / HOUR_MS) * HOUR_MS;
  const times: number[] = [];
  for (let end = Math.floor(first / DAY_MS) * DAY_MS + DAY_MS; end < until && end < hourlyFrom; end += DAY_MS) {
    times.push(end);
  }
  for (let end = Math.max(hourlyFrom, Math.floor(first / HOUR_MS) * HOUR_MS + HOUR_MS); end < until; end += HOUR_MS) {
    times.push(end);
  }
  return times;
}
