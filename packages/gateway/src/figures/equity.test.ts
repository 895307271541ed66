import { describe, expect, it } from "vitest";
import { balanceItems, equityPoint } from "./equity.js";
import { PriceBook } from "./priceBook.js";

function book(): PriceBook {
  const b = new PriceBook();
  b.setMarkets([
    { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
    { symbol: "ETHBTC", baseAsset: "ETH", quoteAsset: "BTC" },
    { symbol: "FROPUSDT", baseAsset: "FROP", quoteAsset: "USDT", isSpotTradingAllowed: false },
  ]);
  b.update("BTCUSDT", "60000");
  b.update("ETHBTC", "0.05");
  return b;
}

describe("equity", () => {
  it("sums free + locked of every asset valued in USDT, through an intermediate where needed", () => {
    const point = equityPoint(
      [
        { asset: "USDT", free: "100.25", locked: "50" },
        { asset: "BTC", free: "0.01", locked: "0.005" },
        { asset: "ETH", free: "1", locked: "0" },
        { asset: "DOGE", free: "1000", locked: "0" }, // no price: left out, not zero
        { asset: "MX", free: "0", locked: "0" },
      ],
      book(),
      1_700_000_000_000,
    );
    expect(point).toEqual({
      time: 1_700_000_000_000,
      // 150.25 + 0.015 x 60000 + 1 x 0.05 x 60000
      equity: "4050.25",
      byAsset: { BTC: "900", ETH: "3000", USDT: "150.25" },
    });
  });

  it("shows each balance with its price and value, null when unknown", () => {
    const items = balanceItems(
      [
        { asset: "FROP", free: "3", locked: "0" },
        { asset: "ETH", free: "0.5", locked: "0.5" },
        { asset: "DOGE", free: "1", locked: "0" },
      ],
      book(),
    );
    expect(items).toEqual([
      { asset: "DOGE", free: "1", locked: "0", value: null, price: null, apiTradingDisabled: false },
      { asset: "ETH", free: "0.5", locked: "0.5", value: "3000", price: "3000", apiTradingDisabled: false },
      { asset: "FROP", free: "3", locked: "0", value: null, price: null, apiTradingDisabled: true },
    ]);
  });
});
