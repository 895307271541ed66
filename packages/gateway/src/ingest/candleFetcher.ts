/**
 * Fetches the candles the figures ask for (figures/pastPrices.ts's wanted list) from MEXC's public
 * GET /api/v3/klines and stores them (store/candles.ts), one request at a time through the REST
 * budget every account shares, and only once started: the gateway starts it after the first
 * account's live stream is up, so valuing the past never delays the present.
 *
 * Each request reads up to KLINES_PER_REQUEST candles of one symbol and interval from the window
 * holding the earliest wanted moment, forward (both ends sent: MEXC once ignored a startTime
 * alone, ccxt/ccxt#17483). What it answers is stored as asked: a window MEXC answered without a
 * candle at some moment means no candle there at that interval, not asked again (for good once
 * the window has settled, for a few minutes when it had only just closed: store/candles.ts). An answer
 * that refuses the symbol for good (not retryable: a pair MEXC no longer lists) counts the same;
 * a retryable failure waits RETRY_AFTER_MS and tries again.
 *
 * A read (an API answer that waits for its prices) asks through wantNow: its candles go before
 * the background's, and it makes at most KLINE_REQUESTS_PER_READ requests (candlePlan.ts). In the
 * REST budget these requests come after every other call, at most PRICE_LOOKUPS_PER_SECOND a
 * second (the client's weightBudget.ts).
 */
import { setTimeout as sleep } from "node:timers/promises";
import {
  isMexcApiError,
  type KlineInterval,
  klineWindowStart,
  REST_KLINE_INTERVALS,
  type RestKlineInterval,
} from "@mexc-live/protocol";
import type { RestKlineRow } from "@mexc-live/protocol/rest";
import { KLINES_PER_REQUEST, requestWindow } from "../figures/candlePlan.js";
import type { WantedCandle } from "../figures/pastPrices.js";
import type { Logger } from "../logging.js";
import type { CandleStore } from "../store/candles.js";

/** After a retryable failure (the client already retried), wait this long before the next try. */
const RETRY_AFTER_MS = 30_000;
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
  /** Reads waiting (wantNow): their candles go first; each resolves when none of its keys is queued. */
  private readonly waiters = new Set<{ readonly keys: Set<string>; readonly resolve: () => void }>();

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

  /**
   * Queues candles a read waits for ahead of the others (the figures' background valuing), and
   * resolves once each is fetched or known (or the fetcher closed).
   */
  wantNow(candles: readonly WantedCandle[]): Promise<void> {
    const keys = new Set(candles.map(keyOf));
    this.want(candles);
    return new Promise((resolve) => {
      this.waiters.add({ keys, resolve });
      this.settle();
    });
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
    this.settle();
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
        this.settle();
        continue;
      }
      const ok = await this.fetch(next);
      this.settle();
      if (!ok) {
        await sleep(this.deps.retryAfterMs ?? RETRY_AFTER_MS, undefined, { signal: this.abort.signal }).catch(() => {});
      }
    }
  }

  /**
   * The queued candle of the earliest moment (one request then covers the ones after it), of
   * those a read waits for if any.
   */
  private earliest(): WantedCandle {
    let best: WantedCandle | undefined;
    for (const waiter of this.waiters) {
      for (const key of waiter.keys) {
        const candle = this.queue.get(key);
        if (candle !== undefined && (best === undefined || candle.time < best.time)) best = candle;
      }
    }
    if (best !== undefined) return best;
    for (const candle of this.queue.values()) if (best === undefined || candle.time < best.time) best = candle;
    return best as WantedCandle;
  }

  /** Resolves the reads whose candles are all out of the queue (or all, once closed). */
  private settle(): void {
    for (const waiter of this.waiters) {
      for (const key of waiter.keys) if (!this.queue.has(key)) waiter.keys.delete(key);
      if (waiter.keys.size > 0 && !this.closed) continue;
      this.waiters.delete(waiter);
      waiter.resolve();
    }
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

function keyOf(candle: WantedCandle): string {
  const interval = REST_KLINE_INTERVALS[candle.interval] as KlineInterval;
  return `${candle.symbol}|${candle.interval}|${klineWindowStart(interval, candle.time)}`;
}
