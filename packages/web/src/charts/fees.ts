/**
 * Fills -> cumulative fees valued in the quote currency over time, and the fee summary -> a
 * breakdown per fee currency. Fills whose fee had no price at fill time (feeValue null) cannot be
 * valued: they are counted, not guessed.
 */
import type { FeeSummary, FillItem } from "@mexc-live/contract";
import { chartNumber } from "./numbers.js";

/**
 * At most this many points on the cumulative line (years of fills stay smooth): consecutive fills
 * are merged into buckets, each drawn at its last fill, which is exact there since the line is a
 * running sum.
 */
export const MAX_FEE_POINTS = 2_000;

export interface CumulativeFees {
  /** [time ms, cumulative fee value], ascending by time. */
  readonly points: readonly (readonly [number, number])[];
  /** Fills whose fee could not be valued (left out of the line). */
  readonly unpriced: number;
}

function ascending(fills: readonly FillItem[]): readonly FillItem[] {
  let asc = true;
  let desc = true;
  for (let i = 1; i < fills.length && (asc || desc); i++) {
    const d = (fills[i] as FillItem).time - (fills[i - 1] as FillItem).time;
    if (d < 0) asc = false;
    if (d > 0) desc = false;
  }
  if (asc) return fills;
  if (desc) return [...fills].reverse();
  return [...fills].sort((a, b) => a.time - b.time);
}

export function cumulativeFees(fills: readonly FillItem[], maxPoints = MAX_FEE_POINTS): CumulativeFees {
  const all: [number, number][] = [];
  let unpriced = 0;
  let sum = 0;
  for (const fill of ascending(fills)) {
    const value = chartNumber(fill.feeValue);
    if (value === undefined) {
      unpriced++;
      continue;
    }
    sum += value;
    const last = all[all.length - 1];
    if (last && last[0] === fill.time) last[1] = sum;
    else all.push([fill.time, sum]);
  }
  if (all.length <= maxPoints) return { points: all, unpriced };
  const bucket = Math.ceil(all.length / maxPoints);
  const points: [number, number][] = [];
  for (let i = bucket - 1; i < all.length; i += bucket) points.push(all[i] as [number, number]);
  if (points[points.length - 1] !== all[all.length - 1]) points.push(all[all.length - 1] as [number, number]);
  return { points, unpriced };
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
