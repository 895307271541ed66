/**
 * Performance over time: PnL by period, and equity net of deposits and withdrawals. Money is
 * decimal strings in the gateway's quote currency; times are ms since epoch.
 *
 * One definition holds everywhere (docs/figures.md): over any range,
 *
 *   pnl = endEquity - startEquity - netFlows = realized + unrealized + fees
 *
 * where every holding has a cost basis (a deposit or transfer in is acquired at its market value
 * at that time; a withdrawal or transfer out leaves at its market value), `unrealized` is the
 * change of the unrealized PnL over the range, and fees are negative. Equity, flows and PnL of
 * one answer use the same prices: MEXC's candles of each moment (GET /api/v3/klines), the live
 * price for "now".
 */

/** The cost-basis methods the gateway keeps figures by (`method=` on the PnL routes, `--cost-basis`). */
export const COST_METHODS = ["avg", "fifo"] as const;
export type CostMethodName = (typeof COST_METHODS)[number];

/**
 * A time zone for day boundaries (`tz=` on the routes that group by day): "UTC" or an IANA zone
 * name ("Europe/Berlin"). The dashboard's default is the browser's zone.
 */
export type TimeZoneName = string;

/** One period of GET /api/pnl/periods. */
export interface PnlPeriodItem {
  /** The period's first day, YYYY-MM-DD in the asked time zone (weeks start on Monday). */
  readonly period: string;
  /** ms: the period's start and end (inclusive). */
  readonly from: number;
  readonly to: number;
  /** PnL realized by the disposals of the period, valued at their time. */
  readonly realized: string;
  /** PnL of what was held at the period's end, at the market price then; null when it cannot be valued. */
  readonly unrealized: string | null;
  /** Fees paid in the period (negative in the bridge; a positive amount here), valued at their time. */
  readonly fees: string;
  readonly method: CostMethodName;
  /**
   * Assets left out of this period's figures for want of a price (at one of its ends while held,
   * or of one of its events), as Performance's `unpriced`; absent when none is.
   */
  readonly unpriced?: readonly string[];
  /** Some of `unpriced` wait on past prices still being fetched: the figures take them in once those are in. */
  readonly pricesPending?: boolean;
}

/** One point of the net deposits line: deposits minus withdrawals so far, valued when each happened. */
export interface NetFlowPoint {
  readonly time: number;
  readonly value: string;
}

/**
 * The bridge from start to end equity over a range: signed decimal strings in the quote currency
 * (withdrawals and fees negative, `unrealized` the change of unrealized PnL over the range).
 * Every part but `endEquity` sums exactly to `endEquity`, and realized + unrealized + fees = pnl.
 */
export interface PerformanceBridge {
  readonly startEquity: string;
  /** Deposits in the range, valued when each arrived (>= 0). */
  readonly deposits: string;
  /** Withdrawals in the range (the amount that left, fee apart), valued when each left (<= 0). */
  readonly withdrawals: string;
  /** Transfers between wallets and to or from other MEXC users, in minus out, valued when each happened. */
  readonly transfers: string;
  readonly realized: string;
  readonly unrealized: string;
  /** Trading fees and withdrawal fees, valued when paid (<= 0). */
  readonly fees: string;
  readonly endEquity: string;
}

/** The bridge's parts, in the order they read (start, the flows, the PnL, end). */
export const BRIDGE_PARTS = [
  "startEquity",
  "deposits",
  "withdrawals",
  "transfers",
  "realized",
  "unrealized",
  "fees",
  "endEquity",
] as const satisfies readonly (keyof PerformanceBridge)[];

/** One asset's part of a range's PnL (realized + unrealized + fees = pnl). */
export interface AssetPnlPart {
  readonly asset: string;
  readonly realized: string;
  readonly unrealized: string;
  readonly fees: string;
  readonly pnl: string;
}

/**
 * Where a range stands against the history mexc-live knows: all in it ("covered"), starting
 * before it (the figures start where the history does), ending before it or starting after now
 * (no figures: there are none), or no history at all.
 */
export type RangeCoverageStatus = "covered" | "startsBeforeHistory" | "beforeHistory" | "future" | "noHistory";

/** GET /api/performance's word on the range: what it covers, and when the history starts. */
export interface RangeCoverage {
  readonly status: RangeCoverageStatus;
  /** The first mark of the known history (ms); null without history. */
  readonly historyStartsAt: number | null;
}

/** GET /api/performance?from&to (no range: all history): how the account did over a range, deposits and withdrawals set apart. */
export interface PerformanceSummary {
  readonly from: number;
  readonly to: number;
  /** The currency every figure is in. */
  readonly quote?: string;
  readonly startEquity: string | null;
  readonly endEquity: string | null;
  /** Deposits minus withdrawals (and transfers in minus out) within the range, valued when each happened. */
  readonly netFlows: string;
  /**
   * Time-weighted return over the range, a fraction ("0.0123" = +1.23 %): the product of the
   * returns between flows, so a deposit is never a gain and a withdrawal never a loss; null
   * without equity to measure it, or while past prices it needs are still being fetched
   * (`pricesPending`). Measured over the assets the bridge values.
   */
  readonly twr: string | null;
  /** The net deposits line since the start of the known history (for the equity chart). */
  readonly netDeposits: readonly NetFlowPoint[];
  /** endEquity - startEquity - netFlows; null when the balances are unknown. */
  readonly pnl?: string | null;
  /** The PnL by asset; sums to `pnl`. */
  readonly byAsset?: readonly AssetPnlPart[];
  /** How start equity became end equity; null when the balances are unknown. */
  readonly bridge?: PerformanceBridge | null;
  /**
   * Assets left out of every figure of this answer because something of theirs had no market
   * price near enough (a candle MEXC no longer serves, a pair with no route to the quote).
   */
  readonly unpriced?: readonly string[];
  /**
   * True when `unpriced` is not empty and some past price the range needs is not fetched from
   * MEXC yet (the first minutes of a history: backfilled fills and deposits still being valued at
   * the prices of their time, or the read's share of requests spent), or while the first backfill
   * still reads the history (newest first: what is held has no known cost until the buys before
   * it are read): a later read may price what it names. Absent once every price asked for was
   * answered and the history is read.
   */
  readonly pricesPending?: boolean;
  /** The cost-basis method realized and unrealized follow. */
  readonly method?: CostMethodName /** Where the range stands against the known history; absent from gateways before 2026-11-25. */;
  readonly coverage?: RangeCoverage;
}

/** One asset held or once held: GET /api/pnl?by=asset. Values in the quote currency. */
export interface AssetPnlItem {
  /** The account it belongs to: set in answers for all accounts together (no `?account=` with several). */
  readonly account?: string;
  readonly asset: string;
  /** What the account holds now (free + locked). */
  readonly quantity: string;
  /** What the quantity held cost (deposits and transfers in at their market value then); null when a part of it has no price. */
  readonly costBasis: string | null;
  /** costBasis / quantity; null when either is unknown or the quantity is 0. */
  readonly averageCost: string | null;
  /** Realized PnL of every disposal (sells, withdrawals and transfers out at market value, fees paid in it). */
  readonly realized: string;
  /** value - costBasis; null without a price. */
  readonly unrealized: string | null;
  /** Fees paid in this asset, valued when paid (a positive amount). */
  readonly fees: string;
  /** quantity at the live price; null without one. */
  readonly value: string | null;
  /** The live price of one unit in the quote currency; null without one. */
  readonly price?: string | null;
  readonly method: CostMethodName;
}

/** One day of GET /api/fees/days: fees paid that day and all fees so far, valued when paid. */
export interface FeeDayItem {
  /** YYYY-MM-DD in the asked time zone. */
  readonly day: string;
  readonly from: number;
  readonly to: number;
  readonly fees: string;
  /** Every fee up to this day's end; the last item's equals `total`. */
  readonly cumulative: string;
}

/** GET /api/fees/days?from&to&tz: the fee series over the whole history by day. */
export interface FeeDaysAnswer {
  readonly quote: string;
  readonly items: readonly FeeDayItem[];
  /** All fees valued in the quote currency (GET /api/fees's totalValue). */
  readonly total: string;
}

/** Why a range has no money-weighted return (GET /api/performance/money-weighted's `noRate`). */
export type MoneyWeightedNoRate =
  /** No equity to start or end from: no history in the range, or the range has no length. */
  | "noEquity"
  /** The range has no length. */
  | "emptyRange"
  /** Nothing was invested: no equity at the start and no deposit in the range. */
  | "nothingInvested"
  /** No rate above -100 % makes the start equity and the flows the end equity. */
  | "noRoot"
  /** Past prices the range needs are still being fetched (`pricesPending`): a later read has the rate. */
  | "pricesPending";

/**
 * GET /api/performance/money-weighted?from&to (no range: all history): the money-weighted return
 * (internal rate of return, IRR) over a range, beside the time-weighted one of GET
 * /api/performance: the one rate at which the start equity and every deposit and withdrawal,
 * grown for the time each was in the range, make the end equity (docs/figures.md). Its range,
 * equity, assets left out and coverage are Performance's of the same range.
 */
export interface MoneyWeightedAnswer {
  readonly from: number;
  readonly to: number;
  /** The currency every figure is in. */
  readonly quote?: string;
  readonly startEquity: string | null;
  readonly endEquity: string | null;
  /** The deposits (+), withdrawals and transfers out (-) in the range, each valued when it happened, oldest first. */
  readonly flows: readonly NetFlowPoint[];
  /** A year's rate (Portfolio Performance's "IRR"), a fraction ("0.0885" = 8.85 % a year); null when there is none or beyond 10^12. */
  readonly annual: string | null;
  /** The same growth over the whole range: (1 + period) = (1 + annual)^(days / 365). */
  readonly period: string | null;
  /** Why there is no rate; null when there is one. */
  readonly noRate: MoneyWeightedNoRate | null;
  /** Assets left out, as Performance's `unpriced`. */
  readonly unpriced: readonly string[];
  readonly pricesPending?: boolean;
  readonly coverage: RangeCoverage;
}
