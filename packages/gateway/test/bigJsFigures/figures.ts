/**
 * THE REFERENCE, NOT THE GATEWAY'S CODE: the figures by pair as big.js computes them, written
 * apart from the position engine (src/figures/figures.ts and its books before issue 31, copied but
 * for their imports and, since issue 39, the one rounding rule of every figure: a share, a product
 * and an opening's cost rounded half-even to 18 places where they are made, as protocol's
 * fixed.ts does). src/figures/figures.sameAsBigJs.test.ts and bench/store check that the engine's
 * figures equal these byte for byte.
 *
 * The derived figures of the account by pair, fed fill by fill (oldest first): PnL by both
 * cost-basis methods (average cost and FIFO, costBasis/), fees and volume. The ingest applies
 * each fill the store reported new; the whole state can be saved and restored (a checkpoint), so a
 * start replays only the fills after it. The figures by asset, by period and over a range (the
 * bridge) are the portfolio's (portfolio/).
 */
import type { FeeSummary, FillItem, OpeningPosition, PnlItem, VolumeItem } from "@mexc-live/contract";
import { type Decimal, dec, fmt, roundFigure, ZERO } from "@mexc-live/protocol";
import type { PriceBook } from "../../src/figures/priceBook.js";
import { AvgCostBook } from "./costBasis/avgCost.js";
import { FifoBook } from "./costBasis/fifo.js";
import { type BookState, COST_METHODS, type CostMethod, type PositionBook } from "./costBasis/positionBook.js";
import { legsOf } from "./costBasis/tradeLegs.js";
import { FeeBook, type FeeBookState, type FillValuation } from "./fees.js";
import { VolumeBook, type VolumeBookState, type VolumeQuery } from "./volume.js";

/** A fill with its valuation at fill time (what the store's fill history yields). */
export type ValuedFillItem = FillItem & FillValuation;

/** The sort key of the last fill applied (the store's order: time, then trade id). */
export interface FillKey {
  readonly time: number;
  readonly tradeId: string;
}

/** Figures as plain JSON (decimal strings), for checkpoints. */
export interface FiguresState {
  readonly version: typeof STATE_VERSION;
  readonly books: Record<CostMethod, BookState>;
  readonly fees: FeeBookState;
  readonly volume: VolumeBookState;
  readonly symbolFees: Record<string, string>;
  readonly lastTrades: Record<string, string>;
  readonly openings: Record<string, NonNullable<PnlItem["opening"]>>;
  readonly count: number;
  readonly last: FillKey | undefined;
}

const STATE_VERSION = 3;

export class Figures {
  private books: Record<CostMethod, PositionBook>;
  private feeBook: FeeBook;
  private volumeBook: VolumeBook;
  private symbolFees = new Map<string, Decimal>();
  private lastTrades = new Map<string, Decimal>();
  private openings = new Map<string, NonNullable<PnlItem["opening"]>>();
  private count = 0;
  private lastKey: FillKey | undefined;

  constructor(
    readonly book: PriceBook,
    /** The method `pnl()` and `periods()` follow when none is asked for (the --cost-basis setting). */
    readonly method: CostMethod = "avg",
  ) {
    this.books = { avg: new AvgCostBook(book), fifo: new FifoBook(book) };
    this.feeBook = new FeeBook(book.quote);
    this.volumeBook = new VolumeBook();
  }

  /**
   * Starts over from `fills` (the store's whole history, oldest first) and the positions held
   * before it: after older fills were stored (the backfill, an import) or an opening cost changed.
   */
  rebuild(fills: Iterable<ValuedFillItem>, openings: readonly OpeningPosition[] = []): void {
    this.reset();
    for (const opening of openings) {
      const symbol = this.book.symbolFor(opening.asset, opening.quote);
      if (symbol === undefined || opening.costPrice === null) continue;
      const quantity = dec(opening.quantity, "quantity");
      const cost = roundFigure(quantity.times(dec(opening.costPrice, "costPrice")));
      for (const method of COST_METHODS) this.books[method].open(symbol, quantity, cost);
      this.openings.set(symbol, { quantity: opening.quantity, costPrice: opening.costPrice, source: opening.source });
    }
    this.replay(fills);
  }

  /** Apply each fill once, oldest first. */
  applyFill(fill: ValuedFillItem): void {
    const legs = legsOf(fill, this.book);
    for (const method of COST_METHODS) this.books[method].apply(fill, legs);
    this.feeBook.apply(fill);
    this.volumeBook.apply(fill);
    if (fill.feeValue !== null) {
      const value = dec(fill.feeValue, "feeValue");
      this.symbolFees.set(fill.symbol, (this.symbolFees.get(fill.symbol) ?? ZERO).plus(value));
    }
    this.lastTrades.set(fill.symbol, dec(fill.price, "price"));
    this.count++;
    if (this.lastKey === undefined || compareKeys(fill, this.lastKey) > 0) {
      this.lastKey = { time: fill.time, tradeId: fill.tradeId };
    }
  }

  replay(fills: Iterable<ValuedFillItem>): void {
    for (const fill of fills) this.applyFill(fill);
  }

  get fills(): number {
    return this.count;
  }

  /** The last fill applied, by the store's order; undefined before any. */
  get last(): FillKey | undefined {
    return this.lastKey;
  }

  /** Every symbol traded (or held from before the history), sorted, by `method`. */
  pnl(method: CostMethod = this.method): PnlItem[] {
    return this.books[method].symbols().map((symbol) => this.pnlOf(symbol, method) as PnlItem);
  }

  pnlOf(symbol: string, method: CostMethod = this.method): PnlItem | undefined {
    const position = this.books[method].position(symbol);
    if (position === undefined) return undefined;
    const last = this.book.price(symbol) ?? this.lastTrades.get(symbol)?.toFixed();
    const unrealized = position.quantity.eq(0)
      ? "0"
      : last === undefined
        ? null
        : fmt(position.quantity.times(dec(last)).minus(position.cost));
    const opening = this.openings.get(symbol);
    return {
      symbol,
      realized: fmt(position.realized),
      unrealized,
      position: fmt(position.quantity),
      averageCost: position.quantity.eq(0) ? "0" : fmt(position.cost.div(position.quantity)),
      method,
      fees: fmt(this.symbolFees.get(symbol) ?? ZERO),
      lastPrice: last ?? null,
      ...(opening ? { opening } : {}),
    };
  }

  fees(): FeeSummary {
    return this.feeBook.summary();
  }

  volume(query?: VolumeQuery): VolumeItem[] {
    return this.volumeBook.items(query);
  }

  checkpoint(): FiguresState {
    return {
      version: STATE_VERSION,
      books: { avg: this.books.avg.save(), fifo: this.books.fifo.save() },
      fees: this.feeBook.save(),
      volume: this.volumeBook.save(),
      symbolFees: Object.fromEntries([...this.symbolFees].map(([symbol, value]) => [symbol, value.toFixed()])),
      lastTrades: Object.fromEntries([...this.lastTrades].map(([symbol, price]) => [symbol, price.toFixed()])),
      openings: Object.fromEntries(this.openings),
      count: this.count,
      last: this.lastKey,
    };
  }

  /** Takes over a saved state; false (nothing changed) when it is not one this version wrote. */
  restore(state: FiguresState): boolean {
    if (state?.version !== STATE_VERSION) return false;
    this.books = { avg: new AvgCostBook(this.book, state.books.avg), fifo: new FifoBook(this.book, state.books.fifo) };
    this.feeBook = new FeeBook(this.book.quote, state.fees);
    this.volumeBook = new VolumeBook(state.volume);
    this.symbolFees = new Map(Object.entries(state.symbolFees).map(([symbol, value]) => [symbol, dec(value)]));
    this.lastTrades = new Map(Object.entries(state.lastTrades).map(([symbol, price]) => [symbol, dec(price)]));
    this.openings = new Map(Object.entries(state.openings));
    this.count = state.count;
    this.lastKey = state.last;
    return true;
  }

  /** The openings these figures were built on (a checkpoint is only good for the same ones). */
  openingsKey(): string {
    return JSON.stringify([...this.openings].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** What openingsKey() would be after rebuild() with these openings. */
  openingsKeyOf(openings: readonly OpeningPosition[]): string {
    const entries: [string, NonNullable<PnlItem["opening"]>][] = [];
    for (const opening of openings) {
      const symbol = this.book.symbolFor(opening.asset, opening.quote);
      if (symbol === undefined || opening.costPrice === null) continue;
      entries.push([symbol, { quantity: opening.quantity, costPrice: opening.costPrice, source: opening.source }]);
    }
    return JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)));
  }

  private reset(): void {
    this.books = { avg: new AvgCostBook(this.book), fifo: new FifoBook(this.book) };
    this.feeBook = new FeeBook(this.book.quote);
    this.volumeBook = new VolumeBook();
    this.symbolFees = new Map();
    this.lastTrades = new Map();
    this.openings = new Map();
    this.count = 0;
    this.lastKey = undefined;
  }
}

function compareKeys(a: { time: number; tradeId: string }, b: FillKey): number {
  return a.time - b.time || (a.tradeId < b.tradeId ? -1 : a.tradeId > b.tradeId ? 1 : 0);
}
