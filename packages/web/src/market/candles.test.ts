import { describe, expect, it } from "vitest";
import { kline, T0 } from "../../test/items.js";
import { latestInterval, pricePrecision, toCandles } from "./candles.js";

const MIN = 60_000;

describe("toCandles", () => {
  it("maps the symbol's klines to ascending candles in seconds", () => {
    const klines = [kline("BTCUSDT", T0 + MIN, "101"), kline("ETHUSDT", T0, "5"), kline("BTCUSDT", T0, "100.5")];
    expect(toCandles(klines, "BTCUSDT")).toEqual([
      { time: T0 / 1000, open: 100, high: 101.5, low: 99.5, close: 100.5 },
      { time: (T0 + MIN) / 1000, open: 100, high: 101.5, low: 99.5, close: 101 },
    ]);
  });

  it("keeps the latest of klines with the same open time (the forming candle)", () => {
    const candles = toCandles([kline("BTCUSDT", T0, "100"), kline("BTCUSDT", T0, "100.7")], "BTCUSDT");
    expect(candles.map((c) => c.close)).toEqual([100.7]);
  });

  it("leaves out a kline with a price that is not a finite number", () => {
    expect(toCandles([kline("BTCUSDT", T0, "NaN")], "BTCUSDT")).toEqual([]);
  });

  it("charts one interval only", () => {
    const klines = [kline("BTCUSDT", T0, "1", "Min1"), kline("BTCUSDT", T0, "2", "Min5")];
    expect(latestInterval(klines, "BTCUSDT")).toBe("Min5");
    expect(toCandles(klines, "BTCUSDT", "Min1").map((c) => c.close)).toEqual([1]);
  });
});

describe("pricePrecision", () => {
  it("shows as many significant decimals as the prices carry, at least 2", () => {
    expect(pricePrecision([kline("PEPEUSDT", T0, "0.00001234")])).toBe(8);
    expect(pricePrecision([{ ...kline("BTCUSDT", T0, "65000.10000000"), open: "1", high: "1", low: "1" }])).toBe(2);
  });
});
