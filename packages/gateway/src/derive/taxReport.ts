/**
 * Disposals for a tax year: every sell of the year with the cost basis of what it sold, by the
 * chosen method, worked out by replaying the whole history (a sell's cost depends on every buy
 * before it). Amounts are in the pair's quote asset and, valued at fill time, in the gateway's
 * quote currency; exact decimals.
 *
 * taxSteps walks the history one fill a step, so a caller can spread the walk over turns of the
 * event loop (the tax.csv export: http/routes/exportStream.ts); taxRows walks it in one go.
 */
import type { OpeningPosition } from "@mexc-live/contract";
import { type Decimal, dec, fmt } from "@mexc-live/protocol";
import { AvgCostBook } from "./costBasis/avgCost.js";
import { FifoBook } from "./costBasis/fifo.js";
import type { CostMethod, PositionBook } from "./costBasis/positionBook.js";
import type { FiguresFill } from "./figures.js";
import type { PriceBook } from "./priceBook.js";
import { scaledOf, toDecimal } from "./scaled.js";

export interface TaxRow {
  readonly time: number;
  readonly symbol: string;
  /** The asset disposed of, and the currency the amounts are in. */
  readonly asset: string;
  readonly currency: string;
  readonly quantity: string;
  readonly proceeds: string;
  readonly costBasis: string;
  readonly gain: string;
  readonly fee: string;
  readonly feeCurrency: string;
  /** The same in the gateway's quote currency at fill time; null when it could not be valued. */
  readonly proceedsValue: string | null;
  readonly costBasisValue: string | null;
  readonly gainValue: string | null;
  readonly quote: string;
  readonly method: CostMethod;
  readonly tradeId: string;
}

export interface TaxInput {
  readonly fills: Iterable<FiguresFill>;
  readonly openings: readonly OpeningPosition[];
  readonly book: PriceBook;
  readonly method: CostMethod;
  readonly year: number;
}

/** The year's disposals, in one go. */
export function taxRows(input: TaxInput): TaxRow[] {
  const rows: TaxRow[] = [];
  for (const step of taxSteps(input)) if (step !== null) rows.push(step);
  return rows;
}

/** A step per fill walked (up to the year's end): the disposal it makes in the year, or null. */
export function* taxSteps(input: TaxInput): Generator<TaxRow | null> {
  const { book, method } = input;
  const positions: PositionBook = method === "avg" ? new AvgCostBook(book) : new FifoBook(book);
  for (const opening of input.openings) {
    const symbol = book.symbolFor(opening.asset, opening.quote);
    if (symbol === undefined || opening.costPrice === null) continue;
    const quantity = dec(opening.quantity, "quantity");
    positions.open(symbol, scaledOf(quantity), scaledOf(quantity.times(dec(opening.costPrice, "costPrice"))));
  }
  const start = Date.UTC(input.year, 0, 1);
  const end = Date.UTC(input.year + 1, 0, 1);
  for (const fill of input.fills) {
    if (fill.time >= end) break;
    const sold = positions.apply(fill);
    if (sold === undefined || fill.time < start) {
      yield null;
      continue;
    }
    const disposal = {
      quantity: toDecimal(sold.quantity),
      proceeds: toDecimal(sold.proceeds),
      cost: toDecimal(sold.cost),
      gain: toDecimal(sold.gain),
    };
    const market = book.marketOf(fill.symbol);
    const currency = market?.quoteAsset ?? "";
    const rate = rateOf(fill, currency, book);
    const valued = (amount: Decimal) => (rate === null ? null : fmt(amount.times(rate)));
    yield {
      time: fill.time,
      symbol: fill.symbol,
      asset: market?.baseAsset ?? fill.symbol,
      currency,
      quantity: fmt(disposal.quantity),
      proceeds: fmt(disposal.proceeds),
      costBasis: fmt(disposal.cost),
      gain: fmt(disposal.gain),
      fee: fill.fee,
      feeCurrency: fill.feeCurrency,
      proceedsValue: valued(disposal.proceeds),
      costBasisValue: valued(disposal.cost),
      gainValue: valued(disposal.gain),
      quote: book.quote,
      method,
      tradeId: fill.tradeId,
    };
  }
}

function rateOf(fill: FiguresFill, currency: string, book: PriceBook): Decimal | null {
  if (currency === book.quote) return dec("1");
  if (fill.amountValue == null) return null;
  const amount = dec(fill.amount, "amount");
  return amount.eq(0) ? null : dec(fill.amountValue, "amountValue").div(amount);
}
