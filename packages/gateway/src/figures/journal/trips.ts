/**
 * The journal's read model, in the one loop (keeper.ts): round trips by each cost method the
 * figures keep. A round trip is one closing order on a pair (a sell of a long position; its fills
 * together by orderId) with what it closed. Its realized PnL is the figures by pair's own
 * disposals (figures.ts, read after they applied the fill: the same position engine, the same
 * method, the same fees), summed per order, every place kept: the trips of a pair sum to that
 * pair's realized exactly. Its time of opening is the purchase of the oldest unit it sold, taken
 * in the order units were bought whatever the method (an average-cost position has no lots of its
 * own), so one queue of purchases serves every method.
 *
 * Its series is what each sell added, a line per fill (its disposal by every method): the trips
 * are those lines summed by order. A resume from a day's checkpoint drops the trips opened since
 * and works out again, from the lines of the days before, the trips of before that fills of the
 * day or later had added to (an order that straddles midnight). After a start, the trips of before
 * the checkpoint are read back from the lines when first asked for; a range's read (the journal's
 * first screen, tripsFrom) reads back only the trips of the orders with a line from its day on or
 * a fill since the checkpoint, each whole. Pure: no IO.
 */
import { type Fixed, FixedCell } from "@mexc-live/protocol";
import type { CostMethod } from "../engine/lots.js";
import { TextBytes } from "../engine/textBytes.js";
import type { Figures } from "../figures.js";
import type { Leg } from "../ledger/legs.js";
import type { LedgerModel, Resume } from "../readModel.js";
import { Slicer } from "../sliceBudget.js";
import { type Disposal, forEachLineKey, LineRecord, orderKey, readLine, writeLine } from "./seriesLines.js";
import { byCloseTime, TripList, TripTable } from "./tripTable.js";

/** A unit bought: how much of it is left in the queue, and when. */
interface Bought {
  left: Fixed;
  readonly time: number | null;
}

interface Purchases {
  lots: Bought[];
  head: number;
}

/** What a sale took from the purchases: when the oldest unit was bought, and the time the known ones were held. */
interface Taken {
  readonly openTime: number | null;
  readonly heldQuantity: Fixed;
  readonly heldWeight: Fixed;
}

/** The queue drops its sold lots once this many sit before the live ones (and no fewer than those). */
const COMPACT_AFTER = 4_096;

/** Its checkpoint row: the queues' live lots ([left, time], left as its Fixed's integer) and each method's trips then. */
interface JournalState {
  readonly version: typeof STATE_VERSION;
  readonly purchases: Readonly<Record<string, readonly (readonly [left: string, time: number | null])[]>>;
  readonly trips: Readonly<Record<CostMethod, number>>;
}

const STATE_VERSION = 1;
/** Series lines read back between two looks at the clock (sliceBudget.ts's items per look). */
const LINES_PER_LOOK = 64;
const DAY_MS = 86_400_000;

/** The trips of before a start, read from the series rows when first asked for (a restart does not wait on them). */
interface Pending {
  /** The series rows of before the checkpoint, inflated off the loop (Resume.seriesInPool): read again in part for a range (tripsFrom). */
  readonly series: Resume["seriesInPool"];
  /** The series rows still to read, a day's lines each. */
  readonly rows: Iterator<string>;
  /** The lines of the row being read, and the next of them. */
  lines: readonly string[];
  next: number;
  /** The trips read so far. */
  readonly before: Journal;
  /** Whole trips the checkpoint counted, per method. */
  readonly count: number;
}

/**
 * After a start, before the trips of before are read back: the trips of the orders with a disposal
 * on `fromDay` or later, or after the checkpoint, each with every line of it (tripsFrom).
 */
interface Recent {
  readonly fromDay: number;
  /** Those orders (orderKey): the trips made since the checkpoint are of these. */
  readonly orders: ReadonlySet<string>;
  /** Their trips of before the checkpoint, in the order the full read back lists them. */
  readonly before: Journal;
}

/** A range's read tries this many times when orders are added meanwhile, then reads every trip back. */
const RECENT_TRIES = 3;

export class Journal implements LedgerModel {
  readonly name = "journal";
  private readonly purchases = new Map<string, Purchases>();
  /** Both methods' trips, by place. */
  private table = new TripTable();
  /** Trips by order (symbol, then orderId), as their place in the table. */
  private byOrder = new OrderPlaces();
  /** The day's disposals as series lines, a line break between (endDay takes them). */
  private readonly lines = new TextBytes();
  /** The table's places in close order, made at the first read after a change (trips). */
  private order: Int32Array | undefined;
  /** After a start: the trips of before the checkpoint, still to be read (load). */
  private pending: Pending | undefined;
  /** After a start: the last range's trips of before the checkpoint (tripsFrom), as a read of it under way. */
  private recent: Promise<Recent> | undefined;
  /** The record each series line read back is read into (readLine). */
  private readonly read = new LineRecord();
  /** A sale's quantity sold out of known purchases and its time held (takePurchases), as cells. */
  private readonly heldQuantity = new FixedCell();
  private readonly heldWeight = new FixedCell();

  /** `pairs`: the figures by pair this model reads the moves of (they apply each leg first). */
  constructor(private readonly pairs: Figures) {}

  /** Starts from the positions held before the history (as the figures by pair open them): bought before anything, with no time. */
  open(openings: readonly { readonly symbol: string; readonly quantity: Fixed }[]): void {
    for (const opening of openings)
      this.purchasesOf(opening.symbol).lots.unshift({ left: opening.quantity, time: null });
  }

  apply(leg: Leg): void {
    if (leg.kind !== "trade" && leg.kind !== "unplaced") return;
    const fill = leg.fill;
    const { pairs } = this;
    const applied = pairs.lastFill;
    if (applied.legs.side === "BUY") {
      if (applied.legs.quantity.sign() > 0)
        this.purchasesOf(fill.symbol).lots.push({ left: applied.legs.quantity.value, time: fill.time });
      return;
    }
    const avg = pairs.positionOf("avg", fill.symbol);
    if (avg.closed.isZero()) return;
    const fifo = pairs.positionOf("fifo", fill.symbol);
    const held = this.takePurchases(fill.symbol, avg.closed.value, fill.time);
    // The pairs' own cells, read before their next move: the trips and the line copy them now.
    const disposal: Disposal = {
      symbol: fill.symbol,
      orderId: fill.orderId,
      clientOrderId: fill.clientOrderId,
      time: fill.time,
      openTime: held.openTime,
      closed: avg.closed,
      feeValue: applied.feeValue,
      amount: applied.amount,
      amountValue: applied.amountValue,
      avgRealized: pairs.lastRealized("avg"),
      avgCost: avg.closedCost,
      avgMoney: avg.closedMoney,
      fifoRealized: pairs.lastRealized("fifo"),
      fifoCost: fifo.closedCost,
      fifoMoney: fifo.closedMoney,
      heldQuantity: this.heldQuantity.setFixed(held.heldQuantity),
      heldWeight: this.heldWeight.setFixed(held.heldWeight),
    };
    this.addAt(disposal, this.placeFor(fill.symbol, fill.orderId));
    if (this.lines.length > 0) this.lines.char(10 /* \n */);
    writeLine(disposal, this.lines);
  }

  /**
   * Every trip by `method`, in the order they closed (that order made once per change): a view of
   * the table, not a copy, so a trip a later fill adds to reads as it is then, as the kept objects
   * of before did. load() first after a start.
   */
  trips(method: CostMethod): TripList {
    this.loadNow();
    this.order ??= byCloseTime(this.table);
    return new TripList(this.table, method, this.order);
  }

  /**
   * After a start, the trips of before the checkpoint read from the series rows, a slice of the
   * event loop at a time (half a million trips at a million fills): what the first read waits on.
   */
  async load(): Promise<void> {
    const slicer = new Slicer();
    while (this.pending !== undefined) {
      this.loadLines(this.pending, LINES_PER_LOOK);
      if (slicer.up(LINES_PER_LOOK)) await slicer.pause();
    }
  }

  /**
   * The trips by `method` closed at `from` or later, in the order they closed, as trips() lists
   * them (some closed before `from` may come first). After a start, the trips of before the
   * checkpoint are not all read back for it: only those of the orders with a disposal on `from`'s
   * UTC day or later (read from their rows) or since the checkpoint, each with every line of it
   * (the lines of the days before only looked at for their order): a month's journal at a million
   * fills waits on a twelfth of the lines, not on half a million trips (issue 55).
   */
  async tripsFrom(method: CostMethod, from: number | undefined): Promise<TripList> {
    for (let tries = 0; tries < RECENT_TRIES && from !== undefined; tries++) {
      const pending = this.pending;
      if (pending === undefined) break;
      const fromDay = Math.floor(from / DAY_MS) * DAY_MS;
      let recent = this.recent === undefined ? undefined : await this.recent;
      if (recent?.fromDay !== fromDay || !this.sinceOf(recent.orders)) {
        this.recent = this.readRecent(pending.series, fromDay);
        recent = await this.recent;
      }
      // Read back meanwhile, or orders added since that the read did not look for (again).
      if (this.pending === undefined) break;
      if (this.sinceOf(recent.orders)) return this.joinedTo(recent.before, method);
    }
    await this.load();
    return this.trips(method);
  }

  /** Whether every trip made since the checkpoint is of one of `orders`. */
  private sinceOf(orders: ReadonlySet<string>): boolean {
    const { table } = this;
    for (let at = 0; at < table.length; at++)
      if (!orders.has(orderKey(table.symbolAt(at), table.orderIdAt(at)))) return false;
    return true;
  }

  /**
   * The trips of the orders with a line on `fromDay` or later, or made since the checkpoint, from
   * their every line (an order's disposals straddle days, and the checkpoint): the rows from
   * `fromDay` on read first for their orders, then every row in order, the lines of those orders
   * read back, in slices of the event loop.
   */
  private async readRecent(series: Resume["seriesInPool"], fromDay: number): Promise<Recent> {
    const slicer = new Slicer();
    const orders = new Set<string>();
    const { table } = this;
    for (let at = 0; at < table.length; at++) orders.add(orderKey(table.symbolAt(at), table.orderIdAt(at)));
    const window: string[] = [];
    for await (const row of series(fromDay)) {
      window.push(row);
      forEachLineKey(row, (key) => orders.add(key));
      if (slicer.overdue()) await slicer.pause();
    }
    const before = new Journal(this.pairs);
    const add = (row: string, start: number, end: number) => {
      const disposal = readLine(row.slice(start, end), before.read);
      before.addAt(disposal, before.placeFor(disposal.symbol, disposal.orderId));
    };
    for await (const row of series(Number.NEGATIVE_INFINITY, fromDay)) {
      forEachLineKey(row, (key, start, end) => {
        if (orders.has(key)) add(row, start, end);
      });
      if (slicer.overdue()) await slicer.pause();
    }
    for (const row of window) {
      forEachLineKey(row, (_key, start, end) => add(row, start, end));
      if (slicer.overdue()) await slicer.pause();
    }
    return { fromDay, orders, before };
  }

  /**
   * `before`'s trips by `method` and those made since the checkpoint, joined as takeOver joins
   * them (copies: `before` stays as read), in the order they closed.
   */
  private joinedTo(before: Journal, method: CostMethod): TripList {
    const table = before.table.prefix(before.table.length);
    const since = this.table;
    for (let at = 0; at < since.length; at++)
      table.join(before.byOrder.get(since.symbolAt(at), since.orderIdAt(at)) ?? table.length, since, at);
    return new TripList(table, method, byCloseTime(table));
  }

  /** The trips of before the checkpoint at once (a read that cannot wait). */
  private loadNow(): void {
    while (this.pending !== undefined) this.loadLines(this.pending, Number.POSITIVE_INFINITY);
  }

  /** Up to `most` lines of the series rows read back into the trips of before; the last taken over. */
  private loadLines(pending: Pending, most: number): void {
    const { before } = pending;
    for (let n = 0; n < most; n++) {
      if (pending.next >= pending.lines.length) {
        const row = pending.rows.next();
        if (row.done === true) {
          this.takeOver(before, pending);
          return;
        }
        pending.lines = row.value.split("\n");
        pending.next = 0;
      }
      const disposal = readLine(pending.lines[pending.next++] as string, before.read);
      before.addAt(disposal, before.placeFor(disposal.symbol, disposal.orderId));
    }
  }

  /**
   * The trips read back go first, those made since after them; a trip made since of an order
   * read back joins it (an order straddling the checkpoint): the sums, the first open and the
   * last close are what applying them in order gives.
   */
  private takeOver(before: Journal, pending: Pending): void {
    this.pending = undefined;
    this.recent = undefined;
    if (before.table.length !== pending.count)
      throw new Error("the journal's series rows do not hold the trips its checkpoint counted");
    const since = this.table;
    this.table = before.table;
    this.byOrder = before.byOrder;
    for (let at = 0; at < since.length; at++)
      this.table.join(this.placeFor(since.symbolAt(at), since.orderIdAt(at)), since, at);
    this.order = undefined;
  }

  /** Whether trips of before a start are still to be read back from the series rows (load). */
  get readingBack(): boolean {
    return this.pending !== undefined;
  }

  save(): string {
    const purchases: Record<string, [string, number | null][]> = Object.create(null);
    for (const [symbol, queue] of this.purchases) {
      purchases[symbol] = queue.lots.slice(queue.head).map((lot) => [String(lot.left), lot.time]);
    }
    this.loadNow();
    const count = this.table.length;
    const state: JournalState = { version: STATE_VERSION, purchases, trips: { avg: count, fifo: count } };
    return JSON.stringify(state);
  }

  endDay(): Uint8Array | undefined {
    return this.lines.length === 0 ? undefined : this.lines.take();
  }

  /**
   * Takes over a checkpoint row (save()) of `resume.day`, the trips of before it being those of
   * the model kept until now, or (at a start) those the series rows make, read when first asked
   * for (load). False (nothing changed) when the row is not one this version wrote.
   */
  restore(text: string, resume: Resume): boolean {
    let state: JournalState;
    try {
      state = JSON.parse(text) as JournalState;
    } catch {
      return false;
    }
    if (state?.version !== STATE_VERSION || state.trips.avg !== state.trips.fifo) return false;
    this.purchases.clear();
    for (const [symbol, lots] of Object.entries(state.purchases)) {
      this.purchases.set(symbol, { lots: lots.map(([left, time]) => ({ left: BigInt(left), time })), head: 0 });
    }
    // The trips the model kept until now holds (when it read them back already), else the rows'.
    const kept = resume.live as Journal | undefined;
    const live = kept?.pending === undefined ? kept : undefined;
    if (live === undefined) {
      const rows = resume.series(Number.NEGATIVE_INFINITY)[Symbol.iterator]();
      const series = resume.seriesInPool;
      this.pending = { series, rows, lines: [], next: 0, before: new Journal(this.pairs), count: state.trips.avg };
      return true;
    }
    this.takeBefore(live, resume.day, state.trips.avg, resume.series);
    return this.table.length === state.trips.avg;
  }

  /**
   * `from`'s trips as they stood at the start of `day`: the first `count` of each list, those a
   * later disposal added to made again from the lines of the days before `day`.
   */
  private takeBefore(from: Journal, day: number, count: number, series: Resume["series"]): void {
    const changed = new Map<string, number>();
    let firstDay = Number.POSITIVE_INFINITY;
    // The trips kept are shared with `from` until one changes (tripTable.ts: copied on write).
    const table = from.table.prefix(Math.min(count, from.table.length));
    this.table = table;
    this.order = undefined;
    this.byOrder = new OrderPlaces();
    for (let at = 0; at < table.length; at++) {
      const symbol = table.symbolAt(at);
      const orderId = table.orderIdAt(at);
      this.byOrder.set(symbol, orderId, at);
      if (table.lastDayAt(at) >= day) {
        changed.set(orderKey(symbol, orderId), at);
        firstDay = Math.min(firstDay, table.firstDayAt(at));
      }
    }
    if (changed.size === 0) return;
    for (const at of changed.values()) table.clear(at);
    for (const row of series(firstDay))
      for (const line of row.split("\n")) {
        const disposal = readLine(line, this.read);
        if (disposal.time >= day) return;
        const at = changed.get(orderKey(disposal.symbol, disposal.orderId));
        if (at !== undefined) this.addAt(disposal, at);
      }
  }

  /** A disposal to the trips of its order at `at` (made there when there are none). */
  private addAt(disposal: Disposal, at: number): void {
    this.table.add(at, disposal, Math.floor(disposal.time / DAY_MS) * DAY_MS);
    this.order = undefined;
  }

  /** The place of the order's trip in the lists: its own, or the next one. */
  private placeFor(symbol: string, orderId: string): number {
    return this.byOrder.placeOf(symbol, orderId, this.table.length);
  }

  /**
   * Takes `quantity` from the oldest purchases of the symbol, sold at `time`: the time of the oldest
   * taken (null: before the history), and how long the parts bought at a known time were held.
   */
  private takePurchases(symbol: string, quantity: Fixed, time: number): Taken {
    const queue = this.purchasesOf(symbol);
    const first = queue.lots[queue.head];
    const openTime = first === undefined ? null : first.time;
    let left = quantity;
    let heldQuantity = 0n;
    let heldWeight = 0n;
    while (left > 0n && queue.head < queue.lots.length) {
      const lot = queue.lots[queue.head] as Bought;
      // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.min does not take.
      const part = lot.left <= left ? lot.left : left;
      if (lot.time !== null) {
        heldQuantity += part;
        heldWeight += part * BigInt(time - lot.time);
      }
      left -= part;
      lot.left -= part;
      if (lot.left === 0n) queue.head++;
    }
    if (queue.head >= COMPACT_AFTER && queue.head >= queue.lots.length - queue.head) {
      queue.lots = queue.lots.slice(queue.head);
      queue.head = 0;
    }
    return { openTime, heldQuantity, heldWeight };
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

/** Places in the trips' lists by symbol, then order id (no key made of the two per fill). */
class OrderPlaces {
  private readonly bySymbol = new Map<string, Map<string, number>>();

  get(symbol: string, orderId: string): number | undefined {
    return this.bySymbol.get(symbol)?.get(orderId);
  }

  set(symbol: string, orderId: string, at: number): void {
    this.ordersOf(symbol).set(orderId, at);
  }

  /** The order's place; `next` (then its place) when it has none. */
  placeOf(symbol: string, orderId: string, next: number): number {
    const orders = this.ordersOf(symbol);
    const at = orders.get(orderId);
    if (at !== undefined) return at;
    orders.set(orderId, next);
    return next;
  }

  private ordersOf(symbol: string): Map<string, number> {
    let orders = this.bySymbol.get(symbol);
    if (orders === undefined) {
      orders = new Map();
      this.bySymbol.set(symbol, orders);
    }
    return orders;
  }
}
