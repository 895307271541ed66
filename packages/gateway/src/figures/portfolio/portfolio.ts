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
import { absFixed, type Fixed, fixed, fixedText, product } from "@mexc-live/protocol";
import { COST_METHODS, type CostMethod, type PositionMethod } from "../engine/lots.js";
import type { Position, PositionState } from "../engine/position.js";
import { PositionBook } from "../engine/positionBook.js";
import type { ConversionLeg, FlowLeg, Leg, OpeningLeg, TradeLeg } from "../ledger/legs.js";

/** What a movement of an asset stood for in its event (the tax report tells disposals by it). */
export type MoveRole = "base" | "quote" | "fee" | "flow" | "gave" | "got" | "opening";

/** One movement of one asset, as Portfolio applied it (its observer's argument). */
export interface Move {
  readonly event: Leg;
  readonly role: MoveRole;
  readonly asset: string;
  /** Signed: + acquired, - disposed of. */
  readonly quantity: Fixed;
  /** What it stood for in the quote currency; null when unpriced. */
  readonly money: Fixed | null;
  /** What was held before it (the same under every method). */
  readonly heldBefore: Fixed;
  /** What it realized, per method the portfolio keeps. */
  readonly realized: Readonly<Partial<Record<PositionMethod, Fixed>>>;
}

/**
 * One asset's running totals as of a moment, in the figures' fixed-point numbers (exact: every
 * total is a sum of values rounded where they were made). Money in the quote currency.
 */
export interface AssetTotals {
  readonly quantity: Fixed;
  /** Cost of what is held, per method. */
  readonly cost: Readonly<Record<CostMethod, Fixed>>;
  readonly realized: Readonly<Record<CostMethod, Fixed>>;
  /** Part of what is held came with no known cost. */
  readonly costUnknown: Readonly<Record<CostMethod, boolean>>;
  /** Trading fees paid in this asset, valued when paid (>= 0). */
  readonly fees: Fixed;
  /** Deposits of this asset, valued when each arrived (>= 0). */
  readonly deposits: Fixed;
  /** Withdrawals of this asset with their network fee, valued when each left (>= 0). */
  readonly withdrawals: Fixed;
  /** Transfers in minus out, valued when each happened. */
  readonly transfers: Fixed;
  /** Money moved into this asset by trades and conversions (acquisitions - disposals). */
  readonly traded: Fixed;
  /** Events of this asset whose value was unknown (or that realized on an unknown cost), counted. */
  readonly unpriced: number;
}

/** An asset's totals besides its positions, as plain JSON (in a checkpoint). */
interface BookState {
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
      readonly totals: BookState;
    }
  >;
  readonly events: number;
  readonly lastTime: number | undefined;
}

const STATE_VERSION = 1;

/** An asset's totals besides its positions (those are the books', one per method). */
interface Book {
  fees: Fixed;
  deposits: Fixed;
  withdrawals: Fixed;
  transfers: Fixed;
  traded: Fixed;
  unpriced: number;
}

function movedOf(flow: Pick<FlowLeg, "amount" | "fee" | "direction">): Fixed {
  const amount = fixed(flow.amount, "amount");
  return flow.direction === "out" ? amount + fixed(flow.fee, "fee") : amount;
}

export class Portfolio {
  /** The position engine keyed by asset, one book per method kept; a sale past what is held goes short. */
  private positions: Readonly<Partial<Record<PositionMethod, PositionBook>>>;
  private readonly books = new Map<string, Book>();
  private readonly changed = new Set<string>();
  private count = 0;
  private last: number | undefined;
  private current: Leg | undefined;
  /** Told every movement, when set (the tax report's walk). */
  observer: ((move: Move) => void) | undefined;

  /**
   * `methods`: the cost-basis methods kept (the figures keep contract's COST_METHODS; the tax
   * report the one it is asked for). totals() and checkpoint() need COST_METHODS among them.
   */
  constructor(readonly methods: readonly PositionMethod[] = COST_METHODS) {
    this.positions = this.booksOf(undefined);
  }

  /** Takes over a checkpoint's state; false (nothing changed) when it is not one this version wrote. */
  restore(saved: unknown): boolean {
    const state = saved as PortfolioState | undefined;
    if (state?.version !== STATE_VERSION) return false;
    this.positions = this.booksOf(state);
    this.books.clear();
    this.changed.clear();
    for (const [asset, held] of Object.entries(state.assets)) {
      const t = held.totals;
      for (const method of this.methods) this.positionsBy(method).positionOf(asset);
      this.books.set(asset, {
        fees: fixed(t.fees),
        deposits: fixed(t.dep),
        withdrawals: fixed(t.wd),
        transfers: fixed(t.tr),
        traded: fixed(t.traded),
        unpriced: t.unpriced,
      });
    }
    this.count = state.events;
    this.last = state.lastTime;
    return true;
  }

  /** One book per method kept, empty or as `state` holds them. */
  private booksOf(state: PortfolioState | undefined): Partial<Record<PositionMethod, PositionBook>> {
    const positions: Partial<Record<PositionMethod, PositionBook>> = {};
    for (const method of this.methods) {
      const saved: Record<string, PositionState> = Object.create(null);
      for (const [asset, held] of Object.entries(state?.assets ?? {})) {
        const position = held.positions[method as CostMethod];
        if (position !== undefined) saved[asset] = position;
      }
      positions[method] = new PositionBook(method, "short", saved);
    }
    return positions;
  }

  /** Applies one event; events come oldest first (events.ts compareLegs). */
  apply(event: Leg): void {
    // A fill not placed by asset moves nothing here (the figures by pair read it).
    if (event.kind === "unplaced") return;
    this.current = event;
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

  /** An asset's totals now (a mark holds them); undefined before its first event. */
  totals(asset: string): AssetTotals | undefined {
    const book = this.books.get(asset);
    if (book === undefined) return undefined;
    const avg = this.positionOf(asset, "avg");
    const fifo = this.positionOf(asset, "fifo");
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

  /** An asset's totals as a mark's text (totalsText.ts), read off the books without an AssetTotals on the way. */
  markText(asset: string): string {
    const book = this.books.get(asset) as Book;
    const avg = this.positionOf(asset, "avg");
    const fifo = this.positionOf(asset, "fifo");
    const unknown = (avg.costUnknown ? 1 : 0) + (fifo.costUnknown ? 2 : 0);
    return `${avg.quantity} ${avg.cost} ${fifo.cost} ${avg.realized} ${fifo.realized} ${book.fees} ${book.deposits} ${book.withdrawals} ${book.transfers} ${book.traded} ${unknown} ${book.unpriced}`;
  }

  /** Lots held over every asset and method (what a checkpoint costs to write). */
  lotCount(): number {
    let lots = 0;
    for (const method of this.methods) lots += this.positionsBy(method).lotCount();
    return lots;
  }

  /** An asset's position by `method` (one the portfolio keeps); undefined before its first event. */
  position(asset: string, method: PositionMethod): Position | undefined {
    return this.positions[method]?.position(asset);
  }

  /** The assets whose totals changed since the last call (and forgets them). */
  takeChanged(): string[] {
    const changed = [...this.changed];
    this.changed.clear();
    return changed;
  }

  checkpoint(): PortfolioState {
    // Null-prototype: an asset named "__proto__" (refused at the edge anyway) stays a plain key.
    const assets: PortfolioState["assets"] = Object.create(null);
    for (const [asset, book] of this.books) {
      assets[asset] = {
        positions: { avg: this.positionOf(asset, "avg").save(), fifo: this.positionOf(asset, "fifo").save() },
        totals: {
          fees: fixedText(book.fees),
          dep: fixedText(book.deposits),
          wd: fixedText(book.withdrawals),
          tr: fixedText(book.transfers),
          traded: fixedText(book.traded),
          unpriced: book.unpriced,
        },
      };
    }
    return { version: STATE_VERSION, assets, events: this.count, lastTime: this.last };
  }

  private trade(event: TradeLeg): void {
    const value = event.value === null ? null : fixed(event.value, "value");
    const buy = event.side === "BUY";
    const quantity = fixed(event.quantity, "quantity");
    const amount = fixed(event.amount, "amount");
    this.move(event.base, buy ? quantity : -quantity, value, "traded", "base");
    this.move(event.quote, buy ? -amount : amount, value, "traded", "quote");
    const fee = fixed(event.fee, "fee");
    if (fee > 0n && event.feeCurrency !== "") {
      const feeValue = event.feeValue === null ? null : fixed(event.feeValue, "feeValue");
      this.move(event.feeCurrency, -fee, feeValue, "fees", "fee");
    }
  }

  private flow(event: FlowLeg): void {
    const moved = movedOf(event);
    const money = event.price === null ? null : product(moved, fixed(event.price, "price"));
    const inward = event.direction === "in";
    const book = this.move(event.asset, inward ? moved : -moved, money, undefined, "flow");
    const worth = money ?? 0n;
    if (event.category === "transfers") book.transfers += inward ? worth : -worth;
    else if (inward) book.deposits += worth;
    else book.withdrawals += worth;
  }

  private conversion(event: ConversionLeg): void {
    let given: Fixed | null = 0n;
    for (const leg of event.gave) {
      const amount = fixed(leg.amount, "amount");
      const money = leg.price === null ? null : product(amount, fixed(leg.price, "price"));
      this.move(leg.asset, -amount, money, "traded", "gave");
      given = given === null || money === null ? null : given + money;
    }
    this.move(event.got.asset, fixed(event.got.amount, "amount"), given, "traded", "got");
  }

  private opening(event: OpeningLeg): void {
    const quantity = fixed(event.quantity, "quantity");
    const cost = event.costPrice === null ? null : product(absFixed(quantity), fixed(event.costPrice, "costPrice"));
    this.move(event.asset, quantity, cost, undefined, "opening");
  }

  /**
   * Moves `quantity` of `asset` for `money` in both positions. `counted`: where the money is
   * booked besides the cost basis ("traded": money moved by trades, "fees": a fee paid).
   */
  private move(
    asset: string,
    quantity: Fixed,
    money: Fixed | null,
    counted: "traded" | "fees" | undefined,
    role: MoveRole,
  ): Book {
    const book = this.bookOf(asset);
    this.changed.add(asset);
    let unpriced = money === null;
    const observed: Partial<Record<PositionMethod, Fixed>> | undefined = this.observer === undefined ? undefined : {};
    const heldBefore = this.positionOf(asset, this.methods[0] as PositionMethod).quantity;
    for (const method of this.methods) {
      const position = this.positionOf(asset, method);
      const unknownBefore = position.costUnknown;
      const realized = position.move(quantity, money);
      if (observed !== undefined) observed[method] = realized;
      if (unknownBefore && (realized !== 0n || position.quantity === 0n)) unpriced = true;
    }
    if (observed !== undefined && this.current !== undefined)
      this.observer?.({ event: this.current, role, asset, quantity, money, heldBefore, realized: observed });
    if (unpriced) book.unpriced++;
    const worth = money ?? 0n;
    if (counted === "traded") book.traded += quantity > 0n ? worth : -worth;
    else if (counted === "fees") book.fees += worth;
    return book;
  }

  private bookOf(asset: string): Book {
    let book = this.books.get(asset);
    if (book === undefined) {
      book = {
        fees: 0n,
        deposits: 0n,
        withdrawals: 0n,
        transfers: 0n,
        traded: 0n,
        unpriced: 0,
      };
      this.books.set(asset, book);
    }
    return book;
  }

  private positionsBy(method: PositionMethod): PositionBook {
    const book = this.positions[method];
    if (book === undefined) throw new Error(`the portfolio keeps no ${method} positions`);
    return book;
  }

  /** An asset's position by a method kept (made flat before its first move). */
  private positionOf(asset: string, method: PositionMethod): Position {
    return this.positionsBy(method).positionOf(asset);
  }
}

/** The totals of an asset never touched (before its first event). */
export const EMPTY_TOTALS: AssetTotals = {
  quantity: 0n,
  cost: { avg: 0n, fifo: 0n },
  realized: { avg: 0n, fifo: 0n },
  costUnknown: { avg: false, fifo: false },
  fees: 0n,
  deposits: 0n,
  withdrawals: 0n,
  transfers: 0n,
  traded: 0n,
  unpriced: 0,
};
