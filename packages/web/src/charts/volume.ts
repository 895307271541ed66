/**
 * Daily volume items -> stacked bars: one category per UTC day (days without fills included, so
 * the axis is a calendar), one series per symbol, values in the gateway's quote currency. Symbols
 * beyond the largest MAX_VOLUME_SYMBOLS - 1 are summed into "Other"; items without a value (no
 * price to value the pair's quote asset) are counted, not charted.
 */
import type { VolumeItem } from "@mexc-live/contract";
import { DAY_MS } from "@mexc-live/protocol";
import { chartNumber } from "./numbers.js";
import { OTHER_LABEL } from "./palette.js";

/** Days shown: the most recent ones with data, at most this many calendar days. */
const MAX_VOLUME_DAYS = 30;
/** Bar series at most, "Other" included. */
const MAX_VOLUME_SYMBOLS = 6;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface VolumeSeries {
  /** UTC days, YYYY-MM-DD, ascending and consecutive. */
  readonly days: readonly string[];
  /** Largest total first; values align with `days` (0 where none). */
  readonly series: readonly { readonly symbol: string; readonly values: readonly number[] }[];
  /** Items in the shown days that could not be valued in the quote currency. */
  readonly unpriced: number;
}

export interface VolumeLimits {
  readonly maxDays?: number;
  readonly maxSymbols?: number;
}

function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function volumeSeries(items: readonly VolumeItem[], limits: VolumeLimits = {}): VolumeSeries {
  const maxDays = Math.max(1, limits.maxDays ?? MAX_VOLUME_DAYS);
  const maxSymbols = Math.max(1, limits.maxSymbols ?? MAX_VOLUME_SYMBOLS);
  const dated = items.filter((item) => DAY.test(item.day) && Number.isFinite(dayMs(item.day)));
  if (dated.length === 0) return { days: [], series: [], unpriced: 0 };

  let first = Infinity;
  let last = -Infinity;
  for (const item of dated) {
    const ms = dayMs(item.day);
    first = Math.min(first, ms);
    last = Math.max(last, ms);
  }
  first = Math.max(first, last - (maxDays - 1) * DAY_MS);
  const days: string[] = [];
  for (let ms = first; ms <= last; ms += DAY_MS) days.push(dayOf(ms));
  const index = new Map(days.map((day, i) => [day, i]));

  const bySymbol = new Map<string, number[]>();
  const totals = new Map<string, number>();
  let unpriced = 0;
  for (const item of dated) {
    const i = index.get(item.day);
    if (i === undefined) continue;
    const value = chartNumber(item.value);
    if (value === undefined) {
      unpriced++;
      continue;
    }
    let values = bySymbol.get(item.symbol);
    if (!values) {
      values = new Array<number>(days.length).fill(0);
      bySymbol.set(item.symbol, values);
    }
    values[i] = (values[i] ?? 0) + value;
    totals.set(item.symbol, (totals.get(item.symbol) ?? 0) + value);
  }

  const ranked = [...bySymbol.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b));
  const ownCount = ranked.length > maxSymbols ? maxSymbols - 1 : ranked.length;
  const series = ranked.slice(0, ownCount).map((symbol) => ({ symbol, values: bySymbol.get(symbol) as number[] }));
  if (ranked.length > ownCount) {
    const other = new Array<number>(days.length).fill(0);
    for (const symbol of ranked.slice(ownCount)) {
      (bySymbol.get(symbol) as number[]).forEach((v, i) => {
        other[i] = (other[i] ?? 0) + v;
      });
    }
    series.push({ symbol: OTHER_LABEL, values: other });
  }
  return { days, series, unpriced };
}
