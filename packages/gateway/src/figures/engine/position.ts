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
 * figures built from these add up to the last digit, and two views of the same trades agree. They
 * are kept and worked in FixedCells (two doubles while they fit, else the bigint: protocol's
 * fixedCell.ts), so a move allocates nothing: a position's numbers are cells it owns, read by
 * others through FixedRead, and what a move is given is read, never kept.
 */
import { FixedCell, type FixedRead } from "@mexc-live/protocol";
import { type LotPiece, type Lots, lotsOf, type PositionMethod, type SavedLot } from "./lots.js";

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

/** Zero, for a move whose money is unknown. */
const NOTHING: FixedRead = new FixedCell();
/** A move's working cells (one move runs at a time). */
const size = new FixedCell();
const rest = new FixedCell();
const restMoney = new FixedCell();

export class Position {
  private readonly held = new FixedCell();
  private readonly costCell = new FixedCell();
  private readonly realizedCell = new FixedCell();
  private readonly movedCell = new FixedCell();
  private readonly closedCell = new FixedCell();
  private readonly closedMoneyCell = new FixedCell();
  private readonly closedCostCell = new FixedCell();
  /** Part of what is held came with no known cost (an acquisition whose money was unknown). */
  costUnknown = false;
  private lots: Lots;
  /** Dated lots: the parts of lots the last move took (oldest taken first as the method takes them). */
  private readonly pieces: LotPiece[] | undefined;

  constructor(
    readonly method: PositionMethod,
    readonly overreach: Overreach,
    state?: PositionState,
    /** Lots that keep when each was acquired (the tax report's); never restored from a checkpoint. */
    dated = false,
  ) {
    if (dated) this.pieces = [];
    if (state === undefined) {
      this.lots = lotsOf(method, [], undefined, dated);
      return;
    }
    this.held.parse(state.quantity);
    this.costCell.parse(state.cost);
    this.realizedCell.parse(state.realized);
    this.costUnknown = state.costUnknown;
    this.lots = lotsOf(method, state.lots, { quantity: this.held, cost: this.costCell });
  }

  /** What is held (signed). */
  get quantity(): FixedRead {
    return this.held;
  }

  /** Its cost (of the quantity's sign). */
  get cost(): FixedRead {
    return this.costCell;
  }

  /** PnL realized so far. */
  get realized(): FixedRead {
    return this.realizedCell;
  }

  /** The last move's closing part: units it took off the position (>= 0), their money and their cost. */
  get closed(): FixedRead {
    return this.closedCell;
  }

  get closedMoney(): FixedRead {
    return this.closedMoneyCell;
  }

  get closedCost(): FixedRead {
    return this.closedCostCell;
  }

  /** Dated lots: the parts of lots the last move took; undefined otherwise. */
  get taken(): readonly LotPiece[] | undefined {
    return this.pieces;
  }

  /** Lots held (average cost: none counted, its pooled lot is the position). */
  get lotCount(): number {
    return this.method === "avg" ? 0 : this.lots.count;
  }

  /**
   * Moves `quantity` (signed) for `money` (the value of the units moved, >= 0; null when unknown:
   * the cost basis is then unknown until the position is flat again), at `time` (dated lots keep
   * it). Returns the PnL it realized (the position's cell: read it before the next move).
   */
  move(quantity: FixedRead, money: FixedRead | null, time = 0): FixedRead {
    const realized = this.movedCell.zero();
    const covered = this.closedCell.zero();
    const moneyCovered = this.closedMoneyCell.zero();
    const costRemoved = this.closedCostCell.zero();
    if (this.pieces !== undefined) this.pieces.length = 0;
    const direction = quantity.sign();
    if (direction === 0) return realized;
    if (money === null) this.costUnknown = true;
    const paid = money ?? NOTHING;
    const buying = direction > 0;
    size.set(quantity).abs();
    rest.set(size);
    restMoney.set(paid);
    const heldSign = this.held.sign();
    if (heldSign !== 0 && heldSign > 0 !== buying) {
      // Towards zero: close what it covers.
      covered.set(this.held).abs();
      if (size.compare(covered) < 0) covered.set(size);
      if (covered.equals(size)) moneyCovered.set(paid);
      else moneyCovered.setShare(paid, covered, size);
      this.lots.take(covered, costRemoved, this.pieces);
      if (buying) realized.sub(moneyCovered);
      else realized.add(moneyCovered);
      realized.sub(costRemoved);
      this.realizedCell.add(realized);
      this.costCell.sub(costRemoved);
      if (buying) this.held.add(covered);
      else this.held.sub(covered);
      rest.sub(covered);
      restMoney.sub(moneyCovered);
      if (this.held.isZero()) {
        this.costCell.zero();
        this.costUnknown = money === null && rest.sign() > 0;
      }
    }
    if (rest.sign() > 0 && (buying || this.overreach === "short")) {
      // Away from zero: what was paid (or, going short, received) becomes cost.
      if (buying) {
        this.costCell.add(restMoney);
        this.held.add(rest);
      } else {
        restMoney.negate();
        rest.negate();
        this.costCell.add(restMoney);
        this.held.add(rest);
      }
      this.lots.add(rest, restMoney, time);
    }
    return realized;
  }

  save(): PositionState {
    return {
      quantity: this.held.text(),
      cost: this.costCell.text(),
      realized: this.realizedCell.text(),
      costUnknown: this.costUnknown,
      ...(this.method === "avg" ? {} : { lots: this.lots.saved() }),
    };
  }
}
