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
import type { FiguresRow } from "../../store/index.js";
import { COST_METHODS, type CostMethod } from "../engine/lots.js";
import type { Figures } from "../figures.js";
import type { Leg } from "../ledger/legs.js";
import type { LedgerModel, Resume } from "../readModel.js";

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

/**
 * One sell's disposal, as its series line holds it: tab-separated symbol, orderId, clientOrderId
 * (JSON strings), time, openTime ("" before the history), closed, feeValue and amountValue ("" when
 * unvalued), amount, then per method of COST_METHODS realized, cost and money; amounts as their
 * Fixed's integer.
 */
interface Disposal {
  readonly symbol: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly time: number;
  readonly openTime: number | null;
  readonly closed: Fixed;
  readonly feeValue: Fixed | null;
  readonly amount: Fixed;
  readonly amountValue: Fixed | null;
  readonly moves: Readonly<Record<CostMethod, { realized: Fixed; cost: Fixed; money: Fixed }>>;
}

export class Journal implements LedgerModel {
  readonly name = "journal";
  private readonly purchases = new Map<string, Purchases>();
  private readonly lists: Record<CostMethod, KeptTrip[]> = { avg: [], fifo: [] };
  /** Trips by order (symbol + orderId), as their place in each method's list (the same in both). */
  private readonly byOrder = new Map<string, number>();
  /** The day's disposals as series lines (endDay takes them). */
  private lines: string[] = [];
  /** Each method's trips in close order, made at the first read after a change (tripsOf). */
  private sorted: Partial<Record<CostMethod, readonly Trip[]>> = {};

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
    const applied = this.pairs.lastFill;
    if (applied.legs.side === "BUY") {
      if (applied.legs.quantity.sign() > 0)
        this.purchasesOf(fill.symbol).lots.push({ left: applied.legs.quantity.value, time: fill.time });
      return;
    }
    const moved = this.pairs.lastMove(COST_METHODS[0], fill.symbol).closed;
    if (moved.isZero()) return;
    const closed = moved.value;
    const disposal: Disposal = {
      symbol: fill.symbol,
      orderId: fill.orderId,
      clientOrderId: fill.clientOrderId,
      time: fill.time,
      openTime: this.takePurchases(fill.symbol, closed),
      closed,
      feeValue: applied.feeValue === null ? null : applied.feeValue.value,
      amount: applied.amount.value,
      amountValue: applied.amountValue === null ? null : applied.amountValue.value,
      moves: {
        avg: moveOf(this.pairs, "avg", fill),
        fifo: moveOf(this.pairs, "fifo", fill),
      },
    };
    this.add(disposal);
    this.lines.push(disposalLine(disposal));
  }

  /** Every trip by `method`, in the order they closed (a copy made once per change). */
  trips(method: CostMethod): readonly Trip[] {
    let sorted = this.sorted[method];
    if (sorted === undefined) {
      sorted = byCloseTime(this.lists[method]);
      this.sorted[method] = sorted;
    }
    return sorted;
  }

  /** How many trips by each method. */
  get count(): number {
    return this.lists.avg.length;
  }

  save(): string {
    const purchases: Record<string, [string, number | null][]> = Object.create(null);
    for (const [symbol, queue] of this.purchases) {
      purchases[symbol] = queue.lots.slice(queue.head).map((lot) => [String(lot.left), lot.time]);
    }
    const state: JournalState = {
      version: STATE_VERSION,
      purchases,
      trips: { avg: this.lists.avg.length, fifo: this.lists.fifo.length },
    };
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
   * the model kept until now, or (at a start) those the series rows make. False (nothing changed)
   * when the row is not one this version wrote.
   */
  restore(text: string, resume: Resume): boolean {
    let state: JournalState;
    try {
      state = JSON.parse(text) as JournalState;
    } catch {
      return false;
    }
    if (state?.version !== STATE_VERSION) return false;
    this.purchases.clear();
    for (const [symbol, lots] of Object.entries(state.purchases)) {
      this.purchases.set(symbol, { lots: lots.map(([left, time]) => ({ left: BigInt(left), time })), head: 0 });
    }
    const linesBefore = function* (firstDay: number) {
      for (const text of resume.series(firstDay)) yield* text.split("\n");
    };
    if (resume.live === undefined) {
      for (const line of linesBefore(Number.NEGATIVE_INFINITY)) this.add(disposalOf(line));
    } else this.takeBefore(resume.live as Journal, resume.day, state.trips, linesBefore);
    for (const method of COST_METHODS) if (this.lists[method].length !== state.trips[method]) return false;
    return true;
  }

  /**
   * `from`'s trips as they stood at the start of `day`: the first `count` of each list, those a
   * later disposal added to made again from the lines of the days before `day`.
   */
  private takeBefore(
    from: Journal,
    day: number,
    count: Readonly<Record<CostMethod, number>>,
    linesBefore: (firstDay: number) => Iterable<string>,
  ): void {
    const changed = new Set<string>();
    let firstDay = Number.POSITIVE_INFINITY;
    for (const method of COST_METHODS) {
      const kept = from.lists[method].slice(0, count[method]);
      this.lists[method] = kept.map((trip) => ({ ...trip }));
      for (const trip of kept)
        if (trip.lastDay >= day) {
          changed.add(orderKey(trip.symbol, trip.orderId));
          firstDay = Math.min(firstDay, trip.firstDay);
        }
    }
    this.byOrder.clear();
    this.lists.avg.forEach((trip, at) => {
      this.byOrder.set(orderKey(trip.symbol, trip.orderId), at);
    });
    if (changed.size === 0) return;
    // Each made again at its place from its disposals before `day`, in the order they were made.
    const places = new Map([...changed].map((key) => [key, this.byOrder.get(key) as number]));
    for (const at of places.values()) for (const method of COST_METHODS) delete this.lists[method][at];
    for (const line of linesBefore(firstDay)) {
      const disposal = disposalOf(line);
      if (disposal.time >= day) break;
      const at = places.get(orderKey(disposal.symbol, disposal.orderId));
      if (at !== undefined) this.addAt(disposal, at);
    }
  }

  private add(disposal: Disposal): void {
    const key = orderKey(disposal.symbol, disposal.orderId);
    const at = this.byOrder.get(key);
    if (at === undefined) {
      this.byOrder.set(key, this.lists.avg.length);
      this.addAt(disposal, this.lists.avg.length);
    } else this.addAt(disposal, at);
  }

  /** Adds a disposal to the trip at `at` of each list (made when there is none there). */
  private addAt(disposal: Disposal, at: number): void {
    const day = Math.floor(disposal.time / DAY_MS) * DAY_MS;
    for (const method of COST_METHODS) {
      const list = this.lists[method];
      let trip = list[at];
      const move = disposal.moves[method];
      if (trip === undefined) {
        trip = {
          symbol: disposal.symbol,
          orderId: disposal.orderId,
          clientOrderId: disposal.clientOrderId,
          openTime: disposal.openTime,
          closeTime: disposal.time,
          quantity: 0n,
          cost: 0n,
          proceeds: 0n,
          realized: 0n,
          fees: 0n,
          amount: 0n,
          amountValue: 0n,
          firstDay: day,
          lastDay: day,
        };
        list[at] = trip;
      } else if (trip.openTime !== null && (disposal.openTime === null || disposal.openTime < trip.openTime)) {
        trip.openTime = disposal.openTime;
      }
      if (trip.clientOrderId === "") trip.clientOrderId = disposal.clientOrderId;
      trip.closeTime = Math.max(trip.closeTime, disposal.time);
      trip.lastDay = Math.max(trip.lastDay, day);
      trip.value = undefined;
      trip.quantity += disposal.closed;
      trip.cost += move.cost;
      trip.proceeds += move.money;
      trip.realized += move.realized;
      trip.fees = trip.fees === null || disposal.feeValue === null ? null : trip.fees + disposal.feeValue;
      trip.amount += disposal.amount;
      trip.amountValue =
        trip.amountValue === null || disposal.amountValue === null ? null : trip.amountValue + disposal.amountValue;
    }
    this.sorted = {};
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

function moveOf(pairs: Figures, method: CostMethod, fill: FiguresRow): { realized: Fixed; cost: Fixed; money: Fixed } {
  const move = pairs.lastMove(method, fill.symbol);
  return { realized: move.realized.value, cost: move.closedCost.value, money: move.closedMoney.value };
}

function orderKey(symbol: string, orderId: string): string {
  return `${symbol}\u0000${orderId}`;
}

const text = (value: Fixed | null) => (value === null ? "" : String(value));

function disposalLine(d: Disposal): string {
  const fields = [
    JSON.stringify(d.symbol),
    JSON.stringify(d.orderId),
    JSON.stringify(d.clientOrderId),
    String(d.time),
    d.openTime === null ? "" : String(d.openTime),
    String(d.closed),
    text(d.feeValue),
    String(d.amount),
    text(d.amountValue),
  ];
  for (const method of COST_METHODS) {
    const move = d.moves[method];
    fields.push(String(move.realized), String(move.cost), String(move.money));
  }
  return fields.join("\t");
}

function disposalOf(line: string): Disposal {
  const f = line.split("\t");
  const big = (at: number) => BigInt(f[at] as string);
  const maybe = (at: number) => (f[at] === "" ? null : big(at));
  const moves = {} as Record<CostMethod, { realized: Fixed; cost: Fixed; money: Fixed }>;
  COST_METHODS.forEach((method, i) => {
    moves[method] = { realized: big(9 + 3 * i), cost: big(10 + 3 * i), money: big(11 + 3 * i) };
  });
  return {
    symbol: JSON.parse(f[0] as string) as string,
    orderId: JSON.parse(f[1] as string) as string,
    clientOrderId: JSON.parse(f[2] as string) as string,
    time: Number(f[3]),
    openTime: f[4] === "" ? null : Number(f[4]),
    closed: big(5),
    feeValue: maybe(6),
    amount: big(7),
    amountValue: maybe(8),
    moves,
  };
}

/**
 * The trips in the order they closed, as a stable sort by close time gives them (a copy: the
 * model's list stays in its own order). The model's order is nearly that already: a trip is added
 * when it closes, and a later fill of its order moves its close on. So the trips that close after
 * a trip listed later are taken out (a walk from the end), sorted alone and merged back: O(n) and
 * a sort of the few moved (sorting half a million trips held the event loop 30-40 ms).
 */
export function byCloseTime(trips: readonly Trip[]): readonly Trip[] {
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
