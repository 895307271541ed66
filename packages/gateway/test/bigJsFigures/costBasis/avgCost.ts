/**
 * Average cost: per symbol a position (base) and its cost basis (quote); a sell takes out cost
 * in proportion to the quantity it takes (cost x sold / held), so the average cost per unit stays
 * what it was. Fees as tradeLegs.ts says.
 */
import { type Decimal, dec, roundFigure, ZERO } from "@mexc-live/protocol";
import type { PriceSource } from "../../../src/figures/priceBook.js";
import type { BookState, Disposal, Position, PositionBook } from "./positionBook.js";
import { type Acquired, legsOf, type PnlFill, type Sold } from "./tradeLegs.js";

interface Held {
  quantity: Decimal;
  cost: Decimal;
  realized: Decimal;
}

export class AvgCostBook implements PositionBook {
  readonly method = "avg" as const;
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly markets: Pick<PriceSource, "marketOf">,
    state?: BookState,
  ) {
    for (const [symbol, value] of Object.entries(state ?? {})) {
      const { quantity, cost, realized } = value as { quantity: string; cost: string; realized: string };
      this.held.set(symbol, { quantity: dec(quantity), cost: dec(cost), realized: dec(realized) });
    }
  }

  open(symbol: string, quantity: Decimal, cost: Decimal): void {
    const position = this.of(symbol);
    position.quantity = position.quantity.plus(quantity);
    position.cost = position.cost.plus(cost);
  }

  apply(fill: PnlFill, legs: Acquired | Sold = legsOf(fill, this.markets)): Disposal | undefined {
    const position = this.of(fill.symbol);
    if (legs.side === "BUY") {
      // A buy that brings no base changes no position, as in FIFO (since issue 39: the average
      // kept such a buy's fee as the cost of nothing, to land on the next units bought).
      if (legs.quantity.lte(0)) return undefined;
      position.quantity = position.quantity.plus(legs.quantity);
      position.cost = position.cost.plus(legs.cost);
      return undefined;
    }
    const covered = legs.quantity.gt(position.quantity) ? position.quantity : legs.quantity;
    if (covered.lte(0)) return undefined;
    const cost = roundFigure(position.cost.times(covered).div(position.quantity));
    const proceeds = covered.eq(legs.quantity)
      ? legs.proceeds
      : roundFigure(legs.proceeds.times(covered).div(legs.quantity));
    const gain = proceeds.minus(cost);
    position.realized = position.realized.plus(gain);
    position.quantity = position.quantity.minus(covered);
    position.cost = position.quantity.eq(0) ? ZERO : position.cost.minus(cost);
    return { symbol: fill.symbol, quantity: covered, proceeds, cost, gain };
  }

  position(symbol: string): Position | undefined {
    return this.held.get(symbol);
  }

  symbols(): string[] {
    return [...this.held.keys()].sort();
  }

  save(): BookState {
    const out: BookState = {};
    // The engine's PositionState (src/figures/engine/position.ts): what a checkpoint holds.
    for (const [symbol, p] of this.held)
      out[symbol] = {
        quantity: p.quantity.toFixed(),
        cost: p.cost.toFixed(),
        realized: p.realized.toFixed(),
        costUnknown: false,
      };
    return out;
  }

  private of(symbol: string): Held {
    let position = this.held.get(symbol);
    if (!position) {
      position = { quantity: ZERO, cost: ZERO, realized: ZERO };
      this.held.set(symbol, position);
    }
    return position;
  }
}
