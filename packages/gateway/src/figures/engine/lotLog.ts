/**
 * Lots in the order they were acquired, in typed-array memory (bigintColumn.ts). A position and
 * the day marks copied from it (figures.ts) share one log, each holding its own range of it
 * (lots.ts): a mark is a few numbers per position, not a copy of its lots. At a million fills the
 * marks' copies of the lots were 59 MB of small objects on the heap (bench:store, issue 31).
 *
 * A lot written is never changed while another holder may read it: a holder appends only while
 * its range ends where the log does (else another holder appended since, and it takes a log of
 * its own: `LotLog.from`), and a holder that gave lots back at the end (LIFO) may write over them
 * only when no copy was ever made of it (`shared`).
 */
import type { Fixed } from "@mexc-live/protocol";
import { BigintColumn } from "./bigintColumn.js";

const FIRST_CAPACITY = 16;

export class LotLog {
  length = 0;
  /** A copy of a holder of this log was made: lots given back at the end may still be read. */
  shared = false;
  private quantities = new BigintColumn(FIRST_CAPACITY);
  private costs = new BigintColumn(FIRST_CAPACITY);

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

  push(quantity: Fixed, cost: Fixed): void {
    const at = this.length;
    if (at === this.quantities.capacity) {
      this.quantities.grow(at * 2);
      this.costs.grow(at * 2);
    }
    this.quantities.set(at, quantity);
    this.costs.set(at, cost);
    this.length++;
  }

  quantity(at: number): Fixed {
    return this.quantities.get(at);
  }

  cost(at: number): Fixed {
    return this.costs.get(at);
  }
}
