/**
 * The total rows of the PnL tables, summed exactly (protocol's decimal module): by asset every
 * figure in the quote currency; by pair the figures of the pairs quoted in the quote currency
 * (a pair quoted in BTC counts in BTC: not added to USDT), and the fees, all in the quote
 * currency. A figure some rows lack (no price) is summed over the rows that have it, and says how
 * many it left out.
 */
import type { AssetPnlItem, PnlItem } from "@mexc-live/contract";
import { type Decimal, dec, exact, isDecimal, ZERO } from "@mexc-live/protocol";

export interface Sum {
  /** The exact sum of the rows that have the figure. */
  readonly value: string;
  /** Rows without it (no price), left out of the sum. */
  readonly missing: number;
}

function sum(values: readonly (string | null | undefined)[]): Sum {
  let total: Decimal = ZERO;
  let missing = 0;
  for (const value of values) {
    if (typeof value === "string" && isDecimal(value)) total = total.plus(dec(value));
    else missing++;
  }
  return { value: exact(total), missing };
}

export interface AssetTotals {
  readonly value: Sum;
  readonly costBasis: Sum;
  readonly realized: Sum;
  readonly unrealized: Sum;
  readonly fees: Sum;
}

export function assetTotals(items: readonly AssetPnlItem[]): AssetTotals {
  return {
    value: sum(items.map((item) => item.value)),
    costBasis: sum(items.map((item) => item.costBasis)),
    realized: sum(items.map((item) => item.realized)),
    unrealized: sum(items.map((item) => item.unrealized)),
    fees: sum(items.map((item) => item.fees)),
  };
}

/**
 * Quote assets MEXC lists spot pairs in, longest first so "USDC" is not read as "C" + ... . A
 * display aid only: the pair's quote asset is not in GET /api/pnl's items, so it is read from the
 * symbol's end (the gateway's quote currency first); "" when none matches.
 * UNCONFIRMED: the list is MEXC's quote assets as seen on its spot market pages, not an API fact.
 */
const QUOTE_ASSETS = ["USDT", "USDC", "USDE", "USD1", "TUSD", "BTC", "ETH", "EUR", "BRL", "TRY", "MX"] as const;

export function quoteOfPair(symbol: string, quote: string): string {
  if (symbol.endsWith(quote) && symbol.length > quote.length) return quote;
  return QUOTE_ASSETS.find((asset) => symbol.endsWith(asset) && symbol.length > asset.length) ?? "";
}

export interface PairTotals {
  /** The quote currency the sums are in. */
  readonly quote: string;
  readonly realized: Sum;
  readonly unrealized: Sum;
  readonly fees: Sum;
  /** Pairs quoted in another asset, not in the realized and unrealized sums. */
  readonly otherQuotes: readonly string[];
}

export function pairTotals(items: readonly PnlItem[], quote: string): PairTotals {
  const inQuote = items.filter((item) => quoteOfPair(item.symbol, quote) === quote);
  return {
    quote,
    realized: sum(inQuote.map((item) => item.realized)),
    unrealized: sum(inQuote.map((item) => item.unrealized)),
    fees: sum(items.map((item) => item.fees)),
    otherQuotes: items.filter((item) => !inQuote.includes(item)).map((item) => item.symbol),
  };
}
