/**
 * Fees: each fill's fee (and amount) valued at fill time, and the cumulative summary.
 *
 * "At fill time" means with the prices the book holds when the fill is ingested, the fill's own
 * price standing in for its pair. For a live fill that is the market at that moment; for a fill
 * recovered later by REST reconciliation it is the price when it was recovered (MEXC's history
 * carries no price of the fee currency). The valuation is stored with the fill, so it never
 * changes afterwards.
 */
import type { FeeSummary } from "@mexc-live/contract";
import { type Decimal, dec, fmt, ZERO } from "@mexc-live/protocol";
import type { PriceSource } from "./priceBook.js";

/** What a fill is worth in other currencies, fixed when it is ingested. */
export interface FillValuation {
  /** The fee valued in the gateway's quote currency; null when no price was known. */
  readonly feeValue: string | null;
  /** The fee valued in the pair's own quote asset (for average cost); null when no price was known. */
  readonly feePairValue: string | null;
  /** The fill's quote amount valued in the gateway's quote currency (for volume); null when unknown. */
  readonly amountValue: string | null;
}

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
  private readonly amounts = new Map<string, Decimal>();
  private readonly values = new Map<string, Decimal>();
  private total = ZERO;
  private unvaluedCount = 0;

  constructor(
    readonly quote: string,
    state?: FeeBookState,
  ) {
    if (state === undefined) return;
    for (const [currency, amount] of Object.entries(state.amounts)) this.amounts.set(currency, dec(amount));
    for (const [currency, value] of Object.entries(state.values)) this.values.set(currency, dec(value));
    this.total = dec(state.total);
    this.unvaluedCount = state.unvalued;
  }

  save(): FeeBookState {
    return {
      amounts: Object.fromEntries([...this.amounts].map(([k, v]) => [k, v.toFixed()])),
      values: Object.fromEntries([...this.values].map(([k, v]) => [k, v.toFixed()])),
      total: this.total.toFixed(),
      unvalued: this.unvaluedCount,
    };
  }

  apply(fill: FeeFill): void {
    const fee = dec(fill.fee, "fee");
    if (fee.eq(0)) return;
    const currency = fill.feeCurrency;
    this.amounts.set(currency, (this.amounts.get(currency) ?? ZERO).plus(fee));
    if (fill.feeValue === null) {
      this.unvaluedCount++;
      return;
    }
    const value = dec(fill.feeValue, "feeValue");
    this.values.set(currency, (this.values.get(currency) ?? ZERO).plus(value));
    this.total = this.total.plus(value);
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
      totalValue: fmt(this.total),
    };
  }
}

/** The fee summary of a sequence of fills. */
export function feeSummary(fills: Iterable<FeeFill>, quote: string): FeeSummary {
  const book = new FeeBook(quote);
  for (const fill of fills) book.apply(fill);
  return book.summary();
}

function toRecord(map: ReadonlyMap<string, Decimal>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of [...map.keys()].sort()) out[key] = fmt(map.get(key) as Decimal);
  return out;
}
