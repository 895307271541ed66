/**
 * Lots in the order they were acquired, in typed-array memory (fixedColumn.ts): a position's FIFO
 * queue or LIFO stack (lots.ts). At a million fills lots as small objects on the heap were 59 MB
 * (bench:store, issue 31). LIFO changes its last lot (`setLast`) and drops it (`length`); FIFO
 * moves what it holds to a new log (`LotLog.from`) once the lots taken outweigh it.
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
    // Room to grow fourfold first: FIFO moves to a new log again only after as many lots.
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

  /** Writes over the last lot (LIFO's). */
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
