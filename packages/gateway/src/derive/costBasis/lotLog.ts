/**
 * FIFO lots in the order they were bought (fifo.ts), appended and never changed, in typed-array
 * memory (bigintColumn.ts). A book and the day marks copied from it (figures.ts) share one log,
 * each holding its own range of it: a mark is a few numbers per symbol, not a copy of its lots.
 * At a million fills the marks' copies of the lots were 59 MB of small objects on the heap
 * (bench:store, issue 31).
 *
 * A holder appends only while its range ends where the log does; else another holder appended
 * since (the live book after a mark was copied, or a rebuild's copy of a mark), and the holder
 * takes a log of its own with its range (`LotLog.from`).
 */
import { BigintColumn } from "../bigintColumn.js";
import type { Scaled } from "../scaled.js";

const FIRST_CAPACITY = 16;

export class LotLog {
  length = 0;
  private quantities = new BigintColumn(FIRST_CAPACITY);
  private costs = new BigintColumn(FIRST_CAPACITY);

  /** A log of its own holding `log`'s lots [from, to). */
  static from(log: LotLog, from: number, to: number): LotLog {
    const own = new LotLog();
    // Room to grow fourfold first: a queue moves to a log of its own again only after as many sells.
    const capacity = Math.max(FIRST_CAPACITY, 4 * (to - from));
    own.quantities = log.quantities.slice(from, to, capacity);
    own.costs = log.costs.slice(from, to, capacity);
    own.length = to - from;
    return own;
  }

  push(quantity: Scaled, cost: Scaled): void {
    const at = this.length;
    if (at === this.quantities.capacity) {
      this.quantities.grow(at * 2);
      this.costs.grow(at * 2);
    }
    this.quantities.set(at, quantity);
    this.costs.set(at, cost);
    this.length++;
  }

  quantity(at: number): Scaled {
    return this.quantities.get(at);
  }

  cost(at: number): Scaled {
    return this.costs.get(at);
  }
}
