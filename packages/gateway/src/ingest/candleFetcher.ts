/**
 * Fetches the candles the figures ask for (derive/pastPrices.ts's wanted list) from MEXC's public
 * GET /api/v3/klines and stores them (store/candles.ts), one request at a time through the REST
 * budget every account shares, and only once started: the gateway starts it after the first
 * account's live stream is up, so valuing the past never delays the present.
 *
 * Each request reads up to KLINES_PER_REQUEST candles of one symbol and interval from the window
 * holding the earliest wanted moment, forward (both ends sent: MEXC once ignored a startTime
 * alone, ccxt/ccxt#17483). What it answers is stored as asked: a window MEXC answered without a
 * candle at some moment means no candle there at that interval, never asked again. An answer
 * that refuses the symbol for good (not retryable: a pair MEXC no longer lists) counts the same;
 * a retryable failure waits RETRY_AFTER_MS and tries again.
 *
 * A read (an API answer that waits for its prices) plans its requests (planRequests: moments
 * grouped per symbol and interval into as few windows as the page size allows) and makes at most
 * KLINE_REQUESTS_PER_READ of them over all its rounds (ReadPlan); what does not fit stays unpriced
 * for now, and the next read goes on from there. In the REST budget these requests come after
 * every other call, at most PRICE_LOOKUPS_PER_SECOND a second (client's weightBudget.ts).
 */
import { setTimeout as sleep } from "node:timers/promises";
import {
  isMexcApiError,
  type KlineInterval,
  klineWindowEnd,
  klineWindowStart,
  REST_KLINE_INTERVALS,
  type RestKlineInterval,
} from "@mexc-live/protocol";
import type { RestKlineRow } from "@mexc-live/protocol/rest";
import type { WantedCandle } from "../derive/pastPrices.js";
import type { Logger } from "../logging.js";
import type { CandleStore } from "../store/candles.js";

/** MEXC's most candles per request (docs: default 500, max 1000). */
const KLINES_PER_REQUEST = 1000;
/** After a retryable failure (the client already retried), wait this long before the next try. */
const RETRY_AFTER_MS = 30_000;
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

export interface CandleFetcherDeps {
  readonly klines: (
    symbol: string,
    interval: RestKlineInterval,
    range: { startTime: number; endTime: number; limit: number },
  ) => Promise<RestKlineRow[]>;
  readonly store: CandleStore;
  readonly logger: Logger;
  /** MEXC's time now (ms): only closed candles are kept. */
  readonly now?: () => number;
  /** Candles were stored (new answers to questions asked before). */
  readonly onStored?: () => void;
  readonly retryAfterMs?: number;
}

export class CandleFetcher {
  private readonly queue = new Map<string, WantedCandle>();
  private running = false;
  private started = false;
  private closed = false;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private fetched = 0;
  private failures = 0;
  private readonly now: () => number;

  constructor(private readonly deps: CandleFetcherDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Queues candles to fetch (a candle already queued or stored is skipped). */
  want(candles: readonly WantedCandle[]): void {
    for (const candle of candles) {
      const key = keyOf(candle);
      if (!this.queue.has(key)) this.queue.set(key, candle);
    }
    this.kick();
  }

  /** Starts fetching (after the live stream is up). */
  start(): void {
    this.started = true;
    this.kick();
  }

  /** Requests made, failures, and candles waiting. */
  stats(): { readonly requests: number; readonly failures: number; readonly waiting: number } {
    return { requests: this.fetched, failures: this.failures, waiting: this.queue.size };
  }

  /** Resolves once nothing is waiting (or the fetcher closed). */
  async idle(): Promise<void> {
    while (this.loop !== undefined) await this.loop;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    await this.loop?.catch(() => {});
  }

  private kick(): void {
    if (!this.started || this.running || this.closed || this.queue.size === 0) return;
    this.running = true;
    this.loop = this.drain().finally(() => {
      this.running = false;
      this.loop = undefined;
      this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (!this.closed && this.queue.size > 0) {
      const next = this.earliest();
      if (this.deps.store.at(next.symbol, next.interval, next.time).kind !== "unknown") {
        this.queue.delete(keyOf(next));
        continue;
      }
      const ok = await this.fetch(next);
      if (!ok) {
        await sleep(this.deps.retryAfterMs ?? RETRY_AFTER_MS, undefined, { signal: this.abort.signal }).catch(() => {});
      }
    }
  }

  /** The queued candle of the earliest moment (one request then covers the ones after it). */
  private earliest(): WantedCandle {
    let best: WantedCandle | undefined;
    for (const candle of this.queue.values()) if (best === undefined || candle.time < best.time) best = candle;
    return best as WantedCandle;
  }

  private async fetch(wanted: WantedCandle): Promise<boolean> {
    const { start, end } = requestWindow(wanted, this.now());
    if (end <= start) {
      // Not closed yet: nothing to store; the live price stands in for it.
      this.queue.delete(keyOf(wanted));
      return true;
    }
    try {
      this.fetched++;
      const rows = await this.deps.klines(wanted.symbol, wanted.interval, {
        startTime: start,
        endTime: end - 1,
        limit: KLINES_PER_REQUEST,
      });
      // A full page may stop short of `end`: only what it reached is asked.
      const last = rows[rows.length - 1];
      const covered = rows.length >= KLINES_PER_REQUEST && last !== undefined ? Math.min(end, last[6]) : end;
      const added = this.deps.store.put(wanted.symbol, wanted.interval, rows, { start, end: covered });
      this.deps.logger.debug(
        { symbol: wanted.symbol, interval: wanted.interval, start, end: covered, added },
        "candles stored",
      );
      this.deps.onStored?.();
      return true;
    } catch (error) {
      if (this.closed) return true;
      if (isMexcApiError(error) && error.class === "not_retryable") {
        // MEXC refuses the symbol itself (no longer listed, say): no candle will ever come.
        this.deps.store.put(wanted.symbol, wanted.interval, [], { start, end });
        this.deps.logger.info({ symbol: wanted.symbol, err: error.message }, "no candles for this symbol");
        this.deps.onStored?.();
        return true;
      }
      this.failures++;
      this.deps.logger.warn(
        { symbol: wanted.symbol, err: (error as Error).message },
        "candles not fetched; retrying later",
      );
      return false;
    }
  }
}

/**
 * The window one request reads for `wanted`: from the window holding its moment, up to
 * KLINES_PER_REQUEST candles forward, closed ones only (end <= start: none closed yet).
 */
function requestWindow(wanted: WantedCandle, now: number): { start: number; end: number } {
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

function keyOf(candle: WantedCandle): string {
  const interval = REST_KLINE_INTERVALS[candle.interval] as KlineInterval;
  return `${candle.symbol}|${candle.interval}|${klineWindowStart(interval, candle.time)}`;
}
