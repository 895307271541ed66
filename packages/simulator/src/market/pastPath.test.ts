import { Decimal as Big, DAY_MS, MINUTE_MS } from "@mexc-live/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSimulator } from "../../test/restKit.js";
import type { SimulatorParts } from "../simulator.js";
import { DEFAULT_SYMBOLS } from "../symbols.js";
import { createPastPath } from "./pastPath.js";

const BTC = DEFAULT_SYMBOLS.find((config) => config.symbol === "BTCUSDT")!;

describe("the market's past price path", () => {
  const now = Date.UTC(2026, 10, 20, 12, 0, 0);
  const path = (seed: number) =>
    createPastPath({ seed, dailyVolatility: 0.03, from: now - 40 * DAY_MS, now, seeded: () => [] });

  it("gives every past minute the same bar whatever the order it is asked in, and another seed another path", () => {
    const minutes = Array.from({ length: 50 }, (_, i) => now - (i * 997 + 1) * MINUTE_MS);
    const forwards = path(7);
    const backwards = path(7);
    const first = minutes.map((minute) => forwards.minute(BTC, minute));
    const second = [...minutes].reverse().map((minute) => backwards.minute(BTC, minute));
    expect(first).toEqual(second.reverse());
    expect(minutes.map((minute) => path(8).minute(BTC, minute))).not.toEqual(first);
    for (const bar of first) {
      expect(bar).toBeDefined();
      expect(bar!.low).toBeLessThanOrEqual(Math.min(bar!.open, bar!.close));
      expect(bar!.high).toBeGreaterThanOrEqual(Math.max(bar!.open, bar!.close));
    }
  });

  it("chains minutes (each opens at the previous close) and has no bar before its start", () => {
    const past = path(3);
    const start = now - 10 * DAY_MS;
    for (let minute = start; minute < start + 120 * MINUTE_MS; minute += MINUTE_MS) {
      expect(past.minute(BTC, minute + MINUTE_MS)!.open).toBe(past.minute(BTC, minute)!.close);
    }
    expect(past.minute(BTC, past.from - MINUTE_MS)).toBeUndefined();
  });

  it("serves the seeded minutes it holds, up to where the market's own begin", () => {
    // The market keeps 1,500 minutes of a day seeded with 1,440: an hour after the start its
    // oldest seeded minutes have left it, and the past must serve them (it ended at the first).
    const seededFrom = now - 120 * MINUTE_MS;
    const seeded = path(4).bars(BTC, "Min1", { start: seededFrom, end: now, limit: 1000 });
    expect(seeded).toHaveLength(120);
    const past = createPastPath({ seed: 9, dailyVolatility: 0.03, from: now - 40 * DAY_MS, now, seeded: () => seeded });
    expect(past.until("BTCUSDT")).toBe(now);
    expect(past.bars(BTC, "Min1", { start: seededFrom, end: now, limit: 1000 })).toEqual(seeded);
    // Before them, the path's own minutes, joined to the first seeded open.
    const [before] = past.bars(BTC, "Min1", { start: seededFrom - MINUTE_MS, end: seededFrom, limit: 1 });
    expect(before?.close).toBe(seeded[0]?.open);
  });

  it("aggregates a day's candle from its minutes: first open, last close, the extremes", () => {
    const past = path(5);
    const day = Math.floor((now - 3 * DAY_MS) / DAY_MS) * DAY_MS;
    const [bar] = past.bars(BTC, "Day1", { start: day, end: day + 1, limit: 1 });
    const minutes = Array.from({ length: 1440 }, (_, i) => past.minute(BTC, day + i * MINUTE_MS)!);
    const price = (ticks: number) => new Big(ticks).div(new Big(10).pow(BTC.pricePrecision)).toFixed();
    expect(bar).toMatchObject({
      openTime: day,
      closeTime: day + DAY_MS,
      open: price(minutes[0]!.open),
      close: price(minutes[1439]!.close),
      high: price(Math.max(...minutes.map((m) => m.high))),
      low: price(Math.min(...minutes.map((m) => m.low))),
    });
  });
});

describe("past klines through REST (historyDays 5)", () => {
  let sim: SimulatorParts;
  beforeAll(() => {
    sim = testSimulator({ historyDays: 5 });
  });
  afterAll(() => sim?.close());

  const klines = async (params: Record<string, string>) => {
    const query = new URLSearchParams(params).toString();
    const response = await sim.app.inject({ method: "GET", url: `/api/v3/klines?${query}` });
    expect(response.statusCode).toBe(200);
    return response.json() as [number, string, string, string, string, string, number, string][];
  };

  it("puts every past fill of the demo account inside the 1-minute candle of its time", async () => {
    const trades = sim.exchange.ledger("demo").trades.filter((trade) => trade.symbol === "ETHUSDT");
    expect(trades.length).toBeGreaterThan(5);
    for (const trade of trades.slice(0, 40)) {
      const minute = Math.floor(trade.time / MINUTE_MS) * MINUTE_MS;
      const [bar] = await klines({
        symbol: "ETHUSDT",
        interval: "1m",
        startTime: String(minute),
        endTime: String(minute + MINUTE_MS - 1),
        limit: "1",
      });
      expect(bar?.[0]).toBe(minute);
      const [, , high, low] = bar!;
      expect(
        new Big(trade.price).gte(low) && new Big(trade.price).lte(high),
        `${trade.price} in [${low}, ${high}]`,
      ).toBe(true);
    }
  });

  it("keeps every past fill of every account and symbol inside its minute's candle (the path itself)", () => {
    for (const account of ["demo", "docs"]) {
      const trades = sim.exchange.ledger(account).trades;
      expect(trades.length).toBeGreaterThan(20);
      for (const trade of trades) {
        const config = DEFAULT_SYMBOLS.find((entry) => entry.symbol === trade.symbol)!;
        const bar = sim.market.past.minute(config, Math.floor(trade.time / MINUTE_MS) * MINUTE_MS)!;
        const ticks = new Big(trade.price).times(new Big(10).pow(config.pricePrecision)).toNumber();
        expect(ticks >= bar.low && ticks <= bar.high, `${account} ${trade.symbol} ${trade.price}`).toBe(true);
      }
    }
  });

  it("serves a whole past day in 1-minute candles without a hole, and its day candle closes at the last minute's close", async () => {
    const day = Math.floor((Date.now() - 3 * DAY_MS) / DAY_MS) * DAY_MS;
    const first = await klines({
      symbol: "BTCUSDT",
      interval: "1m",
      startTime: String(day),
      endTime: String(day + DAY_MS - 1),
      limit: "1000",
    });
    const rest = await klines({
      symbol: "BTCUSDT",
      interval: "1m",
      startTime: String(day + 1000 * MINUTE_MS),
      endTime: String(day + DAY_MS - 1),
      limit: "1000",
    });
    const minutes = [...first, ...rest];
    expect(minutes.map((bar) => bar[0])).toEqual(Array.from({ length: 1440 }, (_, i) => day + i * MINUTE_MS));
    const [dayBar] = await klines({
      symbol: "BTCUSDT",
      interval: "1d",
      startTime: String(day),
      endTime: String(day),
      limit: "1",
    });
    expect(dayBar?.[4]).toBe(minutes[1439]?.[4]);
    expect(dayBar?.[1]).toBe(minutes[0]?.[1]);
  });

  it("joins the past to the market's own minutes: no gap at the start of the seeded day", async () => {
    // The seeded minutes (testSimulator: 120) end where the market's own take over.
    const handOver = sim.market.past.until("BTCUSDT") - 120 * MINUTE_MS;
    const bars = await klines({
      symbol: "BTCUSDT",
      interval: "1m",
      startTime: String(handOver - 5 * MINUTE_MS),
      endTime: String(handOver + 4 * MINUTE_MS),
      limit: "10",
    });
    expect(bars.map((bar) => bar[0])).toEqual(Array.from({ length: 10 }, (_, i) => handOver + (i - 5) * MINUTE_MS));
    // The last past minute closes where the first seeded minute opens.
    expect(bars[4]?.[4]).toBe(bars[5]?.[1]);
  });
});
