/**
 * Values the fills that reached the gateway long after their time (reconciled after a gap,
 * backfilled, imported) at the market prices of their time: their fee in a third asset (MX), and
 * the amount of a pair not quoted in the quote currency, from MEXC's candles (figures/fees.ts
 * valueFillAt). A fill waiting on a candle not fetched yet stays pending; one no candle can price
 * is stored unpriced (null), never at a price of another time.
 */

import type { GatewayStore } from "../store/index.js";
import { valueFillAt } from "./fees.js";
import type { PastPrices } from "./pastPrices.js";
import type { MarketInfo } from "./priceBook.js";

/**
 * Fills looked at per call (oldest first), a call per turn of the event loop (keeper.ts):
 * 2,000 took 70-130 ms on a loaded 2-core machine (read, valued in big.js, each updated), over the
 * 50 ms an import or a backfill may hold the loop (issue 31); 500 take a quarter of that.
 */
const VALUATION_BATCH = 500;

export interface ValuationRound {
  /** Fills valued (stored). */
  readonly valued: number;
  /** Fills still waiting on candles. */
  readonly waiting: number;
}

export function valuePendingFills(
  store: GatewayStore,
  prices: PastPrices,
  marketOf: (symbol: string) => Pick<MarketInfo, "baseAsset" | "quoteAsset"> | undefined,
  batch = VALUATION_BATCH,
): ValuationRound {
  const pending = store.pendingValuations(batch);
  const valued = [];
  let waiting = 0;
  for (const fill of pending) {
    const valuation = valueFillAt(fill, marketOf(fill.symbol), prices);
    if (valuation === undefined) waiting++;
    else valued.push({ tradeId: fill.tradeId, time: fill.time, valuation });
  }
  if (valued.length > 0) store.setValuations(valued);
  return { valued: valued.length, waiting };
}
