import { Decimal as Big } from "@mexc-live/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createClock } from "../clock.js";
import { createExchange } from "../engine/exchange.js";
import { createRandom } from "../random.js";
import { DEFAULT_SYMBOLS } from "../symbols.js";
import type { Market, PublicTradeEvent } from "../types.js";
import { type Firehose, startFirehose } from "./firehose.js";
import { startMarket } from "./market.js";

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.useRealTimers();
});

/**
 * Fake timers. The firehose owes trades by its clock (performance.now unless a test gives its
 * own) and ends each round on the real performance.now: a test with a clock of its own fakes the
 * timers alone, so that a round beyond the machine still ends.
 */
const fakeEverything = () => vi.useFakeTimers();
const fakeTimersOnly = () =>
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });

/** A market whose own taker flow is too slow to print anything during a test. */
function quietMarket(firehoseTradesPerSecond = 0) {
  const clock = createClock(1);
  const exchange = createExchange({ symbols: [...DEFAULT_SYMBOLS], clock, random: createRandom(7) });
  const market: Market = startMarket({
    exchange,
    clock,
    random: createRandom(7),
    demo: { account: "demo", trader: false },
    options: { seedHistoryMinutes: 0, takerIntervalMs: 3_600_000, makerRequoteMs: 3_600_000, firehoseTradesPerSecond },
  });
  stops.push(market.stop);
  const trades: PublicTradeEvent[] = [];
  exchange.onEvent((event) => {
    if (event.kind === "publicTrade") trades.push(event);
  });
  return { exchange, trades };
}

const pause = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe("firehose load mode", () => {
  it("prints trades at the touch without changing the visible book or any account", async () => {
    fakeEverything();
    const { exchange, trades } = quietMarket();
    const book = (symbol: string) => {
      const { lastUpdateId, bids, asks } = exchange.depthSnapshot(symbol, 20);
      return { lastUpdateId, bids, asks };
    };
    const before = DEFAULT_SYMBOLS.map(({ symbol }) => book(symbol));
    const firehose = startFirehose({ exchange, random: createRandom(1), tradesPerSecond: 2_000 });
    stops.push(firehose.stop);
    await pause(200);
    firehose.stop();

    expect(trades.length).toBeGreaterThan(50);
    expect(new Set(trades.map((trade) => trade.tradeId)).size).toBe(trades.length);
    expect(new Set(trades.map((trade) => trade.symbol))).toEqual(new Set(DEFAULT_SYMBOLS.map((s) => s.symbol)));
    for (const trade of trades) {
      const touch = exchange.bestBidAsk(trade.symbol)!;
      expect(trade.price, `${trade.symbol} ${trade.takerSide}`).toBe(
        trade.takerSide === "BUY" ? touch.askPrice : touch.bidPrice,
      );
      expect(new Big(trade.quantity).gt(0)).toBe(true);
    }
    DEFAULT_SYMBOLS.forEach(({ symbol }, index) => {
      expect(book(symbol), symbol).toEqual(before[index]);
    });
    const last = trades.findLast((trade) => trade.symbol === "BTCUSDT")!;
    expect(exchange.lastPrice("BTCUSDT")).toBe(last.price);
    expect(exchange.recentTrades("BTCUSDT", 1)[0]).toEqual(last);
    expect(exchange.ledger("demo").trades).toEqual([]);
  });

  it("keeps to its rate on the wall clock", async () => {
    fakeTimersOnly();
    let now = 0;
    const { exchange, trades } = quietMarket();
    const firehose: Firehose = startFirehose({
      exchange,
      random: createRandom(1),
      // 10 per round: below the round budget's first check, so a loaded machine cannot drop any.
      tradesPerSecond: 1_000,
      now: () => now,
    });
    stops.push(firehose.stop);
    for (let step = 0; step < 20; step++) {
      now += 10;
      await pause(5);
    }
    firehose.stop();
    // 200 ms of its clock at 1k/s, whatever the real timer did.
    expect(trades.length).toBe(200);
    expect(firehose.stats()).toEqual({ printed: 200, dropped: 0 });
  });

  it("drops the backlog of a long stall instead of bursting it", async () => {
    fakeTimersOnly();
    let now = 0;
    const { exchange, trades } = quietMarket();
    const firehose = startFirehose({ exchange, random: createRandom(1), tradesPerSecond: 1_000, now: () => now });
    stops.push(firehose.stop);
    now = 5_000;
    // Printed over a few rounds (each bounded in time): wait for them, boundedly, on a busy machine too.
    for (let round = 0; round < 100 && trades.length < 100; round++) await pause(10);
    await pause(20);
    firehose.stop();
    // At most 100 ms worth printed (fewer when a loaded machine cuts the round short: those are
    // dropped too), never the 5 s owed; everything owed is either printed or counted as dropped.
    const { printed, dropped } = firehose.stats();
    expect(trades.length).toBe(printed);
    expect(printed).toBeGreaterThan(0);
    expect(printed).toBeLessThanOrEqual(100);
    expect(printed + dropped).toBe(5_000);
  });

  it("drops what does not fit in a round instead of starving the process, at a rate beyond the machine", async () => {
    fakeTimersOnly();
    let now = 0;
    const { exchange } = quietMarket();
    const firehose = startFirehose({ exchange, random: createRandom(1), tradesPerSecond: 1e9, now: () => now });
    stops.push(firehose.stop);
    const started = performance.now();
    let slowest = 0;
    for (let step = 0; step < 5; step++) {
      now += 100; // 100 ms of its clock: 100 million trades owed per round
      const before = performance.now();
      await pause(5);
      slowest = Math.max(slowest, performance.now() - before);
    }
    firehose.stop();
    const { printed, dropped } = firehose.stats();
    expect(printed).toBeGreaterThan(0);
    expect(printed + dropped).toBe(5 * 100_000_000);
    // Each round prints for about 5 ms, so timers still run: nowhere near the ~minutes 500M prints take.
    expect(slowest).toBeLessThan(1_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("runs from the market options and stops with the market", async () => {
    fakeEverything();
    const { trades } = quietMarket(1_000);
    await pause(150);
    expect(trades.length).toBeGreaterThan(20);
    for (const stop of stops.splice(0)) stop();
    const count = trades.length;
    await pause(50);
    expect(trades.length).toBe(count);
  });

  it("refuses a rate that is not a positive number", () => {
    const { exchange } = quietMarket();
    expect(() => startFirehose({ exchange, random: createRandom(1), tradesPerSecond: 0 })).toThrow(/tradesPerSecond/);
  });
});
