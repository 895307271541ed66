/**
 * A cost-basis method: positions per symbol fed fill by fill (oldest first), each sell giving a
 * disposal, in the pair's quote asset, as Scaled (scaled.ts). Two implementations, one contract: average cost
 * (avgCost.ts) and first in, first out (fifo.ts). A sell larger than the known position (base
 * deposited, or bought before the history) realizes only the covered part, pro rata; the rest has
 * no known cost and is not counted, under either method.
 */
import { COST_METHODS, type CostMethodName } from "@mexc-live/contract";
import type { Scaled } from "../scaled.js";
import type { Acquired, PnlFill, Sold } from "./tradeLegs.js";

export { COST_METHODS };
export type CostMethod = CostMethodName;

/** One sell: what left the position, what it brought and what it had cost (pair's quote asset). */
export interface Disposal {
  readonly symbol: string;
  /** Base that left with known cost (the covered part of the sell). */
  readonly quantity: Scaled;
  readonly proceeds: Scaled;
  readonly cost: Scaled;
  readonly gain: Scaled;
}

export interface Position {
  readonly quantity: Scaled;
  readonly cost: Scaled;
  readonly realized: Scaled;
}

/** A book's state as plain JSON (decimal strings), for checkpoints. */
export type BookState = Record<string, unknown>;

export interface PositionBook {
  readonly method: CostMethod;
  /** Starts a position with what was held before the history (before any fill is applied). */
  open(symbol: string, quantity: Scaled, cost: Scaled): void;
  /** Applies a fill (its legs worked out once for every book); a sell with known cost gives its disposal. */
  apply(fill: PnlFill, legs?: Acquired | Sold): Disposal | undefined;
  position(symbol: string): Position | undefined;
  symbols(): string[];
  save(): BookState;
  /** A copy that goes its own way. */
  copy(): PositionBook;
}
