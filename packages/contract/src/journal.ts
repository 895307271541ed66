/**
 * The trader's journal (GET /api/journal/trips, GET /api/journal; docs/figures.md "Journal"):
 * round trips, one per closing order, and the statistics over them. Decimal strings; amounts in
 * the pair's quote asset say so, the rest are in the account's quote currency.
 */
import type { CostMethodName } from "./performance.js";

/** Where "strategy" falls back to: an order whose clientOrderId starts with none of the prefixes asked. */
export const MANUAL_STRATEGY = "manual";

/** Prefixes a trader may name (`strategyPrefix=`): a handful of bots, not a list to search. */
export const MAX_STRATEGY_PREFIXES = 20;
/** MEXC's clientOrderId (newClientOrderId) is at most 32 characters: a longer prefix matches nothing. */
export const MAX_STRATEGY_PREFIX_LENGTH = 32;

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

/**
 * The account against holding still (`againstHolding`): the holdings at the range's start and the
 * same deposits, withdrawals and transfers, in kind, with no trade. Money in the quote currency
 * at the prices GET /api/performance values the range with.
 */
export interface JournalAgainstHolding {
  /** GET /api/performance's pnl over the same range (end equity - start equity - net flows). */
  readonly pnl: string | null;
  /**
   * What holding still made: the start's holdings plus the range's flows in kind, valued at the
   * range's end, minus the start equity and the net flows; null when one of them has no price
   * (`unpriced` names it), never a guess.
   */
  readonly holdingPnl: string | null;
  /** pnl - holdingPnl: what the trades added (negative: what they cost). */
  readonly difference: string | null;
  /** Assets left out, or that made holdingPnl null, for want of a price (as Performance's `unpriced`). */
  readonly unpriced: readonly string[];
  /**
   * Some of `unpriced` wait on past prices still being fetched (as Performance's `pricesPending`):
   * the figures leave them out only until those prices are in, and will change then.
   */
  readonly pricesPending?: boolean;
}

/**
 * The account against a benchmark asset (`benchmark=BTC`): the start equity and each net flow put
 * into that asset at its price then, instead of what was done, valued at the range's end.
 */
export interface JournalAgainstBenchmark {
  /** The asset asked (`benchmark=`). */
  readonly asset: string;
  /** GET /api/performance's pnl over the same range. */
  readonly pnl: string | null;
  /** What the benchmark made: its value at the end - the start equity - the net flows; null when unpriced. */
  readonly benchmarkPnl: string | null;
  /** pnl - benchmarkPnl. */
  readonly difference: string | null;
  /** Assets left out, or that made benchmarkPnl null, for want of a price. */
  readonly unpriced: readonly string[];
  /** Some of `unpriced` wait on past prices still being fetched (JournalAgainstHolding's). */
  readonly pricesPending?: boolean;
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
  /** Null where the holdings are not kept (a web instance without its collector). */
  readonly againstHolding: JournalAgainstHolding | null;
  /** Null when no `benchmark` was asked (or the holdings are not kept). */
  readonly againstBenchmark: JournalAgainstBenchmark | null;
}

/**
 * GET /api/journal/holding-times: how long the round trips of one pair held what they sold (trips
 * closed in the range, as the journal's). A trip's days held are its units' times from purchase
 * (oldest purchase first, as its `openTime`) to the sale, weighted by quantity, to the millisecond;
 * the average and the median are over the pair's trips, each trip counting once.
 */
export interface HoldingTimeItem {
  /** The account it belongs to: set in answers for all accounts together. */
  readonly account?: string;
  readonly symbol: string;
  /** Round trips of the pair closed in the range. */
  readonly trips: number;
  /** Of them, those whose every unit sold has a known purchase (a unit held from before the history has none). */
  readonly measured: number;
  /** The measured trips' mean days held, a decimal string ("1.5" = a day and a half); null when none is measured. */
  readonly averageDays: string | null;
  /** Their median (the mean of the middle two for an even count); null when none is measured. */
  readonly medianDays: string | null;
}
