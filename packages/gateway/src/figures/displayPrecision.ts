/**
 * The decimal places the dashboard shows each pair's prices and quantities and each asset's
 * amounts in, from exchangeInfo (issue 40 item 8: "Deposit MX 1,210.938121686452551931" showed 18
 * places): a pair's price at its quotePrecision and its quantity at its baseAssetPrecision; an
 * asset at the quantity places of the pairs it is the base of (the finest, as an amount of it may
 * come from any of them), else, for an asset only ever quoted (USDT), the coarsest price places of
 * the pairs it quotes: the simulator's rule for the amounts it writes (simulator symbols.ts,
 * assetDecimals). A place count MEXC sends that is not a whole number in 0..MAX_DISPLAY_DECIMALS
 * is not used: that pair or asset is shown rounded for reading, as before.
 */
import type { DisplayPrecisions } from "@mexc-live/contract";

/**
 * Places shown at most: the figures go out at 18 places (protocol's decimal module, half-even),
 * and MEXC's exchangeInfo gives a handful (BTCUSDT 2 and 6, PEPEUSDT 10 and 0 in the corpus).
 */
export const MAX_DISPLAY_DECIMALS = 18;

/** What is read of one exchangeInfo symbol (the rest of it: figures/priceBook.ts's MarketSymbol). */
export interface PrecisionSymbol {
  readonly symbol: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly baseAssetPrecision?: unknown;
  readonly quotePrecision?: unknown;
}

function places(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_DISPLAY_DECIMALS
    ? value
    : undefined;
}

export function displayPrecisions(symbols: readonly PrecisionSymbol[]): DisplayPrecisions {
  const pairs: Record<string, { price: number; quantity: number }> = {};
  const asBase = new Map<string, number>();
  const asQuote = new Map<string, number>();
  for (const entry of symbols) {
    const price = places(entry.quotePrecision);
    const quantity = places(entry.baseAssetPrecision);
    if (price !== undefined && quantity !== undefined) pairs[entry.symbol] = { price, quantity };
    if (quantity !== undefined) asBase.set(entry.baseAsset, Math.max(asBase.get(entry.baseAsset) ?? 0, quantity));
    if (price !== undefined)
      asQuote.set(entry.quoteAsset, Math.min(asQuote.get(entry.quoteAsset) ?? MAX_DISPLAY_DECIMALS, price));
  }
  const assets: Record<string, number> = Object.fromEntries(asQuote);
  for (const [asset, decimals] of asBase) assets[asset] = decimals;
  return { assets, symbols: pairs };
}
