/**
 * The plan of a read's kline requests (issue 37: one year's PnL by day made 2,339 of them): the
 * moments it needs, grouped per symbol and interval into as few windows as MEXC's page size
 * allows, exactly as candleFetcher.ts sends them, and at most KLINE_REQUESTS_PER_READ of them over
 * all its rounds (ReadPlan). What does not fit stays unpriced in that answer, and the next read
 * goes on from there.
 */
import {
  type KlineInterval,
  klineWindowEnd,
  klineWindowStart,
  REST_KLINE_INTERVALS,
  type RestKlineInterval,
} from "@mexc-live/protocol";
import type { WantedCandle } from "./pastPrices.js";

/** MEXC's most candles per request (docs: default 500, max 1000). */
export const KLINES_PER_REQUEST = 1000;
/**
 * The most kline requests one read may cause, all its rounds together: what the REST budget lets
 * price lookups send (PRICE_LOOKUPS_PER_SECOND, 5 a second) in the 8 s a read waits for its
 * candles (portfolioQueries.ts, ANSWER_WAIT_MS). A year by day of one symbol needs 1 (its days)
 * and, when MEXC has none, 1 more each for its weeks and months.
 */
export const KLINE_REQUESTS_PER_READ = 40;

/** One request of a plan: the candles of `interval` in [start, end), and the wanted candles it answers. */
interface PlannedRequest {
  readonly symbol: string;
  readonly interval: RestKlineInterval;
  readonly start: number;
  readonly end: number;
  readonly answers: readonly WantedCandle[];
}

/**
 * The window one request reads for `wanted`: from the window holding its moment, up to
 * KLINES_PER_REQUEST candles forward, closed ones only (end <= start: none closed yet).
 */
export function requestWindow(wanted: WantedCandle, now: number): { start: number; end: number } {
  const interval = REST_KLINE_INTERVALS[wanted.interval] as KlineInterval;
  const start = klineWindowStart(interval, wanted.time);
  let end = start;
  for (let i = 0; i < KLINES_PER_REQUEST && klineWindowEnd(interval, end) <= now; i++) {
    end = klineWindowEnd(interval, end);
  }
  return { start, end };
}

/**
 * The requests the fetcher makes for `wanted` (it reads from the earliest waiting moment forward):
 * per symbol and interval, the earliest moment's window and every later moment inside it, then
 * the next. Earliest first. A moment whose candle has not closed needs no request (end <= start).
 */
export function planRequests(wanted: readonly WantedCandle[], now: number): PlannedRequest[] {
  const bySeries = new Map<string, WantedCandle[]>();
  for (const candle of wanted) {
    const series = `${candle.symbol}|${candle.interval}`;
    const list = bySeries.get(series);
    if (list === undefined) bySeries.set(series, [candle]);
    else list.push(candle);
  }
  const plan: PlannedRequest[] = [];
  for (const list of bySeries.values()) {
    list.sort((a, b) => a.time - b.time);
    let current: { start: number; end: number; answers: WantedCandle[] } | undefined;
    for (const candle of list) {
      if (current !== undefined && candle.time < current.end) {
        current.answers.push(candle);
        continue;
      }
      current = { ...requestWindow(candle, now), answers: [candle] };
      plan.push({ symbol: candle.symbol, interval: candle.interval, ...current, answers: current.answers });
    }
  }
  return plan.sort((a, b) => a.start - b.start);
}

/** One read's share of kline requests (KLINE_REQUESTS_PER_READ), spent over its rounds. */
export class ReadPlan {
  private left = KLINE_REQUESTS_PER_READ;

  constructor(private readonly now: () => number) {}

  /** Of `wanted`, those whose requests still fit the read's share, earliest first; the rest stays unpriced for now. */
  admit(wanted: readonly WantedCandle[]): WantedCandle[] {
    const admitted: WantedCandle[] = [];
    for (const request of planRequests(wanted, this.now())) {
      const costs = request.end > request.start ? 1 : 0;
      if (costs > this.left) continue;
      this.left -= costs;
      admitted.push(...request.answers);
    }
    return admitted;
  }
}
