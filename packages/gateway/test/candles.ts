/**
 * Candles for tests: a CandleSource (figures/pastPrices.ts) whose 1-minute candles close at the
 * price a function gives for each symbol and minute, and that has no candle of any other symbol.
 */

import { MINUTE_MS } from "@mexc-live/protocol";
import type { CandleSource } from "../src/figures/pastPrices.js";

export function minuteCandles(prices: Readonly<Record<string, (minuteEnd: number) => string>>): CandleSource {
  return {
    at(symbol, interval, time) {
      const price = prices[symbol];
      if (price === undefined || interval !== "1m") return { kind: "none" };
      const openTime = Math.floor(time / MINUTE_MS) * MINUTE_MS;
      return {
        kind: "candle",
        candle: { interval, openTime, closeTime: openTime + MINUTE_MS, close: price(openTime + MINUTE_MS) },
      };
    },
  };
}
