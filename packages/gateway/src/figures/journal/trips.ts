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
 * day or later had added to (an order that straddles midnight). Pure: no IO.
 */
import type { Fixed } from "@mexc-live/protocol";
import { COST_METHODS, type CostMethod } from "../engine/lots.js";
import type { Figures } from "../figures.js";
import type { Leg } from "../ledger/legs.js";
import type { LedgerModel, Resume } from "../readModel.js";
import { Slicer } from "../sliceBudget.js";

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
  /** Of `quantity`, what was sold out of a known purchase (units held from before the history are not). */
  heldQuantity: Fixed;
  /** Those units' time held: each part's quantity (its Fixed's integer) x ms from its purchase to the sale, summed. */
  heldWeight: Fixed;
}

/** A trip as the model keeps it: the UTC days of its first and last disposal beside it. */
interface KeptTrip extends Trip {
  firstDay: number;
  lastDay: number;
}

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
const DAY_MS = 86_400_000;

/** One sell's disposal by one method: what it realized, the cost of what it closed and the money it brought. */
interface Moved {
  readonly realized: Fixed;
  readonly cost: Fixed;
  readonly money: Fixed;
}

/** One sell's disposal (a series line read back: disposalOf). */
interface Disposal {
  readonly symbol: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly time: number;
  readonly closed: Fixed;
  readonly feeValue: Fixed | null;
  readonly amount: Fixed;
  readonly amountValue: Fixed | null;
  readonly avg: Moved;
  readonly fifo: Moved;
  /** Its oldest unit's purchase (openTime) and the time its known units were held. */
  readonly held: Taken;
}

/** The trips of before a start, read from the series rows when first asked for (a restart does not wait on them). */
interface Pending {
  readonly lines: Iterator<string>;
  /** The trips read so far. */
  readonly before: Journal;
  /** Whole trips the checkpoint counted, per method. */
  readonly count: number;
}

export class Journal implements LedgerModel {
  readonly name = "journal";
  private readonly purchases = new Map<string, Purchases>();
  private lists: Record<CostMethod, KeptTrip[]> = { avg: [], fifo: [] };
  /** Trips by order (symbol, then orderId), as their place in each method's list (the same in both). */
  private byOrder = new OrderPlaces();
  /** The day's disposals as series lines (endDay takes them). */
  private lines: string[] = [];
  /** Each method's trips in close order, made at the first read after a change (trips). */
  private sorted: Partial<Record<CostMethod, readonly Trip[]>> = {};
  /** After a start: the trips of before the checkpoint, still to be read (load). */
  private pending: Pending | undefined;
  /** After a resume: the trips at places below this are the previous model's too, until copied (own). */
  private shared = 0;
  private readonly copied = new Set<number>();

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
    const closed = avg.closed.value;
    const fifo = pairs.positionOf("fifo", fill.symbol);
    const held = this.takePurchases(fill.symbol, closed, fill.time);
    const openTime = held.openTime;
    const at = this.placeFor(fill.symbol, fill.orderId);
    this.own(at);
    const day = Math.floor(fill.time / DAY_MS) * DAY_MS;
    // The trips keep bigints: the cells are read before the pair's next move.
    const numbers = {
      feeValue: applied.feeValue === null ? null : applied.feeValue.value,
      amount: applied.amount.value,
      amountValue: applied.amountValue === null ? null : applied.amountValue.value,
    };
    const avgMove = {
      realized: pairs.lastRealized("avg").value,
      cost: avg.closedCost.value,
      money: avg.closedMoney.value,
    };
    const fifoMove = {
      realized: pairs.lastRealized("fifo").value,
      cost: fifo.closedCost.value,
      money: fifo.closedMoney.value,
    };
    addTo(this.lists.avg, at, fill, held, closed, numbers, avgMove.realized, avgMove.cost, avgMove.money, day);
    addTo(this.lists.fifo, at, fill, held, closed, numbers, fifoMove.realized, fifoMove.cost, fifoMove.money, day);
    this.sorted = {};
    this.lines.push(
      `${textField(fill.symbol)}\t${textField(fill.orderId)}\t${textField(fill.clientOrderId)}\t${fill.time}\t${openTime ?? ""}\t${closed}\t${numbers.feeValue ?? ""}\t${numbers.amount}\t${numbers.amountValue ?? ""}\t${avgMove.realized}\t${avgMove.cost}\t${avgMove.money}\t${fifoMove.realized}\t${fifoMove.cost}\t${fifoMove.money}\t${held.heldQuantity}\t${held.heldWeight}`,
    );
  }

  /** Every trip by `method`, in the order they closed (a copy made once per change); load() first after a start. */
  trips(method: CostMethod): readonly Trip[] {
    this.loadNow();
    let sorted = this.sorted[method];
    if (sorted === undefined) {
      sorted = byCloseTime(this.lists[method]);
      this.sorted[method] = sorted;
    }
    return sorted;
  }

  /**
   * After a start, the trips of before the checkpoint read from the series rows, a slice of the
   * event loop at a time (half a million trips at a million fills): what the first read waits on.
   */
  async load(): Promise<void> {
    const slicer = new Slicer();
    while (this.pending !== undefined) {
      this.loadLine(this.pending);
      if (slicer.up()) await slicer.pause();
    }
  }

  /** The trips of before the checkpoint at once (a read that cannot wait). */
  private loadNow(): void {
    while (this.pending !== undefined) this.loadLine(this.pending);
  }

  private loadLine(pending: Pending): void {
    const next = pending.lines.next();
    if (next.done === true) this.takeOver(pending.before, pending);
    else pending.before.add(disposalOf(next.value));
  }

  /**
   * The trips read back go first, those made since after them; a trip made since of an order
   * read back joins it (an order straddling the checkpoint): the sums, the first open and the
   * last close are what applying them in order gives.
   */
  private takeOver(before: Journal, pending: Pending): void {
    this.pending = undefined;
    if (before.lists.avg.length !== pending.count)
      throw new Error("the journal's series rows do not hold the trips its checkpoint counted");
    const since = this.lists;
    this.lists = before.lists;
    this.byOrder = before.byOrder;
    for (let at = 0; at < since.avg.length; at++) {
      const avg = since.avg[at] as KeptTrip;
      const place = this.byOrder.get(avg.symbol, avg.orderId);
      if (place === undefined) {
        this.byOrder.set(avg.symbol, avg.orderId, this.lists.avg.length);
        for (const method of COST_METHODS) this.lists[method].push(since[method][at] as KeptTrip);
      } else
        for (const method of COST_METHODS) join(this.lists[method][place] as KeptTrip, since[method][at] as KeptTrip);
    }
    this.sorted = {};
  }

  /** How many trips by each method. */
  get count(): number {
    return (this.pending?.count ?? 0) + this.lists.avg.length;
  }

  save(): string {
    const purchases: Record<string, [string, number | null][]> = Object.create(null);
    for (const [symbol, queue] of this.purchases) {
      purchases[symbol] = queue.lots.slice(queue.head).map((lot) => [String(lot.left), lot.time]);
    }
    this.loadNow();
    const count = this.lists.avg.length;
    const state: JournalState = { version: STATE_VERSION, purchases, trips: { avg: count, fifo: count } };
    return JSON.stringify(state);
  }

  endDay(): string | undefined {
    if (this.lines.length === 0) return undefined;
    const text = this.lines.join("\n");
    this.lines = [];
    return text;
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
    const linesFrom = function* (firstDay: number) {
      for (const text of resume.series(firstDay)) yield* text.split("\n");
    };
    // The trips the model kept until now holds (when it read them back already), else the rows'.
    const kept = resume.live as Journal | undefined;
    const live = kept?.pending === undefined ? kept : undefined;
    if (live === undefined) {
      const lines = linesFrom(Number.NEGATIVE_INFINITY);
      this.pending = { lines, before: new Journal(this.pairs), count: state.trips.avg };
      return true;
    }
    this.takeBefore(live, resume.day, state.trips.avg, linesFrom);
    return this.lists.avg.length === state.trips.avg && this.lists.fifo.length === state.trips.fifo;
  }

  /**
   * `from`'s trips as they stood at the start of `day`: the first `count` of each list, those a
   * later disposal added to made again from the lines of the days before `day`.
   */
  private takeBefore(
    from: Journal,
    day: number,
    count: number,
    linesFrom: (firstDay: number) => Iterable<string>,
  ): void {
    const changed = new Map<string, number>();
    let firstDay = Number.POSITIVE_INFINITY;
    for (const method of COST_METHODS) this.lists[method] = from.lists[method].slice(0, count);
    this.byOrder = new OrderPlaces();
    for (let at = 0; at < count; at++) {
      const trip = this.lists.avg[at] as KeptTrip;
      this.byOrder.set(trip.symbol, trip.orderId, at);
      if (trip.lastDay >= day) {
        changed.set(orderKey(trip.symbol, trip.orderId), at);
        firstDay = Math.min(firstDay, trip.firstDay);
      }
    }
    // The trips kept are shared with `from` until one changes: those that change are copies (own).
    this.shared = count;
    if (changed.size === 0) return;
    for (const at of changed.values()) for (const method of COST_METHODS) delete this.lists[method][at];
    for (const line of linesFrom(firstDay)) {
      const disposal = disposalOf(line);
      if (disposal.time >= day) break;
      const at = changed.get(orderKey(disposal.symbol, disposal.orderId));
      if (at !== undefined) this.addAt(disposal, at);
    }
  }

  /** A disposal read back, to the trip of its order (made at the end of the lists when there is none). */
  private add(disposal: Disposal): void {
    this.addAt(disposal, this.placeFor(disposal.symbol, disposal.orderId));
  }

  private addAt(d: Disposal, at: number): void {
    this.own(at);
    const day = Math.floor(d.time / DAY_MS) * DAY_MS;
    const fill = { symbol: d.symbol, orderId: d.orderId, clientOrderId: d.clientOrderId, time: d.time };
    const applied = { feeValue: d.feeValue, amount: d.amount, amountValue: d.amountValue };
    addTo(this.lists.avg, at, fill, d.held, d.closed, applied, d.avg.realized, d.avg.cost, d.avg.money, day);
    addTo(this.lists.fifo, at, fill, d.held, d.closed, applied, d.fifo.realized, d.fifo.cost, d.fifo.money, day);
    this.sorted = {};
  }

  /** The place of the order's trip in the lists: its own, or the next one. */
  private placeFor(symbol: string, orderId: string): number {
    let at = this.byOrder.get(symbol, orderId);
    if (at === undefined) {
      at = this.lists.avg.length;
      this.byOrder.set(symbol, orderId, at);
    }
    return at;
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

  /** The trips at `at` made this model's own (copies), when they are still shared with the model it resumed from. */
  private own(at: number): void {
    if (at >= this.shared || this.copied.has(at)) return;
    this.copied.add(at);
    for (const method of COST_METHODS) {
      const trip = this.lists[method][at];
      if (trip !== undefined) this.lists[method][at] = { ...trip };
    }
  }
}

/** A disposal added to the trip at `at` of one method's list (made when there is none there). */
function addTo(
  list: KeptTrip[],
  at: number,
  fill: { readonly symbol: string; readonly orderId: string; readonly clientOrderId: string; readonly time: number },
  held: Taken,
  closed: Fixed,
  applied: { readonly feeValue: Fixed | null; readonly amount: Fixed; readonly amountValue: Fixed | null },
  realized: Fixed,
  cost: Fixed,
  money: Fixed,
  day: number,
): void {
  const openTime = held.openTime;
  let trip = list[at];
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
      heldQuantity: 0n,
      heldWeight: 0n,
      firstDay: day,
      lastDay: day,
    };
    list[at] = trip;
  } else if (trip.openTime !== null && (openTime === null || openTime < trip.openTime)) trip.openTime = openTime;
  trip.heldQuantity += held.heldQuantity;
  trip.heldWeight += held.heldWeight;
  if (trip.clientOrderId === "") trip.clientOrderId = fill.clientOrderId;
  if (fill.time > trip.closeTime) trip.closeTime = fill.time;
  if (day > trip.lastDay) trip.lastDay = day;
  trip.value = undefined;
  trip.quantity += closed;
  trip.cost += cost;
  trip.proceeds += money;
  trip.realized += realized;
  trip.fees = trip.fees === null || applied.feeValue === null ? null : trip.fees + applied.feeValue;
  trip.amount += applied.amount;
  trip.amountValue =
    trip.amountValue === null || applied.amountValue === null ? null : trip.amountValue + applied.amountValue;
}

/** `since` (the same order's trip made after a restart) joined to `trip` (read back): as if applied in order. */
function join(trip: KeptTrip, since: KeptTrip): void {
  if (trip.openTime !== null && (since.openTime === null || since.openTime < trip.openTime))
    trip.openTime = since.openTime;
  if (trip.clientOrderId === "") trip.clientOrderId = since.clientOrderId;
  trip.closeTime = Math.max(trip.closeTime, since.closeTime);
  trip.lastDay = Math.max(trip.lastDay, since.lastDay);
  trip.value = undefined;
  trip.quantity += since.quantity;
  trip.cost += since.cost;
  trip.proceeds += since.proceeds;
  trip.realized += since.realized;
  trip.fees = trip.fees === null || since.fees === null ? null : trip.fees + since.fees;
  trip.amount += since.amount;
  trip.amountValue =
    trip.amountValue === null || since.amountValue === null ? null : trip.amountValue + since.amountValue;
  trip.heldQuantity += since.heldQuantity;
  trip.heldWeight += since.heldWeight;
}

/** Places in the trips' lists by symbol, then order id (no key made of the two per fill). */
class OrderPlaces {
  private readonly bySymbol = new Map<string, Map<string, number>>();

  get(symbol: string, orderId: string): number | undefined {
    return this.bySymbol.get(symbol)?.get(orderId);
  }

  set(symbol: string, orderId: string, at: number): void {
    let orders = this.bySymbol.get(symbol);
    if (orders === undefined) {
      orders = new Map();
      this.bySymbol.set(symbol, orders);
    }
    orders.set(orderId, at);
  }
}

function orderKey(symbol: string, orderId: string): string {
  return `${symbol}\u0000${orderId}`;
}

/** A text field of a line: as it is, or JSON when it holds a tab, a line break, a backslash or a quote. */
function textField(text: string): string {
  return NEEDS_QUOTING.test(text) ? JSON.stringify(text) : text;
}

const NEEDS_QUOTING = /[\t\n\r\\"]/;

function textOf(field: string): string {
  return field.charCodeAt(0) === 34 /* " */ ? (JSON.parse(field) as string) : field;
}

/**
 * A series line read back: tab-separated symbol, orderId, clientOrderId (as they are, JSON when
 * they hold a tab, a line break, a backslash or a quote), time, openTime ("" before the history),
 * closed, feeValue and amountValue ("" when unvalued), amount, then realized, cost and money by
 * average cost and by FIFO, then the quantity sold out of known purchases and its time held
 * (quantity x ms); amounts as their Fixed's integer.
 */
function disposalOf(line: string): Disposal {
  const f = line.split("\t");
  const big = (at: number) => BigInt(f[at] as string);
  const maybe = (at: number) => (f[at] === "" ? null : big(at));
  return {
    symbol: textOf(f[0] as string),
    orderId: textOf(f[1] as string),
    clientOrderId: textOf(f[2] as string),
    time: Number(f[3]),
    closed: big(5),
    feeValue: maybe(6),
    amount: big(7),
    amountValue: maybe(8),
    avg: { realized: big(9), cost: big(10), money: big(11) },
    fifo: { realized: big(12), cost: big(13), money: big(14) },
    held: { openTime: f[4] === "" ? null : Number(f[4]), heldQuantity: big(15), heldWeight: big(16) },
  };
}

/**
 * The trips in the order they closed, as a stable sort by close time gives them (a copy: the
 * model's list stays in its own order). The model's order is nearly that already: a trip is added
 * when it closes, and a later fill of its order moves its close on. So the trips that close after
 * a trip listed later are taken out (a walk from the end), sorted alone and merged back: O(n) and
 * a sort of the few moved (sorting half a million trips held the event loop 30-40 ms).
 */
function byCloseTime(trips: readonly Trip[]): readonly Trip[] {
  const moved: number[] = [];
  let earliest = Number.POSITIVE_INFINITY;
  for (let i = trips.length - 1; i >= 0; i--) {
    const close = (trips[i] as Trip).closeTime;
    if (close > earliest) moved.push(i);
    else earliest = close;
  }
  if (moved.length === 0) return trips.slice();
  moved.reverse();
  // (close, list place): the stable sort's order, for the moved and for the rest alike.
  moved.sort((a, b) => (trips[a] as Trip).closeTime - (trips[b] as Trip).closeTime || a - b);
  const out: Trip[] = new Array(trips.length);
  let next = 0;
  let m = 0;
  const taken = new Set(moved);
  for (let i = 0; i < trips.length; i++) {
    if (taken.has(i)) continue;
    const trip = trips[i] as Trip;
    while (m < moved.length && before(trips, moved[m] as number, i)) out[next++] = trips[moved[m++] as number] as Trip;
    out[next++] = trip;
  }
  while (m < moved.length) out[next++] = trips[moved[m++] as number] as Trip;
  return out;
}

/** Whether the trip at `a` sorts before the one at `b` (close time, then place in the list). */
function before(trips: readonly Trip[], a: number, b: number): boolean {
  const ca = (trips[a] as Trip).closeTime;
  const cb = (trips[b] as Trip).closeTime;
  return ca < cb || (ca === cb && a < b);
}
