/**
 * One UTC day of the volume book (volume.ts): its 15-minute buckets as columns (slot, symbol,
 * fills, quote volume, value), in the order their first fill came, in typed-array memory. A year
 * of a busy bot is ~540k buckets: as objects with bigints and string keys they were 148 MB of the
 * gateway's heap at a million fills (bench:store, issue 31), now ~30 MB the collector does not trace.
 */
import { FixedCell } from "@mexc-live/protocol";
import { FixedColumn } from "./engine/fixedColumn.js";

/** Volume is kept per this many ms (every time zone's day starts on one). */
export const VOLUME_BUCKET_MS = 15 * 60_000;
const FIRST_CAPACITY = 64;

/** Symbols as small numbers, shared by a book and the copies that share its days. */
export class SymbolTable {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  id(symbol: string): number {
    let id = this.ids.get(symbol);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(symbol);
      this.ids.set(symbol, id);
    }
    return id;
  }

  name(id: number): string {
    return this.names[id] as string;
  }
}

/** A bucket's numbers. */
export interface BucketSums {
  readonly quoteVolume: FixedCell;
  /** Its value, while `valued`. */
  readonly value: FixedCell;
  /** False once any of its fills had no value. */
  valued: boolean;
  fills: number;
}

/** The sums of a bucket with no fill yet. */
export function emptySums(): BucketSums {
  return { quoteVolume: new FixedCell(), value: new FixedCell(), valued: true, fills: 0 };
}

export class VolumeDay {
  rows = 0;
  /**
   * More than one book holds this day (VolumeBook.before shares the days before a rebuild's
   * start): a book writing to it writes to a copy of its own.
   */
  shared = false;
  private slots: Uint8Array;
  private symbols: Uint32Array;
  private fills: Uint32Array;
  private unvalued: Uint8Array;
  private quote: FixedColumn;
  private value: FixedColumn;

  constructor(
    readonly day: number,
    capacity = FIRST_CAPACITY,
  ) {
    capacity = Math.max(capacity, 1);
    this.slots = new Uint8Array(capacity);
    this.symbols = new Uint32Array(capacity);
    this.fills = new Uint32Array(capacity);
    this.unvalued = new Uint8Array(capacity);
    this.quote = new FixedColumn(capacity);
    this.value = new FixedColumn(capacity);
  }

  /** A new bucket (none for this start and symbol yet), empty; its row. */
  add(start: number, symbol: number): number {
    const row = this.rows;
    if (row === this.slots.length) this.grow(row * 2);
    this.slots[row] = (start - this.day) / VOLUME_BUCKET_MS;
    this.symbols[row] = symbol;
    this.rows++;
    return row;
  }

  /** The row of the bucket of `start` and `symbol`; -1 when there is none. */
  find(start: number, symbol: number): number {
    const slot = (start - this.day) / VOLUME_BUCKET_MS;
    for (let row = 0; row < this.rows; row++) if (this.slots[row] === slot && this.symbols[row] === symbol) return row;
    return -1;
  }

  start(row: number): number {
    return this.day + (this.slots[row] as number) * VOLUME_BUCKET_MS;
  }

  symbol(row: number): number {
    return this.symbols[row] as number;
  }

  /** The sums of the bucket at `row`, into `sums`. */
  read(row: number, sums: BucketSums): BucketSums {
    this.quote.read(row, sums.quoteVolume);
    sums.valued = this.unvalued[row] !== 1;
    if (sums.valued) this.value.read(row, sums.value);
    else sums.value.zero();
    sums.fills = this.fills[row] as number;
    return sums;
  }

  write(row: number, sums: BucketSums): void {
    this.quote.write(row, sums.quoteVolume);
    if (!sums.valued) this.unvalued[row] = 1;
    else this.value.write(row, sums.value);
    this.fills[row] = sums.fills;
  }

  /** A copy of its own (not shared). */
  copy(): VolumeDay {
    const copy = new VolumeDay(this.day, 0);
    copy.rows = this.rows;
    copy.slots = this.slots.slice();
    copy.symbols = this.symbols.slice();
    copy.fills = this.fills.slice();
    copy.unvalued = this.unvalued.slice();
    copy.quote = this.quote.slice(0, this.rows, this.slots.length);
    copy.value = this.value.slice(0, this.rows, this.slots.length);
    return copy;
  }

  private grow(capacity: number): void {
    const grown = <T extends Uint8Array | Uint32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.slots = grown(this.slots, (n) => new Uint8Array(n));
    this.symbols = grown(this.symbols, (n) => new Uint32Array(n));
    this.fills = grown(this.fills, (n) => new Uint32Array(n));
    this.unvalued = grown(this.unvalued, (n) => new Uint8Array(n));
    this.quote.grow(capacity);
    this.value.grow(capacity);
  }
}
