/**
 * The quote asset of a pair, read from its symbol: GET /api/pnl's items and an alert rule name a
 * pair by its symbol only. Quote assets MEXC lists spot pairs in, longest first so "USDC" is not
 * read as "C" + ... . A display aid only: the gateway's quote currency first; "" when none matches.
 * UNCONFIRMED: the list is MEXC's quote assets as seen on its spot market pages, not an API fact.
 */
const QUOTE_ASSETS = ["USDT", "USDC", "USDE", "USD1", "TUSD", "BTC", "ETH", "EUR", "BRL", "TRY", "MX"] as const;

export function quoteOfPair(symbol: string, quote: string): string {
  if (symbol.endsWith(quote) && symbol.length > quote.length) return quote;
  return QUOTE_ASSETS.find((asset) => symbol.endsWith(asset) && symbol.length > asset.length) ?? "";
}
