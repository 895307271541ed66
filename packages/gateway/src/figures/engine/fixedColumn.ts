/**
 * A growable column of Fixed numbers kept in typed-array memory, as protocol's FixedCell holds
 * them (two doubles each: hi x 10^15 + lo), rather than one object each on the JS heap.
 *
 * Why: at a million fills the figures held about 540k volume buckets and a year of day marks of
 * FIFO lots, each number a bigint object: ~200 MB of small objects the collector traced in every
 * full collection (bench:store, issue 31: a full collection of that heap held the event loop
 * 190 ms at a start). A typed array's memory is one object to the collector, whatever it holds;
 * and a number read from it, or written to it, allocates nothing (issue 55).
 *
 * A number too big for the limbs (FixedCell's `big`) is kept as it is in a side map, its hi a
 * NaN: nothing is ever cut.
 */
import type { FixedCell, FixedRead } from "@mexc-live/protocol";

export class FixedColumn {
  /** hi, lo of each number. */
  private limbs: Float64Array;
  /** Numbers outside the limbs, by index (rare: none in any history we have seen). */
  private outside: Map<number, bigint> | undefined;

  constructor(capacity: number) {
    this.limbs = new Float64Array(capacity * 2);
  }

  get capacity(): number {
    return this.limbs.length / 2;
  }

  /** The number at `index`, into `cell`. */
  read(index: number, cell: FixedCell): FixedCell {
    const hi = this.limbs[2 * index] as number;
    if (Number.isNaN(hi)) return cell.setFixed(this.outside?.get(index) as bigint);
    cell.hi = hi;
    cell.lo = this.limbs[2 * index + 1] as number;
    cell.big = undefined;
    return cell;
  }

  write(index: number, value: FixedRead): void {
    if (value.big === undefined) {
      this.limbs[2 * index] = value.hi;
      this.limbs[2 * index + 1] = value.lo;
      this.outside?.delete(index);
      return;
    }
    this.limbs[2 * index] = Number.NaN;
    this.limbs[2 * index + 1] = 0;
    this.outside ??= new Map();
    this.outside.set(index, value.big);
  }

  /** Room for `capacity` numbers, the ones held kept. */
  grow(capacity: number): void {
    if (capacity <= this.capacity) return;
    const limbs = new Float64Array(capacity * 2);
    limbs.set(this.limbs);
    this.limbs = limbs;
  }

  /** A copy of the numbers [from, to), at 0 on; room for `capacity` (at least to - from). */
  slice(from: number, to: number, capacity = to - from): FixedColumn {
    const copy = new FixedColumn(Math.max(capacity, to - from));
    copy.limbs.set(this.limbs.subarray(from * 2, to * 2));
    if (this.outside !== undefined)
      for (const [index, value] of this.outside)
        if (index >= from && index < to) {
          copy.outside ??= new Map();
          copy.outside.set(index - from, value);
        }
    return copy;
  }
}
