/**
 * A cost-basis method: positions per symbol fed fill by fill (oldest first), each sell giving a
 * disposal, in the pair's quote asset. Two implementations, one contract: average cost
 * (avgCost.ts) and first in, first out (fifo.ts). A sell larger than the known position (base
 * deposited, or bought before the history) realizes only the covered part, pro rata; the rest has
 * no known cost and is not counted, under either method.
 */
import type { Decimal } from "@mexc-live/protocol";
import type { PriceSource } from "../../../src/figures/priceBook.js";
import type { Acquired, PnlFill, Sold } from "./tradeLegs.js";

export const COST_METHODS = ["avg", "fifo"] as const;
export type CostMethod = (typeof COST_METHODS)[number];

/** One sell: what left the position, what it brought and what it had cost (pair's quote asset). */
export interface Disposal {
  readonly symbol: string;
  /** Base that left with known cost (the covered part of the sell). */
  readonly quantity: Decimal;
  readonly proceeds: Decimal;
  readonly cost: Decimal;
  readonly gain: Decimal;
}

export interface Position {
  readonly quantity: Decimal;
  readonly cost: Decimal;
  readonly realized: Decimal;
}

/** A book's state as plain JSON (decimal strings), for checkpoints. */
export type BookState = Record<string, unknown>;

export interface PositionBook {
  readonly method: CostMethod;
  /** Starts a position with what was held before the history (before any fill is applied). */
  open(symbol: string, quantity: Decimal, cost: Decimal): void;
  /** Applies a fill (its legs worked out once for every book); a sell with known cost gives its disposal. */
  apply(fill: PnlFill, legs?: Acquired | Sold): Disposal | undefined;
  position(symbol: string): Position | undefined;
  symbols(): string[];
  save(): BookState;
}

export type BookFactory = (markets: Pick<PriceSource, "marketOf">, state?: BookState) => PositionBook;
