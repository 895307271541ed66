/**
 * Lots in the order they were acquired, in typed-array memory (fixedColumn.ts). A position and
 * the day marks copied from it (figures.ts) share one log, each holding its own range of it
 * (lots.ts): a mark is a few numbers per position, not a copy of its lots. At a million fills the
 * marks' copies of the lots were 59 MB of small objects on the heap (bench:store, issue 31).
 *
 * A lot written is never changed while another holder may read it: a holder appends only while
 * its range ends where the log does (else another holder appended since, and it takes a log of
 * its own: `LotLog.from`). LIFO's stack is a log no other holder reads (its copies are copies of
 * the log): it changes its last lot (`setLast`) and drops it (`length`).
 *
 * A dated log (the tax report's: its rows per lot) also keeps when each lot was acquired; the
 * figures' logs keep no dates.
 */
import type { FixedCell, FixedRead } from "@mexc-live/protocol";
import { FixedColumn } from "./fixedColumn.js";

const FIRST_CAPACITY = 16;

export class LotLog {
  length = 0;
  private quantities = new FixedColumn(FIRST_CAPACITY);
  private costs = new FixedColumn(FIRST_CAPACITY);
  /** When each lot was acquired (ms), in a dated log. */
  private times: Float64Array | undefined;

  constructor(dated = false) {
    if (dated) this.times = new Float64Array(FIRST_CAPACITY);
  }

  /** A log of its own holding `log`'s lots [from, to). */
  static from(log: LotLog, from: number, to: number): LotLog {
    const own = new LotLog();
    // Room to grow fourfold first: a holder moves to a log of its own again only after as many lots.
    const capacity = Math.max(FIRST_CAPACITY, 4 * (to - from));
    own.quantities = log.quantities.slice(from, to, capacity);
    own.costs = log.costs.slice(from, to, capacity);
    if (log.times !== undefined) {
      own.times = new Float64Array(capacity);
      own.times.set(log.times.subarray(from, to));
    }
    own.length = to - from;
    return own;
  }

  push(quantity: FixedRead, cost: FixedRead, time = 0): void {
    const at = this.length;
    if (at === this.quantities.capacity) {
      this.quantities.grow(at * 2);
      this.costs.grow(at * 2);
      if (this.times !== undefined) {
        const times = new Float64Array(at * 2);
        times.set(this.times);
        this.times = times;
      }
    }
    this.quantities.write(at, quantity);
    this.costs.write(at, cost);
    if (this.times !== undefined) this.times[at] = time;
    this.length++;
  }

  /** When the lot at `at` was acquired (0 in a log that keeps no dates). */
  time(at: number): number {
    return this.times?.[at] ?? 0;
  }

  /** Writes over the last lot (a log only its holder reads: LIFO's). */
  setLast(quantity: FixedRead, cost: FixedRead): void {
    this.quantities.write(this.length - 1, quantity);
    this.costs.write(this.length - 1, cost);
  }

  /** The quantity of the lot at `at`, into `cell`. */
  quantity(at: number, cell: FixedCell): FixedCell {
    return this.quantities.read(at, cell);
  }

  /** The cost of the lot at `at`, into `cell`. */
  cost(at: number, cell: FixedCell): FixedCell {
    return this.costs.read(at, cell);
  }
}
