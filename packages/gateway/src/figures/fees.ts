/**
 * Fees: each fill's fee (and amount) valued at fill time, and the cumulative summary.
 *
 * "At fill time": a fill the gateway receives within FRESH_MS of its time is valued with the live
 * prices the book holds then (valueFill), the fill's own price standing in for its pair; an older
 * one (recovered by reconciliation, the backfill, an import) at the market prices of its time,
 * from MEXC's candles (valueFillAt, pastPrices.ts), once they are fetched. The valuation is stored
 * with the fill, so it never changes afterwards.
 */
import type { FeeSummary } from "@mexc-live/contract";
import { type Decimal, dec, FixedCell, type FixedRead, fixedDecimal, fmt, ONE } from "@mexc-live/protocol";
import type { FillValuation } from "../store/index.js";
import type { PastPrices } from "./pastPrices.js";
import type { MarketInfo, PriceSource } from "./priceBook.js";

/** What a fill is worth in other currencies, fixed when it is ingested (a stored fill's columns). */
export type { FillValuation };

/** The fields of a fill that valuation reads (a protocol Fill or a contract FillItem). */
export interface ValuedFill {
  readonly symbol: string;
  readonly price: string;
  readonly amount: string;
  readonly fee: string;
  readonly feeCurrency: string;
}

/** Values a fill's fee and amount now; the fill's own price is used for its pair. */
export function valueFill(fill: ValuedFill, book: PriceSource): FillValuation {
  const override = { symbol: fill.symbol, price: fill.price };
  const market = book.marketOf(fill.symbol);
  const fee = dec(fill.fee, "fee");
  const valueIn = (asset: string, amount: Decimal, quote: string): string | null => {
    if (amount.eq(0)) return "0";
    const price = book.priceOf(asset, quote, override);
    return price ? fmt(amount.times(price)) : null;
  };
  return {
    feeValue: fill.feeCurrency === "" ? (fee.eq(0) ? "0" : null) : valueIn(fill.feeCurrency, fee, book.quote),
    feePairValue: market && fill.feeCurrency !== "" ? valueIn(fill.feeCurrency, fee, market.quoteAsset) : null,
    amountValue: market ? valueIn(market.quoteAsset, dec(fill.amount, "amount"), book.quote) : null,
  };
}

/**
 * Values a fill at the market prices of its time (pastPrices), its own price for its pair:
 * undefined while a price it needs is still to be fetched; a part no candle can price is null.
 */
export function valueFillAt(
  fill: ValuedFill & { readonly time: number; readonly quantity: string },
  market: Pick<MarketInfo, "baseAsset" | "quoteAsset"> | undefined,
  prices: Pick<PastPrices, "lookup" | "quote">,
): FillValuation | undefined {
  const fee = dec(fill.fee, "fee");
  if (market === undefined) {
    return { feeValue: fee.eq(0) ? "0" : null, feePairValue: fee.eq(0) ? "0" : null, amountValue: null };
  }
  const price = (asset: string): Decimal | null | undefined => {
    const found = prices.lookup(asset, fill.time);
    return found.kind === "price" ? found.price : found.kind === "pending" ? undefined : null;
  };
  const quote = prices.quote;
  // One unit of the pair's quote asset in the gateway's quote currency.
  const rate = market.quoteAsset === quote ? ONE : price(market.quoteAsset);
  if (rate === undefined) return undefined;
  const own = dec(fill.price, "price");
  let feeInQuote: Decimal | null | undefined;
  let feeInPair: Decimal | null | undefined;
  if (fee.eq(0) || fill.feeCurrency === quote) {
    feeInQuote = fee;
    feeInPair = rate === null || rate.eq(0) ? null : fee.div(rate);
  } else if (fill.feeCurrency === market.quoteAsset) {
    feeInPair = fee;
    feeInQuote = rate === null ? null : fee.times(rate);
  } else if (fill.feeCurrency === market.baseAsset) {
    feeInPair = fee.times(own);
    feeInQuote = rate === null ? null : feeInPair.times(rate);
  } else {
    const feePrice = price(fill.feeCurrency);
    if (feePrice === undefined) return undefined;
    feeInQuote = feePrice === null ? null : fee.times(feePrice);
    feeInPair = feeInQuote === null || rate === null || rate.eq(0) ? null : feeInQuote.div(rate);
  }
  const amount = dec(fill.amount, "amount");
  return {
    feeValue: fill.feeCurrency === "" && !fee.eq(0) ? null : feeInQuote === null ? null : fmt(feeInQuote),
    feePairValue: fill.feeCurrency === "" && !fee.eq(0) ? null : feeInPair === null ? null : fmt(feeInPair),
    amountValue: rate === null ? null : fmt(amount.times(rate)),
  };
}

/** A fill as the fee summary reads it. */
export interface FeeFill {
  readonly fee: string;
  readonly feeCurrency: string;
  readonly feeValue: string | null;
}

/** A FeeBook as plain JSON (decimal strings), for checkpoints. */
export interface FeeBookState {
  readonly amounts: Record<string, string>;
  readonly values: Record<string, string>;
  readonly total: string;
  readonly unvalued: number;
}

/**
 * Cumulative fees per currency, in that currency and valued in the quote currency at fill time.
 * A fee whose value was unknown at fill time counts in `byCurrency` only (and in `unvalued`).
 * Apply each fill once: only fills the store reported new.
 */
export class FeeBook {
  private readonly amounts = new Map<string, FixedCell>();
  private readonly values = new Map<string, FixedCell>();
  private readonly total = new FixedCell();
  private unvaluedCount = 0;

  constructor(
    readonly quote: string,
    state?: FeeBookState,
  ) {
    if (state === undefined) return;
    for (const [currency, amount] of Object.entries(state.amounts)) this.amounts.set(currency, FixedCell.parse(amount));
    for (const [currency, value] of Object.entries(state.values)) this.values.set(currency, FixedCell.parse(value));
    this.total.parse(state.total);
    this.unvaluedCount = state.unvalued;
  }

  save(): FeeBookState {
    return {
      amounts: Object.fromEntries([...this.amounts].map(([k, v]) => [k, v.text()])),
      values: Object.fromEntries([...this.values].map(([k, v]) => [k, v.text()])),
      total: this.total.text(),
      unvalued: this.unvaluedCount,
    };
  }

  apply(fill: FeeFill): void {
    this.add(
      fill.feeCurrency,
      FixedCell.parse(fill.fee, "fee"),
      fill.feeValue === null ? null : FixedCell.parse(fill.feeValue, "feeValue"),
    );
  }

  /** A fee already read (figures.ts reads each number of a fill once). */
  add(currency: string, fee: FixedRead, value: FixedRead | null): void {
    if (fee.isZero()) return;
    addTo(this.amounts, currency, fee);
    if (value === null) {
      this.unvaluedCount++;
      return;
    }
    addTo(this.values, currency, value);
    this.total.add(value);
  }

  /** Fills with a fee whose value was unknown at fill time. */
  get unvalued(): number {
    return this.unvaluedCount;
  }

  summary(): FeeSummary {
    return {
      quote: this.quote,
      byCurrency: toRecord(this.amounts),
      valueByCurrency: toRecord(this.values),
      totalValue: fmt(fixedDecimal(this.total.value)),
    };
  }
}

/** The fee summary of a sequence of fills. */
export function feeSummary(fills: Iterable<FeeFill>, quote: string): FeeSummary {
  const book = new FeeBook(quote);
  for (const fill of fills) book.apply(fill);
  return book.summary();
}

function addTo(sums: Map<string, FixedCell>, currency: string, value: FixedRead): void {
  const sum = sums.get(currency);
  if (sum === undefined) sums.set(currency, new FixedCell().set(value));
  else sum.add(value);
}

function toRecord(map: ReadonlyMap<string, FixedRead>): Record<string, string> {
  // Null-prototype: an asset named "__proto__" (refused at the edge anyway) stays a plain key.
  const out: Record<string, string> = Object.create(null);
  for (const key of [...map.keys()].sort()) out[key] = fmt(fixedDecimal((map.get(key) as FixedRead).value));
  return out;
}
