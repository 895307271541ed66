/**
 * Performance over time: PnL by period, and equity net of deposits and withdrawals. Money is
 * decimal strings in the gateway's quote currency; times are ms since epoch.
 */

export type CostMethodName = "avg" | "fifo";
export type PnlPeriod = "day" | "week" | "month";

/** One period of GET /api/pnl/periods. */
export interface PnlPeriodItem {
  /** The period's first day, YYYY-MM-DD (UTC; weeks start on Monday). */
  readonly period: string;
  /** ms: the period's start and end (inclusive). */
  readonly from: number;
  readonly to: number;
  /** PnL realized by the sells of the period, valued at fill time. */
  readonly realized: string;
  /** PnL of what was held at the period's end, at the last price known then; null when it cannot be valued. */
  readonly unrealized: string | null;
  /** Fees paid in the period, valued at fill time. */
  readonly fees: string;
  readonly method: CostMethodName;
}

/** One point of the net deposits line: deposits minus withdrawals so far, valued when each happened. */
export interface NetFlowPoint {
  readonly time: number;
  readonly value: string;
}

/** GET /api/performance?from&to: how the account did over a range, deposits and withdrawals set apart. */
export interface PerformanceSummary {
  readonly from: number;
  readonly to: number;
  readonly startEquity: string | null;
  readonly endEquity: string | null;
  /** Deposits minus withdrawals (and transfers in minus out) within the range, valued when each happened. */
  readonly netFlows: string;
  /**
   * Time-weighted return over the range, a fraction ("0.0123" = +1.23 %): the product of the
   * returns between flows, so a deposit is never a gain and a withdrawal never a loss; null
   * without equity to measure it.
   */
  readonly twr: string | null;
  /** The net deposits line since the start of the known history (for the equity chart). */
  readonly netDeposits: readonly NetFlowPoint[];
}
