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
import { DAY_MS, fmt } from "@mexc-live/protocol";
import { PastPrices, type WantedCandle } from "../derive/pastPrices.js";
import { equityOf } from "../derive/portfolio/bridge.js";
import type { CostMethod } from "../derive/portfolio/position.js";
import type { PriceBook } from "../derive/priceBook.js";
import type { Logger } from "../logging.js";
import type { CandleStore } from "../store/candles.js";
import type { GatewayStore } from "../store/index.js";
import type { CandleFetcher } from "./candleFetcher.js";
import { valuePendingFills } from "./fillValuer.js";
import { ANSWER_WAIT_MS, PortfolioQueries } from "./portfolioQueries.js";
import { PortfolioSync } from "./portfolioSync.js";

export interface AccountFiguresDeps {
  readonly store: GatewayStore;
  readonly book: PriceBook;
  readonly candles: CandleStore;
  readonly fetcher: CandleFetcher;
  readonly method: CostMethod;
  readonly logger: Logger;
  /** Fills were valued at the prices of their time: the figures by pair are rebuilt. */
  readonly onValued?: () => void;
  /** Candles arrived (openings valued at the market price of the history's start may have changed). */
  readonly onPricesArrived?: () => void;
  /** The estimated equity history was replaced: browsers reload the equity topic. */
  readonly onEquityHistory?: () => void;
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

  constructor(private readonly deps: AccountFiguresDeps) {
    const { store, book, candles, fetcher } = deps;
    this.now = deps.now ?? Date.now;
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
      onRecomputed: () => this.equityHistorySoon(),
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

  /** The markets are known and the stream is live: compute, value, fetch. */
  start(): void {
    this.started = true;
    this.valueFills();
    this.sync.start();
    this.balanceTimer = setInterval(() => this.sync.checkBalances(), BALANCE_CHECK_MS);
    this.balanceTimer.unref();
  }

  /** The store took something in (fills, transfers, an import, a backfill window). */
  stored(): void {
    if (this.started) this.valueFills();
    this.sync.poll();
  }

  /** Candles arrived: what waited on them is valued and recomputed. */
  pricesArrived(): void {
    if (!this.started) return;
    this.valueFills();
    this.sync.poll();
    this.sync.pricesArrived();
    this.deps.onPricesArrived?.();
    this.equityHistorySoon();
  }

  /** The user gave (or forgot) what an opening position cost: everything is recomputed. */
  openingsChanged(): void {
    this.sync.invalidate();
  }

  close(): void {
    clearTimeout(this.equityTimer);
    clearInterval(this.balanceTimer);
    this.sync.close();
  }

  /**
   * Equity for the days of the known history before the gateway measured any: each UTC day's end
   * valued from the portfolio then, at the candles' prices then. A day with a price still being
   * fetched is left out until it arrives; assets MEXC has no candle for are left out of the value,
   * as the live equity leaves out what has no price. Returns the points stored.
   */
  async rebuildEquityHistory(): Promise<number> {
    await this.sync.ready();
    const first = this.sync.historyStart();
    if (first === undefined) return 0;
    const until = this.deps.store.firstMeasuredEquityTime() ?? this.now();
    const points: EquityPoint[] = [];
    let waiting = false;
    for (let end = Math.floor(first / DAY_MS) * DAY_MS + DAY_MS; end < until; end += DAY_MS) {
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
        time: end - 1,
        equity: fmt(equity),
        byAsset: Object.fromEntries([...byAsset].map(([asset, value]) => [asset, fmt(value)])),
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

  private valueFills(): void {
    for (;;) {
      const round = valuePendingFills(this.deps.store, this.prices, (symbol) => this.deps.book.marketOf(symbol));
      this.deps.fetcher.want(this.prices.takeWanted());
      if (round.valued > 0) this.deps.onValued?.();
      if (round.valued === 0 || round.waiting > 0) return;
    }
  }

  /** Asks for these candles now and waits for them, at most ANSWER_WAIT_MS. */
  private async fetchNow(wanted: readonly WantedCandle[]): Promise<void> {
    this.deps.fetcher.want(wanted);
    await Promise.race([this.deps.fetcher.idle(), sleep(ANSWER_WAIT_MS, undefined, { ref: false })]);
  }
}

/** The head is compared with the balances this often (a disagreement counts when two checks see it). */
const BALANCE_CHECK_MS = 5_000;
/** The estimated equity waits this long after a change, so a burst of them rebuilds it once. */
const EQUITY_HISTORY_DELAY_MS = 1_000;
