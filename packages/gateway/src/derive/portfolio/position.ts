/**
 * One asset's position and its cost basis in the quote currency, by one method: average cost or
 * first in, first out. Every movement of the asset is one `move`: a signed quantity (+ acquired,
 * - disposed of) and the money it stood for (what was paid, or received, in the quote currency at
 * its time). Moving towards zero closes part of the position and realizes
 *
 *   long:  money received - cost of what left
 *   short: cost of what was covered (negative) - money paid, i.e. proceeds then - price now
 *
 * so that, whatever happens, `realized - change of cost = -(net money moved in)`: the identity the
 * bridge (bridge.ts) stands on. A position below zero only arises when the history misses an
 * event; it is carried at what it brought in, nothing invented. Every division is rounded to
 * OUTPUT_DP places once, where it is made, and every other step is an exact sum, so the figures
 * built from these add up to the last digit.
 */
import { type Decimal, dec, exact, OUTPUT_DP, ROUND_HALF_EVEN, ZERO } from "@mexc-live/protocol";

export const COST_METHODS = ["avg", "fifo"] as const;
export type CostMethod = (typeof COST_METHODS)[number];

/** Rounds a product or a quotient to the figures' precision (the one rounding step). */
export function q18(value: Decimal): Decimal {
  return value.round(OUTPUT_DP, ROUND_HALF_EVEN);
}

interface Lot {
  quantity: Decimal;
  cost: Decimal;
}

/** A position as plain JSON (decimal strings), for checkpoints. */
export interface PositionState {
  readonly quantity: string;
  readonly cost: string;
  readonly realized: string;
  /** FIFO only: the lots, oldest first, [quantity, cost]. */
  readonly lots?: readonly (readonly [string, string])[];
  /** Part of what is held came with no known cost. */
  readonly costUnknown: boolean;
}

export class Position {
  quantity: Decimal = ZERO;
  cost: Decimal = ZERO;
  realized: Decimal = ZERO;
  /** Part of what is held came with no known cost (an acquisition whose money was unknown). */
  costUnknown = false;
  /** FIFO: the lots, all of the position's sign, oldest first from `head`. */
  private lots: Lot[] = [];
  private head = 0;

  constructor(
    readonly method: CostMethod,
    state?: PositionState,
  ) {
    if (state === undefined) return;
    this.quantity = dec(state.quantity);
    this.cost = dec(state.cost);
    this.realized = dec(state.realized);
    this.costUnknown = state.costUnknown;
    this.lots = (state.lots ?? []).map(([quantity, cost]) => ({ quantity: dec(quantity), cost: dec(cost) }));
  }

  /**
   * Moves `quantity` (signed) for `money` (the quote value of the units moved, >= 0; null when
   * unknown: the cost basis is then unknown until the position is flat again). Returns the PnL
   * it realized.
   */
  move(quantity: Decimal, money: Decimal | null): Decimal {
    if (quantity.eq(0)) return ZERO;
    if (money === null) this.costUnknown = true;
    const paid = money ?? ZERO;
    const sign = quantity.gt(0) ? 1 : -1;
    const size = quantity.abs();
    let realized = ZERO;
    let rest = size;
    let restMoney = paid;
    if (!this.quantity.eq(0) && this.quantity.gt(0) !== quantity.gt(0)) {
      // Towards zero: close what it covers.
      const held = this.quantity.abs();
      const covered = size.lt(held) ? size : held;
      const moneyCovered = covered.eq(size) ? paid : q18(paid.times(covered).div(size));
      const costRemoved = this.removeCost(covered, held);
      realized = (sign < 0 ? moneyCovered : moneyCovered.times(-1)).minus(costRemoved);
      this.realized = this.realized.plus(realized);
      this.cost = this.cost.minus(costRemoved);
      this.quantity = this.quantity.plus(covered.times(sign));
      rest = size.minus(covered);
      restMoney = paid.minus(moneyCovered);
      if (this.quantity.eq(0)) {
        this.cost = ZERO;
        this.costUnknown = money === null && rest.gt(0);
      }
    }
    if (rest.gt(0)) {
      // Away from zero: what was paid (or, going short, received) becomes cost.
      const added = sign > 0 ? restMoney : restMoney.times(-1);
      this.cost = this.cost.plus(added);
      this.quantity = this.quantity.plus(rest.times(sign));
      if (this.method === "fifo") this.lots.push({ quantity: rest.times(sign), cost: added });
    }
    return realized;
  }

  save(): PositionState {
    return {
      quantity: exact(this.quantity),
      cost: exact(this.cost),
      realized: exact(this.realized),
      costUnknown: this.costUnknown,
      ...(this.method === "fifo"
        ? { lots: this.lots.slice(this.head).map((lot) => [exact(lot.quantity), exact(lot.cost)] as const) }
        : {}),
    };
  }

  /** The cost of `covered` units out of `held` (both > 0), taken out of the lots for FIFO. */
  private removeCost(covered: Decimal, held: Decimal): Decimal {
    if (this.method === "avg") return covered.eq(held) ? this.cost : q18(this.cost.times(covered).div(held));
    let left = covered;
    let removed = ZERO;
    while (left.gt(0) && this.head < this.lots.length) {
      const lot = this.lots[this.head] as Lot;
      const size = lot.quantity.abs();
      if (size.lte(left)) {
        removed = removed.plus(lot.cost);
        left = left.minus(size);
        this.head++;
      } else {
        const part = q18(lot.cost.times(left).div(size));
        removed = removed.plus(part);
        lot.cost = lot.cost.minus(part);
        lot.quantity = lot.quantity.gt(0) ? lot.quantity.minus(left) : lot.quantity.plus(left);
        left = ZERO;
      }
    }
    if (this.head > 256 || this.head === this.lots.length) {
      this.lots = this.lots.slice(this.head);
      this.head = 0;
    }
    return removed;
  }
}
