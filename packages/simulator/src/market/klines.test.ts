import { describe, expect, it } from "vitest";
import type { SymbolConfig } from "../types.js";
import { REST_KLINE_INTERVALS, windowEnd, windowStart } from "./klineIntervals.js";
import { createKlineBook } from "./klines.js";

const BTC: SymbolConfig = {
  symbol: "BTCUSDT",
  baseAsset: "BTC",
  quoteAsset: "USDT",
  symbolId: "0".repeat(32),
  pricePrecision: 2,
  quantityPrecision: 6,
  minQuantity: "0.000001",
  minNotional: "1",
  makerFee: "0",
  takerFee: "0.0005",
  initialPrice: "97000",
};

const at = (iso: string) => Date.parse(iso);

describe("kline windows", () => {
  it("start on UTC boundaries for every interval, Week1 on Monday and Month1 on the 1st", () => {
    const t = at("2025-03-13T17:47:31.250Z"); // a Thursday
    expect(windowStart("Min1", t)).toBe(at("2025-03-13T17:47:00Z"));
    expect(windowStart("Min5", t)).toBe(at("2025-03-13T17:45:00Z"));
    expect(windowStart("Min15", t)).toBe(at("2025-03-13T17:45:00Z"));
    expect(windowStart("Min30", t)).toBe(at("2025-03-13T17:30:00Z"));
    expect(windowStart("Min60", t)).toBe(at("2025-03-13T17:00:00Z"));
    expect(windowStart("Hour4", t)).toBe(at("2025-03-13T16:00:00Z"));
    expect(windowStart("Hour8", t)).toBe(at("2025-03-13T16:00:00Z"));
    expect(windowStart("Day1", t)).toBe(at("2025-03-13T00:00:00Z"));
    expect(windowStart("Week1", t)).toBe(at("2025-03-10T00:00:00Z"));
    expect(windowStart("Month1", t)).toBe(at("2025-03-01T00:00:00Z"));
  });

  it("end where the next window starts, months by the calendar", () => {
    expect(windowEnd("Min1", at("2025-03-13T17:47:00Z"))).toBe(at("2025-03-13T17:48:00Z"));
    expect(windowEnd("Week1", at("2025-03-10T00:00:00Z"))).toBe(at("2025-03-17T00:00:00Z"));
    expect(windowEnd("Month1", at("2024-02-01T00:00:00Z"))).toBe(at("2024-03-01T00:00:00Z"));
    expect(windowEnd("Month1", at("2024-12-01T00:00:00Z"))).toBe(at("2025-01-01T00:00:00Z"));
  });

  it("maps every REST interval to its WebSocket name", () => {
    expect(REST_KLINE_INTERVALS["1m"]).toBe("Min1");
    expect(REST_KLINE_INTERVALS["60m"]).toBe("Min60");
    expect(REST_KLINE_INTERVALS["1W"]).toBe("Week1");
    expect(REST_KLINE_INTERVALS["1M"]).toBe("Month1");
  });
});

describe("kline aggregation", () => {
  const trades: [string, string, string][] = [
    ["2025-03-13T17:47:01Z", "97000.10", "0.5"],
    ["2025-03-13T17:47:20Z", "97010", "0.25"],
    ["2025-03-13T17:47:40Z", "96990.05", "1"],
    ["2025-03-13T17:47:59.999Z", "97001", "0.000001"],
    ["2025-03-13T17:48:00Z", "97005", "2"],
  ];
  const filled = () => {
    const book = createKlineBook([BTC]);
    for (const [time, price, qty] of trades) book.addTrade("BTCUSDT", price, qty, at(time));
    return book;
  };

  it("gives each bar the open, high, low, close, volume and quote amount of the trades in its window", () => {
    const [first, second] = filled().klines("BTCUSDT", "Min1", { limit: 10 });
    expect(first).toEqual({
      interval: "Min1",
      openTime: at("2025-03-13T17:47:00Z"),
      closeTime: at("2025-03-13T17:48:00Z"),
      open: "97000.1",
      high: "97010",
      low: "96990.05",
      close: "97001",
      volume: "1.750001",
      // 48500.05 + 24252.5 + 96990.05 + 0.097001
      amount: "169742.697001",
    });
    expect(second).toMatchObject({ open: "97005", close: "97005", volume: "2", amount: "194010" });
  });

  it("merges the same trades into the larger intervals", () => {
    const [hour] = filled().klines("BTCUSDT", "Min60", { limit: 10 });
    expect(hour).toMatchObject({
      openTime: at("2025-03-13T17:00:00Z"),
      open: "97000.1",
      high: "97010",
      low: "96990.05",
      close: "97005",
      volume: "3.750001",
      amount: "363752.697001",
    });
    expect(filled().klines("BTCUSDT", "Month1", { limit: 10 })).toHaveLength(1);
  });

  it("returns the first `limit` bars from startTime, else the last `limit` up to endTime", () => {
    const book = createKlineBook([BTC]);
    const base = at("2025-03-13T00:00:00Z");
    for (let i = 0; i < 10; i++) book.addTrade("BTCUSDT", String(100 + i), "1", base + i * 60_000);
    const opens = (bars: { open: string }[]) => bars.map((bar) => bar.open);
    expect(opens(book.klines("BTCUSDT", "Min1", { limit: 3 }))).toEqual(["107", "108", "109"]);
    expect(opens(book.klines("BTCUSDT", "Min1", { startTime: base + 2 * 60_000, limit: 3 }))).toEqual([
      "102",
      "103",
      "104",
    ]);
    expect(opens(book.klines("BTCUSDT", "Min1", { endTime: base + 4 * 60_000, limit: 2 }))).toEqual(["103", "104"]);
    expect(book.klines("BTCUSDT", "Min2", { limit: 3 })).toEqual([]);
  });

  it("keeps a bounded history per interval", () => {
    const book = createKlineBook([BTC], 5);
    const base = at("2025-03-13T00:00:00Z");
    for (let i = 0; i < 12; i++) book.addTrade("BTCUSDT", String(100 + i), "1", base + i * 60_000);
    const bars = book.klines("BTCUSDT", "Min1", { limit: 100 });
    expect(bars.map((bar) => bar.open)).toEqual(["107", "108", "109", "110", "111"]);
  });

  it("shows a flat zero-volume current bar at the last close when nothing traded yet in the window", () => {
    const book = filled();
    const later = at("2025-03-13T17:52:10Z");
    expect(book.current("BTCUSDT", "Min1", later)).toEqual({
      interval: "Min1",
      openTime: at("2025-03-13T17:52:00Z"),
      closeTime: at("2025-03-13T17:53:00Z"),
      open: "97005",
      high: "97005",
      low: "97005",
      close: "97005",
      volume: "0",
      amount: "0",
    });
    expect(book.current("BTCUSDT", "Min60", later)).toMatchObject({ volume: "3.750001" });
    expect(createKlineBook([BTC]).current("BTCUSDT", "Min1", later)).toBeUndefined();
  });
});
