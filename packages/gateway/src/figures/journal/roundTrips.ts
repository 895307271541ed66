/**
 * The journal's read model: round trips, fed fills in order (oldest first, the store's order).
 * A round trip is one closing order on a pair (a sell of a long position; its fills together by
 * orderId) with what it closed. Its realized PnL is the position engine's own disposals by pair
 * (engine/: the book GET /api/pnl reads, same method, same fees), summed per order, every place
 * kept: the trips of a pair sum to that pair's realized exactly. Its time of opening is the
 * purchase of the oldest unit it sold, taken in the order units were bought whatever the method
 * (an average-cost position has no lots of its own). Pure: no IO.
 */
import { type Fixed, fixed } from "@mexc-live/protocol";
import type { JournalFill } from "../../store/index.js";
import type { CostMethod } from "../engine/lots.js";
import { PositionBook, type PositionBookState } from "../engine/positionBook.js";
import { legsOf, moveLegs } from "../engine/tradeLegs.js";
import type { PriceSource } from "../priceBook.js";
import type { ReadModel } from "../readModel.js";

/** A fill as the journal reads it (store.journalFills yields these). */
/** The journal's fill is the store's row (store/journalFills.ts), a PnlFill with its order. */
export type { JournalFill };

/** A position held before the history: its quantity and cost (as the figures open it). */
export interface JournalOpening {
  readonly symbol: string;
  readonly quantity: Fixed;
  readonly cost: Fixed;
}

/** One round trip as kept (Fixed amounts); journalAnswers.ts makes it a JournalTrip. */
export interface Trip {
  readonly symbol: string;
  readonly orderId: string;
  clientOrderId: string;
  openTime: number | null;
  closeTime: number;
  quantity: Fixed;
  cost: Fixed;
  proceeds: Fixed;
  realized: Fixed;
  /** null once a fee of the order had no value. */
  fees: Fixed | null;
  /** The order's quote amount and its value: realized x value / amount is the trip's value. */
  amount: Fixed;
  amountValue: Fixed | null;
  /** The trip's value as last worked out (journalAnswers.ts rowOf); undefined: not since it last changed. */
  value?: Fixed | null;
}

/**
 * What a RoundTrips holds besides its trips, as plain JSON (the journal's checkpoint): the
 * positions, the shadow queues' live lots ([left, time], left as its Fixed's integer), the fills applied.
 */
export interface RoundTripsState {
  readonly positions: PositionBookState;
  readonly purchases: Readonly<Record<string, readonly (readonly [left: string, time: number | null])[]>>;
  readonly applied: number;
  /** How many trips were saved beside it (a checkpoint read back holds exactly these). */
  readonly trips: number;
}

/** A unit bought: how much of it is left in the shadow queue, and when. */
interface Bought {
  left: Fixed;
  readonly time: number | null;
}

interface Purchases {
  lots: Bought[];
  head: number;
}

/** The shadow queue drops its sold lots once this many sit before the live ones (and no fewer than those). */
const COMPACT_AFTER = 4_096;

/** What a RoundTrips is read back from: its checkpoint() and its trips (saved beside it, in chunks). */
export interface SavedRoundTrips {
  readonly state: RoundTripsState;
  /** Taken over, not copied (half a million at a million fills). */
  readonly trips: Trip[];
}

export class RoundTrips implements ReadModel<JournalFill, RoundTripsState, SavedRoundTrips> {
  private positions: PositionBook;
  private readonly purchases = new Map<string, Purchases>();
  /** Trips by order (symbol + orderId), as their place in the list: later fills of an order join its trip. */
  private readonly byOrder = new Map<string, number>();
  /** The list's trips before this place are in byOrder (trips read back are indexed when first looked for). */
  private indexed = 0;
  private list: Trip[] = [];
  /** Places in the list of the trips made or changed since takeChanged(). */
  private changed = new Set<number>();
  private applied = 0;

  /** From the openings (a build from the first fill); restore() reads a checkpoint back. */
  constructor(
    private readonly markets: Pick<PriceSource, "marketOf">,
    readonly method: CostMethod,
    openings: readonly JournalOpening[] = [],
  ) {
    this.positions = new PositionBook(method, "uncovered");
    for (const opening of openings) {
      this.positions.move(opening.symbol, opening.quantity, opening.cost);
      // Held before the history: older than anything bought, with no time.
      this.purchasesOf(opening.symbol).lots.unshift({ left: opening.quantity, time: null });
    }
  }

  /** Takes over a checkpoint and its trips; false (nothing changed) when the trips are not the ones it counted. */
  restore(saved: SavedRoundTrips): boolean {
    if (saved.trips.length !== saved.state.trips) return false;
    this.positions = new PositionBook(this.method, "uncovered", saved.state.positions);
    this.purchases.clear();
    for (const [symbol, lots] of Object.entries(saved.state.purchases)) {
      this.purchases.set(symbol, { lots: lots.map(([left, time]) => ({ left: BigInt(left), time })), head: 0 });
    }
    this.list = saved.trips;
    this.byOrder.clear();
    this.indexed = 0;
    this.changed = new Set();
    this.applied = saved.state.applied;
    return true;
  }

  /** What it holds besides its trips (trips() gives those, takeChanged() which changed). */
  checkpoint(): RoundTripsState {
    const purchases: Record<string, [string, number | null][]> = Object.create(null);
    for (const [symbol, queue] of this.purchases) {
      purchases[symbol] = queue.lots.slice(queue.head).map((lot) => [String(lot.left), lot.time]);
    }
    return { positions: this.positions.save(), purchases, applied: this.applied, trips: this.list.length };
  }

  /** The places in trips() of the trips made or changed since the last call. */
  takeChanged(): ReadonlySet<number> {
    const changed = this.changed;
    this.changed = new Set();
    return changed;
  }

  /** Applies the next fill (oldest first). */
  apply(fill: JournalFill): void {
    this.applied++;
    const legs = legsOf(fill, this.markets);
    if (legs.side === "BUY") {
      if (legs.quantity > 0n) this.purchasesOf(fill.symbol).lots.push({ left: legs.quantity, time: fill.time });
      moveLegs(this.positions, fill.symbol, legs);
      return;
    }
    const gain = moveLegs(this.positions, fill.symbol, legs);
    const sold = this.positions.positionOf(fill.symbol);
    if (sold.closed === 0n) return;
    const openTime = this.takePurchases(fill.symbol, sold.closed);
    const key = `${fill.symbol}\u0000${fill.orderId}`;
    let at = this.placeOf(key);
    let trip = at === undefined ? undefined : this.list[at];
    if (trip === undefined) {
      trip = {
        symbol: fill.symbol,
        orderId: fill.orderId,
        clientOrderId: fill.clientOrderId,
        openTime,
        closeTime: fill.time,
        quantity: 0n,
        cost: 0n,
        proceeds: 0n,
        realized: 0n,
        fees: 0n,
        amount: 0n,
        amountValue: 0n,
      };
      at = this.list.push(trip) - 1;
      this.byOrder.set(key, at);
      this.indexed = this.list.length;
    } else if (trip.openTime !== null && (openTime === null || openTime < trip.openTime)) {
      trip.openTime = openTime;
    }
    this.changed.add(at as number);
    if (trip.clientOrderId === "") trip.clientOrderId = fill.clientOrderId;
    // Fills of an order in the store's order: the last is the latest.
    trip.closeTime = Math.max(trip.closeTime, fill.time);
    trip.value = undefined;
    trip.quantity += sold.closed;
    trip.cost += sold.closedCost;
    trip.proceeds += sold.closedMoney;
    trip.realized += gain;
    trip.fees = trip.fees === null || fill.feeValue === null ? null : trip.fees + fixed(fill.feeValue, "feeValue");
    trip.amount += fixed(fill.amount, "amount");
    trip.amountValue =
      trip.amountValue === null || fill.amountValue === null
        ? null
        : trip.amountValue + fixed(fill.amountValue, "amountValue");
  }

  /** Every trip so far, in the order each closed its first lot. */
  trips(): readonly Trip[] {
    return this.list;
  }

  /** How many fills were applied. */
  get count(): number {
    return this.applied;
  }

  /** The place in the list of the order's trip; the trips read back are indexed the first time one is looked for. */
  private placeOf(key: string): number | undefined {
    if (this.indexed < this.list.length) {
      for (let at = this.indexed; at < this.list.length; at++) {
        const trip = this.list[at] as Trip;
        this.byOrder.set(`${trip.symbol}\u0000${trip.orderId}`, at);
      }
      this.indexed = this.list.length;
    }
    return this.byOrder.get(key);
  }

  /** Takes `quantity` from the oldest purchases of the symbol; the time of the oldest taken (null: before the history). */
  private takePurchases(symbol: string, quantity: Fixed): number | null {
    const queue = this.purchasesOf(symbol);
    const first = queue.lots[queue.head];
    const openTime = first === undefined ? null : first.time;
    let left = quantity;
    while (left > 0n && queue.head < queue.lots.length) {
      const lot = queue.lots[queue.head] as Bought;
      if (lot.left <= left) {
        left -= lot.left;
        queue.head++;
      } else {
        lot.left -= left;
        left = 0n;
      }
    }
    if (queue.head >= COMPACT_AFTER && queue.head >= queue.lots.length - queue.head) {
      queue.lots = queue.lots.slice(queue.head);
      queue.head = 0;
    }
    return openTime;
  }

  private purchasesOf(symbol: string): Purchases {
    let queue = this.purchases.get(symbol);
    if (queue === undefined) {
      queue = { lots: [], head: 0 };
      this.purchases.set(symbol, queue);
    }
    return queue;
  }
}
