/**
 * What every answer over the portfolio reads (performanceAnswer.ts, periodsAnswer.ts,
 * feeDaysAnswer.ts, assetPnlAnswer.ts, comparisonsAnswer.ts): the portfolio at a mark at the
 * prices of that moment, the portfolio now at the prices of now, the money that moved in and out,
 * and the candles an answer waits for. One home, so two answers of one moment read the same.
 *
 * A range's ends are moved to the portfolio's marks (15-minute boundaries, every time zone's day
 * starts on one), and never before the history starts; its end is "now" (live) when it is within
 * FRESH_MS of now. `to` is the range's last instant, included (a day asked as its next midnight
 * - 1 ms ends at that midnight, not at 23:45): the end mark is the last one at or before `to + 1`.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { UnplacedPair } from "@mexc-live/contract";
import { type Decimal, type Fixed, fixedText, ONE, REST_KLINE_INTERVALS, roundFigure, ZERO } from "@mexc-live/protocol";
import type { GatewayStore } from "../../store/index.js";
import { ReadPlan } from "../candlePlan.js";
import type { CostMethod } from "../engine/lots.js";
import type { RangeFlow } from "../journal/comparisons.js";
import type { HistoryBound } from "../ledger/ledgerCursor.js";
import type { Leg } from "../ledger/legs.js";
import { FRESH_MS, type PastPrices, type WantedCandle } from "../pastPrices.js";
import type { PriceBook } from "../priceBook.js";
import { type Reading, valueAt } from "./bridge.js";
import type { AssetTotals } from "./portfolio.js";
import { BUCKET_MS } from "./portfolioModel.js";

/** How long an answer waits for candles it needs that were not fetched yet. */
export const ANSWER_WAIT_MS = 8_000;
/**
 * Times an answer waits for the portfolio to be current (Readings.current) before it answers
 * anyway: each wait is a whole pass, and a pass beginning between the end of one and the answer is
 * rare (a fill stored in that turn).
 */
const CURRENT_ROUNDS = 3;
/** A read's rounds of candle fetching at most: one per REST kline interval, the longest walk of the lookup rule (figures/pastPrices.ts). */
const CANDLE_ROUNDS_PER_READ = Object.keys(REST_KLINE_INTERVALS).length;

/**
 * How long the prices of the account's last equity point stand for "now" (issue 40 item 4): the
 * points come every few seconds and after each fill; a moment older than this (the points
 * stopped: a refused key, the balances not known) gives way to the live prices.
 */
export const MOMENT_MS = FRESH_MS;

/**
 * The portfolio by asset as its answers read it: what the keeper (keeper.ts) holds, its head and
 * its marks, once it holds everything stored.
 */
export interface PortfolioView {
  /** Resolves once the portfolio holds everything stored so far. */
  ready(): Promise<void>;
  /**
   * The passes ended so far, while none is under way; undefined while one is (the rows of the days
   * before are being written again, and the head is the old history's until it ends): readings
   * made under one mark read one history.
   */
  settledAt(): number | undefined;
  /** When the known history starts (undefined without any history). */
  historyStart(): number | undefined;
  /** Every asset's totals at `time`, a bucket boundary (after ready()). */
  totalsAt(time: number): ReadonlyMap<string, AssetTotals>;
  /** Every asset's totals now. */
  headTotals(): Map<string, AssetTotals>;
  /** Whether a leg before `time` is unpriced only for now: its past price is still being fetched. */
  pricesPendingBefore(time: number): boolean;
  /** The ledger from the start up to `until` (the tax report's walk). */
  history(until: HistoryBound): LedgerHistory;
}

/** The ledger walked for the tax report, and the pairs it left out (read once it is walked). */
export interface LedgerHistory {
  readonly events: Iterable<Leg>;
  /** The pairs whose fills the walk could not place so far, each with its fills and why. */
  unplaced(): UnplacedPair[];
}

export interface ReadingsDeps {
  readonly portfolio: PortfolioView;
  readonly prices: PastPrices;
  readonly book: PriceBook;
  readonly store: GatewayStore;
  /** The --cost-basis setting. */
  readonly method: CostMethod;
  /** Fetches these candles now (the fetcher's want, then its idle); resolves when done or given up. */
  readonly fetchNow?: (candles: readonly WantedCandle[]) => Promise<void>;
  readonly now?: () => number;
}

/** A range asked of an answer: its first and last instant (ms), and the cost method. */
export interface PerformanceRange {
  readonly from?: number;
  readonly to?: number;
  readonly method?: CostMethod;
}

/** The prices of one moment: those the account's latest equity point was measured at. */
interface PriceMoment {
  readonly time: number;
  readonly prices: ReadonlyMap<string, Decimal | null>;
}

export class Readings {
  readonly now: () => number;
  private moment: PriceMoment | undefined;

  constructor(readonly deps: ReadingsDeps) {
    this.now = deps.now ?? Date.now;
  }

  get quote(): string {
    return this.deps.prices.quote;
  }

  /**
   * The portfolio at a mark (everything before `time`), at the prices of that moment: the close of
   * the candle that ends there, the one holding its last millisecond.
   */
  reading(time: number): Reading {
    // Each asset priced once: a reading bounds two periods, and its unrealized is read too.
    const prices = new Map<string, Decimal | null>();
    const price = (asset: string) => {
      let found = prices.get(asset);
      if (found === undefined && !prices.has(asset)) {
        found = this.deps.prices.priceOf(asset, time - 1);
        prices.set(asset, found);
      }
      return found ?? null;
    };
    return { time, totals: this.deps.portfolio.totalsAt(time), price };
  }

  /** The portfolio now, at the live prices. */
  liveReading(now: number): Reading {
    return { time: now, totals: this.deps.portfolio.headTotals(), price: (asset) => this.livePrice(asset) };
  }

  /**
   * "Now" is this moment from here on (issue 40 item 4: one moment on one screen): every figure of
   * now (the end of a range that ends now, PnL by asset, the period that ends now) values what is
   * held at the prices of `time`, the ones the equity point just measured used (the same book,
   * read in the same turn of the event loop), until the next moment, or MOMENT_MS without one.
   * An asset first held after the moment takes its live price.
   */
  markMoment(time: number): void {
    const prices = new Map<string, Decimal | null>();
    // Before the book's first prices, a price it lacks is not known yet: not held for the moment.
    const awaiting = this.deps.book.awaitingPrices;
    for (const asset of this.deps.portfolio.headTotals().keys()) {
      const price = this.bookPrice(asset);
      if (price !== null || !awaiting) prices.set(asset, price);
    }
    this.moment = { time, prices };
  }

  /** The price of "now": the moment's (markMoment) while it stands, else the book's. */
  livePrice(asset: string): Decimal | null {
    const moment = this.moment;
    if (moment !== undefined && this.now() - moment.time <= MOMENT_MS) {
      const price = moment.prices.get(asset);
      if (price !== undefined) return price;
    }
    return this.bookPrice(asset);
  }

  /**
   * Whether something before `time` waits on past prices still being fetched: an event the
   * portfolio values later (a deposit: its price still coming), or a fill stored late (the
   * backfill, an import) still to be valued at the prices of its time (fillValuer.ts), or, for a
   * time of now (within FRESH_MS), the live prices themselves before the book's first ones are in;
   * or on the history itself while the first backfill reads it, newest first (what is held has no
   * known cost until the buys before it are read): an asset left out then is left out for now, not
   * for good (local CI #79 showed a fresh demo's PnL by day leaving BTC, ETH and MX out "for good"
   * while it read the month).
   */
  pricesPendingBefore(time: number): boolean {
    return (
      this.deps.portfolio.pricesPendingBefore(time) ||
      (this.deps.store.firstPendingValuation() ?? Number.POSITIVE_INFINITY) < time ||
      (this.deps.book.awaitingPrices && time >= this.now() - FRESH_MS) ||
      this.deps.store.historyBeingRead()
    );
  }

  /**
   * Every completed deposit, withdrawal and transfer as signed money, valued like the portfolio
   * values it (amount, with the fee of what left, at its market price; null: unpriced), with the
   * signed quantity moved, oldest first; those of assets left out of the answer are left out here too.
   */
  flows(excluded: ReadonlySet<string>): RangeFlow[] {
    const out: RangeFlow[] = [];
    for (const transfer of this.deps.store.allTransfers()) {
      if (transfer.status !== "completed" || (transfer.type as string) === "conversion") continue;
      if (excluded.has(transfer.asset)) continue;
      const price = this.deps.prices.priceOf(transfer.asset, transfer.time);
      const moved =
        transfer.direction === "in" ? ZERO.plus(transfer.amount) : ZERO.plus(transfer.amount).plus(transfer.fee);
      const quantity = transfer.direction === "in" ? moved : moved.times(-1);
      const value = price === null ? null : roundFigure(quantity.times(price));
      out.push({ time: transfer.time, asset: transfer.asset, quantity, value });
    }
    return out.sort((a, b) => a.time - b.time);
  }

  /**
   * Runs `answer`; while it needs candles not fetched yet, fetches them and runs it again: a round
   * per interval the lookup rule may walk (a moment is asked one interval at a time), within the
   * read's share of requests (candleFetcher.ts, ReadPlan) and ANSWER_WAIT_MS in all. What is not
   * fetched by then is unpriced in this answer, and `onPending` is called: the answer's last run
   * still wanted candles, or met a price that comes with no candle fetched (pastPrices.ts: a
   * window about to close).
   */
  async withCandles<T>(answer: () => T, onPending?: () => void): Promise<T> {
    const prices = this.deps.prices;
    // A lookup pending with nothing to fetch (pastPrices.ts: a window about to close) counts too.
    let forNow = prices.forNowAnswers;
    let result = await this.current(answer);
    const fetchNow = this.deps.fetchNow;
    const plan = new ReadPlan(this.now);
    const until = performance.now() + ANSWER_WAIT_MS;
    let wantedByLast = prices.takeWanted();
    for (let round = 0; round < CANDLE_ROUNDS_PER_READ && fetchNow !== undefined; round++) {
      const wanted = plan.admit(wantedByLast);
      const left = until - performance.now();
      if (wanted.length === 0 || left <= 0) break;
      await Promise.race([fetchNow(wanted), sleep(left, undefined, { ref: false })]);
      forNow = prices.forNowAnswers;
      // The candles that came sent a pass (keeper.ts pricesArrived): its end is what is answered.
      result = await this.current(answer);
      wantedByLast = prices.takeWanted();
    }
    if (wantedByLast.length > 0 || prices.forNowAnswers > forNow) onPending?.();
    return result;
  }

  /**
   * `answer` run once the portfolio holds everything stored, never between two slices of a pass
   * (CI on e504a86a: an answer run again as the candles it fetched arrived read its start from the
   * rows of the pass they sent, its end from the models before it: a bridge off by 188.92).
   */
  async current<T>(answer: () => T): Promise<T> {
    for (let round = 1; ; round++) {
      await this.deps.portfolio.ready();
      if (this.deps.portfolio.settledAt() !== undefined || round >= CURRENT_ROUNDS) return answer();
    }
  }

  private bookPrice(asset: string): Decimal | null {
    return asset === this.deps.prices.quote ? ONE : this.deps.book.priceOf(asset);
  }
}

/** The mark at or before `time`. */
export function snap(time: number): number {
  return Math.floor(time / BUCKET_MS) * BUCKET_MS;
}

/** The mark a range whose last instant is `to` ends at: the last one at or before `to + 1`. */
export function endMark(to: number): number {
  return snap(to + 1);
}

/** Where a range ends: now (live) when it is within FRESH_MS of now, else its end mark. */
export function endOf(range: PerformanceRange, now: number): { readonly live: boolean; readonly to: number } {
  const live = range.to === undefined || range.to >= now - FRESH_MS;
  return { live, to: live ? now : endMark(range.to as number) };
}

export function sumFees(totals: ReadonlyMap<string, AssetTotals>): Fixed {
  let sum = 0n;
  for (const t of totals.values()) sum += t.fees;
  return sum;
}

/** Unrealized PnL of everything held in a reading (value - cost); null when a held asset has no price or cost. */
export function unrealizedOf(reading: Reading, method: CostMethod): string | null {
  let sum = 0n;
  for (const [asset, totals] of reading.totals) {
    if (totals.quantity === 0n) continue;
    const value = valueAt(totals.quantity, reading.price(asset));
    if (value === null || totals.costUnknown[method]) return null;
    sum += value - totals.cost[method];
  }
  return fixedText(sum);
}
