/**
 * The figures that must agree with each other, all read from one portfolio (figures/portfolio/,
 * kept current by portfolioModel.ts) and one set of prices: MEXC's candles of each moment
 * (figures/pastPrices.ts) and the live price book for "now" (readings.ts). Each answer has its
 * own file and asks here, once the portfolio holds everything stored (pendingAware):
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
import { type Decimal, fmt, roundFigure, ZERO } from "@mexc-live/protocol";
import type { HistoryBound } from "../ledger/ledgerCursor.js";
import { type PortfolioView, Readings, type ReadingsDeps, unrealizedOf } from "./readings.js";

export class PortfolioQueries {
  /** The portfolio and its prices, as every answer reads them. */
  readonly readings: Readings;

  constructor(private readonly deps: ReadingsDeps) {
    this.readings = new Readings(deps);
  }

  /**
   * An answer over the range ending at `to(answer)`, once the portfolio is ready, and whether
   * it waits on past prices: one the answer asked for and did not get in time, or one valued
   * before its end (an event valued later, a fill stored late).
   */
  async pendingAware<T>(make: () => T, to: (answer: T) => number | null): Promise<{ answer: T; pending: boolean }> {
    let pending = false;
    const answer = await this.readings.withCandles(make, () => {
      pending = true;
    });
    const end = to(answer);
    return { answer, pending: pending || (end !== null && this.pricesPendingBefore(end)) };
  }

  /** Once the portfolio holds everything stored (the one keeper's pass under way ended). */
  ready(): Promise<void> {
    return this.deps.portfolio.ready();
  }

  /** Whether something before `time` waits on past prices still being fetched (Readings.pricesPendingBefore). */
  pricesPendingBefore(time: number): boolean {
    return this.readings.pricesPendingBefore(time);
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
    await this.ready();
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
}

/** What a figure read of the portfolio reads of the account's models (figureRead.ts): its keeper's queries. */
export interface PortfolioModels {
  readonly keeper: { readonly queries: PortfolioQueries };
}

/** A part of an answer that waits on past prices: pending, when it leaves an asset out. */
export function pendingIfUnpriced<P extends { readonly unpriced?: readonly string[] | undefined }>(part: P): P {
  return (part.unpriced?.length ?? 0) > 0 ? { ...part, pricesPending: true } : part;
}
