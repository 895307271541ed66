/**
 * One account's figures that must add up, and what keeps them current:
 *
 *   prices     the market price of any moment (MEXC's candles, shared by every account; the live
 *              book for now)
 *   valuer     fills that arrived late valued at the prices of their time (fillValuer.ts)
 *   sync       the portfolio and its marks (portfolioSync.ts)
 *   queries    performance, PnL by asset, fee series, PnL by period (portfolioQueries.ts)
 *   equity     the estimated equity of the days before the gateway measured any, from the same
 *              portfolio and prices
 *
 * The collector tells it when the store took something in (`stored`), when candles arrived
 * (`pricesArrived`) and when the markets are known and the stream is live (`start`).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { EquityPoint } from "@mexc-live/contract";
import { DAY_MS, fixedText, HOUR_MS } from "@mexc-live/protocol";
import type { Logger } from "../logging.js";
import type { GatewayStore } from "../store/index.js";
import { valuePendingFills } from "./fillValuer.js";
import type { CostMethod } from "./index.js";
import { Passes } from "./passes.js";
import { type CandleSource, PastPrices, type WantedCandle } from "./pastPrices.js";
import { equityOf } from "./portfolio/bridge.js";
import { ANSWER_WAIT_MS, PortfolioQueries } from "./portfolio/portfolioQueries.js";
import { PortfolioSync } from "./portfolio/portfolioSync.js";
import type { PriceBook } from "./priceBook.js";
import { nextTurn, SLICE_MS, Slicer } from "./sliceBudget.js";

/** Fetches the candles the figures want (ingest/candleFetcher.ts, MEXC's klines). */
interface CandleWants {
  /** In the background, behind every other REST call. */
  want(candles: readonly WantedCandle[]): void;
  /** Ahead of the background's: resolves when fetched or given up. */
  wantNow(candles: readonly WantedCandle[]): Promise<void>;
}

export interface AccountFiguresDeps {
  readonly store: GatewayStore;
  readonly book: PriceBook;
  /** The market's past prices (the candle store, shared by every account). */
  readonly candles: CandleSource;
  readonly fetcher: CandleWants;
  readonly method: CostMethod;
  readonly logger: Logger;
  /** Fills were valued at the prices of their time: the figures by pair are rebuilt. */
  readonly onValued?: () => void;
  /** Candles arrived (openings valued at the market price of the history's start may have changed). */
  readonly onPricesArrived?: () => void;
  /** The estimated equity history was replaced: browsers reload the equity topic. */
  readonly onEquityHistory?: () => void;
  /** The portfolio was recomputed: its figures of now (equityMoment) are known again. */
  readonly onRecomputed?: () => void;
  readonly now?: () => number;
}

export class AccountFigures {
  readonly prices: PastPrices;
  readonly sync: PortfolioSync;
  readonly queries: PortfolioQueries;
  private readonly now: () => number;
  private started = false;
  private equityTimer: NodeJS.Timeout | undefined;
  private balanceTimer: NodeJS.Timeout | undefined;
  /** Valuation runs (a batch per turn of the event loop), one at a time; one asked for meanwhile goes round once more. */
  private readonly valuing: Passes;
  private closed = false;
  /** Holds in force (an import writing) and what they kept back. */
  private holds = 0;
  private missed = { stored: false, prices: false };

  constructor(private readonly deps: AccountFiguresDeps) {
    const { store, book, candles, fetcher } = deps;
    this.now = deps.now ?? Date.now;
    this.valuing = new Passes(
      () => this.valueRounds(),
      (error) => this.deps.logger.error({ err: error }, "valuing fills at their time failed"),
    );
    this.prices = new PastPrices({
      quote: book.quote,
      markets: book,
      candles,
      live: (asset) => book.priceOf(asset),
      now: this.now,
    });
    this.sync = new PortfolioSync({
      store,
      prices: this.prices,
      book,
      logger: deps.logger.child({ component: "portfolio" }),
      onWanted: (wanted) => fetcher.want(wanted),
      onRecomputed: () => {
        this.equityHistorySoon();
        this.deps.onRecomputed?.();
      },
    });
    this.queries = new PortfolioQueries({
      sync: this.sync,
      prices: this.prices,
      book,
      store,
      method: deps.method,
      now: this.now,
      fetchNow: (wanted) => this.fetchNow(wanted),
    });
  }

  /**
   * An equity point is measured at `time`: from now on the figures of "now" are valued at the
   * prices it used (PortfolioQueries.markMoment, issue 40 item 4), and this gives the unrealized
   * PnL of what is held at them (PortfolioQueries.unrealizedNow); undefined while the portfolio
   * does not hold everything stored (being recomputed, or held by an import), or while what it
   * cannot value waits on past prices being fetched: then it is not known now, and no older figure
   * stands in for it. null only when something held has no price or no known cost for good.
   */
  equityMoment(time: number): string | null | undefined {
    this.queries.markMoment(time);
    if (this.holds > 0 || !this.sync.isCurrent()) return undefined;
    const unrealized = this.queries.unrealizedNow();
    return unrealized === null && this.queries.pricesPendingBefore(time) ? undefined : unrealized;
  }

  /**
   * What the figures are still taking in, in words (Health.figures, collector.ts): fills waiting
   * to be valued at the prices of their time, an import being written, the portfolio being worked
   * out again, past prices still being fetched. Empty when they hold everything stored (and
   * before start: the history's own progress says why then).
   */
  updating(now = this.now()): string[] {
    if (!this.started || this.closed) return [];
    const out: string[] = [];
    const pending = this.deps.store.pendingValuationCount();
    if (pending > 0) out.push(`valuing ${pending} ${pending === 1 ? "fill" : "fills"} at the prices of their time`);
    if (this.holds > 0) out.push("taking in an import");
    else if (!this.sync.isCurrent()) out.push("working out PnL by asset again");
    else if (this.sync.pricesPendingBefore(now)) out.push("waiting on past prices from MEXC");
    return out;
  }

  /** The markets are known and the stream is live: compute, value, fetch. */
  start(): void {
    this.started = true;
    this.valueFills();
    this.sync.start();
    // An import half stored is not a disagreement with the balances: no check while one writes.
    this.balanceTimer = setInterval(() => this.holds === 0 && this.sync.checkBalances(), BALANCE_CHECK_MS);
    this.balanceTimer.unref();
  }

  /** The store took something in (fills, transfers, an import, a backfill window). */
  stored(): void {
    if (this.holds > 0) {
      this.missed.stored = true;
      return;
    }
    if (this.started) this.valueFills();
    this.sync.poll();
  }

  /** Candles arrived: what waited on them is valued and recomputed. */
  pricesArrived(): void {
    if (!this.started) return;
    if (this.holds > 0) {
      this.missed.prices = true;
      return;
    }
    this.valueFills();
    this.sync.poll();
    this.sync.pricesArrived();
    this.deps.onPricesArrived?.();
    this.equityHistorySoon();
  }

  /**
   * Holds valuation and the portfolio's recompute until the returned release is called: an import
   * storing fills slice by slice is taken in once, after its last slice, not once per slice (a
   * 300,000-row file recomputed the portfolio from scratch again and again while it was stored).
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds > 0) return;
      const missed = this.missed;
      this.missed = { stored: false, prices: false };
      if (missed.stored) this.stored();
      if (missed.prices) this.pricesArrived();
    };
  }

  /** The user gave (or forgot) what an opening position cost: everything is recomputed. */
  openingsChanged(): void {
    this.sync.invalidate();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.equityTimer);
    clearInterval(this.balanceTimer);
    this.valuing.close();
    this.sync.close();
  }

  /**
   * Equity for the days of the known history before the gateway measured any: each UTC day's end
   * valued from the portfolio then, at the candles' prices then, and each hour's end in the last
   * day before it (estimateTimes). A moment with a price still being fetched is left out until it
   * arrives; assets MEXC has no candle for are left out of the value, as the live equity leaves
   * out what has no price. Returns the points stored.
   */
  async rebuildEquityHistory(): Promise<number> {
    await this.sync.ready();
    const first = this.sync.historyStart();
    if (first === undefined) return 0;
    const until = this.deps.store.firstMeasuredEquityTime() ?? this.now();
    const points: EquityPoint[] = [];
    let waiting = false;
    // A day is a query and a valuation per asset: a year of them in one go held the event loop.
    const slicer = new Slicer(SLICE_MS, 1);
    for (const end of estimateTimes(first, until)) {
      if (slicer.up()) {
        await slicer.pause();
        if (this.closed) return 0;
      }
      const totals = this.sync.totalsAt(end);
      const { equity, byAsset } = equityOf({
        time: end,
        totals,
        price: (asset) => this.prices.priceOf(asset, end - 1),
      });
      const wanted = this.prices.takeWanted();
      if (wanted.length > 0) {
        this.deps.fetcher.want(wanted);
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
    this.deps.store.replaceEstimatedEquity(points);
    if (!waiting || points.length > 0) this.deps.onEquityHistory?.();
    return points.length;
  }

  private equityHistorySoon(): void {
    if (this.equityTimer !== undefined) return;
    this.equityTimer = setTimeout(() => {
      this.equityTimer = undefined;
      this.rebuildEquityHistory().catch((error: unknown) =>
        this.deps.logger.error({ err: error }, "estimated equity history failed"),
      );
    }, EQUITY_HISTORY_DELAY_MS);
    this.equityTimer.unref();
  }

  /** Values what waits for it; a run already under way goes round once more instead. */
  private valueFills(): void {
    void this.valuing.request();
  }

  /**
   * A batch (VALUATION_BATCH) per turn of the event loop until none is left or one waits on a
   * candle; the first batch at once. The rebuild is asked for once, at the end.
   */
  private async valueRounds(): Promise<void> {
    let valued = 0;
    while (!this.closed) {
      const round = valuePendingFills(this.deps.store, this.prices, (symbol) => this.deps.book.marketOf(symbol));
      this.deps.fetcher.want(this.prices.takeWanted());
      valued += round.valued;
      if (round.valued === 0 || round.waiting > 0) break;
      await nextTurn();
    }
    if (valued > 0 && !this.closed) this.deps.onValued?.();
  }

  /** Asks for these candles ahead of the background's and waits for them, at most ANSWER_WAIT_MS. */
  private async fetchNow(wanted: readonly WantedCandle[]): Promise<void> {
    await Promise.race([this.deps.fetcher.wantNow(wanted), sleep(ANSWER_WAIT_MS, undefined, { ref: false })]);
  }
}

/** The head is compared with the balances this often (a disagreement counts when two checks see it). */
const BALANCE_CHECK_MS = 5_000;
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

/** The estimated equity waits this long after a change, so a burst of them rebuilds it once. */
const EQUITY_HISTORY_DELAY_MS = 1_000;
