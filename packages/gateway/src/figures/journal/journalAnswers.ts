/**
 * The journal's answers from its trips (trips.ts): a trip as the API gives it, the statistics
 * over the trips' values, the split by strategy, and the drawdown of a PnL curve. The statistics
 * read a trip's outcome (won or lost, its value, its strategy), made from a kept trip or from a
 * trip as the API gave it (all accounts together: every account's trips merged). Pure; decimal
 * arithmetic through protocol's Decimal, amounts out as its `fmt` (18 places, half-even) except a
 * trip's `realized`, kept to every place so a pair's trips sum to GET /api/pnl's realized.
 */
import {
  type JournalDrawdown,
  type JournalStats,
  type JournalStrategy,
  type JournalTrip,
  MANUAL_STRATEGY,
} from "@mexc-live/contract";
import { type Decimal, dec, type Fixed, fixed, fixedDecimal, fixedText, fmt, share, ZERO } from "@mexc-live/protocol";
import type { Trip } from "./tripTable.js";

/** The strategy of a clientOrderId: the longest prefix it starts with, or "manual". */
function strategyOf(clientOrderId: string, prefixes: readonly string[]): string {
  let best: string | undefined;
  for (const prefix of prefixes)
    if (clientOrderId.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
  return best ?? MANUAL_STRATEGY;
}

/** A trip in an answer: its value in the quote currency at close (rounded as shown), and its account. */
export interface TripRow {
  readonly trip: Trip;
  readonly value: Fixed | null;
  readonly account?: string;
}

/** The trip's value: realized x (the order's quote amount valued / that amount); null when unvalued. */
function tripValue(trip: Trip): Fixed | null {
  return trip.amountValue === null || trip.amount === 0n ? null : share(trip.realized, trip.amountValue, trip.amount);
}

/** A trip with its value (tripValue) and account. */
export function rowOf(trip: Trip, account?: string): TripRow {
  const value = tripValue(trip);
  return account === undefined ? { trip, value } : { trip, value, account };
}

export function tripItem(row: TripRow, prefixes: readonly string[]): JournalTrip {
  const { trip } = row;
  const quantity = fixedDecimal(trip.quantity);
  const item: JournalTrip = {
    symbol: trip.symbol,
    strategy: strategyOf(trip.clientOrderId, prefixes),
    openTime: trip.openTime,
    closeTime: trip.closeTime,
    quantity: fmt(quantity),
    entryPrice: fmt(fixedDecimal(trip.cost).div(quantity)),
    exitPrice: fmt(fixedDecimal(trip.proceeds).div(quantity)),
    realized: fixedText(trip.realized),
    fees: trip.fees === null ? null : fmt(fixedDecimal(trip.fees)),
    value: row.value === null ? null : fixedText(row.value),
    holdingMs: trip.openTime === null ? null : trip.closeTime - trip.openTime,
  };
  return row.account === undefined ? item : { account: row.account, ...item };
}

/** A trip as the statistics read it. */
export interface TripOutcome {
  /** The sign of its realized: a win, a loss or breakeven. */
  readonly sign: -1 | 0 | 1;
  /** Its value in the quote currency at close; null when unpriced. */
  readonly value: Fixed | null;
  readonly strategy: string;
}

/** A kept trip's outcome, its strategy by `prefixes`. */
export function outcomeOf(row: TripRow, prefixes: readonly string[]): TripOutcome {
  const { realized, clientOrderId } = row.trip;
  return {
    sign: realized > 0n ? 1 : realized < 0n ? -1 : 0,
    value: row.value,
    strategy: strategyOf(clientOrderId, prefixes),
  };
}

/** The outcome of a trip as the API gave it (its realized and value are exact: `fixedText`). */
export function outcomeOfItem(item: Pick<JournalTrip, "realized" | "value" | "strategy">): TripOutcome {
  const realized = fixed(item.realized, "realized");
  return {
    sign: realized > 0n ? 1 : realized < 0n ? -1 : 0,
    value: item.value === null ? null : fixed(item.value, "value"),
    strategy: item.strategy,
  };
}

function ratio(a: Decimal, b: Decimal): string | null {
  return b.eq(ZERO) ? null : fmt(a.div(b));
}

const average = (sum: Fixed, count: number) => fmt(fixedDecimal(sum).div(count));

/**
 * Statistics over trips taken one at a time in the order they closed; win, loss or breakeven by
 * the sign of realized. One at a time so that half a million trips can be tallied in slices of
 * the event loop (journal/journalReads.ts).
 */
export class StatsTally {
  private count = 0;
  private wins = 0;
  private losses = 0;
  private unpriced = 0;
  private winSum = 0n;
  private lossSum = 0n;
  private priced = 0;
  private pricedWins = 0;
  private pricedLosses = 0;
  private best: Fixed | undefined;
  private worst: Fixed | undefined;
  private streak = 0;
  private longestWin = 0;
  private longestLoss = 0;

  add({ sign, value }: TripOutcome): void {
    this.count++;
    if (sign > 0) this.wins++;
    if (sign < 0) this.losses++;
    const streak = this.streak;
    this.streak = sign === 0 ? 0 : Math.sign(streak) === sign ? streak + sign : sign;
    this.longestWin = Math.max(this.longestWin, this.streak);
    this.longestLoss = Math.max(this.longestLoss, -this.streak);
    if (value === null) {
      this.unpriced++;
      return;
    }
    this.priced++;
    if (sign > 0) {
      this.winSum += value;
      this.pricedWins++;
    }
    if (sign < 0) {
      this.lossSum += value;
      this.pricedLosses++;
    }
    if (this.best === undefined || value > this.best) this.best = value;
    if (this.worst === undefined || value < this.worst) this.worst = value;
  }

  stats(): JournalStats {
    const { count, wins, losses, winSum, lossSum, priced, pricedWins, pricedLosses, best, worst } = this;
    const realized = winSum + lossSum;
    return {
      count,
      wins,
      losses,
      breakeven: count - wins - losses,
      winRate: count === 0 ? null : fmt(dec(String(wins)).div(count)),
      profitFactor: pricedLosses === 0 ? null : ratio(fixedDecimal(winSum), fixedDecimal(-lossSum)),
      averageWin: pricedWins === 0 ? null : average(winSum, pricedWins),
      averageLoss: pricedLosses === 0 ? null : average(lossSum, pricedLosses),
      expectancy: priced === 0 ? null : average(realized, priced),
      best: best === undefined ? null : fixedText(best),
      worst: worst === undefined ? null : fixedText(worst),
      longestWinStreak: this.longestWin,
      longestLossStreak: this.longestLoss,
      realized: fixedText(realized),
      unpriced: this.unpriced,
    };
  }
}

/** The statistics of a range and of each strategy, tallied one trip at a time in the order they closed. */
export class SummaryTally {
  readonly all = new StatsTally();
  private readonly strategies = new Map<string, StatsTally>();

  add(outcome: TripOutcome): void {
    this.all.add(outcome);
    let tally = this.strategies.get(outcome.strategy);
    if (tally === undefined) {
      tally = new StatsTally();
      this.strategies.set(outcome.strategy, tally);
    }
    tally.add(outcome);
  }

  /** Count, realized and win rate per strategy, largest count first; the counts sum to the trips'. */
  byStrategy(): JournalStrategy[] {
    return [...this.strategies]
      .map(([strategy, tally]) => {
        const stats = tally.stats();
        return { strategy, count: stats.count, realized: stats.realized, winRate: stats.winRate };
      })
      .sort((a, b) => b.count - a.count || a.strategy.localeCompare(b.strategy));
  }
}

/** Statistics over trips in the order they closed (StatsTally over a list). */
export function journalStats(rows: readonly TripOutcome[]): JournalStats {
  const tally = new StatsTally();
  for (const row of rows) tally.add(row);
  return tally.stats();
}

/** Count, realized and win rate per strategy (SummaryTally over a list). */
export function byStrategy(rows: readonly TripOutcome[]): JournalStrategy[] {
  const tally = new SummaryTally();
  for (const row of rows) tally.add(row);
  return tally.byStrategy();
}

/** A point of the PnL curve: equity minus the net flows so far, and the equity then. */
export interface PnlPoint {
  readonly time: number;
  readonly pnl: Decimal;
  readonly equity: Decimal;
}

/** The largest fall from a peak of the curve, and where its last point stands below its highest. */
export function drawdownOf(points: readonly PnlPoint[]): JournalDrawdown {
  let peak: PnlPoint | undefined;
  let max = ZERO;
  let maxPct: string | null = null;
  let peakTime: number | null = null;
  let troughTime: number | null = null;
  for (const point of points) {
    if (peak === undefined || point.pnl.gt(peak.pnl)) {
      peak = point;
      continue;
    }
    const fall = peak.pnl.minus(point.pnl);
    if (fall.gt(max)) {
      max = fall;
      maxPct = peak.equity.gt(ZERO) ? fmt(fall.div(peak.equity)) : null;
      peakTime = peak.time;
      troughTime = point.time;
    }
  }
  const last = points[points.length - 1];
  const current = peak === undefined || last === undefined ? ZERO : peak.pnl.minus(last.pnl);
  return {
    max: fmt(max),
    maxPct,
    peakTime,
    troughTime,
    current: fmt(current),
    currentPct: peak?.equity.gt(ZERO) ? fmt(current.div(peak.equity)) : null,
  };
}
