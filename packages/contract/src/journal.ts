/**
 * The trader's journal (GET /api/journal/trips, GET /api/journal; docs/figures.md "Journal"):
 * round trips, one per closing order, and the statistics over them. Decimal strings; amounts in
 * the pair's quote asset say so, the rest are in the account's quote currency.
 */
import type { CostMethodName } from "./performance.js";

/** Where "strategy" falls back to: an order whose clientOrderId starts with none of the prefixes asked. */
export const MANUAL_STRATEGY = "manual";

/** One closing order (a sell of a long position, its fills together) with the lots it closes. */
export interface JournalTrip {
  /** The account it belongs to: set in answers for all accounts together. */
  readonly account?: string;
  readonly symbol: string;
  /** The strategyPrefix the closing order's clientOrderId starts with, or "manual". */
  readonly strategy: string;
  /** When the oldest unit it sold was bought (FIFO order of purchase); null: held before the history. */
  readonly openTime: number | null;
  /** Its last fill. */
  readonly closeTime: number;
  /** Base sold with a known cost (the part of the order the position covered). */
  readonly quantity: string;
  /** Cost per unit of what it sold, by the method (pair's quote asset). */
  readonly entryPrice: string;
  /** Proceeds per unit, fees out (pair's quote asset). */
  readonly exitPrice: string;
  /** Proceeds minus cost in the pair's quote asset, exactly as GET /api/pnl sums it (every place kept). */
  readonly realized: string;
  /** The closing order's fees valued in the quote currency when paid; null when one had no price. */
  readonly fees: string | null;
  /** `realized` in the quote currency at close; null when the pair's quote asset had no price then. */
  readonly value: string | null;
  /** closeTime - openTime; null without an openTime. */
  readonly holdingMs: number | null;
}

export interface JournalStats {
  /** Round trips closed in the range (= wins + losses + breakeven). */
  readonly count: number;
  readonly wins: number;
  readonly losses: number;
  readonly breakeven: number;
  /** wins / count, a fraction; null without a trip. */
  readonly winRate: string | null;
  /** Sum of wins / sum of losses (positive); null without a loss. */
  readonly profitFactor: string | null;
  readonly averageWin: string | null;
  /** A negative amount; null without a loss. */
  readonly averageLoss: string | null;
  /** realized / the trips with a value; null without one. */
  readonly expectancy: string | null;
  readonly best: string | null;
  readonly worst: string | null;
  readonly longestWinStreak: number;
  readonly longestLossStreak: number;
  /** The trips' values summed (trips without a value left out: `unpriced` says how many). */
  readonly realized: string;
  /** Trips whose value is null (the pair's quote asset unpriced at close). */
  readonly unpriced: number;
}

export interface JournalDrawdown {
  /** The largest fall of the PnL curve (equity minus net flows) from a peak, a non-negative amount. */
  readonly max: string;
  /** max / the equity at that peak, a fraction; null when that equity was not positive. */
  readonly maxPct: string | null;
  readonly peakTime: number | null;
  readonly troughTime: number | null;
  /** How far the curve's last point is below its highest, a non-negative amount. */
  readonly current: string;
  readonly currentPct: string | null;
}

export interface JournalStrategy {
  readonly strategy: string;
  readonly count: number;
  /** The strategy's trips' values summed. */
  readonly realized: string;
  readonly winRate: string | null;
}

export interface JournalAgainstHolding {
  /** GET /api/performance's pnl over the same range. */
  readonly pnl: string | null;
  /** What the holdings at the start would have made with no trade (same flows, same prices). */
  readonly holdingPnl: string | null;
  /** pnl - holdingPnl. */
  readonly difference: string | null;
}

/** GET /api/journal. */
export interface JournalSummary {
  readonly from: number | null;
  readonly to: number | null;
  readonly method: CostMethodName;
  readonly stats: JournalStats;
  readonly byStrategy: readonly JournalStrategy[];
  /** Not worked out where the equity series is not kept (null). */
  readonly drawdown: JournalDrawdown | null;
  readonly againstHolding: JournalAgainstHolding | null;
  readonly againstBenchmark: JournalAgainstHolding | null;
}
