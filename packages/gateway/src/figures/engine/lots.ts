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
 *   lofo   lowest cost first: the lot of the lowest cost per unit (as acquired) first; the older
 *          of two at the same cost (rp2's LOFO: eprbell/rp2, src/rp2/plugin/accounting_method/lofo.py)
 *
 * The arithmetic is the same for every method: a lot taken whole gives its cost, a lot taken in
 * part its share, `cost x taken / quantity` (protocol's `share`, the one rounding, here in
 * FixedCells: position.ts). FIFO's and LIFO's lots live in typed-array logs (lotLog.ts).
 *
 * Dated lots (the tax report's, for its rows per lot) also keep when each lot was acquired, and
 * a take tells the parts it took (LotPiece). Average cost's pooled lot has no acquisitions of its
 * own: its parts are its acquisitions taken oldest first, each at the pool's cost per unit (a
 * share of what the take removed), as the journal dates an average-cost trip's units.
 */
import { COST_METHODS, type CostMethodName } from "@mexc-live/contract";
import { type Fixed, FixedCell, type FixedRead } from "@mexc-live/protocol";
import { LotLog } from "./lotLog.js";

export const POSITION_METHODS = ["avg", "fifo", "lifo", "hifo", "lofo"] as const;
export type PositionMethod = (typeof POSITION_METHODS)[number];

/** The methods the figures keep (by pair and by asset, in checkpoints and marks); the others are worked out on demand. */
export { COST_METHODS };
export type CostMethod = CostMethodName;

/** A lot as saved: [quantity, cost], and for HIFO and LOFO a lot taken in part also the [quantity, cost] it was ranked by. */
export type SavedLot = readonly [string, string] | readonly [string, string, string, string];

/** A part of a lot a take took (dated lots): its size (> 0), its cost (of the lot's sign), when the lot was acquired. */
export interface LotPiece {
  readonly quantity: Fixed;
  readonly cost: Fixed;
  readonly time: number;
}

export interface Lots {
  /** An acquisition at `time` (kept by dated lots): `quantity` of the position's sign (not zero), what it cost (of the same sign). Copied. */
  add(quantity: FixedRead, cost: FixedRead, time?: number): void;
  /**
   * Takes `size` units (> 0, at most what the lots hold) in the method's order; the cost they
   * held, into `removed`; dated lots push the parts they took onto `pieces`, when given.
   */
  take(size: FixedRead, removed: FixedCell, pieces?: LotPiece[]): void;
  /** Lots held (average cost: its pooled lot, 0 or 1). */
  readonly count: number;
  /** The lots held, in the order they were acquired (HIFO, LOFO: in the order they will be taken), for a checkpoint. */
  saved(): SavedLot[];
}

/** A take's working cells (one take runs at a time). */
const left = new FixedCell();
const held = new FixedCell();
const taken = new FixedCell();
const lotQuantity = new FixedCell();
const lotCost = new FixedCell();

/**
 * `size` units of a lot (|quantity| > size): their cost, its share, into `into`; quantity and cost
 * become what is left of the lot.
 */
function takePart(quantity: FixedCell, cost: FixedCell, size: FixedRead, into: FixedCell): void {
  into.setShare(cost, size, held.set(quantity).abs());
  if (quantity.sign() > 0) quantity.sub(size);
  else quantity.add(size);
  cost.sub(into);
}

/** A part of a lot taken, onto `pieces` when given. */
function pushPiece(pieces: LotPiece[] | undefined, quantity: FixedRead, cost: FixedRead, time: number): void {
  if (pieces === undefined) return;
  const size = quantity.value;
  pieces.push({ quantity: size < 0n ? -size : size, cost: cost.value, time });
}

/** An acquisition into a dated pool: its size left (> 0) and when. */
interface PoolEntry {
  readonly quantity: FixedCell;
  readonly time: number;
}

/** A dated pool drops the entries taken once this many sit before those left (and no fewer than are left). */
const POOL_COMPACT_AFTER = 1_024;

/** Average cost: one pooled lot (dated: with its acquisitions, oldest first). */
class Pooled implements Lots {
  private readonly quantity = new FixedCell();
  private readonly cost = new FixedCell();
  private held = false;
  private entries: PoolEntry[] | undefined;
  private head = 0;

  constructor(dated = false) {
    if (dated) this.entries = [];
  }

  add(quantity: FixedRead, cost: FixedRead, time = 0): void {
    this.quantity.add(quantity);
    this.cost.add(cost);
    this.held = true;
    this.entries?.push({ quantity: new FixedCell().set(quantity).abs(), time });
  }

  take(size: FixedRead, removed: FixedCell, pieces?: LotPiece[]): void {
    if (!this.held) {
      removed.zero();
      return;
    }
    if (held.set(this.quantity).abs().compare(size) <= 0) {
      removed.set(this.cost);
      this.quantity.zero();
      this.cost.zero();
      this.held = false;
    } else takePart(this.quantity, this.cost, size, removed);
    if (this.entries !== undefined) this.takeEntries(size, removed, pieces);
  }

  /** The acquisitions `size` units take, oldest first, each its share of `removed` (the last what is left of it). */
  private takeEntries(size: FixedRead, removed: FixedRead, pieces: LotPiece[] | undefined): void {
    const entries = this.entries as PoolEntry[];
    left.set(size);
    lotCost.set(removed);
    while (left.sign() > 0 && this.head < entries.length) {
      const entry = entries[this.head] as PoolEntry;
      const whole = entry.quantity.compare(left) <= 0;
      lotQuantity.set(whole ? entry.quantity : left);
      if (lotQuantity.equals(left)) taken.set(lotCost);
      else taken.setShare(removed, lotQuantity, size);
      lotCost.sub(taken);
      pushPiece(pieces, lotQuantity, taken, entry.time);
      left.sub(lotQuantity);
      if (whole) this.head++;
      else entry.quantity.sub(lotQuantity);
    }
    if (!this.held || (this.head >= POOL_COMPACT_AFTER && this.head >= entries.length - this.head)) {
      this.entries = this.held ? entries.slice(this.head) : [];
      this.head = 0;
    }
  }

  get count(): number {
    return this.held ? 1 : 0;
  }

  saved(): SavedLot[] {
    return [];
  }
}

/**
 * FIFO: the lots held are the log's [head, end), oldest first; the part cells are the head
 * lot's rest after part of it was taken (the log keeps the lot as acquired).
 */
class OldestFirst implements Lots {
  private log: LotLog;
  private head = 0;
  private end = 0;
  private readonly partQuantity = new FixedCell();
  private readonly partCost = new FixedCell();
  private hasPart = false;

  constructor(dated = false) {
    this.log = new LotLog(dated);
  }

  add(quantity: FixedRead, cost: FixedRead, time = 0): void {
    this.log.push(quantity, cost, time);
    this.end++;
  }

  take(size: FixedRead, removed: FixedCell, pieces?: LotPiece[]): void {
    left.set(size);
    removed.zero();
    while (left.sign() > 0 && this.head < this.end) {
      // The head lot, whole or its rest, in the part cells.
      if (!this.hasPart) {
        this.log.quantity(this.head, this.partQuantity);
        this.log.cost(this.head, this.partCost);
      }
      if (held.set(this.partQuantity).abs().compare(left) <= 0) {
        removed.add(this.partCost);
        pushPiece(pieces, held, this.partCost, this.log.time(this.head));
        left.sub(held);
        this.head++;
        this.hasPart = false;
      } else {
        takePart(this.partQuantity, this.partCost, left, taken);
        removed.add(taken);
        pushPiece(pieces, left, taken, this.log.time(this.head));
        this.hasPart = true;
        left.zero();
      }
    }
    if (this.head >= COMPACT_AFTER && this.head >= this.end - this.head) this.ownLog();
  }

  get count(): number {
    return this.end - this.head;
  }

  saved(): SavedLot[] {
    const out: SavedLot[] = [];
    for (let at = this.head; at < this.end; at++) {
      if (at === this.head && this.hasPart) out.push([this.partQuantity.text(), this.partCost.text()]);
      else out.push([this.log.quantity(at, lotQuantity).text(), this.log.cost(at, lotCost).text()]);
    }
    return out;
  }

  /** Moves the lots held to a log of its own (the taken ones left behind). */
  private ownLog(): void {
    this.log = LotLog.from(this.log, this.head, this.end);
    this.end -= this.head;
    this.head = 0;
  }
}

/**
 * FIFO moves its lots to a new log once this many taken ones sit before them (and no fewer than
 * it holds): each move costs a copy (1,827 moves in a rebuild of a million fills at 256).
 */
const COMPACT_AFTER = 65_536;

/** LIFO: a stack, newest on top, in a log of its own. */
class NewestFirst implements Lots {
  private log: LotLog;

  constructor(dated = false) {
    this.log = new LotLog(dated);
  }

  add(quantity: FixedRead, cost: FixedRead, time = 0): void {
    this.log.push(quantity, cost, time);
  }

  take(size: FixedRead, removed: FixedCell, pieces?: LotPiece[]): void {
    left.set(size);
    removed.zero();
    while (left.sign() > 0 && this.log.length > 0) {
      const top = this.log.length - 1;
      this.log.quantity(top, lotQuantity);
      this.log.cost(top, lotCost);
      if (held.set(lotQuantity).abs().compare(left) <= 0) {
        removed.add(lotCost);
        pushPiece(pieces, held, lotCost, this.log.time(top));
        left.sub(held);
        this.log.length--;
      } else {
        takePart(lotQuantity, lotCost, left, taken);
        removed.add(taken);
        pushPiece(pieces, left, taken, this.log.time(top));
        this.log.setLast(lotQuantity, lotCost);
        left.zero();
      }
    }
  }

  get count(): number {
    return this.log.length;
  }

  saved(): SavedLot[] {
    const out: SavedLot[] = [];
    for (let at = 0; at < this.log.length; at++)
      out.push([this.log.quantity(at, lotQuantity).text(), this.log.cost(at, lotCost).text()]);
    return out;
  }
}

/** A HIFO or LOFO lot; its cells are never changed: a part taken is a new lot. */
interface RankedLot {
  readonly quantity: FixedRead;
  readonly cost: FixedRead;
  /** What the lot is ranked by: its quantity and cost as acquired (a part taken leaves the rank). */
  readonly rankQuantity: FixedRead;
  readonly rankCost: FixedRead;
  /** rankCost / rankQuantity as a double: the rank where it tells two lots apart. */
  readonly unitCost: number;
  /** Acquisition order, for ties. */
  readonly seq: number;
  /** When it was acquired (0 when not known: restored from a checkpoint). */
  readonly time: number;
}

/** Two unit costs as doubles (each within a few 1e-16 of the exact ratio) this far apart, relatively, rank as they are. */
const APART = 1e-12;

/**
 * a before b: the higher cost per unit (`highest`; else the lower), else the older. Both lots
 * share a sign, so rankQuantity products are > 0.
 */
function before(a: RankedLot, b: RankedLot, highest: boolean): boolean {
  const gap = a.unitCost - b.unitCost;
  if (Math.abs(gap) > APART * Math.max(Math.abs(a.unitCost), Math.abs(b.unitCost))) return gap > 0 === highest;
  // Close, equal or not finite: cross-multiplied, exactly. a.cost / a.q > b.cost / b.q with a.q x b.q > 0.
  const left = a.rankCost.value * b.rankQuantity.value;
  const right = b.rankCost.value * a.rankQuantity.value;
  const aHigher = a.rankQuantity.value * b.rankQuantity.value > 0n ? left > right : left < right;
  if (left !== right) return aHigher === highest;
  return a.seq < b.seq;
}

function approximate(value: FixedRead): number {
  return value.big === undefined ? value.hi * 1e15 + value.lo : Number(value.big);
}

/** HIFO and LOFO: a binary heap, the highest (HIFO) or lowest (LOFO) cost per unit on top; `saved` in the order they are taken. */
class RankedByCost implements Lots {
  private heap: RankedLot[] = [];
  private seq = 0;

  constructor(
    /** HIFO; else LOFO. */
    private readonly highest: boolean,
    saved: readonly SavedLot[] = [],
  ) {
    // Pushed in the order they are taken, each keeps its place (the older seq on ties).
    for (const [quantity, cost, rankQuantity, rankCost] of saved) {
      const q = FixedCell.parse(quantity);
      const c = FixedCell.parse(cost);
      this.push(
        q,
        c,
        rankQuantity === undefined ? q : FixedCell.parse(rankQuantity),
        rankCost === undefined ? c : FixedCell.parse(rankCost),
      );
    }
  }

  add(quantity: FixedRead, cost: FixedRead, time = 0): void {
    const q = new FixedCell().set(quantity);
    const c = new FixedCell().set(cost);
    this.push(q, c, q, c, time);
  }

  take(size: FixedRead, removed: FixedCell, pieces?: LotPiece[]): void {
    left.set(size);
    removed.zero();
    while (left.sign() > 0) {
      const lot = this.heap[0];
      if (lot === undefined) break;
      if (held.set(lot.quantity).abs().compare(left) <= 0) {
        removed.add(lot.cost);
        pushPiece(pieces, held, lot.cost, lot.time);
        left.sub(held);
        this.drop();
      } else {
        const quantity = new FixedCell().set(lot.quantity);
        const cost = new FixedCell().set(lot.cost);
        takePart(quantity, cost, left, taken);
        removed.add(taken);
        pushPiece(pieces, left, taken, lot.time);
        // Its rank is as acquired: the part left keeps the top.
        this.heap[0] = { ...lot, quantity, cost };
        left.zero();
      }
    }
  }

  get count(): number {
    return this.heap.length;
  }

  saved(): SavedLot[] {
    return [...this.heap]
      .sort((a, b) => (before(a, b, this.highest) ? -1 : 1))
      .map((lot) =>
        lot.quantity.equals(lot.rankQuantity) && lot.cost.equals(lot.rankCost)
          ? ([lot.quantity.text(), lot.cost.text()] as const)
          : ([lot.quantity.text(), lot.cost.text(), lot.rankQuantity.text(), lot.rankCost.text()] as const),
      );
  }

  private push(quantity: FixedRead, cost: FixedRead, rankQuantity: FixedRead, rankCost: FixedRead, time = 0): void {
    const unitCost = approximate(rankCost) / approximate(rankQuantity);
    this.heap.push({ quantity, cost, rankQuantity, rankCost, unitCost, seq: this.seq++, time });
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(this.heap[i] as RankedLot, this.heap[parent] as RankedLot, this.highest)) return;
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
      if (l < this.heap.length && before(this.heap[l] as RankedLot, this.heap[top] as RankedLot, this.highest)) top = l;
      if (r < this.heap.length && before(this.heap[r] as RankedLot, this.heap[top] as RankedLot, this.highest)) top = r;
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

/**
 * The lots of `method`, empty or as saved. Average cost saves none: its pooled lot is the position
 * (quantity, cost), given as `pool`. `dated`: lots that keep when each was acquired (empty ones:
 * a checkpoint keeps no dates).
 */
export function lotsOf(
  method: PositionMethod,
  saved: readonly SavedLot[] = [],
  pool?: { readonly quantity: FixedRead; readonly cost: FixedRead },
  dated = false,
): Lots {
  if (method === "hifo" || method === "lofo") return new RankedByCost(method === "hifo", saved);
  const lots =
    method === "avg" ? new Pooled(dated) : method === "fifo" ? new OldestFirst(dated) : new NewestFirst(dated);
  if (method === "avg") {
    if (pool !== undefined && !pool.quantity.isZero()) lots.add(pool.quantity, pool.cost);
  } else for (const [quantity, cost] of saved) lots.add(lotQuantity.parse(quantity), lotCost.parse(cost));
  return lots;
}
