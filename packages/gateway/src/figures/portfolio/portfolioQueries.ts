/**
 * The figures that must agree with each other, all read from one portfolio (figures/portfolio/,
 * kept current by portfolioModel.ts) and one set of prices: MEXC's candles of each moment
 * (figures/pastPrices.ts) and the live price book for "now" (readings.ts). Each answer has its
 * own file; this is where they are asked, once the portfolio holds everything stored:
 *
 *   performance   the bridge from start to end equity over a range (performanceAnswer.ts)
 *   moneyWeighted the money-weighted return of the same range (moneyWeightedAnswer.ts)
 *   comparisons   the journal's against holding and against a benchmark (comparisonsAnswer.ts)
 *   assetPnl      PnL by asset now (assetPnlAnswer.ts)
 *   feeDays       the fee series by day (feeDaysAnswer.ts)
 *   pnlPeriods    realized, fees and unrealized by day, week or month (periodsAnswer.ts)
 *
 * Each answer says the range it used, and its `coverage` where it stands against the history.
 */
import type {
  AssetPnlItem,
  FeeDaysAnswer,
  MoneyWeightedAnswer,
  PerformanceSummary,
  PnlPeriodItem,
} from "@mexc-live/contract";
import { type Decimal, fmt, roundFigure, ZERO } from "@mexc-live/protocol";
import type { CostMethod } from "../engine/lots.js";
import type { HistoryBound } from "../ledger/ledgerCursor.js";
import { assetPnlAnswer } from "./assetPnlAnswer.js";
import { type Comparisons, comparisonsAnswer } from "./comparisonsAnswer.js";
import { type FeeDaysRange, feeDaysAnswer } from "./feeDaysAnswer.js";
import { moneyWeightedAnswer } from "./moneyWeightedAnswer.js";
import { performanceAnswer } from "./performanceAnswer.js";
import { type PeriodsRange, periodsAnswer } from "./periodsAnswer.js";
import { type PerformanceRange, type PortfolioView, Readings, type ReadingsDeps, unrealizedOf } from "./readings.js";

export class PortfolioQueries {
  private readonly readings: Readings;

  constructor(private readonly deps: ReadingsDeps) {
    this.readings = new Readings(deps);
  }

  async performance(range: PerformanceRange = {}): Promise<PerformanceSummary> {
    const { answer: summary, pending } = await this.pendingAware(
      () => performanceAnswer(this.readings, range),
      (summary) => summary.to,
    );
    // Meanwhile money moved by trades between what is valued and what waits is in no flow of the
    // return (the bridge counts it as a transfer): no return rather than a false one.
    return pending && (summary.unpriced ?? []).length > 0 ? { ...summary, pricesPending: true, twr: null } : summary;
  }

  /** The money-weighted return over Performance's range, of its equity and of the flows its bridge values. */
  async moneyWeighted(range: PerformanceRange = {}): Promise<MoneyWeightedAnswer> {
    const summary = await this.performance(range);
    return moneyWeightedAnswer(summary, this.readings.flows(new Set(summary.unpriced ?? [])));
  }

  /**
   * An answer over the range ending at `to(answer)`, once the portfolio is ready, and whether
   * it waits on past prices: one the answer asked for and did not get in time, or one valued
   * before its end (an event valued later, a fill stored late).
   */
  private async pendingAware<T>(
    make: () => T,
    to: (answer: T) => number | null,
  ): Promise<{ answer: T; pending: boolean }> {
    await this.deps.portfolio.ready();
    let pending = false;
    const answer = await this.readings.withCandles(make, () => {
      pending = true;
    });
    const end = to(answer);
    return { answer, pending: pending || (end !== null && this.pricesPendingBefore(end)) };
  }

  /** Whether something before `time` waits on past prices still being fetched (Readings.pricesPendingBefore). */
  pricesPendingBefore(time: number): boolean {
    return this.readings.pricesPendingBefore(time);
  }

  /**
   * The range's PnL against holding still and against `benchmark` (comparisonsAnswer.ts); each
   * that leaves an asset out only until its past prices are in says so (pricesPending).
   */
  async comparisons(range: PerformanceRange, benchmark?: string): Promise<Comparisons> {
    const { answer, pending } = await this.pendingAware(
      () => comparisonsAnswer(this.readings, range, benchmark),
      (comparisons) => comparisons.to,
    );
    if (!pending) return answer;
    return {
      ...answer,
      holding: pendingIfUnpriced(answer.holding),
      benchmark: answer.benchmark && pendingIfUnpriced(answer.benchmark),
    };
  }

  async assetPnl(method: CostMethod = this.deps.method): Promise<AssetPnlItem[]> {
    await this.deps.portfolio.ready();
    return assetPnlAnswer(this.readings, method);
  }

  /**
   * The unrealized PnL of what is held now at the live prices, by the --cost-basis method: the
   * figure pnlPeriods gives the period that ends now. Read the head when it is current
   * (PortfolioModel.isCurrent).
   */
  unrealizedNow(): string | null {
    return unrealizedOf(this.readings.liveReading(this.readings.now()), this.deps.method);
  }

  /** "Now" is this moment from here on (Readings.markMoment). */
  markMoment(time: number): void {
    this.readings.markMoment(time);
  }

  /**
   * The history PnL by asset is built on, up to `until`, once the portfolio is built (the tax
   * report replays it: figures/taxReport.ts). The quote currency its money is in: `quote`.
   */
  async history(until: HistoryBound): Promise<ReturnType<PortfolioView["history"]>> {
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
    return feeDaysAnswer(this.readings, range);
  }

  /** PnL by period (periodsAnswer.ts); a period that leaves an asset out only until its past prices are in says so. */
  async pnlPeriods(range: PeriodsRange): Promise<PnlPeriodItem[]> {
    const { answer, pending } = await this.pendingAware(
      () => periodsAnswer(this.readings, range),
      (items) => (items.length === 0 ? null : (items[items.length - 1] as PnlPeriodItem).to + 1),
    );
    return pending ? answer.map(pendingIfUnpriced) : answer;
  }
}

/** A part of an answer that waits on past prices: pending, when it leaves an asset out. */
function pendingIfUnpriced<P extends { readonly unpriced?: readonly string[] | undefined }>(part: P): P {
  return (part.unpriced?.length ?? 0) > 0 ? { ...part, pricesPending: true } : part;
}
