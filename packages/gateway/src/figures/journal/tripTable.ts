/**
 * The journal's round trips (trips.ts) kept as columns: both methods' trips at the same places,
 * their amounts and times in typed arrays, in chunks shared between a model and the one it
 * resumed from until either writes one (copy on write).
 *
 * Why: kept as objects, a trip of each method was an object and nine bigints; at a million fills
 * the half million trips of both methods were 400 of the 430 MB the heap held (issue 55), and the
 * collector's marking of them held the event loop 60-100 ms at a time during an import's pass. A
 * typed array is one object to the collector whatever it holds.
 *
 * The amounts are in a FixedColumn (engine/fixedColumn.ts: two doubles each, one too big for them
 * kept as it is: nothing is ever cut), a null flagged beside it. A trip read (at) is a new object,
 * its fields in the order the kept objects had them (bench:store's journal digest is their JSON).
 */
import { type Fixed, FixedCell, type FixedRead } from "@mexc-live/protocol";
import { FixedColumn } from "../engine/fixedColumn.js";
import type { CostMethod } from "../engine/lots.js";
import type { Disposal } from "./seriesLines.js";

/** One round trip as read (Fixed amounts); journalAnswers.ts makes it a JournalTrip. */
export interface Trip {
  readonly symbol: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly openTime: number | null;
  readonly closeTime: number;
  readonly quantity: Fixed;
  readonly cost: Fixed;
  readonly proceeds: Fixed;
  readonly realized: Fixed;
  /** null once a fee of the order had no value. */
  readonly fees: Fixed | null;
  /** The order's quote amount and its value: realized x value / amount is the trip's value. */
  readonly amount: Fixed;
  readonly amountValue: Fixed | null;
  /** Of `quantity`, what was sold out of a known purchase (units held from before the history are not). */
  readonly heldQuantity: Fixed;
  /** Those units' time held: each part's quantity (its Fixed's integer) x ms from its purchase to the sale, summed. */
  readonly heldWeight: Fixed;
  /** The UTC days of its first and last disposal. */
  readonly firstDay: number;
  readonly lastDay: number;
}

/** The amounts' columns: those both methods share, then each method's own. */
const QUANTITY = 0;
const FEES = 1;
const AMOUNT = 2;
const AMOUNT_VALUE = 3;
const HELD_QUANTITY = 4;
const HELD_WEIGHT = 5;
/** A method's cost, proceeds and realized: at METHOD_AT[method] + 0, 1, 2. */
const METHOD_AT: Readonly<Record<CostMethod, number>> = { avg: 6, fifo: 9 };
const AMOUNTS = 12;
/** The times' columns. */
const OPEN = 0;
const CLOSE = 1;
const FIRST_DAY = 2;
const LAST_DAY = 3;
const TIMES = 4;

const SHIFT = 12;
/** Trips per chunk. */
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;
/**
 * One string per symbol (a symbol read back from each series line is a string of its own): as many
 * entries as symbols in the histories read, each already held by their fills (MEXC lists ~2,000).
 */
const SYMBOLS = new Map<string, string>();
const interned = (symbol: string): string => {
  const known = SYMBOLS.get(symbol);
  if (known !== undefined) return known;
  SYMBOLS.set(symbol, symbol);
  return symbol;
};
/** The cells an amount is read through and summed in (FixedColumn's limbs). */
const scratch = new FixedCell();
const other = new FixedCell();

class Chunk {
  /** Shared by two tables (a model and the one it resumed from): copied before either writes it. */
  shared = false;
  constructor(
    /** undefined where there is no trip (past the end, or cleared). */
    readonly symbol: (string | undefined)[] = new Array(CHUNK),
    readonly orderId: string[] = new Array(CHUNK),
    readonly clientOrderId: string[] = new Array(CHUNK),
    readonly times = new Float64Array(CHUNK * TIMES),
    readonly amounts = new FixedColumn(CHUNK * AMOUNTS),
    /** 1 where an amount is null (a fee or an amount not valued). */
    readonly nulls = new Uint8Array(CHUNK * AMOUNTS),
  ) {}

  copy(): Chunk {
    return new Chunk(
      this.symbol.slice(),
      this.orderId.slice(),
      this.clientOrderId.slice(),
      this.times.slice(),
      this.amounts.slice(0, CHUNK * AMOUNTS),
      this.nulls.slice(),
    );
  }

  /** The amount at `cell` as a Fixed (a bigint: for a trip read). */
  amount(cell: number): Fixed | null {
    return this.nulls[cell] === 1 ? null : this.amounts.read(cell, scratch).value;
  }

  /** The amount at `cell` into `into`; null when it is. */
  cell(cell: number, into: FixedCell): FixedCell | null {
    return this.nulls[cell] === 1 ? null : this.amounts.read(cell, into);
  }

  setAmount(cell: number, value: FixedRead | null): void {
    this.nulls[cell] = value === null ? 1 : 0;
    if (value !== null) this.amounts.write(cell, value);
  }

  /**
   * The trips at `row` met by a later part of their order: opened at the older open (NaN: before
   * the history, which stays), closed at the later close, its client order id when they had none.
   */
  meet(row: number, open: number, clientOrderId: string, close: number, lastDay: number): void {
    const t = row * TIMES;
    const kept = this.times[t + OPEN] as number;
    if (!Number.isNaN(kept) && (Number.isNaN(open) || open < kept)) this.times[t + OPEN] = open;
    if (this.clientOrderId[row] === "") this.clientOrderId[row] = clientOrderId;
    this.times[t + CLOSE] = Math.max(this.times[t + CLOSE] as number, close);
    this.times[t + LAST_DAY] = Math.max(this.times[t + LAST_DAY] as number, lastDay);
  }

  /** a + b of the amount at `cell` and `add`, null when either is. */
  addAmount(cell: number, add: FixedRead | null): void {
    const value = this.cell(cell, scratch);
    this.setAmount(cell, value === null || add === null ? null : value.add(add));
  }
}

/** Both methods' trips, by place (an order's place: trips.ts's OrderPlaces). */
export class TripTable {
  private chunks: Chunk[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  /** A table of the first `count` trips, sharing their chunks until one of the two writes one. */
  prefix(count: number): TripTable {
    const table = new TripTable();
    table.chunks = this.chunks.slice(0, (count + MASK) >>> SHIFT);
    for (const chunk of table.chunks) chunk.shared = true;
    table.size = count;
    return table;
  }

  /** Whether there is a trip at `at` (one removed by clear, and not made again, is not). */
  has(at: number): boolean {
    if (at >= this.size) return false;
    const chunk = this.chunks[at >>> SHIFT] as Chunk;
    return chunk.symbol[at & MASK] !== undefined;
  }

  symbolAt(at: number): string {
    return (this.chunks[at >>> SHIFT] as Chunk).symbol[at & MASK] as string;
  }

  orderIdAt(at: number): string {
    return (this.chunks[at >>> SHIFT] as Chunk).orderId[at & MASK] as string;
  }

  closeTimeAt(at: number): number {
    return (this.chunks[at >>> SHIFT] as Chunk).times[(at & MASK) * TIMES + CLOSE] as number;
  }

  lastDayAt(at: number): number {
    return (this.chunks[at >>> SHIFT] as Chunk).times[(at & MASK) * TIMES + LAST_DAY] as number;
  }

  firstDayAt(at: number): number {
    return (this.chunks[at >>> SHIFT] as Chunk).times[(at & MASK) * TIMES + FIRST_DAY] as number;
  }

  /** The trip at `at` by `method`, as a new object. */
  at(at: number, method: CostMethod): Trip {
    const chunk = this.chunks[at >>> SHIFT] as Chunk;
    const row = at & MASK;
    const t = row * TIMES;
    const a = row * AMOUNTS;
    const m = a + METHOD_AT[method];
    const open = chunk.times[t + OPEN] as number;
    return {
      symbol: chunk.symbol[row] as string,
      orderId: chunk.orderId[row] as string,
      clientOrderId: chunk.clientOrderId[row] as string,
      openTime: Number.isNaN(open) ? null : open,
      closeTime: chunk.times[t + CLOSE] as number,
      quantity: chunk.amount(a + QUANTITY) as Fixed,
      cost: chunk.amount(m) as Fixed,
      proceeds: chunk.amount(m + 1) as Fixed,
      realized: chunk.amount(m + 2) as Fixed,
      fees: chunk.amount(a + FEES),
      amount: chunk.amount(a + AMOUNT) as Fixed,
      amountValue: chunk.amount(a + AMOUNT_VALUE),
      heldQuantity: chunk.amount(a + HELD_QUANTITY) as Fixed,
      heldWeight: chunk.amount(a + HELD_WEIGHT) as Fixed,
      firstDay: chunk.times[t + FIRST_DAY] as number,
      lastDay: chunk.times[t + LAST_DAY] as number,
    };
  }

  /** No trip at `at` (to be made again: add). */
  clear(at: number): void {
    this.writable(at).symbol[at & MASK] = undefined;
  }

  /**
   * A disposal added to the trips at `at` by both methods (each by its realized, cost and money);
   * the trips made of it when there are none there (at the end, or cleared).
   */
  add(at: number, d: Disposal, day: number): void {
    if (!this.has(at)) {
      this.make(at, d, day);
      return;
    }
    const chunk = this.writable(at);
    const row = at & MASK;
    const a = row * AMOUNTS;
    chunk.meet(row, d.openTime ?? Number.NaN, d.clientOrderId, d.time, day);
    chunk.addAmount(a + HELD_QUANTITY, d.heldQuantity);
    chunk.addAmount(a + HELD_WEIGHT, d.heldWeight);
    chunk.addAmount(a + QUANTITY, d.closed);
    this.addMethod(chunk, a, "avg", d.avgCost, d.avgMoney, d.avgRealized);
    this.addMethod(chunk, a, "fifo", d.fifoCost, d.fifoMoney, d.fifoRealized);
    chunk.addAmount(a + FEES, d.feeValue);
    chunk.addAmount(a + AMOUNT, d.amount);
    chunk.addAmount(a + AMOUNT_VALUE, d.amountValue);
  }

  /**
   * `from`'s trips at `fromAt` (the same order's, made after a restart) joined to those at `at`
   * (read back), as applying them in order gives; at the end when `at` is the length.
   */
  join(at: number, from: TripTable, fromAt: number): void {
    const source = from.chunks[fromAt >>> SHIFT] as Chunk;
    const s = fromAt & MASK;
    if (at === this.size) {
      const chunk = this.writable(at);
      const row = at & MASK;
      chunk.symbol[row] = source.symbol[s] as string;
      chunk.orderId[row] = source.orderId[s] as string;
      chunk.clientOrderId[row] = source.clientOrderId[s] as string;
      chunk.times.set(source.times.subarray(s * TIMES, (s + 1) * TIMES), row * TIMES);
      for (let c = 0; c < AMOUNTS; c++) chunk.setAmount(row * AMOUNTS + c, source.cell(s * AMOUNTS + c, other));
      return;
    }
    const chunk = this.writable(at);
    const row = at & MASK;
    const a = row * AMOUNTS;
    const times = (c: number) => source.times[s * TIMES + c] as number;
    chunk.meet(row, times(OPEN), source.clientOrderId[s] as string, times(CLOSE), times(LAST_DAY));
    for (let c = 0; c < AMOUNTS; c++) chunk.addAmount(a + c, source.cell(s * AMOUNTS + c, other));
  }

  /** The trips made of `d` at `at`: its amounts its own (no sum made). */
  private make(at: number, d: Disposal, day: number): void {
    const chunk = this.writable(at);
    const row = at & MASK;
    const t = row * TIMES;
    const a = row * AMOUNTS;
    chunk.symbol[row] = interned(d.symbol);
    chunk.orderId[row] = d.orderId;
    chunk.clientOrderId[row] = d.clientOrderId;
    chunk.times[t + OPEN] = d.openTime ?? NaN;
    chunk.times[t + CLOSE] = d.time;
    chunk.times[t + FIRST_DAY] = day;
    chunk.times[t + LAST_DAY] = day;
    chunk.setAmount(a + QUANTITY, d.closed);
    chunk.setAmount(a + FEES, d.feeValue);
    chunk.setAmount(a + AMOUNT, d.amount);
    chunk.setAmount(a + AMOUNT_VALUE, d.amountValue);
    chunk.setAmount(a + HELD_QUANTITY, d.heldQuantity);
    chunk.setAmount(a + HELD_WEIGHT, d.heldWeight);
    for (const [method, cost, money, realized] of [
      ["avg", d.avgCost, d.avgMoney, d.avgRealized],
      ["fifo", d.fifoCost, d.fifoMoney, d.fifoRealized],
    ] as const) {
      const m = a + METHOD_AT[method];
      chunk.setAmount(m, cost);
      chunk.setAmount(m + 1, money);
      chunk.setAmount(m + 2, realized);
    }
  }

  private addMethod(
    chunk: Chunk,
    a: number,
    method: CostMethod,
    cost: FixedRead,
    money: FixedRead,
    realized: FixedRead,
  ): void {
    const m = a + METHOD_AT[method];
    chunk.addAmount(m, cost);
    chunk.addAmount(m + 1, money);
    chunk.addAmount(m + 2, realized);
  }

  /** The chunk of `at` this table's own (a copy when shared; a new one past the end), `at` within the length. */
  private writable(at: number): Chunk {
    const index = at >>> SHIFT;
    let chunk = this.chunks[index];
    if (chunk === undefined) {
      chunk = new Chunk();
      this.chunks[index] = chunk;
    } else if (chunk.shared) {
      chunk = chunk.copy();
      this.chunks[index] = chunk;
    }
    if (at >= this.size) this.size = at + 1;
    return chunk;
  }
}

/**
 * One method's trips in the order they closed (an order of the table's places), or a range of
 * them: what the journal's reads walk, a trip made (TripTable.at) only when read.
 */
export class TripList implements Iterable<Trip> {
  constructor(
    private readonly table: TripTable,
    private readonly method: CostMethod,
    private readonly order: Int32Array,
    private readonly start = 0,
    private readonly end = order.length,
  ) {}

  get length(): number {
    return this.end - this.start;
  }

  /** The `i`th trip. */
  at(i: number): Trip {
    return this.table.at(this.order[this.start + i] as number, this.method);
  }

  closeTime(i: number): number {
    return this.table.closeTimeAt(this.order[this.start + i] as number);
  }

  /** The trips [from, to) of this list. */
  slice(from: number, to = this.length): TripList {
    const a = Math.min(Math.max(from, 0), this.length);
    const b = Math.min(Math.max(to, a), this.length);
    return new TripList(this.table, this.method, this.order, this.start + a, this.start + b);
  }

  /** Those of `symbol`, in this list's order. */
  ofSymbol(symbol: string): TripList {
    const places: number[] = [];
    for (let i = this.start; i < this.end; i++) {
      const at = this.order[i] as number;
      if (this.table.symbolAt(at) === symbol) places.push(at);
    }
    return new TripList(this.table, this.method, Int32Array.from(places));
  }

  map<T>(each: (trip: Trip, i: number) => T): T[] {
    const out: T[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = each(this.at(i), i);
    return out;
  }

  *[Symbol.iterator](): Iterator<Trip> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/**
 * The table's places in the order the trips closed, as a stable sort by close time gives them.
 * The table's order is nearly that already: a trip is added when it closes, and a later fill of
 * its order moves its close on. So the places that close after a trip listed later are taken out
 * (a walk from the end), sorted alone and merged back: O(n) and a sort of the few moved (sorting
 * half a million trips held the event loop 30-40 ms).
 */
export function byCloseTime(table: TripTable): Int32Array {
  const n = table.length;
  const moved: number[] = [];
  let earliest = Number.POSITIVE_INFINITY;
  for (let i = n - 1; i >= 0; i--) {
    const close = table.closeTimeAt(i);
    if (close > earliest) moved.push(i);
    else earliest = close;
  }
  const out = new Int32Array(n);
  if (moved.length === 0) {
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }
  moved.reverse();
  // (close, place): the stable sort's order, for the moved and for the rest alike.
  moved.sort((a, b) => table.closeTimeAt(a) - table.closeTimeAt(b) || a - b);
  const before = (a: number, b: number) => {
    const ca = table.closeTimeAt(a);
    const cb = table.closeTimeAt(b);
    return ca < cb || (ca === cb && a < b);
  };
  let next = 0;
  let m = 0;
  const taken = new Set(moved);
  for (let i = 0; i < n; i++) {
    if (taken.has(i)) continue;
    while (m < moved.length && before(moved[m] as number, i)) out[next++] = moved[m++] as number;
    out[next++] = i;
  }
  while (m < moved.length) out[next++] = moved[m++] as number;
  return out;
}
