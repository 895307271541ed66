/**
 * Average cost: per symbol a position (base) and its cost basis (quote); a sell takes out cost
 * in proportion to the quantity it takes (cost x sold / held), so the average cost per unit stays
 * what it was. Fees as tradeLegs.ts says.
 */
import type { PriceSource } from "../priceBook.js";
import { mulDiv, type Scaled, scaled, scaledText } from "../scaled.js";
import type { BookState, Disposal, Position, PositionBook } from "./positionBook.js";
import { type Acquired, legsOf, type PnlFill, type Sold } from "./tradeLegs.js";

interface Held {
  quantity: Scaled;
  cost: Scaled;
  realized: Scaled;
}

export class AvgCostBook implements PositionBook {
  readonly method = "avg" as const;
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly markets: Pick<PriceSource, "marketOf">,
    state?: BookState,
  ) {
    for (const [symbol, value] of Object.entries(state ?? {})) {
      const [quantity, cost, realized] = value as [string, string, string];
      this.held.set(symbol, { quantity: scaled(quantity), cost: scaled(cost), realized: scaled(realized) });
    }
  }

  open(symbol: string, quantity: Scaled, cost: Scaled): void {
    const position = this.of(symbol);
    position.quantity += quantity;
    position.cost += cost;
  }

  apply(fill: PnlFill, legs: Acquired | Sold = legsOf(fill, this.markets)): Disposal | undefined {
    const position = this.of(fill.symbol);
    if (legs.side === "BUY") {
      position.quantity += legs.quantity;
      position.cost += legs.cost;
      return undefined;
    }
    // biome-ignore lint/complexity/useMathMinMax: Math.min takes no bigint
    const covered = legs.quantity > position.quantity ? position.quantity : legs.quantity;
    if (covered <= 0n) return undefined;
    const cost = mulDiv(position.cost, covered, position.quantity);
    const proceeds = covered === legs.quantity ? legs.proceeds : mulDiv(legs.proceeds, covered, legs.quantity);
    const gain = proceeds - cost;
    position.realized += gain;
    position.quantity -= covered;
    position.cost = position.quantity === 0n ? 0n : position.cost - cost;
    return { symbol: fill.symbol, quantity: covered, proceeds, cost, gain };
  }

  /** A copy that goes its own way (a day's checkpoint of the figures). */
  copy(): AvgCostBook {
    const copy = new AvgCostBook(this.markets);
    for (const [symbol, held] of this.held) copy.held.set(symbol, { ...held });
    return copy;
  }

  position(symbol: string): Position | undefined {
    return this.held.get(symbol);
  }

  symbols(): string[] {
    return [...this.held.keys()].sort();
  }

  save(): BookState {
    // Null-prototype: a pair named "__proto__" (refused at the edge anyway) stays a plain key.
    const out: BookState = Object.create(null);
    for (const [symbol, p] of this.held)
      out[symbol] = [scaledText(p.quantity), scaledText(p.cost), scaledText(p.realized)];
    return out;
  }

  private of(symbol: string): Held {
    let position = this.held.get(symbol);
    if (!position) {
      position = { quantity: 0n, cost: 0n, realized: 0n };
      this.held.set(symbol, position);
    }
    return position;
  }
}
