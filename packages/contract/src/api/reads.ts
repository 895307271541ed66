/**
 * The API's reads, one row each: where it is served, what it answers, and how the answers of
 * several accounts fold into one (a read without `?account=` on a gateway with several). The
 * gateway registers its routes, asks its collector over Redis and folds accounts by this table;
 * the dashboard's client builds its URLs from it. Each row's parameter schema (zod) sits beside
 * it in api/params.ts, keyed by the same names: apart, so the dashboard's bundle holds no zod.
 *
 * A new read is a row here, its schemas in api/params.ts, its row in the gateway's
 * figures/accountReads.ts (its read model's answer, and an account with no history's), and a fold
 * in http/queries/accountFolds.ts only for a new kind of fold: the compiler asks for each.
 */

import type { Page } from "../http.js";
import type { EquityPoint, FeeSummary, PnlItem, VolumeItem } from "../items.js";
import type { JournalSummary, JournalTrip } from "../journal.js";
import type { AssetPnlItem, FeeDaysAnswer, PerformanceSummary, PnlPeriodItem } from "../performance.js";

/**
 * How the answers of several accounts become one:
 *   sumByTime       at each time, every account's latest point at or before it, summed (equity)
 *   sumByCurrency   per currency and in total, summed (fees)
 *   sumByDay        per day, fees and cumulative summed (the fee series)
 *   rowsWithAccount each account's rows, each with its `account` (PnL by pair)
 *   sumByAsset      per asset, quantities, costs, PnL and values summed (PnL by asset)
 *   sumByPeriod     per period, realized, unrealized and fees summed (PnL by period)
 *   sumBridges      every account's bridge over the range, part by part; the TWR of the sum (performance)
 *   defaultAccount  the default account's answer (volume)
 *   tripsByCloseTime   every account's trips, newest close first, each with its `account`; the
 *                   cursor holds each account's own, `total` is every account's summed (journal trips)
 *   journalOfAllTrips  the statistics worked out again over every account's trips merged by close
 *                   time (never summed: a streak or a best trip is not a sum), the drawdown of the
 *                   summed PnL curve, against holding and against a benchmark summed (journal)
 */
export type AccountsFold =
  | "sumByTime"
  | "sumByCurrency"
  | "sumByDay"
  | "rowsWithAccount"
  | "sumByAsset"
  | "sumByPeriod"
  | "sumBridges"
  | "defaultAccount"
  | "tripsByCloseTime"
  | "journalOfAllTrips";

export interface ReadRow {
  /** Where it is served (GET). */
  readonly path: string;
  /** Parameters that pick this read among those of one path (`by=asset` of /api/pnl). */
  readonly select?: Readonly<Record<string, string>>;
  /** The answer is `{items: ...}` around the read's list, not the read's answer itself. */
  readonly items: boolean;
  /** The answer carries the figures version header (FIGURES_VERSION_HEADER, http.ts). */
  readonly figures: boolean;
  /**
   * Reads days in `tz=` (groups by them, or takes a date alone as midnight there): the dashboard
   * names its zone on every read of it.
   */
  readonly zoned: boolean;
  readonly fold: AccountsFold;
}

export const READS = {
  equity: { path: "/api/equity", items: true, figures: false, zoned: false, fold: "sumByTime" },
  fees: { path: "/api/fees", items: false, figures: true, zoned: false, fold: "sumByCurrency" },
  feeDays: { path: "/api/fees/days", items: false, figures: true, zoned: true, fold: "sumByDay" },
  pnl: { path: "/api/pnl", items: true, figures: true, zoned: false, fold: "rowsWithAccount" },
  assetPnl: {
    path: "/api/pnl",
    select: { by: "asset" },
    items: true,
    figures: true,
    zoned: false,
    fold: "sumByAsset",
  },
  pnlPeriods: { path: "/api/pnl/periods", items: true, figures: true, zoned: true, fold: "sumByPeriod" },
  performance: { path: "/api/performance", items: false, figures: true, zoned: false, fold: "sumBridges" },
  volume: { path: "/api/volume", items: true, figures: false, zoned: true, fold: "defaultAccount" },
  journalTrips: {
    path: "/api/journal/trips",
    items: false,
    figures: true,
    zoned: true,
    fold: "tripsByCloseTime",
  },
  journal: { path: "/api/journal", items: false, figures: true, zoned: true, fold: "journalOfAllTrips" },
} as const satisfies Record<string, ReadRow>;

export type ReadName = keyof typeof READS;

/** What each read answers (inside `{items}` where the row says `items`). */
export interface ReadAnswers {
  equity: readonly EquityPoint[];
  fees: FeeSummary;
  feeDays: FeeDaysAnswer;
  pnl: readonly PnlItem[];
  assetPnl: readonly AssetPnlItem[];
  pnlPeriods: readonly PnlPeriodItem[];
  performance: PerformanceSummary;
  volume: readonly VolumeItem[];
  /** A page of round trips, newest close first (its own `{items, nextCursor, total}`). */
  journalTrips: Page<JournalTrip>;
  journal: JournalSummary;
}

/** The HTTP answer of a read: its answer, or `{items}` around it. */
export type HttpAnswer<K extends ReadName> = (typeof READS)[K]["items"] extends true
  ? { readonly items: ReadAnswers[K] }
  : ReadAnswers[K];

/** The names of the reads, in the table's order. */
export const READ_NAMES = Object.keys(READS) as readonly ReadName[];
