/**
 * Which units a disposal takes: the one thing the cost-basis methods differ in. A position holds
 * its acquisitions as lots (quantity, cost; all of the position's sign) and each method is one
 * lot-selection rule over them:
 *
 *   avg    average cost: every acquisition joins one pooled lot, a disposal takes its share of it
 *   fifo   first in, first out: the oldest lot first
 *   lifo   last in, first out: the newest lot first
 *   hifo   highest cost first: the lot of the highest cost per unit (as acquired) first; the older
 *          of two at the same cost
 *
 * The arithmetic is the same for every method: a lot taken whole gives its cost, a lot taken in
 * part its share, `cost x taken / quantity` (protocol's `share`, the one rounding). FIFO's lots
 * live in a log shared with the day marks' copies (lotLog.ts); the others are copied whole (only
 * the figures' avg and FIFO books are marked by day).
 */
import { COST_METHODS, type CostMethodName } from "@mexc-live/contract";
import { absFixed, type Fixed, fixed, fixedText, share } from "@mexc-live/protocol";
import { LotLog } from "./lotLog.js";

export const POSITION_METHODS = ["avg", "fifo", "lifo", "hifo"] as const;
export type PositionMethod = (typeof POSITION_METHODS)[number];

/** The methods the figures keep (by pair and by asset, in checkpoints and marks); the others are worked out on demand. */
export { COST_METHODS };
export type CostMethod = CostMethodName;

/** A lot as saved: [quantity, cost], and for HIFO a lot taken in part also the [quantity, cost] it was ranked by. */
export type SavedLot = readonly [string, string] | readonly [string, string, string, string];

export interface Lots {
  /** An acquisition: `quantity` of the position's sign (not zero), what it cost (of the same sign). */
  add(quantity: Fixed, cost: Fixed): void;
  /** Takes `size` units (> 0, at most what the lots hold) in the method's order; the cost they held. */
  take(size: Fixed): Fixed;
  /** Lots held (average cost: its pooled lot, 0 or 1). */
  readonly count: number;
  /** The lots held, in the order they were acquired (HIFO: in the order they will be taken), for a checkpoint. */
  saved(): SavedLot[];
  /** A copy that goes its own way. */
  copy(): Lots;
}

interface Lot {
  readonly quantity: Fixed;
  readonly cost: Fixed;
}

/** The cost of `size` units of `lot` (|quantity| > size): its share; and what is left of the lot. */
function takePart(lot: Lot, size: Fixed): { taken: Fixed; rest: Lot } {
  const taken = share(lot.cost, size, absFixed(lot.quantity));
  const quantity = lot.quantity > 0n ? lot.quantity - size : lot.quantity + size;
  return { taken, rest: { quantity, cost: lot.cost - taken } };
}

/** Average cost: one pooled lot. */
class Pooled implements Lots {
  private pool: Lot | undefined;

  add(quantity: Fixed, cost: Fixed): void {
    this.pool =
      this.pool === undefined
        ? { quantity, cost }
        : { quantity: this.pool.quantity + quantity, cost: this.pool.cost + cost };
  }

  take(size: Fixed): Fixed {
    const pool = this.pool;
    if (pool === undefined) return 0n;
    if (absFixed(pool.quantity) <= size) {
      this.pool = undefined;
      return pool.cost;
    }
    const { taken, rest } = takePart(pool, size);
    this.pool = rest;
    return taken;
  }

  get count(): number {
    return this.pool === undefined ? 0 : 1;
  }

  saved(): SavedLot[] {
    return [];
  }

  copy(): Pooled {
    const copy = new Pooled();
    copy.pool = this.pool;
    return copy;
  }
}

/**
 * FIFO: the holder's lots are its log's [head, end), oldest first; `part` is the head lot's rest
 * after part of it was taken (the log keeps the lot as acquired, which a mark may still read).
 */
class OldestFirst implements Lots {
  private log = new LotLog();
  private head = 0;
  private end = 0;
  private part: Lot | undefined;

  add(quantity: Fixed, cost: Fixed): void {
    // Another holder of the log appended since this one's last lot: it takes a log of its own.
    if (this.end !== this.log.length) this.ownLog();
    this.log.push(quantity, cost);
    this.end++;
  }

  take(size: Fixed): Fixed {
    let left = size;
    let removed = 0n;
    while (left > 0n && this.head < this.end) {
      const lot = this.part ?? { quantity: this.log.quantity(this.head), cost: this.log.cost(this.head) };
      const held = absFixed(lot.quantity);
      if (held <= left) {
        removed += lot.cost;
        left -= held;
        this.head++;
        this.part = undefined;
      } else {
        const { taken, rest } = takePart(lot, left);
        removed += taken;
        this.part = rest;
        left = 0n;
      }
    }
    if (this.head >= COMPACT_AFTER && this.head >= this.end - this.head) this.ownLog();
    return removed;
  }

  get count(): number {
    return this.end - this.head;
  }

  saved(): SavedLot[] {
    const out: SavedLot[] = [];
    for (let at = this.head; at < this.end; at++) {
      const lot = at === this.head && this.part !== undefined ? this.part : undefined;
      out.push([fixedText(lot?.quantity ?? this.log.quantity(at)), fixedText(lot?.cost ?? this.log.cost(at))]);
    }
    return out;
  }

  copy(): OldestFirst {
    const copy = new OldestFirst();
    copy.log = this.log;
    copy.head = this.head;
    copy.end = this.end;
    copy.part = this.part;
    return copy;
  }

  /** Moves the lots held to a log of its own (the taken ones left behind). */
  private ownLog(): void {
    this.log = LotLog.from(this.log, this.head, this.end);
    this.end -= this.head;
    this.head = 0;
  }
}

/**
 * FIFO moves its lots to a log of its own once this many taken ones sit before them (and no fewer
 * than it holds). Rarely: the day marks hold the old log anyway, so a move frees memory only when
 * no mark does, and each move costs a copy (1,827 moves in a rebuild of a million fills at 256).
 */
const COMPACT_AFTER = 65_536;

/** LIFO: a stack, newest on top. */
class NewestFirst implements Lots {
  private lots: Lot[] = [];

  add(quantity: Fixed, cost: Fixed): void {
    this.lots.push({ quantity, cost });
  }

  take(size: Fixed): Fixed {
    let left = size;
    let removed = 0n;
    while (left > 0n) {
      const lot = this.lots[this.lots.length - 1];
      if (lot === undefined) break;
      const held = absFixed(lot.quantity);
      if (held <= left) {
        removed += lot.cost;
        left -= held;
        this.lots.pop();
      } else {
        const { taken, rest } = takePart(lot, left);
        removed += taken;
        this.lots[this.lots.length - 1] = rest;
        left = 0n;
      }
    }
    return removed;
  }

  get count(): number {
    return this.lots.length;
  }

  saved(): SavedLot[] {
    return this.lots.map(savedLot);
  }

  copy(): NewestFirst {
    const copy = new NewestFirst();
    copy.lots = this.lots.slice();
    return copy;
  }
}

interface RankedLot extends Lot {
  /** What the lot is ranked by: its quantity and cost as acquired (a part taken leaves the rank). */
  readonly rankQuantity: Fixed;
  readonly rankCost: Fixed;
  /** Acquisition order, for ties. */
  readonly seq: number;
}

/** a before b: the higher cost per unit, else the older. Both lots share a sign, so rankQuantity products are > 0. */
function before(a: RankedLot, b: RankedLot): boolean {
  const left = a.rankCost * b.rankQuantity;
  const right = b.rankCost * a.rankQuantity;
  // Cross-multiplied: a.cost / a.q > b.cost / b.q with a.q x b.q > 0.
  const aHigher = a.rankQuantity * b.rankQuantity > 0n ? left > right : left < right;
  if (left !== right) return aHigher;
  return a.seq < b.seq;
}

/** HIFO: a binary heap, the highest cost per unit on top; `saved` in the order they are taken. */
class HighestCostFirst implements Lots {
  private heap: RankedLot[] = [];
  private seq = 0;

  constructor(saved: readonly SavedLot[] = []) {
    // Pushed in the order they are taken, each keeps its place (the older seq on ties).
    for (const [quantity, cost, rankQuantity, rankCost] of saved) {
      const q = fixed(quantity);
      const c = fixed(cost);
      this.push({
        quantity: q,
        cost: c,
        rankQuantity: rankQuantity === undefined ? q : fixed(rankQuantity),
        rankCost: rankCost === undefined ? c : fixed(rankCost),
      });
    }
  }

  add(quantity: Fixed, cost: Fixed): void {
    this.push({ quantity, cost, rankQuantity: quantity, rankCost: cost });
  }

  take(size: Fixed): Fixed {
    let left = size;
    let removed = 0n;
    while (left > 0n) {
      const lot = this.heap[0];
      if (lot === undefined) break;
      const held = absFixed(lot.quantity);
      if (held <= left) {
        removed += lot.cost;
        left -= held;
        this.drop();
      } else {
        const { taken, rest } = takePart(lot, left);
        removed += taken;
        // Its rank is as acquired: the part left keeps the top.
        this.heap[0] = { ...lot, ...rest };
        left = 0n;
      }
    }
    return removed;
  }

  get count(): number {
    return this.heap.length;
  }

  saved(): SavedLot[] {
    return [...this.heap]
      .sort((a, b) => (before(a, b) ? -1 : 1))
      .map((lot) =>
        lot.quantity === lot.rankQuantity && lot.cost === lot.rankCost
          ? savedLot(lot)
          : ([...savedLot(lot), fixedText(lot.rankQuantity), fixedText(lot.rankCost)] as const),
      );
  }

  copy(): HighestCostFirst {
    const copy = new HighestCostFirst();
    copy.heap = this.heap.slice();
    copy.seq = this.seq;
    return copy;
  }

  private push(lot: Omit<RankedLot, "seq">): void {
    this.heap.push({ ...lot, seq: this.seq++ });
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(this.heap[i] as RankedLot, this.heap[parent] as RankedLot)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private drop(): void {
    const last = this.heap.pop();
    if (last === undefined || this.heap.length === 0) return;
    this.heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < this.heap.length && before(this.heap[l] as RankedLot, this.heap[top] as RankedLot)) top = l;
      if (r < this.heap.length && before(this.heap[r] as RankedLot, this.heap[top] as RankedLot)) top = r;
      if (top === i) return;
      this.swap(i, top);
      i = top;
    }
  }

  private swap(i: number, j: number): void {
    const t = this.heap[i] as RankedLot;
    this.heap[i] = this.heap[j] as RankedLot;
    this.heap[j] = t;
  }
}

function savedLot(lot: Lot): readonly [string, string] {
  return [fixedText(lot.quantity), fixedText(lot.cost)];
}

/**
 * The lots of `method`, empty or as saved. Average cost saves none: its pooled lot is the position
 * (quantity, cost), given as `pool`.
 */
export function lotsOf(method: PositionMethod, saved: readonly SavedLot[] = [], pool?: Lot): Lots {
  if (method === "hifo") return new HighestCostFirst(saved);
  const lots = method === "avg" ? new Pooled() : method === "fifo" ? new OldestFirst() : new NewestFirst();
  if (method === "avg") {
    if (pool !== undefined && pool.quantity !== 0n) lots.add(pool.quantity, pool.cost);
  } else for (const [quantity, cost] of saved) lots.add(fixed(quantity), fixed(cost));
  return lots;
}
