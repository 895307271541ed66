/**
 * Traded volume per symbol and day: the sum of fill amounts in the pair's quote asset, and the
 * same valued in the gateway's quote currency at fill time (`amountValue`, see fees.ts). Kept per
 * 15 minutes, so days follow any time zone (`tz`, timeZones.ts). A day's value is null when any
 * of its fills had no known value: a partial sum would mislead.
 */
import type { VolumeItem } from "@mexc-live/contract";
import { type Decimal, dec, fmt, ZERO } from "@mexc-live/protocol";
import { periodLabel, periodStart } from "../../src/figures/timeZones.js";

/** Volume is kept per this many ms (every time zone's day starts on one). */
const VOLUME_BUCKET_MS = 15 * 60_000;

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
  /** Days in this time zone (default UTC). */
  readonly tz?: string;
}

interface Bucket {
  readonly start: number;
  readonly symbol: string;
  quoteVolume: Decimal;
  value: Decimal | null;
  fills: number;
}

/** The UTC day of a time in ms, YYYY-MM-DD. */
export function utcDay(time: number): string {
  return new Date(Math.floor(time / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
}

/** A VolumeBook as plain JSON (15-minute start, symbol, quote volume, value, fills), for checkpoints. */
export type VolumeBookState = [number, string, string, string | null, number][];

/** Apply each fill once: only fills the store reported new, or a store replay. */
export class VolumeBook {
  /** "start symbol" -> bucket */
  private readonly buckets = new Map<string, Bucket>();

  constructor(state?: VolumeBookState) {
    for (const [start, symbol, quoteVolume, value, fills] of state ?? []) {
      this.buckets.set(`${start} ${symbol}`, {
        start,
        symbol,
        quoteVolume: dec(quoteVolume),
        value: value === null ? null : dec(value),
        fills,
      });
    }
  }

  save(): VolumeBookState {
    return [...this.buckets.values()].map((b) => [
      b.start,
      b.symbol,
      b.quoteVolume.toFixed(),
      b.value === null ? null : b.value.toFixed(),
      b.fills,
    ]);
  }

  apply(fill: VolumeFill): void {
    const start = Math.floor(fill.time / VOLUME_BUCKET_MS) * VOLUME_BUCKET_MS;
    const key = `${start} ${fill.symbol}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { start, symbol: fill.symbol, quoteVolume: ZERO, value: ZERO, fills: 0 };
      this.buckets.set(key, bucket);
    }
    bucket.quoteVolume = bucket.quoteVolume.plus(dec(fill.amount, "amount"));
    const value = fill.amountValue == null ? null : dec(fill.amountValue, "amountValue");
    bucket.value = bucket.value === null || value === null ? null : bucket.value.plus(value);
    bucket.fills++;
  }

  /** Volume by day of the zone (oldest first), then symbol. */
  items(query: VolumeQuery = {}): VolumeItem[] {
    const zone = query.tz ?? "UTC";
    const fromDay = query.from === undefined ? undefined : periodStart(zone, "day", query.from);
    const days = new Map<
      string,
      { day: number; symbol: string; quoteVolume: Decimal; value: Decimal | null; fills: number }
    >();
    const dayOfStart = new Map<number, number>();
    for (const b of this.buckets.values()) {
      if (query.symbol !== undefined && b.symbol !== query.symbol) continue;
      let day = dayOfStart.get(b.start);
      if (day === undefined) {
        day = periodStart(zone, "day", b.start);
        dayOfStart.set(b.start, day);
      }
      if ((fromDay !== undefined && day < fromDay) || (query.to !== undefined && day > query.to)) continue;
      const key = `${day} ${b.symbol}`;
      const held = days.get(key);
      if (held === undefined)
        days.set(key, { day, symbol: b.symbol, quoteVolume: b.quoteVolume, value: b.value, fills: b.fills });
      else {
        held.quoteVolume = held.quoteVolume.plus(b.quoteVolume);
        held.value = held.value === null || b.value === null ? null : held.value.plus(b.value);
        held.fills += b.fills;
      }
    }
    return [...days.values()]
      .sort((a, b) => (a.day === b.day ? compare(a.symbol, b.symbol) : a.day - b.day))
      .map((d) => ({
        day: periodLabel(zone, d.day),
        symbol: d.symbol,
        quoteVolume: fmt(d.quoteVolume),
        value: d.value === null ? null : fmt(d.value),
        fills: d.fills,
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
