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
 * event; it is carried at what it brought in, nothing invented. Amounts are Fixed (fixed.ts):
 * every division is rounded to 18 places once, where it is made, and every other step is an exact
 * sum, so the figures built from these add up to the last digit.
 */
import { COST_METHODS, type CostMethodName } from "@mexc-live/contract";
import { abs, type Fixed, fixed, fixedText, mulDiv } from "./fixed.js";

export { COST_METHODS };
export type CostMethod = CostMethodName;

export { q18 } from "./rounding.js";

interface Lot {
  quantity: Fixed;
  cost: Fixed;
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

/** Consumed lots are dropped from the array once this many have piled up at its head. */
const COMPACT_AFTER = 256;

export class Position {
  quantity: Fixed = 0n;
  cost: Fixed = 0n;
  realized: Fixed = 0n;
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
    this.quantity = fixed(state.quantity);
    this.cost = fixed(state.cost);
    this.realized = fixed(state.realized);
    this.costUnknown = state.costUnknown;
    this.lots = (state.lots ?? []).map(([quantity, cost]) => ({ quantity: fixed(quantity), cost: fixed(cost) }));
  }

  /** FIFO lots still held (0 for average cost). */
  get lotCount(): number {
    return this.lots.length - this.head;
  }

  /**
   * Moves `quantity` (signed) for `money` (the quote value of the units moved, >= 0; null when
   * unknown: the cost basis is then unknown until the position is flat again). Returns the PnL
   * it realized.
   */
  move(quantity: Fixed, money: Fixed | null): Fixed {
    if (quantity === 0n) return 0n;
    if (money === null) this.costUnknown = true;
    const paid = money ?? 0n;
    const buying = quantity > 0n;
    const size = abs(quantity);
    let realized = 0n;
    let rest = size;
    let restMoney = paid;
    if (this.quantity !== 0n && this.quantity > 0n !== buying) {
      // Towards zero: close what it covers.
      const held = abs(this.quantity);
      // biome-ignore lint/complexity/useMathMinMax: bigints; Math.min takes numbers only.
      const covered = size < held ? size : held;
      const moneyCovered = covered === size ? paid : mulDiv(paid, covered, size);
      const costRemoved = this.removeCost(covered, held);
      realized = (buying ? -moneyCovered : moneyCovered) - costRemoved;
      this.realized += realized;
      this.cost -= costRemoved;
      this.quantity += buying ? covered : -covered;
      rest = size - covered;
      restMoney = paid - moneyCovered;
      if (this.quantity === 0n) {
        this.cost = 0n;
        this.costUnknown = money === null && rest > 0n;
      }
    }
    if (rest > 0n) {
      // Away from zero: what was paid (or, going short, received) becomes cost.
      const added = buying ? restMoney : -restMoney;
      this.cost += added;
      this.quantity += buying ? rest : -rest;
      if (this.method === "fifo") this.lots.push({ quantity: buying ? rest : -rest, cost: added });
    }
    return realized;
  }

  save(): PositionState {
    return {
      quantity: fixedText(this.quantity),
      cost: fixedText(this.cost),
      realized: fixedText(this.realized),
      costUnknown: this.costUnknown,
      ...(this.method === "fifo"
        ? { lots: this.lots.slice(this.head).map((lot) => [fixedText(lot.quantity), fixedText(lot.cost)] as const) }
        : {}),
    };
  }

  /** The cost of `covered` units out of `held` (both > 0), taken out of the lots for FIFO. */
  private removeCost(covered: Fixed, held: Fixed): Fixed {
    if (this.method === "avg") return covered === held ? this.cost : mulDiv(this.cost, covered, held);
    let left = covered;
    let removed = 0n;
    while (left > 0n && this.head < this.lots.length) {
      const lot = this.lots[this.head] as Lot;
      const size = abs(lot.quantity);
      if (size <= left) {
        removed += lot.cost;
        left -= size;
        this.head++;
      } else {
        const part = mulDiv(lot.cost, left, size);
        removed += part;
        lot.cost -= part;
        lot.quantity = lot.quantity > 0n ? lot.quantity - left : lot.quantity + left;
        left = 0n;
      }
    }
    if (this.head >= COMPACT_AFTER || this.head === this.lots.length) {
      this.lots = this.lots.slice(this.head);
      this.head = 0;
    }
    return removed;
  }
}
