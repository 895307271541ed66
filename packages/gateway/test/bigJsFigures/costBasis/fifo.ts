/**
 * First in, first out: per symbol a queue of lots (quantity, cost) in the order they were
 * bought; a sell takes from the oldest lots first, each at its own cost per unit. Fees as
 * tradeLegs.ts says (a buy's fee is part of its lot's cost). An opening position is the oldest lot.
 */
import { type Decimal, dec, roundFigure, ZERO } from "@mexc-live/protocol";
import type { PriceSource } from "../../../src/figures/priceBook.js";
import type { BookState, Disposal, Position, PositionBook } from "./positionBook.js";
import { type Acquired, legsOf, type PnlFill, type Sold } from "./tradeLegs.js";

interface Lot {
  quantity: Decimal;
  cost: Decimal;
}

interface Queue {
  /** Oldest first; `head` is the first lot still holding anything. */
  lots: Lot[];
  head: number;
  quantity: Decimal;
  cost: Decimal;
  realized: Decimal;
}

/** Consumed lots are dropped from the array once this many have piled up at its head. */
const COMPACT_AFTER = 256;

export class FifoBook implements PositionBook {
  readonly method = "fifo" as const;
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly markets: Pick<PriceSource, "marketOf">,
    state?: BookState,
  ) {
    for (const [symbol, value] of Object.entries(state ?? {})) {
      const { lots, realized } = value as { lots: [string, string][]; realized: string };
      // Held lots only: the position's quantity and cost are their sums.
      const queue = this.of(symbol);
      for (const [quantity, cost] of lots) this.push(queue, dec(quantity), dec(cost));
      queue.realized = dec(realized);
    }
  }

  open(symbol: string, quantity: Decimal, cost: Decimal): void {
    const queue = this.of(symbol);
    // An opening of nothing makes no lot (since issue 39, as the position engine: a move of 0 moves nothing).
    if (quantity.eq(0)) return;
    // Openings come before any fill (rebuild), oldest first: each after those opened before it.
    queue.lots.push({ quantity, cost });
    queue.quantity = queue.quantity.plus(quantity);
    queue.cost = queue.cost.plus(cost);
  }

  apply(fill: PnlFill, legs: Acquired | Sold = legsOf(fill, this.markets)): Disposal | undefined {
    const queue = this.of(fill.symbol);
    if (legs.side === "BUY") {
      if (legs.quantity.gt(0)) this.push(queue, legs.quantity, legs.cost);
      return undefined;
    }
    const covered = legs.quantity.gt(queue.quantity) ? queue.quantity : legs.quantity;
    if (covered.lte(0)) return undefined;
    let left = covered;
    let cost = ZERO;
    while (left.gt(0)) {
      const lot = queue.lots[queue.head] as Lot;
      if (lot.quantity.lte(left)) {
        cost = cost.plus(lot.cost);
        left = left.minus(lot.quantity);
        queue.head++;
      } else {
        const part = roundFigure(lot.cost.times(left).div(lot.quantity));
        cost = cost.plus(part);
        lot.cost = lot.cost.minus(part);
        lot.quantity = lot.quantity.minus(left);
        left = ZERO;
      }
    }
    if (queue.head >= COMPACT_AFTER) {
      queue.lots = queue.lots.slice(queue.head);
      queue.head = 0;
    }
    const proceeds = covered.eq(legs.quantity)
      ? legs.proceeds
      : roundFigure(legs.proceeds.times(covered).div(legs.quantity));
    const gain = proceeds.minus(cost);
    queue.realized = queue.realized.plus(gain);
    queue.quantity = queue.quantity.minus(covered);
    queue.cost = queue.quantity.eq(0) ? ZERO : queue.cost.minus(cost);
    return { symbol: fill.symbol, quantity: covered, proceeds, cost, gain };
  }

  position(symbol: string): Position | undefined {
    return this.queues.get(symbol);
  }

  symbols(): string[] {
    return [...this.queues.keys()].sort();
  }

  save(): BookState {
    const out: BookState = {};
    for (const [symbol, queue] of this.queues) {
      // The engine's PositionState (src/figures/engine/position.ts): what a checkpoint holds.
      out[symbol] = {
        quantity: queue.quantity.toFixed(),
        cost: queue.cost.toFixed(),
        realized: queue.realized.toFixed(),
        costUnknown: false,
        lots: queue.lots.slice(queue.head).map((lot) => [lot.quantity.toFixed(), lot.cost.toFixed()]),
      };
    }
    return out;
  }

  private push(queue: Queue, quantity: Decimal, cost: Decimal): void {
    queue.lots.push({ quantity, cost });
    queue.quantity = queue.quantity.plus(quantity);
    queue.cost = queue.cost.plus(cost);
  }

  private of(symbol: string): Queue {
    let queue = this.queues.get(symbol);
    if (!queue) {
      queue = { lots: [], head: 0, quantity: ZERO, cost: ZERO, realized: ZERO };
      this.queues.set(symbol, queue);
    }
    return queue;
  }
}
