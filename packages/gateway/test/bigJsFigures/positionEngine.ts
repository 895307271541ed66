/**
 * The position engine (src/figures/engine/: position.ts, lots.ts) written again in big.js, as
 * plainly as it reads: the reference its fixed-point fast path (protocol's FixedCell) is held to
 * in engine.sameAsBigJs.test.ts. Every method (avg, FIFO, LIFO, HIFO, LOFO) over one array of lots; a
 * sale past what is held goes short ("short", by asset) or realizes nothing ("uncovered", by
 * pair); each share rounded once, half-even at 18 places, an input past 18 places rounded as it
 * is read.
 *
 * Its own big.js: divisions carried 120 places and truncated. A quotient a x part / whole is a
 * multiple of 1 / whole (in 10^-18), so one that is not a half at the 19th place is at least
 * 1 / (2 whole) away from it, and truncating at 10^-102 keeps it on its side whenever whole <
 * 10^78 / 2: the rounding at 18 places is then exact (the project's Decimal, 40 places rounded
 * half up, is not, for 40-digit amounts).
 */
import { Decimal, exact, ROUND_DOWN, ROUND_HALF_EVEN } from "@mexc-live/protocol";
import type { PositionMethod } from "../../src/figures/engine/lots.js";
import type { Overreach, PositionState } from "../../src/figures/engine/position.js";

/** A big.js constructor of its own (big.js's, called bare, makes a new one with its default settings). */
const Exact = Decimal();
Exact.DP = 120;
Exact.RM = ROUND_DOWN;
type Value = Decimal;
const ZERO: Value = new Exact(0);

/** A decimal as the engine reads it: rounded half-even to 18 places. */
export function read(text: string | Decimal): Value {
  return new Exact(text).round(18, ROUND_HALF_EVEN);
}

/** a x part / whole, rounded half-even to 18 places. */
function share(a: Value, part: Value, whole: Value): Value {
  return a.times(part).div(whole).round(18, ROUND_HALF_EVEN);
}

interface Lot {
  quantity: Value;
  cost: Value;
  /** As acquired: HIFO ranks by it. */
  readonly rankQuantity: Value;
  readonly rankCost: Value;
  readonly seq: number;
}

/**
 * a before b under HIFO: the higher cost per unit, else the older; under LOFO the lower, else the
 * older. A position's lots share a sign, so a.cost / a.quantity > b.cost / b.quantity is a.cost x
 * b.quantity > b.cost x a.quantity.
 */
function before(a: Lot, b: Lot, method: PositionMethod): boolean {
  const left = a.rankCost.times(b.rankQuantity);
  const right = b.rankCost.times(a.rankQuantity);
  if (left.eq(right)) return a.seq < b.seq;
  return method === "lofo" ? left.lt(right) : left.gt(right);
}

const ranked = (method: PositionMethod) => method === "hifo" || method === "lofo";

export class BigJsPosition {
  quantity = ZERO;
  cost = ZERO;
  realized = ZERO;
  costUnknown = false;
  closed = ZERO;
  closedMoney = ZERO;
  closedCost = ZERO;
  /** Acquisition order (average cost: one pooled lot). */
  private lots: Lot[] = [];
  private seq = 0;

  constructor(
    readonly method: PositionMethod,
    readonly overreach: Overreach,
  ) {}

  /** Moves `quantity` (signed) for `money` (null: unknown); the PnL it realized. */
  move(quantity: Value, money: Value | null): Value {
    this.closed = ZERO;
    this.closedMoney = ZERO;
    this.closedCost = ZERO;
    if (quantity.eq(0)) return ZERO;
    if (money === null) this.costUnknown = true;
    const paid = money ?? ZERO;
    const buying = quantity.gt(0);
    const size = quantity.abs();
    let realized = ZERO;
    let rest = size;
    let restMoney = paid;
    if (!this.quantity.eq(0) && this.quantity.gt(0) !== buying) {
      const held = this.quantity.abs();
      const covered = size.lt(held) ? size : held;
      const moneyCovered = covered.eq(size) ? paid : share(paid, covered, size);
      const costRemoved = this.take(covered);
      realized = (buying ? moneyCovered.times(-1) : moneyCovered).minus(costRemoved);
      this.realized = this.realized.plus(realized);
      this.cost = this.cost.minus(costRemoved);
      this.quantity = buying ? this.quantity.plus(covered) : this.quantity.minus(covered);
      this.closed = covered;
      this.closedMoney = moneyCovered;
      this.closedCost = costRemoved;
      rest = size.minus(covered);
      restMoney = paid.minus(moneyCovered);
      if (this.quantity.eq(0)) {
        this.cost = ZERO;
        this.costUnknown = money === null && rest.gt(0);
      }
    }
    if (rest.gt(0) && (buying || this.overreach === "short")) {
      const added = buying ? restMoney : restMoney.times(-1);
      const units = buying ? rest : rest.times(-1);
      this.cost = this.cost.plus(added);
      this.quantity = this.quantity.plus(units);
      this.add(units, added);
    }
    return realized;
  }

  /** As Position.save() writes it. */
  save(): PositionState {
    const lots =
      this.method === "avg"
        ? undefined
        : (ranked(this.method) ? [...this.lots].sort((a, b) => (before(a, b, this.method) ? -1 : 1)) : this.lots).map(
            (lot) =>
              !ranked(this.method) || (lot.quantity.eq(lot.rankQuantity) && lot.cost.eq(lot.rankCost))
                ? ([exact(lot.quantity), exact(lot.cost)] as const)
                : ([exact(lot.quantity), exact(lot.cost), exact(lot.rankQuantity), exact(lot.rankCost)] as const),
          );
    return {
      quantity: exact(this.quantity),
      cost: exact(this.cost),
      realized: exact(this.realized),
      costUnknown: this.costUnknown,
      ...(lots === undefined ? {} : { lots }),
    };
  }

  private add(quantity: Value, cost: Value): void {
    const pool = this.lots[0];
    if (this.method === "avg" && pool !== undefined) {
      pool.quantity = pool.quantity.plus(quantity);
      pool.cost = pool.cost.plus(cost);
      return;
    }
    this.lots.push({ quantity, cost, rankQuantity: quantity, rankCost: cost, seq: this.seq++ });
  }

  /** Takes `size` units in the method's order; the cost they held. */
  private take(size: Value): Value {
    let left = size;
    let removed = ZERO;
    while (left.gt(0) && this.lots.length > 0) {
      const at = this.next();
      const lot = this.lots[at] as Lot;
      const held = lot.quantity.abs();
      if (held.lte(left)) {
        removed = removed.plus(lot.cost);
        left = left.minus(held);
        this.lots.splice(at, 1);
      } else {
        const taken = share(lot.cost, left, held);
        removed = removed.plus(taken);
        lot.quantity = lot.quantity.gt(0) ? lot.quantity.minus(left) : lot.quantity.plus(left);
        lot.cost = lot.cost.minus(taken);
        left = ZERO;
      }
    }
    return removed;
  }

  /** The place of the lot the method takes next. */
  private next(): number {
    if (this.method === "lifo") return this.lots.length - 1;
    if (!ranked(this.method)) return 0;
    let best = 0;
    for (let i = 1; i < this.lots.length; i++)
      if (before(this.lots[i] as Lot, this.lots[best] as Lot, this.method)) best = i;
    return best;
  }
}
