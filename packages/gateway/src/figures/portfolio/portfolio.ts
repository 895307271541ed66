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
import { type Fixed, FixedCell, type FixedRead } from "@mexc-live/protocol";
import { COST_METHODS, type CostMethod, type LotPiece, type PositionMethod } from "../engine/lots.js";
import type { Position, PositionState } from "../engine/position.js";
import { PositionBook } from "../engine/positionBook.js";
import { TextBytes } from "../engine/textBytes.js";
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
  /** A dated portfolio: the parts of lots it took, by its first method (read before the next move). */
  readonly taken: readonly LotPiece[] | undefined;
}

/**
 * Told what each move realized, as it is made (the realized PnL's causes, realizedCauses.ts): no
 * object made per move, unlike the observer's, so the one loop keeps its pace.
 */
export interface RealizedHook {
  /** `realized` (not zero; read it now) by the method at `index` of the portfolio's `methods`. */
  realized(event: Leg, role: MoveRole, asset: string, index: number, realized: FixedRead): void;
  /** A move that disposed of, or realized on, a value or a cost not known. */
  unpriced(event: Leg, role: MoveRole, asset: string): void;
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

/** An asset's totals besides its positions, and its positions (the books', one per method kept, in their order). */
interface Book {
  readonly positions: readonly Position[];
  /** Moved since the last takeChanged(). */
  changed: boolean;
  readonly fees: FixedCell;
  readonly deposits: FixedCell;
  readonly withdrawals: FixedCell;
  readonly transfers: FixedCell;
  readonly traded: FixedCell;
  unpriced: number;
}

/** An event's numbers, read into these (one event is applied at a time; a move reads them, never keeps them). */
const read = {
  value: new FixedCell(),
  quantity: new FixedCell(),
  amount: new FixedCell(),
  fee: new FixedCell(),
  feeValue: new FixedCell(),
  price: new FixedCell(),
  money: new FixedCell(),
  given: new FixedCell(),
};

function movedOf(flow: Pick<FlowLeg, "amount" | "fee" | "direction">): FixedCell {
  read.quantity.parse(flow.amount, "amount");
  return flow.direction === "out" ? read.quantity.add(read.fee.parse(flow.fee, "fee")) : read.quantity;
}

/** Where markText writes a mark before it is a string. */
const markOut = new TextBytes(1024);
/** The amounts of the mark writeMark writes (one list, filled again for each). */
const MARK: FixedRead[] = new Array(10);

const SPACE = 32;

/**
 * A mark written to `out`: its ten amounts in the line's order (quantity, cost avg and FIFO,
 * realized avg and FIFO, fees, deposits, withdrawals, transfers, traded), then `unknown` and
 * `unpriced` (totalsText.ts reads it). Portfolio.writeMark hands it its books' cells.
 */
export function writeTotals(out: TextBytes, amounts: readonly FixedRead[], unknown: number, unpriced: number): void {
  for (const amount of amounts) {
    out.decimal(amount);
    out.char(SPACE);
  }
  out.digits(unknown);
  out.char(SPACE);
  out.digits(unpriced);
}

export class Portfolio {
  /** The position engine keyed by asset, one book per method kept; a sale past what is held goes short. */
  private positions: Readonly<Partial<Record<PositionMethod, PositionBook>>>;
  private readonly books = new Map<string, Book>();
  /** The assets moved since the last takeChanged(), in the order they first moved. */
  private changed: string[] = [];
  private count = 0;
  private last: number | undefined;
  private current: Leg | undefined;
  /** Told every movement, when set (the tax report's walk). */
  observer: ((move: Move) => void) | undefined;
  /** Told what every movement realized, when set (the keeper's portfolio: the realized PnL's causes). */
  realizedHook: RealizedHook | undefined;

  /**
   * `methods`: the cost-basis methods kept (the figures keep contract's COST_METHODS; the tax
   * report the one it is asked for). totals() and checkpoint() need COST_METHODS among them.
   */
  constructor(
    readonly methods: readonly PositionMethod[] = COST_METHODS,
    /** Lots that keep when each was acquired, told in each Move (the tax report's rows per lot); never checkpointed. */
    private readonly dated = false,
  ) {
    this.positions = this.booksOf(undefined);
  }

  /** Takes over a checkpoint's state; false (nothing changed) when it is not one this version wrote. */
  restore(saved: unknown): boolean {
    const state = saved as PortfolioState | undefined;
    if (state?.version !== STATE_VERSION) return false;
    this.positions = this.booksOf(state);
    this.books.clear();
    this.changed = [];
    for (const [asset, held] of Object.entries(state.assets)) {
      const t = held.totals;
      this.books.set(asset, {
        positions: this.methods.map((method) => this.positionOf(asset, method)),
        changed: false,
        fees: FixedCell.parse(t.fees),
        deposits: FixedCell.parse(t.dep),
        withdrawals: FixedCell.parse(t.wd),
        transfers: FixedCell.parse(t.tr),
        traded: FixedCell.parse(t.traded),
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
      positions[method] = new PositionBook(method, "short", saved, this.dated);
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
      quantity: avg.quantity.value,
      cost: { avg: avg.cost.value, fifo: fifo.cost.value },
      realized: { avg: avg.realized.value, fifo: fifo.realized.value },
      costUnknown: { avg: avg.costUnknown, fifo: fifo.costUnknown },
      fees: book.fees.value,
      deposits: book.deposits.value,
      withdrawals: book.withdrawals.value,
      transfers: book.transfers.value,
      traded: book.traded.value,
      unpriced: book.unpriced,
    };
  }

  /** An asset's totals as a mark's text (totalsText.ts), written to `out` off the books without an AssetTotals on the way. */
  writeMark(asset: string, out: TextBytes): void {
    const book = this.books.get(asset) as Book;
    const avg = this.positionOf(asset, "avg");
    const fifo = this.positionOf(asset, "fifo");
    MARK[0] = avg.quantity;
    MARK[1] = avg.cost;
    MARK[2] = fifo.cost;
    MARK[3] = avg.realized;
    MARK[4] = fifo.realized;
    MARK[5] = book.fees;
    MARK[6] = book.deposits;
    MARK[7] = book.withdrawals;
    MARK[8] = book.transfers;
    MARK[9] = book.traded;
    writeTotals(out, MARK, (avg.costUnknown ? 1 : 0) + (fifo.costUnknown ? 2 : 0), book.unpriced);
  }

  /** An asset's totals as a mark's text (writeMark). */
  markText(asset: string): string {
    this.writeMark(asset, markOut);
    const text = markOut.textOf(0, markOut.length);
    markOut.length = 0;
    return text;
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
    const changed = this.changed;
    this.changed = [];
    for (const asset of changed) (this.books.get(asset) as Book).changed = false;
    return changed;
  }

  checkpoint(): PortfolioState {
    // Null-prototype: an asset named "__proto__" (refused at the edge anyway) stays a plain key.
    const assets: PortfolioState["assets"] = Object.create(null);
    for (const [asset, book] of this.books) {
      assets[asset] = {
        positions: { avg: this.positionOf(asset, "avg").save(), fifo: this.positionOf(asset, "fifo").save() },
        totals: {
          fees: book.fees.text(),
          dep: book.deposits.text(),
          wd: book.withdrawals.text(),
          tr: book.transfers.text(),
          traded: book.traded.text(),
          unpriced: book.unpriced,
        },
      };
    }
    return { version: STATE_VERSION, assets, events: this.count, lastTime: this.last };
  }

  private trade(event: TradeLeg): void {
    const worth = event.value === null ? null : read.value.parse(event.value, "value");
    const buy = event.side === "BUY";
    read.quantity.parse(event.quantity, "quantity");
    read.amount.parse(event.amount, "amount");
    this.move(event.base, buy ? read.quantity : read.quantity.negate(), worth, "traded", "base");
    this.move(event.quote, buy ? read.amount.negate() : read.amount, worth, "traded", "quote");
    read.fee.parse(event.fee, "fee");
    if (read.fee.sign() > 0 && event.feeCurrency !== "") {
      const feeWorth = event.feeValue === null ? null : read.feeValue.parse(event.feeValue, "feeValue");
      this.move(event.feeCurrency, read.fee.negate(), feeWorth, "fees", "fee");
    }
  }

  private flow(event: FlowLeg): void {
    const moved = movedOf(event);
    const worth = event.price === null ? null : read.money.setProduct(moved, read.price.parse(event.price, "price"));
    const inward = event.direction === "in";
    const book = this.move(event.asset, inward ? moved : moved.negate(), worth, undefined, "flow");
    if (worth === null) return;
    if (event.category === "transfers") {
      if (inward) book.transfers.add(worth);
      else book.transfers.sub(worth);
    } else if (inward) book.deposits.add(worth);
    else book.withdrawals.add(worth);
  }

  private conversion(event: ConversionLeg): void {
    let valued = true;
    read.given.zero();
    for (const leg of event.gave) {
      read.amount.parse(leg.amount, "amount");
      const worth =
        leg.price === null ? null : read.money.setProduct(read.amount, read.price.parse(leg.price, "price"));
      this.move(leg.asset, read.amount.negate(), worth, "traded", "gave");
      if (worth === null) valued = false;
      else read.given.add(worth);
    }
    this.move(
      event.got.asset,
      read.amount.parse(event.got.amount, "amount"),
      valued ? read.given : null,
      "traded",
      "got",
    );
  }

  private opening(event: OpeningLeg): void {
    read.quantity.parse(event.quantity, "quantity");
    const cost =
      event.costPrice === null
        ? null
        : read.money.setProduct(read.amount.set(read.quantity).abs(), read.price.parse(event.costPrice, "costPrice"));
    this.move(event.asset, read.quantity, cost, undefined, "opening");
  }

  /**
   * Moves `quantity` of `asset` for `money` in both positions. `counted`: where the money is
   * booked besides the cost basis ("traded": money moved by trades, "fees": a fee paid).
   */
  private move(
    asset: string,
    quantity: FixedRead,
    money: FixedRead | null,
    counted: "traded" | "fees" | undefined,
    role: MoveRole,
  ): Book {
    const book = this.bookOf(asset);
    if (!book.changed) {
      book.changed = true;
      this.changed.push(asset);
    }
    let unpriced = money === null;
    const observed: Partial<Record<PositionMethod, Fixed>> | undefined = this.observer === undefined ? undefined : {};
    const heldBefore = observed === undefined ? 0n : (book.positions[0] as Position).quantity.value;
    const hook = this.current === undefined ? undefined : this.realizedHook;
    let realizedAny = false;
    for (let i = 0; i < book.positions.length; i++) {
      const position = book.positions[i] as Position;
      const unknownBefore = position.costUnknown;
      const realized = position.move(quantity, money, this.current?.time);
      if (observed !== undefined) observed[this.methods[i] as PositionMethod] = realized.value;
      if (unknownBefore && (!realized.isZero() || position.quantity.isZero())) unpriced = true;
      if (hook !== undefined && !realized.isZero()) {
        realizedAny = true;
        hook.realized(this.current as Leg, role, asset, i, realized);
      }
    }
    if (hook !== undefined && unpriced && (realizedAny || quantity.sign() < 0))
      hook.unpriced(this.current as Leg, role, asset);
    if (observed !== undefined && this.current !== undefined)
      this.observer?.({
        event: this.current,
        role,
        asset,
        quantity: quantity.value,
        money: money === null ? null : money.value,
        heldBefore,
        realized: observed,
        taken: (book.positions[0] as Position).taken,
      });
    if (unpriced) book.unpriced++;
    if (money === null) return book;
    if (counted === "traded") {
      if (quantity.sign() > 0) book.traded.add(money);
      else book.traded.sub(money);
    } else if (counted === "fees") book.fees.add(money);
    return book;
  }

  private bookOf(asset: string): Book {
    let book = this.books.get(asset);
    if (book === undefined) {
      book = {
        positions: this.methods.map((method) => this.positionOf(asset, method)),
        changed: false,
        fees: new FixedCell(),
        deposits: new FixedCell(),
        withdrawals: new FixedCell(),
        transfers: new FixedCell(),
        traded: new FixedCell(),
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
