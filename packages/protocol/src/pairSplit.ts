/**
 * A pair's symbol split into its base and quote asset by its spelling, when MEXC's symbol list
 * (exchangeInfo) cannot say: the pair was delisted, or never listed to this key. MEXC's website
 * exports write a pair as "BTC_USDT" (the two assets named); the API and the stored fills write
 * "BTCUSDT", split by the longest quote asset it ends in. The quote assets are those BittyTax's
 * MEXC parser splits by (BittyTax/BittyTax src/bittytax/conv/parsers/mexc.py,
 * maintained against real user files 2024-08 to 2026-01). The one home of this rule: the imports
 * and the figures both split by it.
 */
import { assetProblem } from "./valueBounds.js";

/** Quote assets a "BTCUSDT" is split by when no list names its pair (BittyTax's). */
export const KNOWN_QUOTES: readonly string[] = ["USDT", "USDC", "USDE", "USD1", "USDF", "BTC", "ETH", "EUR", "BRL"];

export interface PairSplit {
  readonly base: string;
  readonly quote: string;
  /** How it was split: the "BTC_USDT" form names both; "suffix" is the longest known quote it ends in. */
  readonly by: "named" | "suffix";
}

/**
 * "BTC_USDT" as BTC and USDT; "BTCUSDT" by the longest KNOWN_QUOTES it ends in (with a base
 * before it); undefined when neither (or an asset is not an asset's name: protocol assetProblem).
 */
export function splitPair(symbol: string): PairSplit | undefined {
  const joint = symbol.indexOf("_");
  if (joint >= 0) {
    const base = symbol.slice(0, joint);
    const quote = symbol.slice(joint + 1);
    if (assetProblem(base) !== undefined || assetProblem(quote) !== undefined) return undefined;
    return { base, quote, by: "named" };
  }
  let quote: string | undefined;
  for (const known of KNOWN_QUOTES) {
    if (symbol.length > known.length && symbol.endsWith(known) && known.length > (quote?.length ?? 0)) quote = known;
  }
  if (quote === undefined) return undefined;
  const base = symbol.slice(0, -quote.length);
  return assetProblem(base) === undefined ? { base, quote, by: "suffix" } : undefined;
}
