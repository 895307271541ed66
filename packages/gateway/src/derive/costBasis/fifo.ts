/**
 * First in, first out: per symbol a queue of lots (quantity, cost) in the order they were
 * bought; a sell takes from the oldest lots first, each at its own cost per unit. Fees as
 * tradeLegs.ts says (a buy's fee is part of its lot's cost). An opening position is the oldest lot.
 */
import type { PriceSource } from "../priceBook.js";
import { mulDiv, type Scaled, scaled, scaledText } from "../scaled.js";
import type { BookState, Disposal, Position, PositionBook } from "./positionBook.js";
import { type Acquired, legsOf, type PnlFill, type Sold } from "./tradeLegs.js";

/** Never changed once made (a part sold makes a new lot), so a day's checkpoint can share it. */
interface Lot {
  readonly quantity: Scaled;
  readonly cost: Scaled;
}

interface Queue {
  /** Oldest first; `head` is the first lot still holding anything. */
  lots: Lot[];
  head: number;
  quantity: Scaled;
  cost: Scaled;
  realized: Scaled;
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
      const queue = this.of(symbol);
      for (const [quantity, cost] of lots) this.push(queue, scaled(quantity), scaled(cost));
      queue.realized = scaled(realized);
    }
  }

  open(symbol: string, quantity: Scaled, cost: Scaled): void {
    const queue = this.of(symbol);
    // The opening lot is older than anything bought: it goes first.
    queue.lots.splice(queue.head, 0, { quantity, cost });
    queue.quantity += quantity;
    queue.cost += cost;
  }

  apply(fill: PnlFill, legs: Acquired | Sold = legsOf(fill, this.markets)): Disposal | undefined {
    const queue = this.of(fill.symbol);
    if (legs.side === "BUY") {
      if (legs.quantity > 0n) this.push(queue, legs.quantity, legs.cost);
      return undefined;
    }
    // biome-ignore lint/complexity/useMathMinMax: Math.min takes no bigint
    const covered = legs.quantity > queue.quantity ? queue.quantity : legs.quantity;
    if (covered <= 0n) return undefined;
    let left = covered;
    let cost = 0n;
    while (left > 0n) {
      const lot = queue.lots[queue.head] as Lot;
      if (lot.quantity <= left) {
        cost += lot.cost;
        left -= lot.quantity;
        queue.head++;
      } else {
        // A new lot object: a day's checkpoint (figures.ts) may still hold the old one.
        const part = mulDiv(lot.cost, left, lot.quantity);
        cost += part;
        queue.lots[queue.head] = { quantity: lot.quantity - left, cost: lot.cost - part };
        left = 0n;
      }
    }
    if (queue.head >= COMPACT_AFTER) {
      queue.lots = queue.lots.slice(queue.head);
      queue.head = 0;
    }
    const proceeds = covered === legs.quantity ? legs.proceeds : mulDiv(legs.proceeds, covered, legs.quantity);
    const gain = proceeds - cost;
    queue.realized += gain;
    queue.quantity -= covered;
    queue.cost = queue.quantity === 0n ? 0n : queue.cost - cost;
    return { symbol: fill.symbol, quantity: covered, proceeds, cost, gain };
  }

  /** A copy that goes its own way (a day's checkpoint of the figures); the lots never change, so they are shared. */
  copy(): FifoBook {
    const copy = new FifoBook(this.markets);
    for (const [symbol, queue] of this.queues)
      copy.queues.set(symbol, { ...queue, lots: queue.lots.slice(queue.head), head: 0 });
    return copy;
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
      out[symbol] = {
        lots: queue.lots.slice(queue.head).map((lot) => [scaledText(lot.quantity), scaledText(lot.cost)]),
        realized: scaledText(queue.realized),
      };
    }
    return out;
  }

  private push(queue: Queue, quantity: Scaled, cost: Scaled): void {
    queue.lots.push({ quantity, cost });
    queue.quantity += quantity;
    queue.cost += cost;
  }

  private of(symbol: string): Queue {
    let queue = this.queues.get(symbol);
    if (!queue) {
      queue = { lots: [], head: 0, quantity: 0n, cost: 0n, realized: 0n };
      this.queues.set(symbol, queue);
    }
    return queue;
  }
}
