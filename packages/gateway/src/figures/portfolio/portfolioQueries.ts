/**
 * The figures that must agree with each other, all read from one portfolio (figures/portfolio/,
 * kept current by figures/portfolio/portfolioModel.ts) and one set of prices: MEXC's candles of each moment
 * (figures/pastPrices.ts) and the live price book for "now".
 *
 *   performance   the bridge from start to end equity over a range, its PnL (in the quote currency
 *                 and as a time-weighted return), by asset, the net deposits line
 *   assetPnl      PnL by asset now: quantity, cost basis, realized, unrealized, fees, value
 *   feeDays       the fee series by day over the whole history (its last cumulative = the total)
 *   pnlPeriods    realized, fees and unrealized by day, week or month, in a time zone
 *
 * A range's ends are moved to the portfolio's marks (15-minute boundaries, every time zone's day
 * starts on one), and never before the history starts; its end is "now" (live) when it is within
 * FRESH_MS of now. `to` is the range's last instant, included (a day asked as its next midnight
 * - 1 ms ends at that midnight, not at 23:45): the end mark is the last one at or before `to + 1`.
 * Each answer says the range it used, and its `coverage` where it stands against the history: a
 * range that ends before the history starts or starts after now has no figure (nulls, no zeros).
 */

import { setTimeout as sleep } from "node:timers/promises";
import type {
  AssetPnlItem,
  EquityPoint,
  FeeDaysAnswer,
  JournalAgainstBenchmark,
  JournalAgainstHolding,
  NetFlowPoint,
  PerformanceSummary,
  PnlPeriod,
  PnlPeriodItem,
  RangeCoverage,
  RangeCoverageStatus,
} from "@mexc-live/contract";
import {
  type Decimal,
  type Fixed,
  fixedDecimal,
  fixedText,
  fmt,
  ONE,
  REST_KLINE_INTERVALS,
  roundFigure,
  ZERO,
} from "@mexc-live/protocol";
import { createLogger } from "../../logging.js";
import type { GatewayStore } from "../../store/index.js";
import { ReadPlan } from "../candlePlan.js";
import type { CostMethod } from "../engine/lots.js";
import { againstBenchmark, againstHolding, noComparison, type RangeFlow } from "../journal/comparisons.js";
import { type CandleSource, FRESH_MS, PastPrices, type WantedCandle } from "../pastPrices.js";
import { type Flow, timeWeightedReturn } from "../performance.js";
import type { PriceBook } from "../priceBook.js";
import { periodLabel, periodsBetween } from "../timeZones.js";
import { bridgeOf, type Reading, valueAt } from "./bridge.js";
import type { AssetTotals } from "./portfolio.js";
import { BUCKET_MS, type HistoryBound } from "./portfolioEvents.js";
import { type History, PortfolioModel } from "./portfolioModel.js";

/** How long an answer waits for candles it needs that were not fetched yet. */
export const ANSWER_WAIT_MS = 8_000;
/** A read's rounds of candle fetching at most: one per REST kline interval, the longest walk of the lookup rule (figures/pastPrices.ts). */
const CANDLE_ROUNDS_PER_READ = Object.keys(REST_KLINE_INTERVALS).length;

export interface PortfolioQueryDeps {
  readonly portfolio: PortfolioModel;
  readonly prices: PastPrices;
  readonly book: PriceBook;
  readonly store: GatewayStore;
  /** The --cost-basis setting. */
  readonly method: CostMethod;
  /** Fetches these candles now (the fetcher's want, then its idle); resolves when done or given up. */
  readonly fetchNow?: (candles: readonly WantedCandle[]) => Promise<void>;
  readonly now?: () => number;
}

export interface PerformanceRange {
  readonly from?: number;
  readonly to?: number;
  readonly method?: CostMethod;
}

export interface FeeDaysRange {
  readonly from?: number;
  readonly to?: number;
  readonly tz?: string;
}

export interface PeriodsRange {
  readonly period: PnlPeriod;
  readonly from: number;
  readonly to: number;
  readonly method?: CostMethod;
  readonly tz?: string;
}

function snap(time: number): number {
  return Math.floor(time / BUCKET_MS) * BUCKET_MS;
}

/** The journal's comparisons of a range (figures/journal/comparisons.ts); `benchmark` null when none was asked. */
export interface Comparisons {
  readonly holding: JournalAgainstHolding;
  readonly benchmark: JournalAgainstBenchmark | null;
}

/** The mark a range whose last instant is `to` ends at: the last one at or before `to + 1`. */
function endMark(to: number): number {
  return snap(to + 1);
}

/**
 * How long the prices of the account's last equity point stand for "now" (issue 40 item 4): the
 * points come every few seconds and after each fill; a moment older than this (the points
 * stopped: a refused key, the balances not known) gives way to the live prices.
 */
export const MOMENT_MS = FRESH_MS;

/** The prices of one moment: those the account's latest equity point was measured at. */
interface PriceMoment {
  readonly time: number;
  readonly prices: ReadonlyMap<string, Decimal | null>;
}

export class PortfolioQueries {
  private readonly now: () => number;
  private moment: PriceMoment | undefined;

  constructor(private readonly deps: PortfolioQueryDeps) {
    this.now = deps.now ?? Date.now;
  }

  async performance(range: PerformanceRange = {}): Promise<PerformanceSummary> {
    await this.deps.portfolio.ready();
    let pending = false;
    const summary = await this.withCandles(
      () => this.performanceNow(range),
      () => {
        pending = true;
      },
    );
    // A price the answer itself asked for and did not get in time, or one valued before its end.
    pending ||= this.pricesPendingBefore(summary.to);
    // Meanwhile money moved by trades between what is valued and what waits is in no flow of the
    // return (the bridge counts it as a transfer): no return rather than a false one.
    return pending && (summary.unpriced ?? []).length > 0 ? { ...summary, pricesPending: true, twr: null } : summary;
  }

  /**
   * Whether something before `time` waits on past prices still being fetched: an event the
   * portfolio values later (a deposit: its price still coming), or a fill stored late (the
   * backfill, an import) still to be valued at the prices of its time (fillValuer.ts).
   */
  pricesPendingBefore(time: number): boolean {
    return (
      this.deps.portfolio.pricesPendingBefore(time) ||
      (this.deps.store.firstPendingValuation() ?? Number.POSITIVE_INFINITY) < time
    );
  }

  /**
   * The range's PnL against holding still and against `benchmark` (the journal's comparisons,
   * figures/journal/comparisons.ts), from the very readings, prices and flows performance() uses.
   */
  async comparisons(range: PerformanceRange, benchmark?: string): Promise<Comparisons> {
    await this.deps.portfolio.ready();
    return this.withCandles(() => this.comparisonsNow(range, benchmark));
  }

  async assetPnl(method: CostMethod = this.deps.method): Promise<AssetPnlItem[]> {
    await this.deps.portfolio.ready();
    const items: AssetPnlItem[] = [];
    for (const [asset, totals] of this.deps.portfolio.headTotals()) {
      const realized = totals.realized[method];
      if (totals.quantity === 0n && realized === 0n && totals.fees === 0n) continue;
      const price = this.livePrice(asset);
      const value = valueAt(totals.quantity, price);
      const known = !totals.costUnknown[method];
      const cost = known ? totals.cost[method] : null;
      items.push({
        asset,
        quantity: fixedText(totals.quantity),
        costBasis: cost === null ? null : fixedText(cost),
        averageCost:
          cost === null || totals.quantity === 0n
            ? null
            : fmt(roundFigure(fixedDecimal(cost).div(fixedDecimal(totals.quantity)))),
        realized: fixedText(realized),
        unrealized: value === null || cost === null ? null : fixedText(value - cost),
        fees: fixedText(totals.fees),
        value: value === null ? null : fixedText(value),
        price: price === null ? null : fmt(price),
        method,
      });
    }
    return items;
  }

  /**
   * The unrealized PnL of what is held now at the live prices, by the --cost-basis method: the
   * figure pnlPeriods gives the period that ends now. Read the head when it is current
   * (PortfolioModel.isCurrent).
   */
  unrealizedNow(): string | null {
    return unrealizedOf(this.liveReading(this.now()), this.deps.method);
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
    for (const asset of this.deps.portfolio.headTotals().keys()) prices.set(asset, this.bookPrice(asset));
    this.moment = { time, prices };
  }

  /**
   * The history PnL by asset is built on, up to `until`, once the portfolio is built (the tax
   * report replays it: figures/taxReport.ts). The quote currency its money is in: `quote`.
   */
  async history(until: HistoryBound): Promise<History> {
    await this.deps.portfolio.ready();
    return this.deps.portfolio.history(until);
  }

  get quote(): string {
    return this.deps.prices.quote;
  }

  /** One unit of `asset` at the market price of `time` (null: unpriced, or not fetched yet). */
  priceAt(asset: string, time: number): Decimal | null {
    return this.deps.prices.priceOf(asset, time);
  }

  /** A transfer's amount at the market price of its time, in the quote currency; null when unpriced (or not fetched yet). */
  transferValue(transfer: { readonly asset: string; readonly amount: string; readonly time: number }): string | null {
    const price = this.deps.prices.priceOf(transfer.asset, transfer.time);
    return price === null ? null : fmt(roundFigure(ZERO.plus(transfer.amount).times(price)));
  }

  async feeDays(range: FeeDaysRange = {}): Promise<FeeDaysAnswer> {
    await this.deps.portfolio.ready();
    const { portfolio } = this.deps;
    const zone = range.tz ?? "UTC";
    const now = this.now();
    const total = sumFees(portfolio.headTotals());
    const first = portfolio.historyStart();
    if (first === undefined) return { quote: this.deps.prices.quote, items: [], total: fixedText(total) };
    const from = Math.max(range.from ?? first, first);
    const to = Math.min(range.to ?? now, now);
    const feesAt = (time: number): Fixed => (time >= now ? total : sumFees(portfolio.totalsAt(time)));
    const items = [];
    const days = periodsBetween(zone, "day", from, to);
    let before = days[0] === undefined ? 0n : feesAt(days[0].start);
    for (const { start, end } of days) {
      const cumulative = feesAt(Math.min(end, now));
      items.push({
        day: periodLabel(zone, start),
        from: start,
        to: end - 1,
        fees: fixedText(cumulative - before),
        cumulative: fixedText(cumulative),
      });
      before = cumulative;
    }
    return { quote: this.deps.prices.quote, items, total: fixedText(total) };
  }

  /** Resolves once the readings the answers made are kept in the store (PortfolioModel.settled). */
  settled(): Promise<void> {
    return this.deps.portfolio.settled();
  }

  async pnlPeriods(range: PeriodsRange): Promise<PnlPeriodItem[]> {
    await this.deps.portfolio.ready();
    return this.withCandles(() => this.periodsNow(range));
  }

  /**
   * Runs `answer`; while it needs candles not fetched yet, fetches them and runs it again: a round
   * per interval the lookup rule may walk (a moment is asked one interval at a time), within the
   * read's share of requests (candleFetcher.ts, ReadPlan) and ANSWER_WAIT_MS in all. What is not
   * fetched by then is unpriced in this answer, and `onPending` is called: the answer's last run
   * still wanted candles.
   */
  private async withCandles<T>(answer: () => T, onPending?: () => void): Promise<T> {
    let result = answer();
    const fetchNow = this.deps.fetchNow;
    const plan = new ReadPlan(this.now);
    const until = performance.now() + ANSWER_WAIT_MS;
    let wantedByLast = this.deps.prices.takeWanted();
    for (let round = 0; round < CANDLE_ROUNDS_PER_READ && fetchNow !== undefined; round++) {
      const wanted = plan.admit(wantedByLast);
      const left = until - performance.now();
      if (wanted.length === 0 || left <= 0) break;
      await Promise.race([fetchNow(wanted), sleep(left, undefined, { ref: false })]);
      result = answer();
      wantedByLast = this.deps.prices.takeWanted();
    }
    if (wantedByLast.length > 0) onPending?.();
    return result;
  }

  private performanceNow(range: PerformanceRange): PerformanceSummary {
    const { portfolio, prices } = this.deps;
    const method = range.method ?? this.deps.method;
    const now = this.now();
    const quote = prices.quote;
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
    const start = this.reading(from);
    const end = live ? this.liveReading(now) : this.reading(to);
    const result = bridgeOf(start, end, method);
    const excluded = new Set(result.unpriced);
    const flows = this.flows(excluded).filter((flow): flow is Flow & RangeFlow => flow.value !== null);
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
    const measured = this.deps.store.equity({ from: from + 1, to: to - 1 }).map((point) => without(point, excluded));
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
      coverage: coverage(
        range.from !== undefined && snap(range.from) < historyStart ? "startsBeforeHistory" : "covered",
      ),
    };
  }

  private comparisonsNow(range: PerformanceRange, benchmark: string | undefined): Comparisons {
    const summary = this.performanceNow(range);
    if (summary.pnl == null || summary.bridge == null) return noComparison(benchmark);
    const now = this.now();
    const { from, to } = summary;
    const input = {
      start: this.reading(from),
      end: endOf(range, now).live ? this.liveReading(now) : this.reading(to),
      pnl: ZERO.plus(summary.pnl),
      startEquity: ZERO.plus(summary.bridge.startEquity),
      unpriced: summary.unpriced ?? [],
      flows: this.flows(new Set(summary.unpriced)).filter((flow) => flow.time >= from && flow.time < to),
    };
    const priceAt = (asset: string, time: number) => this.deps.prices.priceOf(asset, time);
    return {
      holding: againstHolding(input),
      benchmark: benchmark === undefined ? null : againstBenchmark(input, benchmark, priceAt),
    };
  }

  private periodsNow(range: PeriodsRange): PnlPeriodItem[] {
    const { portfolio } = this.deps;
    const method = range.method ?? this.deps.method;
    const zone = range.tz ?? "UTC";
    const now = this.now();
    const first = portfolio.historyStart();
    if (first === undefined) return [];
    const historyStart = snap(first);
    const items: PnlPeriodItem[] = [];
    // A period's end is the next one's start: each reading is made once.
    const readings = new Map<number, Reading>();
    const readingAt = (time: number) => {
      let reading = readings.get(time);
      if (reading === undefined) {
        reading = this.reading(time);
        readings.set(time, reading);
      }
      return reading;
    };
    for (const { start, end } of periodsBetween(zone, range.period, range.from, Math.min(range.to, now))) {
      if (end <= historyStart) continue;
      const a = readingAt(Math.max(start, historyStart));
      const b = end >= now ? this.liveReading(now) : readingAt(end);
      const result = bridgeOf(a, b, method);
      items.push({
        period: periodLabel(zone, start),
        from: start,
        to: end - 1,
        realized: result.bridge.realized,
        unrealized: unrealizedOf(b, method),
        fees: fmt(ZERO.minus(result.bridge.fees)),
        method,
      });
    }
    return items;
  }

  /**
   * The portfolio at a mark (everything before `time`), at the prices of that moment: the close of
   * the candle that ends there, the one holding its last millisecond.
   */
  private reading(time: number): Reading {
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
  private liveReading(now: number): Reading {
    return { time: now, totals: this.deps.portfolio.headTotals(), price: (asset) => this.livePrice(asset) };
  }

  /** The price of "now": the moment's (markMoment) while it stands, else the book's. */
  private livePrice(asset: string): Decimal | null {
    const moment = this.moment;
    if (moment !== undefined && this.now() - moment.time <= MOMENT_MS) {
      const price = moment.prices.get(asset);
      if (price !== undefined) return price;
    }
    return this.bookPrice(asset);
  }

  private bookPrice(asset: string): Decimal | null {
    return asset === this.deps.prices.quote ? ONE : this.deps.book.priceOf(asset);
  }

  /**
   * Every completed deposit, withdrawal and transfer as signed money, valued like the portfolio
   * values it (amount, with the fee of what left, at its market price; null: unpriced), with the
   * signed quantity moved, oldest first; those of assets left out of the answer are left out here too.
   */
  private flows(excluded: ReadonlySet<string>): RangeFlow[] {
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
}

/** Where a range ends: now (live) when it is within FRESH_MS of now, else its end mark. */
function endOf(range: PerformanceRange, now: number): { readonly live: boolean; readonly to: number } {
  const live = range.to === undefined || range.to >= now - FRESH_MS;
  return { live, to: live ? now : endMark(range.to as number) };
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

function sumFees(totals: ReadonlyMap<string, AssetTotals>): Fixed {
  let sum = 0n;
  for (const t of totals.values()) sum += t.fees;
  return sum;
}

/** Unrealized PnL of everything held in a reading (value - cost); null when a held asset has no price or cost. */
function unrealizedOf(reading: Reading, method: CostMethod): string | null {
  let sum = 0n;
  for (const [asset, totals] of reading.totals) {
    if (totals.quantity === 0n) continue;
    const value = valueAt(totals.quantity, reading.price(asset));
    if (value === null || totals.costUnknown[method]) return null;
    sum += value - totals.cost[method];
  }
  return fixedText(sum);
}

/** No candle anywhere: past moments are unpriced (a portfolio valued at live prices only). */
const NO_CANDLES: CandleSource = { at: () => ({ kind: "none" }) };

/**
 * A portfolio of its own over a store, kept current as the queries are asked: for a store read
 * without a collector around it (tests, inspection). Past moments are valued from `candles`
 * (none by default: unpriced).
 */
export function standalonePortfolio(
  store: GatewayStore,
  book: PriceBook,
  method: CostMethod = "avg",
  candles: CandleSource = NO_CANDLES,
): PortfolioQueries {
  const prices = new PastPrices({ quote: book.quote, markets: book, candles, live: (asset) => book.priceOf(asset) });
  const portfolio = new PortfolioModel({ store, prices, book, logger: createLogger({ level: "silent" }).logger });
  portfolio.start();
  return new PortfolioQueries({ portfolio, prices, book, store, method });
}
