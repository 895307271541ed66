/**
 * Traded volume per symbol and day: the sum of fill amounts in the pair's quote asset, and the
 * same valued in the gateway's quote currency at fill time (`amountValue`, see fees.ts). Kept per
 * 15 minutes, so days follow any time zone (`tz`, timeZones.ts). A day's value is null when any
 * of its fills had no known value: a partial sum would mislead.
 */
import type { VolumeItem } from "@mexc-live/contract";
import { DAY_MS, type Fixed, FixedCell, type FixedRead, fixedDecimal, fmt } from "@mexc-live/protocol";
import { periodLabel, periodStart } from "./timeZones.js";
import { type BucketSums, emptySums, SymbolTable, VOLUME_BUCKET_MS, VolumeDay } from "./volumeDay.js";

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

/** The bucket a symbol's last fill went to, its sums kept here until the symbol moves on (or a read). */
interface OpenBucket {
  start: number;
  day: number;
  row: number;
  readonly sums: BucketSums;
  /** Sums changed since they were written to the day. */
  dirty: boolean;
}

/** The UTC day of a time in ms, YYYY-MM-DD. */
export function utcDay(time: number): string {
  return new Date(Math.floor(time / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** A VolumeBook as plain JSON (15-minute start, symbol, quote volume, value, fills), for checkpoints. */
export type VolumeBookState = [number, string, string, string | null, number][];

/** Apply each fill once: only fills the store reported new, or a store replay. */
export class VolumeBook {
  /** UTC day start -> its buckets (volumeDay.ts). */
  private readonly days = new Map<number, VolumeDay>();
  /** The bucket each symbol's last fill went to (the next fill's, most of the time). */
  private readonly open = new Map<string, OpenBucket>();
  /** Each symbol's latest bucket start: a later one is new, with no need to look for it. */
  private readonly newest = new Map<string, number>();
  /** Buckets at or before this may be in days this book did not fill itself (`before`). */
  private floor = Number.NEGATIVE_INFINITY;

  constructor(
    state?: VolumeBookState,
    private readonly symbols = new SymbolTable(),
  ) {
    this.load(state ?? []);
  }

  save(): VolumeBookState {
    const out: VolumeBookState = [];
    for (const day of this.sortedDays()) out.push(...this.saveDay(day));
    return out;
  }

  /** Takes in a day's text (dayText) of a day before any it holds (the days read back after a start). */
  loadDay(text: string): void {
    if (text !== "") this.load(JSON.parse(`[${text}]`) as VolumeBookState);
  }

  /** A UTC day's buckets as text (its entries of save(), without the brackets): the day's series row. */
  dayText(day: number): string {
    return this.days.has(day) ? JSON.stringify(this.saveDay(day)).slice(1, -1) : "";
  }

  apply(fill: VolumeFill): void {
    const value = fill.amountValue == null ? null : FixedCell.parse(fill.amountValue, "amountValue");
    this.add(fill.time, fill.symbol, FixedCell.parse(fill.amount, "amount"), value);
  }

  /** A fill's numbers already read (figures.ts reads each number of a fill once). */
  add(time: number, symbol: string, amount: FixedRead, value: FixedRead | null): void {
    const start = Math.floor(time / VOLUME_BUCKET_MS) * VOLUME_BUCKET_MS;
    const day = Math.floor(start / DAY_MS) * DAY_MS;
    let open = this.open.get(symbol);
    if (open === undefined) {
      open = { start: Number.NaN, day, row: -1, sums: emptySums(), dirty: false };
      this.open.set(symbol, open);
    }
    if (open.start !== start) this.moveTo(open, start, day, symbol);
    const sums = open.sums;
    sums.quoteVolume.add(amount);
    if (value === null) sums.valued = false;
    else if (sums.valued) sums.value.add(value);
    sums.fills++;
    open.dirty = true;
  }

  /**
   * The volume of the UTC days before `day` (a day's start), sharing their buckets with this book:
   * the figures replay the fills from `day` on into it. A day holds the buckets of its own fills
   * alone, so the days before are what they were; either book writing to a shared day writes to
   * a copy of its own.
   */
  before(day: number): VolumeBook {
    this.flush();
    const copy = new VolumeBook(undefined, this.symbols);
    for (const [start, buckets] of this.days) {
      if (start >= day) continue;
      buckets.shared = true;
      copy.days.set(start, buckets);
    }
    copy.floor = day - 1;
    return copy;
  }

  /** Writes the open buckets' sums to their days (before anything reads the days). */
  private flush(): void {
    for (const open of this.open.values()) this.writeBack(open);
  }

  private writeBack(open: OpenBucket): void {
    if (!open.dirty) return;
    this.ownDay(open.day).write(open.row, open.sums);
    open.dirty = false;
  }

  /** Points `open` at the bucket of `start` and `symbol`, made if there is none. */
  private moveTo(open: OpenBucket, start: number, day: number, symbol: string): void {
    this.writeBack(open);
    const id = this.symbols.id(symbol);
    const newest = this.newest.get(symbol);
    const known = this.days.get(day);
    // In the store's order (a replay), every bucket is later than the symbol's last: no search.
    const row = start <= (newest ?? this.floor) && known !== undefined ? known.find(start, id) : -1;
    if (row >= 0) {
      open.row = row;
      known?.read(row, open.sums);
    } else {
      open.row = this.ownDay(day).add(start, id);
      const sums = open.sums;
      sums.quoteVolume.zero();
      sums.value.zero();
      sums.valued = true;
      sums.fills = 0;
    }
    open.start = start;
    open.day = day;
    if (newest === undefined || start > newest) this.newest.set(symbol, start);
  }

  /** The day's buckets this book may write to: made when there are none, copied when shared. */
  private ownDay(day: number): VolumeDay {
    let buckets = this.days.get(day);
    if (buckets === undefined) {
      // Room for as many buckets as the day before had: a bot's days look alike.
      buckets = new VolumeDay(day, this.days.get(day - DAY_MS)?.rows);
      this.days.set(day, buckets);
    } else if (buckets.shared) {
      buckets = buckets.copy();
      this.days.set(day, buckets);
    }
    return buckets;
  }

  /** Buckets as a checkpoint saved them, added in that order. */
  private load(state: VolumeBookState): void {
    for (const [start, symbol, quoteVolume, value, fills] of state) {
      const buckets = this.ownDay(Math.floor(start / DAY_MS) * DAY_MS);
      buckets.write(buckets.add(start, this.symbols.id(symbol)), {
        quoteVolume: FixedCell.parse(quoteVolume),
        value: value === null ? new FixedCell() : FixedCell.parse(value),
        valued: value !== null,
        fills,
      });
      const newest = this.newest.get(symbol);
      if (newest === undefined || start > newest) this.newest.set(symbol, start);
    }
  }

  private sortedDays(): number[] {
    return [...this.days.keys()].sort((a, b) => a - b);
  }

  private saveDay(day: number): VolumeBookState {
    this.flush();
    const out: VolumeBookState = [];
    const buckets = this.days.get(day) as VolumeDay;
    const sums = emptySums();
    for (let row = 0; row < buckets.rows; row++) {
      const { quoteVolume, value, valued, fills } = buckets.read(row, sums);
      out.push([
        buckets.start(row),
        this.symbols.name(buckets.symbol(row)),
        quoteVolume.text(),
        valued ? value.text() : null,
        fills,
      ]);
    }
    return out;
  }

  /** Volume by day of the zone (oldest first), then symbol. */
  items(query: VolumeQuery = {}): VolumeItem[] {
    this.flush();
    const zone = query.tz ?? "UTC";
    const fromDay = query.from === undefined ? undefined : periodStart(zone, "day", query.from);
    const days = new Map<
      string,
      { day: number; symbol: string; quoteVolume: Fixed; value: Fixed | null; fills: number }
    >();
    const dayOfStart = new Map<number, number>();
    const sums = emptySums();
    for (const buckets of this.days.values()) {
      // A UTC day far from the range has no bucket in it, in any zone (a zone's day starts at or
      // before the moment, and less than two days before it).
      if (fromDay !== undefined && buckets.day + DAY_MS < fromDay) continue;
      if (query.to !== undefined && buckets.day - 2 * DAY_MS > query.to) continue;
      for (let row = 0; row < buckets.rows; row++) {
        const symbol = this.symbols.name(buckets.symbol(row));
        if (query.symbol !== undefined && symbol !== query.symbol) continue;
        const start = buckets.start(row);
        let day = dayOfStart.get(start);
        if (day === undefined) {
          day = periodStart(zone, "day", start);
          dayOfStart.set(start, day);
        }
        if ((fromDay !== undefined && day < fromDay) || (query.to !== undefined && day > query.to)) continue;
        const b = buckets.read(row, sums);
        const quoteVolume = b.quoteVolume.value;
        const value = b.valued ? b.value.value : null;
        const key = `${day} ${symbol}`;
        const held = days.get(key);
        if (held === undefined) days.set(key, { day, symbol, quoteVolume, value, fills: b.fills });
        else {
          held.quoteVolume += quoteVolume;
          held.value = held.value === null || value === null ? null : held.value + value;
          held.fills += b.fills;
        }
      }
    }
    return [...days.values()]
      .sort((a, b) => (a.day === b.day ? compare(a.symbol, b.symbol) : a.day - b.day))
      .map((d) => ({
        day: periodLabel(zone, d.day),
        symbol: d.symbol,
        quoteVolume: fmt(fixedDecimal(d.quoteVolume)),
        value: d.value === null ? null : fmt(fixedDecimal(d.value)),
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
