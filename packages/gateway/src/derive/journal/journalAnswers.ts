/**
 * The journal's answers from its trips (roundTrips.ts): a trip as the API gives it, the statistics
 * over the trips' values, the split by strategy, and the drawdown of a PnL curve. Pure; decimal
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
import { type Decimal, dec, fmt, ZERO } from "@mexc-live/protocol";
import { mulDiv, scaledText, toDecimal } from "../scaled.js";
import type { Trip } from "./roundTrips.js";

/** The strategy of a clientOrderId: the longest prefix it starts with, or "manual". */
function strategyOf(clientOrderId: string, prefixes: readonly string[]): string {
  let best: string | undefined;
  for (const prefix of prefixes)
    if (clientOrderId.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
  return best ?? MANUAL_STRATEGY;
}

export function tripItem(trip: Trip, prefixes: readonly string[]): JournalTrip {
  const quantity = toDecimal(trip.quantity);
  const value =
    trip.amountValue === null || trip.amount === 0n
      ? null
      : fmt(toDecimal(mulDiv(trip.realized, trip.amountValue, trip.amount)));
  return {
    symbol: trip.symbol,
    strategy: strategyOf(trip.clientOrderId, prefixes),
    openTime: trip.openTime,
    closeTime: trip.closeTime,
    quantity: fmt(quantity),
    entryPrice: fmt(toDecimal(trip.cost).div(quantity)),
    exitPrice: fmt(toDecimal(trip.proceeds).div(quantity)),
    realized: scaledText(trip.realized),
    fees: trip.fees === null ? null : fmt(toDecimal(trip.fees)),
    value,
    holdingMs: trip.openTime === null ? null : trip.closeTime - trip.openTime,
  };
}

/** Win, loss or breakeven by the sign of realized (a value has its sign: the price of the quote asset is positive). */
function signOf(trip: JournalTrip): number {
  const realized = dec(trip.realized);
  return realized.gt(ZERO) ? 1 : realized.lt(ZERO) ? -1 : 0;
}

function ratio(a: Decimal, b: Decimal): string | null {
  return b.eq(ZERO) ? null : fmt(a.div(b));
}

/** Statistics over trips in the order they closed. */
export function journalStats(trips: readonly JournalTrip[]): JournalStats {
  let wins = 0;
  let losses = 0;
  let unpriced = 0;
  let winSum = ZERO;
  let lossSum = ZERO;
  let priced = 0;
  let pricedWins = 0;
  let pricedLosses = 0;
  let best: Decimal | undefined;
  let worst: Decimal | undefined;
  let streak = 0;
  let longestWin = 0;
  let longestLoss = 0;
  for (const trip of trips) {
    const sign = signOf(trip);
    if (sign > 0) wins++;
    if (sign < 0) losses++;
    streak = sign === 0 ? 0 : Math.sign(streak) === sign ? streak + sign : sign;
    longestWin = Math.max(longestWin, streak);
    longestLoss = Math.max(longestLoss, -streak);
    if (trip.value === null) {
      unpriced++;
      continue;
    }
    const value = dec(trip.value);
    priced++;
    if (sign > 0) {
      winSum = winSum.plus(value);
      pricedWins++;
    }
    if (sign < 0) {
      lossSum = lossSum.plus(value);
      pricedLosses++;
    }
    if (best === undefined || value.gt(best)) best = value;
    if (worst === undefined || value.lt(worst)) worst = value;
  }
  const realized = winSum.plus(lossSum);
  const count = trips.length;
  return {
    count,
    wins,
    losses,
    breakeven: count - wins - losses,
    winRate: count === 0 ? null : fmt(dec(String(wins)).div(count)),
    profitFactor: pricedLosses === 0 ? null : ratio(winSum, lossSum.abs()),
    averageWin: pricedWins === 0 ? null : fmt(winSum.div(pricedWins)),
    averageLoss: pricedLosses === 0 ? null : fmt(lossSum.div(pricedLosses)),
    expectancy: priced === 0 ? null : fmt(realized.div(priced)),
    best: best === undefined ? null : fmt(best),
    worst: worst === undefined ? null : fmt(worst),
    longestWinStreak: longestWin,
    longestLossStreak: longestLoss,
    realized: fmt(realized),
    unpriced,
  };
}

/** Count, realized and win rate per strategy, largest count first; the counts sum to the trips'. */
export function byStrategy(trips: readonly JournalTrip[]): JournalStrategy[] {
  const groups = new Map<string, JournalTrip[]>();
  for (const trip of trips) {
    const group = groups.get(trip.strategy);
    if (group === undefined) groups.set(trip.strategy, [trip]);
    else group.push(trip);
  }
  return [...groups]
    .map(([strategy, group]) => {
      const stats = journalStats(group);
      return { strategy, count: stats.count, realized: stats.realized, winRate: stats.winRate };
    })
    .sort((a, b) => b.count - a.count || a.strategy.localeCompare(b.strategy));
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
