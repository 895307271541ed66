import { describe, expect, it } from "vitest";
import type { SymbolConfig } from "../types.js";
import { createKlineBook } from "./klines.js";
import { miniTicker, parseMiniTickerTimeZone, ticker24h, zonedDayStart } from "./tickers.js";

const MX: SymbolConfig = {
  symbol: "MXUSDT",
  baseAsset: "MX",
  quoteAsset: "USDT",
  symbolId: "0".repeat(32),
  pricePrecision: 2,
  quantityPrecision: 2,
  minQuantity: "0.01",
  minNotional: "1",
  makerFee: "0",
  takerFee: "0.0005",
  initialPrice: "100",
};

const at = (iso: string) => Date.parse(iso);
const NOW = at("2025-03-13T20:00:00Z");

/** Trades placed around the day starts of UTC+8 (16:00Z), UTC+5:30 (18:30Z), UTC-10 (10:00Z). */
function input(lastPrice?: string) {
  const book = createKlineBook([MX]);
  const trades: [string, string, string][] = [
    ["2025-03-12T19:00:00Z", "90", "1"], // more than 24 h ago
    ["2025-03-13T10:00:00Z", "100", "1"], // first of the UTC-10 day
    ["2025-03-13T16:30:00Z", "110", "2"], // first of the UTC+8 day
    ["2025-03-13T18:29:00Z", "115", "1"], // last before the UTC+5:30 day
    ["2025-03-13T18:30:00Z", "120", "1"], // first of the UTC+5:30 day
    ["2025-03-13T19:59:00Z", "132", "0.5"],
  ];
  for (const [time, price, qty] of trades) book.addTrade("MXUSDT", price, qty, at(time));
  return { config: MX, bars: book.series("MXUSDT", "Min1"), now: NOW, lastPrice };
}

describe("mini ticker time zones", () => {
  it("parses MEXC's zones, including half and three-quarter hours", () => {
    expect(parseMiniTickerTimeZone("24H")).toBe("rolling");
    expect(parseMiniTickerTimeZone("UTC+0")).toBe(0);
    expect(parseMiniTickerTimeZone("UTC+5:30")).toBe(330);
    expect(parseMiniTickerTimeZone("UTC+12:45")).toBe(765);
    expect(parseMiniTickerTimeZone("UTC-10")).toBe(-600);
    expect(() => parseMiniTickerTimeZone("UTC+14")).toThrow(/unknown mini ticker time zone "UTC\+14"/);
  });

  it("starts a UTC+5:30 day at 18:30 UTC of the day before", () => {
    expect(zonedDayStart(at("2025-03-13T18:29:59Z"), 330)).toBe(at("2025-03-12T18:30:00Z"));
    expect(zonedDayStart(at("2025-03-13T18:30:00Z"), 330)).toBe(at("2025-03-13T18:30:00Z"));
    expect(zonedDayStart(at("2025-03-13T09:59:59Z"), -600)).toBe(at("2025-03-12T10:00:00Z"));
  });
});

describe("mini ticker", () => {
  it("rates the UTC+5:30 day from its first price and its previous close; rate is always the UTC+8 day", () => {
    expect(miniTicker(input(), "UTC+5:30")).toEqual({
      symbol: "MXUSDT",
      price: "132",
      rate: "0.2", // 132 vs 110, the UTC+8 day's first price
      zonedRate: "0.1", // 132 vs 120
      high: "132",
      low: "120",
      volume: "186", // quote turnover: 120 x 1 + 132 x 0.5
      quantity: "1.5",
      lastCloseRate: "0.32", // 132 vs 100, the close before 16:00Z
      lastCloseZonedRate: "0.1478", // 132 vs 115, rounded to 4 places
      lastCloseHigh: "132",
      lastCloseLow: "120",
    });
  });

  it("uses the rolling 24 hours for 24H and the zone's calendar day for UTC-10", () => {
    const rolling = miniTicker(input(), "24H");
    expect(rolling).toMatchObject({ zonedRate: "0.32", lastCloseZonedRate: "0.4667", high: "132", low: "100" });
    expect(rolling).toMatchObject({ quantity: "5.5", volume: "621" });
    expect(miniTicker(input(), "UTC-10")).toMatchObject({ zonedRate: "0.32", quantity: "5.5" });
  });

  it("takes the engine's last price when it has one", () => {
    expect(miniTicker(input("121"), "UTC+5:30")).toMatchObject({ price: "121", zonedRate: "0.0083" });
  });
});

describe("24 h ticker", () => {
  it("summarizes the rolling 24 hours and shows the book's touch", () => {
    const book = { bidPrice: "131.9", bidQty: "3", askPrice: "132.1", askQty: "4" };
    expect(ticker24h(input(), book)).toEqual({
      symbol: "MXUSDT",
      priceChange: "32",
      priceChangePercent: "0.32",
      prevClosePrice: "90",
      lastPrice: "132",
      ...book,
      openPrice: "100",
      highPrice: "132",
      lowPrice: "100",
      volume: "5.5",
      quoteVolume: "621",
      openTime: NOW - 24 * 60 * 60 * 1000,
      closeTime: NOW,
      count: null,
    });
  });

  it("reports no change and no volume before anything traded", () => {
    const empty = { config: MX, bars: [], now: NOW, lastPrice: "100" };
    expect(ticker24h(empty, undefined)).toMatchObject({
      priceChange: "0",
      priceChangePercent: "0",
      volume: "0",
      bidPrice: "0",
    });
  });
});
