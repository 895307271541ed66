/**
 * First in, first out: per symbol a queue of lots (quantity, cost) in the order they were
 * bought; a sell takes from the oldest lots first, each at its own cost per unit. Fees as
 * tradeLegs.ts says (a buy's fee is part of its lot's cost). An opening position is the oldest lot.
 */
import type { PriceSource } from "../priceBook.js";
import { mulDiv, type Scaled, scaled, scaledText } from "../scaled.js";
import { LotLog } from "./lotLog.js";
import type { BookState, Disposal, Position, PositionBook } from "./positionBook.js";
import { type Acquired, legsOf, type PnlFill, type Sold } from "./tradeLegs.js";

/** A lot's rest after part of it was sold (a new object each time: a day's mark may hold the old one). */
interface Lot {
  readonly quantity: Scaled;
  readonly cost: Scaled;
}

interface Queue {
  /** The lots this queue holds are the log's [head, end), oldest first (lotLog.ts). */
  log: LotLog;
  head: number;
  end: number;
  /** The head lot's rest when part of it was sold (the log keeps the lot as bought). */
  part: Lot | undefined;
  quantity: Scaled;
  cost: Scaled;
  realized: Scaled;
}

/**
 * A queue moves its lots to a log of its own once this many sold ones sit before them (and no
 * fewer than it holds). Rarely: the day marks hold the old log anyway, so a move frees memory only
 * when no mark does, and each move cost a copy (1,827 moves in a rebuild of a million fills at 256).
 */
const COMPACT_AFTER = 65_536;

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
    // The opening lot is older than anything bought: it goes first, in a log of the queue's own.
    const log = new LotLog();
    log.push(quantity, cost);
    for (const lot of this.lotsOf(queue)) log.push(lot.quantity, lot.cost);
    queue.log = log;
    queue.head = 0;
    queue.end = log.length;
    queue.part = undefined;
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
      const part = queue.part;
      const lotQuantity = part === undefined ? queue.log.quantity(queue.head) : part.quantity;
      const lotCost = part === undefined ? queue.log.cost(queue.head) : part.cost;
      if (lotQuantity <= left) {
        cost += lotCost;
        left -= lotQuantity;
        queue.head++;
        queue.part = undefined;
      } else {
        const sold = mulDiv(lotCost, left, lotQuantity);
        cost += sold;
        queue.part = { quantity: lotQuantity - left, cost: lotCost - sold };
        left = 0n;
      }
    }
    if (queue.head >= COMPACT_AFTER && queue.head >= queue.end - queue.head) this.ownLog(queue);
    const proceeds = covered === legs.quantity ? legs.proceeds : mulDiv(legs.proceeds, covered, legs.quantity);
    const gain = proceeds - cost;
    queue.realized += gain;
    queue.quantity -= covered;
    queue.cost = queue.quantity === 0n ? 0n : queue.cost - cost;
    return { symbol: fill.symbol, quantity: covered, proceeds, cost, gain };
  }

  /** A copy that goes its own way (a day's mark of the figures): a few numbers a symbol, the log shared. */
  copy(): FifoBook {
    const copy = new FifoBook(this.markets);
    for (const [symbol, queue] of this.queues) copy.queues.set(symbol, { ...queue });
    return copy;
  }

  position(symbol: string): Position | undefined {
    return this.queues.get(symbol);
  }

  symbols(): string[] {
    return [...this.queues.keys()].sort();
  }

  save(): BookState {
    // Null-prototype: a pair named "__proto__" (refused at the edge anyway) stays a plain key.
    const out: BookState = Object.create(null);
    for (const [symbol, queue] of this.queues) {
      const lots: [string, string][] = [];
      for (const lot of this.lotsOf(queue)) lots.push([scaledText(lot.quantity), scaledText(lot.cost)]);
      out[symbol] = { lots, realized: scaledText(queue.realized) };
    }
    return out;
  }

  /** The lots a queue holds, oldest first. */
  private *lotsOf(queue: Queue): Generator<Lot> {
    for (let at = queue.head; at < queue.end; at++)
      yield at === queue.head && queue.part !== undefined
        ? queue.part
        : { quantity: queue.log.quantity(at), cost: queue.log.cost(at) };
  }

  private push(queue: Queue, quantity: Scaled, cost: Scaled): void {
    // Another holder of the log appended since this queue's last lot: the queue takes a log of its own.
    if (queue.end !== queue.log.length) this.ownLog(queue);
    queue.log.push(quantity, cost);
    queue.end++;
    queue.quantity += quantity;
    queue.cost += cost;
  }

  /** Moves the queue's lots to a log of its own (the sold ones left behind). */
  private ownLog(queue: Queue): void {
    queue.log = LotLog.from(queue.log, queue.head, queue.end);
    queue.end -= queue.head;
    queue.head = 0;
  }

  private of(symbol: string): Queue {
    let queue = this.queues.get(symbol);
    if (!queue) {
      queue = { log: new LotLog(), head: 0, end: 0, part: undefined, quantity: 0n, cost: 0n, realized: 0n };
      this.queues.set(symbol, queue);
    }
    return queue;
  }
}
