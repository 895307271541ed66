/**
 * One asset's position and its cost basis in the quote currency, by one method: average cost,
 * FIFO, LIFO or HIFO, each one lot-selection rule over the same lots (lotSelection.ts). Every movement of the asset is one `move`: a signed quantity (+ acquired,
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
import { type LotSelection, lotSelection, type PositionMethod, type SavedLot } from "./lotSelection.js";

export { COST_METHODS };
export type CostMethod = CostMethodName;

export { q18 } from "./rounding.js";

/** A position as plain JSON (decimal strings), for checkpoints. */
export interface PositionState {
  readonly quantity: string;
  readonly cost: string;
  readonly realized: string;
  /** FIFO, LIFO: the lots, oldest first, [quantity, cost]; HIFO: in the order they are taken (lotSelection.ts). */
  readonly lots?: readonly SavedLot[];
  /** Part of what is held came with no known cost. */
  readonly costUnknown: boolean;
}

export class Position {
  quantity: Fixed = 0n;
  cost: Fixed = 0n;
  realized: Fixed = 0n;
  /** Part of what is held came with no known cost (an acquisition whose money was unknown). */
  costUnknown = false;
  /** The lots, all of the position's sign, and the order a disposal takes them in. */
  private readonly lots: LotSelection;

  constructor(
    readonly method: PositionMethod,
    state?: PositionState,
  ) {
    this.lots = lotSelection(method, state?.lots);
    if (state === undefined) return;
    this.quantity = fixed(state.quantity);
    this.cost = fixed(state.cost);
    this.realized = fixed(state.realized);
    this.costUnknown = state.costUnknown;
    // Average cost saves no lots: its one pooled lot is the position.
    if (method === "avg" && this.quantity !== 0n) this.lots.add(this.quantity, this.cost);
  }

  /** Lots still held (average cost: its pooled lot, 0 or 1). */
  get lotCount(): number {
    return this.method === "avg" ? 0 : this.lots.count;
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
      const costRemoved = this.removeCost(covered);
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
      this.lots.add(buying ? rest : -rest, added);
    }
    return realized;
  }

  save(): PositionState {
    return {
      quantity: fixedText(this.quantity),
      cost: fixedText(this.cost),
      realized: fixedText(this.realized),
      costUnknown: this.costUnknown,
      ...(this.method === "avg" ? {} : { lots: this.lots.saved() }),
    };
  }

  /** The cost of `covered` units (> 0, at most what is held), taken out of the lots the method selects. */
  private removeCost(covered: Fixed): Fixed {
    let left = covered;
    let removed = 0n;
    for (let lot = this.lots.next(); left > 0n && lot !== undefined; lot = this.lots.next()) {
      const size = abs(lot.quantity);
      if (size <= left) {
        removed += lot.cost;
        left -= size;
        this.lots.drop();
      } else {
        const part = mulDiv(lot.cost, left, size);
        removed += part;
        lot.cost -= part;
        lot.quantity = lot.quantity > 0n ? lot.quantity - left : lot.quantity + left;
        left = 0n;
      }
    }
    return removed;
  }
}
