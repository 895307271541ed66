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
 * Position (position.ts) does the arithmetic, the same for every method: a lot taken whole gives
 * its cost, a lot taken in part its share, `cost x taken / quantity`, rounded once (fixed.ts).
 */
import { type Fixed, fixed, fixedText } from "./fixed.js";

export const POSITION_METHODS = ["avg", "fifo", "lifo", "hifo"] as const;
export type PositionMethod = (typeof POSITION_METHODS)[number];

interface Lot {
  quantity: Fixed;
  cost: Fixed;
}

/** A lot as saved: [quantity, cost], and for HIFO a lot taken in part also the [quantity, cost] it was ranked by. */
export type SavedLot = readonly [string, string] | readonly [string, string, string, string];

export interface LotSelection {
  /** An acquisition (quantity of the position's sign, > 0 in size). */
  add(quantity: Fixed, cost: Fixed): void;
  /** The lot a disposal takes next; undefined when none is held. */
  next(): Lot | undefined;
  /** The lot next() gave is used up. */
  drop(): void;
  /** Lots held. */
  readonly count: number;
  /** The lots held, in the order they were acquired (HIFO: in the order they will be taken), for a checkpoint. */
  saved(): SavedLot[];
}

/** FIFO: consumed lots are dropped from the array once this many have piled up at its head. */
const COMPACT_AFTER = 256;

/** Average cost: one pooled lot. */
function pooled(): LotSelection {
  let pool: Lot | undefined;
  return {
    add(quantity, cost) {
      if (pool === undefined) pool = { quantity, cost };
      else {
        pool.quantity += quantity;
        pool.cost += cost;
      }
    },
    next: () => pool,
    drop() {
      pool = undefined;
    },
    get count() {
      return pool === undefined ? 0 : 1;
    },
    saved: () => [],
  };
}

/** FIFO: a queue, oldest first from `head`. */
function oldestFirst(): LotSelection {
  let lots: Lot[] = [];
  let head = 0;
  return {
    add(quantity, cost) {
      lots.push({ quantity, cost });
    },
    next: () => lots[head],
    drop() {
      head++;
      if (head >= COMPACT_AFTER || head === lots.length) {
        lots = lots.slice(head);
        head = 0;
      }
    },
    get count() {
      return lots.length - head;
    },
    saved: () => lots.slice(head).map(savedLot),
  };
}

/** LIFO: a stack, newest on top. */
function newestFirst(): LotSelection {
  const lots: Lot[] = [];
  return {
    add(quantity, cost) {
      lots.push({ quantity, cost });
    },
    next: () => lots[lots.length - 1],
    drop() {
      lots.pop();
    },
    get count() {
      return lots.length;
    },
    saved: () => lots.map(savedLot),
  };
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
function highestCostFirst(saved: readonly SavedLot[]): LotSelection {
  const heap: RankedLot[] = [];
  let seq = 0;
  const swap = (i: number, j: number) => {
    const t = heap[i] as RankedLot;
    heap[i] = heap[j] as RankedLot;
    heap[j] = t;
  };
  const up = (from: number) => {
    let i = from;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as RankedLot, heap[parent] as RankedLot)) return;
      swap(i, parent);
      i = parent;
    }
  };
  const down = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && before(heap[l] as RankedLot, heap[top] as RankedLot)) top = l;
      if (r < heap.length && before(heap[r] as RankedLot, heap[top] as RankedLot)) top = r;
      if (top === i) return;
      swap(i, top);
      i = top;
    }
  };
  const push = (lot: Omit<RankedLot, "seq">) => {
    heap.push({ ...lot, seq: seq++ });
    up(heap.length - 1);
  };
  // Pushed in the order they are taken, each keeps its place (the older seq on ties).
  for (const [quantity, cost, rankQuantity, rankCost] of saved) {
    const q = fixed(quantity);
    const c = fixed(cost);
    push({
      quantity: q,
      cost: c,
      rankQuantity: rankQuantity === undefined ? q : fixed(rankQuantity),
      rankCost: rankCost === undefined ? c : fixed(rankCost),
    });
  }
  return {
    add(quantity, cost) {
      push({ quantity, cost, rankQuantity: quantity, rankCost: cost });
    },
    next: () => heap[0],
    drop() {
      const last = heap.pop();
      if (last === undefined || heap.length === 0) return;
      heap[0] = last;
      down(0);
    },
    get count() {
      return heap.length;
    },
    saved: () =>
      [...heap]
        .sort((a, b) => (before(a, b) ? -1 : 1))
        .map((lot) =>
          lot.quantity === lot.rankQuantity && lot.cost === lot.rankCost
            ? savedLot(lot)
            : ([...savedLot(lot), fixedText(lot.rankQuantity), fixedText(lot.rankCost)] as const),
        ),
  };
}

function savedLot(lot: Lot): readonly [string, string] {
  return [fixedText(lot.quantity), fixedText(lot.cost)];
}

/** The lots of `method`, empty or as saved (a pooled lot for avg is given by the position's totals). */
export function lotSelection(method: PositionMethod, saved: readonly SavedLot[] = []): LotSelection {
  if (method === "avg") return pooled();
  if (method === "hifo") return highestCostFirst(saved);
  const lots = method === "fifo" ? oldestFirst() : newestFirst();
  for (const [quantity, cost] of saved) lots.add(fixed(quantity), fixed(cost));
  return lots;
}
