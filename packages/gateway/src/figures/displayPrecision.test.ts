import { describe, expect, it } from "vitest";
import { displayPrecisions, MAX_DISPLAY_DECIMALS } from "./displayPrecision.js";

const pair = (symbol: string, baseAsset: string, quoteAsset: string, quantity: unknown, price: unknown) => ({
  symbol,
  baseAsset,
  quoteAsset,
  baseAssetPrecision: quantity,
  quotePrecision: price,
});

describe("displayPrecisions", () => {
  it("gives each pair its price and quantity places, each asset its quantity places, a quote-only asset its coarsest price places", () => {
    const answer = displayPrecisions([
      pair("BTCUSDT", "BTC", "USDT", 6, 2),
      pair("ETHBTC", "ETH", "BTC", 4, 6),
      pair("ETHUSDT", "ETH", "USDT", 5, 2),
      pair("PEPEUSDT", "PEPE", "USDT", 0, 10),
    ]);
    expect(answer.symbols).toEqual({
      BTCUSDT: { price: 2, quantity: 6 },
      ETHBTC: { price: 6, quantity: 4 },
      ETHUSDT: { price: 2, quantity: 5 },
      PEPEUSDT: { price: 10, quantity: 0 },
    });
    // BTC is a base (6 places), not the 6 it is quoted in; ETH the finest of its pairs; USDT only quoted: 2.
    expect(answer.assets).toEqual({ BTC: 6, ETH: 5, USDT: 2, PEPE: 0 });
  });

  it(`uses no place count MEXC sends outside 0..${MAX_DISPLAY_DECIMALS} or that is not a whole number`, () => {
    const answer = displayPrecisions([
      pair("AUSDT", "A", "USDT", MAX_DISPLAY_DECIMALS, MAX_DISPLAY_DECIMALS),
      pair("BUSDT", "B", "USDT", MAX_DISPLAY_DECIMALS + 1, 2),
      pair("CUSDT", "C", "USDT", 1.5, -1),
      pair("DUSDT", "D", "USDT", "8", undefined),
    ]);
    expect(answer.symbols).toEqual({ AUSDT: { price: MAX_DISPLAY_DECIMALS, quantity: MAX_DISPLAY_DECIMALS } });
    expect(answer.assets).toEqual({ A: MAX_DISPLAY_DECIMALS, USDT: 2 });
  });
});
