/**
 * PnL by pair (GET /api/pnl): per pair and per cost method (average cost, FIFO), what is held,
 * its cost, the PnL realized, the fees valued, the last trade's price, and the positions held
 * before the history (openings). The one position engine (engine/) keyed by pair, a sale past
 * what is held "uncovered". Fed fill by fill, oldest first, by the figures by pair (figures.ts),
 * which also keep the fees and the volume; saved in their checkpoint.
 */
import type { OpeningPosition, PnlItem } from "@mexc-live/contract";
import { dec, type Fixed, FixedCell, type FixedRead, fixedDecimal, fixedOf, fmt } from "@mexc-live/protocol";
import { COST_METHODS, type CostMethod } from "./engine/lots.js";
import type { Position } from "./engine/position.js";
import { PositionBook, type PositionBookState } from "./engine/positionBook.js";
import { type Acquired, moveLegs, type Sold } from "./engine/tradeLegs.js";
import type { PriceBook } from "./priceBook.js";

/** A position held before the history, as GET /api/pnl shows it. */
export type PairOpening = NonNullable<PnlItem["opening"]>;

/** PnL by pair as plain JSON (decimal strings), a part of the figures' checkpoint. */
export interface PairPnlState {
  readonly books: Record<CostMethod, PositionBookState>;
  readonly symbolFees: Record<string, string>;
  readonly lastTrades: Record<string, string>;
  readonly openings: Record<string, PairOpening>;
}

const ZERO: FixedRead = new FixedCell();

export class PairPnl {
  private books: Record<CostMethod, PositionBook>;
  /** What the last fill's move realized, by method. */
  private readonly realizedNow: Record<CostMethod, FixedRead> = { avg: ZERO, fifo: ZERO };
  private symbolFees: Map<string, FixedCell>;
  /** The last trade's price per symbol, as the fill gave it (checked a decimal). */
  private lastTrades: Map<string, string>;
  private openings: Map<string, PairOpening>;

  constructor(
    private readonly book: PriceBook,
    state?: PairPnlState,
  ) {
    this.books = {
      avg: new PositionBook("avg", "uncovered", state?.books.avg),
      fifo: new PositionBook("fifo", "uncovered", state?.books.fifo),
    };
    this.symbolFees = new Map(
      Object.entries(state?.symbolFees ?? {}).map(([symbol, value]) => [symbol, FixedCell.parse(value)]),
    );
    this.lastTrades = new Map(Object.entries(state?.lastTrades ?? {}));
    this.openings = new Map(Object.entries(state?.openings ?? {}));
  }

  /** Starts from the positions held before the history, at their cost (one with no cost or pair is left out). */
  open(openings: readonly OpeningPosition[]): void {
    for (const opening of openings) {
      const symbol = this.book.symbolFor(opening.asset, opening.quote);
      if (symbol === undefined || opening.costPrice === null) continue;
      const quantity = dec(opening.quantity, "quantity");
      const cost = FixedCell.of(fixedOf(quantity.times(dec(opening.costPrice, "costPrice"))));
      for (const method of COST_METHODS) this.books[method].move(symbol, FixedCell.of(fixedOf(quantity)), cost);
      this.openings.set(symbol, { quantity: opening.quantity, costPrice: opening.costPrice, source: opening.source });
    }
  }

  /**
   * Takes in a fill of `symbol`, read and checked: its legs moved in every method's book, its fee
   * valued in the quote currency (null: unpriced), `price` (a decimal) the last trade's.
   */
  apply(symbol: string, legs: Acquired | Sold, feeValue: FixedRead | null, price: string): void {
    for (const method of COST_METHODS) this.realizedNow[method] = moveLegs(this.books[method], symbol, legs);
    if (feeValue !== null) {
      const fees = this.symbolFees.get(symbol);
      if (fees === undefined) this.symbolFees.set(symbol, new FixedCell().set(feeValue));
      else fees.add(feeValue);
    }
    this.lastTrades.set(symbol, price);
  }

  /** The PnL the last fill applied realized by `method`. */
  lastRealized(method: CostMethod): FixedRead {
    return this.realizedNow[method];
  }

  /** `symbol`'s position by `method` (after a fill, what it closed: engine/position.ts `closed`, `closedCost`, `closedMoney`). */
  positionOf(method: CostMethod, symbol: string): Position {
    return this.books[method].positionOf(symbol);
  }

  /** Every symbol traded (or held from before the history), sorted, by `method`. */
  pnl(method: CostMethod): PnlItem[] {
    return this.books[method].keys().map((symbol) => this.pnlOf(symbol, method) as PnlItem);
  }

  pnlOf(symbol: string, method: CostMethod): PnlItem | undefined {
    const position = this.books[method].position(symbol);
    if (position === undefined) return undefined;
    const traded = this.lastTrades.get(symbol);
    const last = this.book.price(symbol) ?? (traded === undefined ? undefined : dec(traded).toFixed());
    const quantity = fixedDecimal(position.quantity.value);
    const cost = fixedDecimal(position.cost.value);
    const flat = position.quantity.isZero();
    const unrealized = flat ? "0" : last === undefined ? null : fmt(quantity.times(dec(last)).minus(cost));
    const opening = this.openings.get(symbol);
    return {
      symbol,
      realized: fmt(fixedDecimal(position.realized.value)),
      unrealized,
      position: fmt(quantity),
      averageCost: flat ? "0" : fmt(cost.div(quantity)),
      method,
      fees: fmt(fixedDecimal(this.symbolFees.get(symbol)?.value ?? 0n)),
      lastPrice: last ?? null,
      ...(opening ? { opening } : {}),
    };
  }

  save(): PairPnlState {
    return {
      books: { avg: this.books.avg.save(), fifo: this.books.fifo.save() },
      symbolFees: Object.fromEntries([...this.symbolFees].map(([symbol, value]) => [symbol, value.text()])),
      lastTrades: Object.fromEntries([...this.lastTrades].map(([symbol, price]) => [symbol, dec(price).toFixed()])),
      openings: Object.fromEntries(this.openings),
    };
  }

  /** The positions open() opened, by pair, oldest first as they were opened. */
  openedPositions(): { readonly symbol: string; readonly quantity: Fixed }[] {
    return [...this.openings].map(([symbol, opening]) => ({
      symbol,
      quantity: fixedOf(dec(opening.quantity, "quantity")),
    }));
  }
}
