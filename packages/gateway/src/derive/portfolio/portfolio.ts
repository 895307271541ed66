/**
 * Every asset the account holds or held, with a cost basis for every unit, by both methods, fed
 * event by event in time order (events.ts):
 *
 *   - a trade moves its base and its quote asset for the fill's value in the quote currency (one
 *     value for both legs), and disposes of the fee at the fee's value;
 *   - a deposit or transfer in is acquired at its market value then; a withdrawal or transfer out
 *     (its network fee with it) leaves at its market value then;
 *   - a conversion disposes of the small balances, and what it gave is the cost of what it got;
 *   - an opening (held before the known history) is acquired at the cost the user gave, else its
 *     market value at the start.
 *
 * Per asset it keeps running totals (AssetTotals): quantity, cost, realized PnL, fees paid in it,
 * deposits, withdrawals, transfers, and the money moved in by trades. The bridge over a range is
 * the difference of two such readings (bridge.ts). Pure: no I/O, no clock.
 */
import { type Decimal, dec, exact, ZERO } from "@mexc-live/protocol";
import type { ConversionEvent, FlowEvent, OpeningEvent, PortfolioEvent, TradeEvent } from "./events.js";
import { COST_METHODS, type CostMethod, Position, type PositionState, q18 } from "./position.js";

/** One asset's running totals as of a moment. Money in the quote currency. */
export interface AssetTotals {
  readonly quantity: Decimal;
  /** Cost of what is held, per method. */
  readonly cost: Readonly<Record<CostMethod, Decimal>>;
  readonly realized: Readonly<Record<CostMethod, Decimal>>;
  /** Part of what is held came with no known cost. */
  readonly costUnknown: Readonly<Record<CostMethod, boolean>>;
  /** Trading fees paid in this asset, valued when paid (>= 0). */
  readonly fees: Decimal;
  /** Deposits of this asset, valued when each arrived (>= 0). */
  readonly deposits: Decimal;
  /** Withdrawals of this asset with their network fee, valued when each left (>= 0). */
  readonly withdrawals: Decimal;
  /** Transfers in minus out, valued when each happened. */
  readonly transfers: Decimal;
  /** Money moved into this asset by trades and conversions (acquisitions - disposals). */
  readonly traded: Decimal;
  /** Events of this asset whose value was unknown (or that realized on an unknown cost), counted. */
  readonly unpriced: number;
}

/** AssetTotals as plain JSON (the marks table and checkpoints). */
export interface AssetTotalsState {
  readonly q: string;
  readonly cost: Record<CostMethod, string>;
  readonly realized: Record<CostMethod, string>;
  readonly unknown: Record<CostMethod, boolean>;
  readonly fees: string;
  readonly dep: string;
  readonly wd: string;
  readonly tr: string;
  readonly traded: string;
  readonly unpriced: number;
}

/** A portfolio as plain JSON, for checkpoints. */
export interface PortfolioState {
  readonly version: typeof STATE_VERSION;
  readonly assets: Record<
    string,
    {
      readonly positions: Record<CostMethod, PositionState>;
      readonly totals: Omit<AssetTotalsState, "q" | "cost" | "realized" | "unknown">;
    }
  >;
  readonly events: number;
  readonly lastTime: number | undefined;
}

const STATE_VERSION = 1;

interface Book {
  readonly positions: Record<CostMethod, Position>;
  fees: Decimal;
  deposits: Decimal;
  withdrawals: Decimal;
  transfers: Decimal;
  traded: Decimal;
  unpriced: number;
}

export class Portfolio {
  private readonly books = new Map<string, Book>();
  private readonly changed = new Set<string>();
  private count = 0;
  private last: number | undefined;

  constructor(state?: PortfolioState) {
    if (state === undefined) return;
    for (const [asset, saved] of Object.entries(state.assets)) {
      const t = saved.totals;
      this.books.set(asset, {
        positions: { avg: new Position("avg", saved.positions.avg), fifo: new Position("fifo", saved.positions.fifo) },
        fees: dec(t.fees),
        deposits: dec(t.dep),
        withdrawals: dec(t.wd),
        transfers: dec(t.tr),
        traded: dec(t.traded),
        unpriced: t.unpriced,
      });
    }
    this.count = state.events;
    this.last = state.lastTime;
  }

  /** Applies one event; events come oldest first (events.ts compareEvents). */
  apply(event: PortfolioEvent): void {
    if (event.kind === "trade") this.trade(event);
    else if (event.kind === "flow") this.flow(event);
    else if (event.kind === "conversion") this.conversion(event);
    else this.opening(event);
    this.count++;
    this.last = event.time;
  }

  /** Events applied so far. */
  get events(): number {
    return this.count;
  }

  /** The time of the last event applied. */
  get lastTime(): number | undefined {
    return this.last;
  }

  /** Every asset ever held, sorted. */
  assets(): string[] {
    return [...this.books.keys()].sort();
  }

  totals(asset: string): AssetTotals | undefined {
    const book = this.books.get(asset);
    return book === undefined ? undefined : totalsOf(book);
  }

  /** The assets whose totals changed since the last call (and forgets them). */
  takeChanged(): string[] {
    const changed = [...this.changed];
    this.changed.clear();
    return changed;
  }

  save(): PortfolioState {
    const assets: PortfolioState["assets"] = {};
    for (const [asset, book] of this.books) {
      assets[asset] = {
        positions: { avg: book.positions.avg.save(), fifo: book.positions.fifo.save() },
        totals: {
          fees: exact(book.fees),
          dep: exact(book.deposits),
          wd: exact(book.withdrawals),
          tr: exact(book.transfers),
          traded: exact(book.traded),
          unpriced: book.unpriced,
        },
      };
    }
    return { version: STATE_VERSION, assets, events: this.count, lastTime: this.last };
  }

  /** A portfolio from a saved state; undefined when it is not one this version wrote. */
  static restore(state: unknown): Portfolio | undefined {
    return (state as PortfolioState | undefined)?.version === STATE_VERSION
      ? new Portfolio(state as PortfolioState)
      : undefined;
  }

  private trade(event: TradeEvent): void {
    const value = event.value === null ? null : dec(event.value, "value");
    const buy = event.side === "BUY";
    this.move(event.base, dec(event.quantity, "quantity").times(buy ? 1 : -1), value, "traded");
    this.move(event.quote, dec(event.amount, "amount").times(buy ? -1 : 1), value, "traded");
    const fee = dec(event.fee, "fee");
    if (fee.gt(0) && event.feeCurrency !== "") {
      const feeValue = event.feeValue === null ? null : dec(event.feeValue, "feeValue");
      this.move(event.feeCurrency, fee.times(-1), feeValue, "fees");
    }
  }

  private flow(event: FlowEvent): void {
    const moved = dec(event.amount, "amount").plus(event.direction === "out" ? dec(event.fee, "fee") : ZERO);
    const money = event.price === null ? null : q18(moved.times(dec(event.price, "price")));
    const inward = event.direction === "in";
    const book = this.move(event.asset, inward ? moved : moved.times(-1), money, undefined);
    const worth = money ?? ZERO;
    if (event.category === "transfers") book.transfers = book.transfers.plus(inward ? worth : worth.times(-1));
    else if (inward) book.deposits = book.deposits.plus(worth);
    else book.withdrawals = book.withdrawals.plus(worth);
  }

  private conversion(event: ConversionEvent): void {
    let given: Decimal | null = ZERO;
    for (const leg of event.gave) {
      const amount = dec(leg.amount, "amount");
      const money = leg.price === null ? null : q18(amount.times(dec(leg.price, "price")));
      this.move(leg.asset, amount.times(-1), money, "traded");
      given = given === null || money === null ? null : given.plus(money);
    }
    this.move(event.got.asset, dec(event.got.amount, "amount"), given, "traded");
  }

  private opening(event: OpeningEvent): void {
    const quantity = dec(event.quantity, "quantity");
    const cost = event.costPrice === null ? null : q18(quantity.abs().times(dec(event.costPrice, "costPrice")));
    this.move(event.asset, quantity, cost, undefined);
  }

  /**
   * Moves `quantity` of `asset` for `money` in both positions. `counted`: where the money is
   * booked besides the cost basis ("traded": money moved by trades, "fees": a fee paid).
   */
  private move(asset: string, quantity: Decimal, money: Decimal | null, counted: "traded" | "fees" | undefined): Book {
    const book = this.bookOf(asset);
    this.changed.add(asset);
    let unpriced = money === null;
    for (const method of COST_METHODS) {
      const position = book.positions[method];
      const unknownBefore = position.costUnknown;
      const realized = position.move(quantity, money);
      if (unknownBefore && !realized.eq(0)) unpriced = true;
      if (unknownBefore && position.quantity.eq(0)) unpriced = true;
    }
    if (unpriced) book.unpriced++;
    const worth = money ?? ZERO;
    if (counted === "traded") book.traded = book.traded.plus(quantity.gt(0) ? worth : worth.times(-1));
    else if (counted === "fees") book.fees = book.fees.plus(worth);
    return book;
  }

  private bookOf(asset: string): Book {
    let book = this.books.get(asset);
    if (book === undefined) {
      book = {
        positions: { avg: new Position("avg"), fifo: new Position("fifo") },
        fees: ZERO,
        deposits: ZERO,
        withdrawals: ZERO,
        transfers: ZERO,
        traded: ZERO,
        unpriced: 0,
      };
      this.books.set(asset, book);
    }
    return book;
  }
}

function totalsOf(book: Book): AssetTotals {
  const { avg, fifo } = book.positions;
  return {
    quantity: avg.quantity,
    cost: { avg: avg.cost, fifo: fifo.cost },
    realized: { avg: avg.realized, fifo: fifo.realized },
    costUnknown: { avg: avg.costUnknown, fifo: fifo.costUnknown },
    fees: book.fees,
    deposits: book.deposits,
    withdrawals: book.withdrawals,
    transfers: book.transfers,
    traded: book.traded,
    unpriced: book.unpriced,
  };
}

/** Totals as JSON (a mark). */
export function saveTotals(totals: AssetTotals): AssetTotalsState {
  return {
    q: exact(totals.quantity),
    cost: { avg: exact(totals.cost.avg), fifo: exact(totals.cost.fifo) },
    realized: { avg: exact(totals.realized.avg), fifo: exact(totals.realized.fifo) },
    unknown: { avg: totals.costUnknown.avg, fifo: totals.costUnknown.fifo },
    fees: exact(totals.fees),
    dep: exact(totals.deposits),
    wd: exact(totals.withdrawals),
    tr: exact(totals.transfers),
    traded: exact(totals.traded),
    unpriced: totals.unpriced,
  };
}

export function loadTotals(state: AssetTotalsState): AssetTotals {
  return {
    quantity: dec(state.q),
    cost: { avg: dec(state.cost.avg), fifo: dec(state.cost.fifo) },
    realized: { avg: dec(state.realized.avg), fifo: dec(state.realized.fifo) },
    costUnknown: { avg: state.unknown.avg, fifo: state.unknown.fifo },
    fees: dec(state.fees),
    deposits: dec(state.dep),
    withdrawals: dec(state.wd),
    transfers: dec(state.tr),
    traded: dec(state.traded),
    unpriced: state.unpriced,
  };
}

/** The totals of an asset never touched (before its first event). */
export const EMPTY_TOTALS: AssetTotals = {
  quantity: ZERO,
  cost: { avg: ZERO, fifo: ZERO },
  realized: { avg: ZERO, fifo: ZERO },
  costUnknown: { avg: false, fifo: false },
  fees: ZERO,
  deposits: ZERO,
  withdrawals: ZERO,
  transfers: ZERO,
  traded: ZERO,
  unpriced: 0,
};
