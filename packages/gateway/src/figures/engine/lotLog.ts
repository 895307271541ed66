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
 */
import type { FixedCell, FixedRead } from "@mexc-live/protocol";
import { FixedColumn } from "./fixedColumn.js";

const FIRST_CAPACITY = 16;

export class LotLog {
  length = 0;
  private quantities = new FixedColumn(FIRST_CAPACITY);
  private costs = new FixedColumn(FIRST_CAPACITY);

  /** A log of its own holding `log`'s lots [from, to). */
  static from(log: LotLog, from: number, to: number): LotLog {
    const own = new LotLog();
    // Room to grow fourfold first: a holder moves to a log of its own again only after as many lots.
    const capacity = Math.max(FIRST_CAPACITY, 4 * (to - from));
    own.quantities = log.quantities.slice(from, to, capacity);
    own.costs = log.costs.slice(from, to, capacity);
    own.length = to - from;
    return own;
  }

  push(quantity: FixedRead, cost: FixedRead): void {
    const at = this.length;
    if (at === this.quantities.capacity) {
      this.quantities.grow(at * 2);
      this.costs.grow(at * 2);
    }
    this.quantities.write(at, quantity);
    this.costs.write(at, cost);
    this.length++;
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
