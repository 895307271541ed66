import { describe, expect, it } from "vitest";
import { PriceBook } from "./priceBook.js";

const MARKETS = [
  { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
  { symbol: "ETHBTC", baseAsset: "ETH", quoteAsset: "BTC" },
  { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" },
  { symbol: "USDTBRL", baseAsset: "USDT", quoteAsset: "BRL" },
  { symbol: "FROPUSDT", baseAsset: "FROP", quoteAsset: "USDT", isSpotTradingAllowed: false },
  { symbol: "KASUSDC", baseAsset: "KAS", quoteAsset: "USDC" },
];

function book(): PriceBook {
  const b = new PriceBook();
  b.setMarkets(MARKETS);
  return b;
}

describe("PriceBook", () => {
  it("values an asset through its direct pair", () => {
    const b = book();
    b.update("BTCUSDT", "95000.5");
    expect(b.valueAt("BTC", "0.002")).toBe("190.001");
    expect(b.valueAt("USDT", "12.5")).toBe("12.5");
  });

  it("values an asset through the inverse pair QUOTE+ASSET", () => {
    const b = book();
    b.update("USDTBRL", "5");
    expect(b.valueAt("BRL", "12")).toBe("2.4");
  });

  it("values an asset through one intermediate (ETH -> BTC -> USDT)", () => {
    const b = book();
    b.update("ETHBTC", "0.035");
    expect(b.valueAt("ETH", "2")).toBeNull();
    b.update("BTCUSDT", "90000");
    expect(b.valueAt("ETH", "2")).toBe("6300");
    expect(b.priceOf("ETH")?.toFixed()).toBe("3150");
  });

  it("says null when no route has a price, and for an asset it does not know", () => {
    const b = book();
    b.update("KASUSDC", "0.1");
    expect(b.valueAt("KAS", "10")).toBeNull(); // no USDC price
    expect(b.valueAt("DOGE", "10")).toBeNull();
  });

  it("rounds an inverse price to 18 places, half to even", () => {
    const b = book();
    b.update("USDTBRL", "3");
    expect(b.valueAt("BRL", "1")).toBe("0.333333333333333333");
    expect(b.valueAt("BRL", "2")).toBe("0.666666666666666667");
  });

  it("ignores an older price, and prices that are not positive decimals", () => {
    const b = book();
    expect(b.update("BTCUSDT", "100", 2_000)).toBe(true);
    expect(b.update("BTCUSDT", "50", 1_000)).toBe(false);
    expect(b.update("BTCUSDT", "0", 3_000)).toBe(false);
    expect(b.update("BTCUSDT", "NaN", 3_000)).toBe(false);
    expect(b.price("BTCUSDT")).toBe("100");
  });

  it("keeps prices that arrived before the symbol list", () => {
    const b = new PriceBook();
    b.update("MXUSDT", "2.5");
    expect(b.valueAt("MX", "4")).toBeNull();
    b.setMarkets(MARKETS);
    expect(b.valueAt("MX", "4")).toBe("10");
  });

  it("flags pairs and assets whose API trading MEXC disabled", () => {
    const b = book();
    expect(b.apiTradingDisabled("FROPUSDT")).toBe(true);
    expect(b.apiTradingDisabled("BTCUSDT")).toBe(false);
    expect(b.assetApiTradingDisabled("FROP")).toBe(true);
    expect(b.assetApiTradingDisabled("BTC")).toBe(false);
    expect(b.assetApiTradingDisabled("DOGE")).toBe(false);
  });
});
