/**
 * The total rows of the PnL tables, each cell the sum of the cells above it as shown (to the
 * cent, format/decimal.ts sumAsShown), so a reader adding up a column gets its total: by asset
 * every figure in the quote currency; by pair the pairs quoted in the quote currency, every cell
 * of the row over the same pairs, the fees too (a pair quoted in BTC counts in BTC: it is left out
 * of the row, and the row says so). A figure some rows lack (no price) is summed over the rows
 * that have it, and says how many it left out.
 */
import type { AssetPnlItem, PnlItem } from "@mexc-live/contract";
import { sumAsShown } from "../format/decimal.js";
import { quoteOfPair } from "../format/pairQuote.js";

export interface Sum {
  /** The sum of the rows that have the figure, as they show it. */
  readonly value: string;
  /** Rows without it (no price), left out of the sum. */
  readonly missing: number;
}

const sum = (values: readonly (string | null | undefined)[]): Sum => sumAsShown(values);

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

/** A pair the by-pair total leaves out: quoted in another asset than the quote currency. */
interface LeftOutPair {
  readonly symbol: string;
  /** Its quote asset ("BTC"); "" when not known. */
  readonly quote: string;
}

export interface PairTotals {
  /** The quote currency the sums are in, and the pairs they add up: those quoted in it. */
  readonly quote: string;
  readonly realized: Sum;
  readonly unrealized: Sum;
  readonly fees: Sum;
  /** Pairs quoted in another asset: in none of the sums (their fees neither). */
  readonly otherQuotes: readonly LeftOutPair[];
}

export function pairTotals(items: readonly PnlItem[], quote: string): PairTotals {
  const inQuote = items.filter((item) => quoteOfPair(item.symbol, quote) === quote);
  return {
    quote,
    realized: sum(inQuote.map((item) => item.realized)),
    unrealized: sum(inQuote.map((item) => item.unrealized)),
    fees: sum(inQuote.map((item) => item.fees)),
    otherQuotes: items
      .filter((item) => !inQuote.includes(item))
      .map((item) => ({ symbol: item.symbol, quote: quoteOfPair(item.symbol, quote) })),
  };
}

/**
 * What the by-pair total adds up and leaves out, in words for under the table (at every width):
 * "Total: the USDT pairs, in USDT. Left out: ETHBTC (in BTC), its fees too."; null when it
 * leaves nothing out.
 */
export function pairTotalNote(totals: PairTotals): string | null {
  if (totals.otherQuotes.length === 0) return null;
  const left = totals.otherQuotes.map((pair) => (pair.quote ? `${pair.symbol} (in ${pair.quote})` : pair.symbol));
  return `Total: the ${totals.quote} pairs, in ${totals.quote}. Left out: ${left.join(", ")}, ${left.length === 1 ? "its" : "their"} fees too.`;
}
