/**
 * One position and its cost basis, by one method (lots.ts), in whatever the view counts money in:
 * a pair's quote asset (the figures by pair) or the account's quote currency (the figures by
 * asset). Every movement is one `move`: a signed quantity (+ acquired, - disposed of) and the money
 * it stood for (what was paid, or received). Moving towards zero closes part of the position and
 * realizes
 *
 *   long:  money received - cost of what left
 *   short: cost of what was covered (negative) - money paid, i.e. proceeds then - price now
 *
 * so that, whatever happens, `realized - change of cost = -(net money moved in)`: the identity the
 * bridge (portfolio/bridge.ts) stands on. What a move past zero does is the view's rule:
 *
 *   "short"      (by asset) the rest opens a position of the other sign, carried at what it
 *                brought: it only arises when the history misses an event; nothing is invented
 *   "uncovered"  (by pair) the rest had no known cost (base deposited, or bought before the
 *                history): it realizes nothing and the position stays flat
 *
 * Amounts are protocol's Fixed: exact sums, every share rounded once where it is taken, so the
 * figures built from these add up to the last digit, and two views of the same trades agree.
 */
import { absFixed, type Fixed, fixed, fixedText, share } from "@mexc-live/protocol";
import { type Lots, lotsOf, type PositionMethod, type SavedLot } from "./lots.js";

export type Overreach = "short" | "uncovered";

/** A position as plain JSON (decimal strings), for checkpoints. */
export interface PositionState {
  readonly quantity: string;
  readonly cost: string;
  readonly realized: string;
  /** FIFO, LIFO: the lots, oldest first, [quantity, cost]; HIFO: in the order they are taken (lots.ts). */
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
  /** The last move's closing part: units it took off the position (>= 0), their money and their cost. */
  closed: Fixed = 0n;
  closedMoney: Fixed = 0n;
  closedCost: Fixed = 0n;
  private lots: Lots;

  constructor(
    readonly method: PositionMethod,
    readonly overreach: Overreach,
    state?: PositionState,
  ) {
    if (state === undefined) {
      this.lots = lotsOf(method);
      return;
    }
    this.quantity = fixed(state.quantity);
    this.cost = fixed(state.cost);
    this.realized = fixed(state.realized);
    this.costUnknown = state.costUnknown;
    this.lots = lotsOf(method, state.lots, { quantity: this.quantity, cost: this.cost });
  }

  /** Lots held (average cost: none counted, its pooled lot is the position). */
  get lotCount(): number {
    return this.method === "avg" ? 0 : this.lots.count;
  }

  /**
   * Moves `quantity` (signed) for `money` (the value of the units moved, >= 0; null when unknown:
   * the cost basis is then unknown until the position is flat again). Returns the PnL it realized.
   */
  move(quantity: Fixed, money: Fixed | null): Fixed {
    this.closed = 0n;
    this.closedMoney = 0n;
    this.closedCost = 0n;
    if (quantity === 0n) return 0n;
    if (money === null) this.costUnknown = true;
    const paid = money ?? 0n;
    const buying = quantity > 0n;
    const size = absFixed(quantity);
    let realized = 0n;
    let rest = size;
    let restMoney = paid;
    if (this.quantity !== 0n && this.quantity > 0n !== buying) {
      // Towards zero: close what it covers.
      const held = absFixed(this.quantity);
      // biome-ignore lint/complexity/useMathMinMax: bigints; Math.min takes numbers only.
      const covered = size < held ? size : held;
      const moneyCovered = covered === size ? paid : share(paid, covered, size);
      const costRemoved = this.lots.take(covered);
      realized = (buying ? -moneyCovered : moneyCovered) - costRemoved;
      this.realized += realized;
      this.cost -= costRemoved;
      this.quantity += buying ? covered : -covered;
      this.closed = covered;
      this.closedMoney = moneyCovered;
      this.closedCost = costRemoved;
      rest = size - covered;
      restMoney = paid - moneyCovered;
      if (this.quantity === 0n) {
        this.cost = 0n;
        this.costUnknown = money === null && rest > 0n;
      }
    }
    if (rest > 0n && (buying || this.overreach === "short")) {
      // Away from zero: what was paid (or, going short, received) becomes cost.
      const added = buying ? restMoney : -restMoney;
      this.cost += added;
      this.quantity += buying ? rest : -rest;
      this.lots.add(buying ? rest : -rest, added);
    }
    return realized;
  }

  /** A copy that goes its own way (a day's mark of the figures): FIFO's lots shared until either appends. */
  copy(): Position {
    const copy = new Position(this.method, this.overreach);
    copy.quantity = this.quantity;
    copy.cost = this.cost;
    copy.realized = this.realized;
    copy.costUnknown = this.costUnknown;
    copy.lots = this.lots.copy();
    return copy;
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
}
