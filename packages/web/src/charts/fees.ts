/**
 * The fees chart's figures: the gateway's fee series by day (GET /api/fees/days: every fee of the
 * whole history, valued when paid, day by day in the zone picked) -> the running total as a line,
 * and the fee summary (GET /api/fees) -> a breakdown per fee currency. The line ends at the
 * series' total, the figure printed under the chart: both are the gateway's, from one answer.
 */
import type { FeeDaysAnswer, FeeSummary } from "@mexc-live/contract";
import { compareDecimal } from "../format/decimal.js";
import { chartNumber } from "./numbers.js";

export interface CumulativeFees {
  /** [day start ms, all fees up to that day's end], ascending. */
  readonly points: readonly (readonly [number, number])[];
  /** The last day's running total equals the series' total (it must; said when it does not). */
  readonly endsAtTotal: boolean;
}

/** The running total of the fee series, a point per day; a day whose figure is not a number is left out. */
export function cumulativeFees(answer: FeeDaysAnswer | null): CumulativeFees {
  // An answer of another shape (an older gateway) is no series, never a broken page.
  if (answer === null || !Array.isArray(answer.items)) return { points: [], endsAtTotal: true };
  const items = [...answer.items].sort((a, b) => a.from - b.from);
  const points: [number, number][] = [];
  for (const item of items) {
    const value = chartNumber(item.cumulative);
    if (value !== undefined) points.push([item.from, value]);
  }
  const last = items[items.length - 1];
  const endsAtTotal = compareDecimal(last?.cumulative ?? "0", answer.total) === 0;
  return { points, endsAtTotal };
}

export interface FeeCurrencyRow {
  readonly currency: string;
  /** Cumulative fees in that currency, as the gateway sent it. */
  readonly amount: string;
  /** The same valued in the quote currency, as sent; null when never valued. */
  readonly valueText: string | null;
  /** For the bar length; 0 when not valued. */
  readonly value: number;
}

/** One row per fee currency, largest value first. */
export function feeBreakdown(summary: FeeSummary | null): FeeCurrencyRow[] {
  if (!summary) return [];
  const currencies = new Set([...Object.keys(summary.byCurrency), ...Object.keys(summary.valueByCurrency)]);
  const rows = [...currencies].map((currency) => {
    const valueText = summary.valueByCurrency[currency] ?? null;
    return {
      currency,
      amount: summary.byCurrency[currency] ?? "0",
      valueText,
      value: chartNumber(valueText) ?? 0,
    };
  });
  return rows.sort((a, b) => b.value - a.value || a.currency.localeCompare(b.currency));
}
