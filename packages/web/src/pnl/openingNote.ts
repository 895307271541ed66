/**
 * What a PnL row says about a position held before the known history: "incl. 0.3 BTC held before
 * history, at its market price when the history starts". Its cost is a guess unless the user gave it, so it is marked
 * wherever the PnL uses it.
 */
import type { OpeningPosition, PnlItem } from "@mexc-live/contract";
import { formatAmount, formatDecimal } from "../format/decimal.js";

/** The base and quote asset of `symbol`: from the opening position of that pair, else the symbol less the quote. */
function assetsOf(symbol: string, positions: readonly OpeningPosition[], quote: string) {
  const position = positions.find((p) => `${p.asset}${p.quote}` === symbol);
  if (position) return { base: position.asset, quote: position.quote };
  const known = symbol.endsWith(quote) && symbol.length > quote.length;
  return known ? { base: symbol.slice(0, -quote.length), quote } : undefined;
}

export function openingNote(item: PnlItem, positions: readonly OpeningPosition[], quote: string): string | null {
  const opening = item.opening;
  if (!opening) return null;
  const assets = assetsOf(item.symbol, positions, quote);
  const quantity = `${formatAmount(opening.quantity)}${assets ? ` ${assets.base}` : ""}`;
  const cost =
    opening.costPrice === null
      ? "with no known price"
      : opening.source === "user"
        ? `at your cost of ${formatDecimal(opening.costPrice)}${assets ? ` ${assets.quote}` : ""}`
        : "at its market price when the history starts";
  return `incl. ${quantity} held before history, ${cost}`;
}
