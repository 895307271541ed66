/**
 * Traded volume per symbol and UTC day: the sum of fill amounts in the pair's quote asset, and
 * the same valued in the gateway's quote currency at fill time (`amountValue`, see fees.ts).
 * A day's value is null when any of its fills had no known value: a partial sum would mislead.
 */
import type { VolumeItem } from "@mexc-live/contract";
import { type Decimal, dec, fmt, ZERO } from "@mexc-live/protocol";
import { dayOf } from "./dailyPnl.js";

/** A fill as volume reads it. */
export interface VolumeFill {
  readonly symbol: string;
  readonly time: number;
  readonly amount: string;
  readonly amountValue?: string | null;
}

export interface VolumeQuery {
  readonly symbol?: string;
  /** ms; days that end before it are left out. */
  readonly from?: number;
  /** ms; days that start after it are left out. */
  readonly to?: number;
}

interface Bucket {
  readonly day: string;
  readonly symbol: string;
  quoteVolume: Decimal;
  value: Decimal | null;
  fills: number;
}

/** The UTC day of a time in ms, YYYY-MM-DD. */
export function utcDay(time: number): string {
  return dayOf(time);
}

/** A VolumeBook as plain JSON (day, symbol, quote volume, value, fills), for checkpoints. */
export type VolumeBookState = [string, string, string, string | null, number][];

/** Apply each fill once: only fills the store reported new, or a store replay. */
export class VolumeBook {
  /** "day symbol" -> bucket */
  private readonly buckets = new Map<string, Bucket>();

  constructor(state?: VolumeBookState) {
    for (const [day, symbol, quoteVolume, value, fills] of state ?? []) {
      this.buckets.set(`${day} ${symbol}`, {
        day,
        symbol,
        quoteVolume: dec(quoteVolume),
        value: value === null ? null : dec(value),
        fills,
      });
    }
  }

  save(): VolumeBookState {
    return [...this.buckets.values()].map((b) => [
      b.day,
      b.symbol,
      b.quoteVolume.toFixed(),
      b.value === null ? null : b.value.toFixed(),
      b.fills,
    ]);
  }

  apply(fill: VolumeFill): void {
    const day = utcDay(fill.time);
    const key = `${day} ${fill.symbol}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { day, symbol: fill.symbol, quoteVolume: ZERO, value: ZERO, fills: 0 };
      this.buckets.set(key, bucket);
    }
    bucket.quoteVolume = bucket.quoteVolume.plus(dec(fill.amount, "amount"));
    const value = fill.amountValue == null ? null : dec(fill.amountValue, "amountValue");
    bucket.value = bucket.value === null || value === null ? null : bucket.value.plus(value);
    bucket.fills++;
  }

  /** Buckets by day (oldest first), then symbol. */
  items(query: VolumeQuery = {}): VolumeItem[] {
    const fromDay = query.from === undefined ? undefined : utcDay(query.from);
    const toDay = query.to === undefined ? undefined : utcDay(query.to);
    return [...this.buckets.values()]
      .filter((b) => query.symbol === undefined || b.symbol === query.symbol)
      .filter((b) => (fromDay === undefined || b.day >= fromDay) && (toDay === undefined || b.day <= toDay))
      .sort((a, b) => (a.day === b.day ? compare(a.symbol, b.symbol) : compare(a.day, b.day)))
      .map((b) => ({
        day: b.day,
        symbol: b.symbol,
        quoteVolume: fmt(b.quoteVolume),
        value: b.value === null ? null : fmt(b.value),
        fills: b.fills,
      }));
  }
}

/** Volume buckets of a sequence of fills. */
export function volumeByDay(fills: Iterable<VolumeFill>, query?: VolumeQuery): VolumeItem[] {
  const book = new VolumeBook();
  for (const fill of fills) book.apply(fill);
  return book.items(query);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
