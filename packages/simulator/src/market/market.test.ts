import { Decimal as Big } from "@mexc-live/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createClock } from "../clock.js";
import { createExchange } from "../engine/exchange.js";
import { createRandom } from "../random.js";
import { DEFAULT_SYMBOLS } from "../symbols.js";
import type { Market, PublicTradeEvent } from "../types.js";
import { windowStart } from "./klineIntervals.js";
import { BUSY_DEMO_TRADER, DEMO_FUNDING, type MarketOptions, startMarket } from "./market.js";

/** Fast enough that a simulated minute passes in well under a second. */
const SPEED = 200;
const WAIT_LIMIT_MS = 10_000;
const running: Market[] = [];

// The market's timers and clock, faked: a simulated minute is 300 ms of fake time, moved at once.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const market of running.splice(0)) market.stop();
  vi.useRealTimers();
});

function start(seed = 1, options: MarketOptions = { seedHistoryMinutes: 0 }, trader = true) {
  const clock = createClock(SPEED);
  const exchange = createExchange({ symbols: [...DEFAULT_SYMBOLS], clock, random: createRandom(seed) });
  const trades: PublicTradeEvent[] = [];
  exchange.onEvent((event) => {
    if (event.kind === "publicTrade") trades.push(event);
  });
  const startedAt = clock.now();
  const market = startMarket({
    exchange,
    clock,
    random: createRandom(seed),
    demo: { account: "demo", trader },
    options,
  });
  running.push(market);
  return { exchange, market, trades, startedAt };
}

/** Moves the clock 5 ms at a time until `done` holds, WAIT_LIMIT_MS at most. */
async function waitFor(what: string, done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 5) {
    if (waited > WAIT_LIMIT_MS) throw new Error(`timed out waiting for ${what}`);
    await vi.advanceTimersByTimeAsync(5);
  }
}
const pause = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe("simulated market", () => {
  it("keeps both sides of every book populated with the best bid below the best ask", async () => {
    const { exchange, trades } = start();
    const check = () => {
      for (const { symbol } of DEFAULT_SYMBOLS) {
        const { bids, asks } = exchange.depthSnapshot(symbol, 20);
        expect(bids.length, `${symbol} bid levels`).toBeGreaterThanOrEqual(5);
        expect(asks.length, `${symbol} ask levels`).toBeGreaterThanOrEqual(5);
        expect(new Big(bids[0]![0]).lt(asks[0]![0]), `${symbol} touch`).toBe(true);
      }
    };
    for (const { symbol } of DEFAULT_SYMBOLS) {
      expect(exchange.depthSnapshot(symbol, 100).bids.length, `${symbol} at start`).toBeGreaterThanOrEqual(20);
    }
    for (let sample = 0; sample < 40; sample++) {
      check();
      await pause(10);
    }
    expect(trades.length).toBeGreaterThan(20);
  });

  it("prints public trades on every symbol, the API-disabled pair included, near each symbol's price", async () => {
    const { trades } = start();
    const traded = () => new Set(trades.map((trade) => trade.symbol));
    await waitFor("a trade on every symbol", () => traded().size === DEFAULT_SYMBOLS.length);
    expect(traded().has("FROPUSDT")).toBe(true);
    for (const trade of trades) {
      const config = DEFAULT_SYMBOLS.find((entry) => entry.symbol === trade.symbol)!;
      const ratio = new Big(trade.price).div(config.initialPrice);
      expect(ratio.gt(0.9) && ratio.lt(1.1), `${trade.symbol} at ${trade.price}`).toBe(true);
    }
  });

  it("aggregates its live trades into Min1 bars with matching open, high, low, close and volumes", async () => {
    const { market, trades, startedAt } = start();
    await waitFor("some trades", () => trades.filter((trade) => trade.symbol === "ETHUSDT").length >= 30);
    market.stop();
    const bars = market.klines("ETHUSDT", "Min1", { startTime: windowStart("Min1", startedAt), limit: 1000 });
    expect(bars.length).toBeGreaterThan(0);
    for (const bar of bars) {
      const inBar = trades.filter((t) => t.symbol === "ETHUSDT" && t.time >= bar.openTime && t.time < bar.closeTime);
      const prices = inBar.map((t) => new Big(t.price));
      expect(bar).toEqual({
        interval: "Min1",
        openTime: bar.openTime,
        closeTime: bar.openTime + 60_000,
        open: inBar[0]!.price,
        high: prices.reduce((a, b) => (b.gt(a) ? b : a)).toFixed(),
        low: prices.reduce((a, b) => (b.lt(a) ? b : a)).toFixed(),
        close: inBar.at(-1)!.price,
        volume: inBar.reduce((sum, t) => sum.plus(t.quantity), new Big(0)).toFixed(),
        amount: inBar.reduce((sum, t) => sum.plus(new Big(t.price).times(t.quantity)), new Big(0)).toFixed(),
      });
    }
    expect(market.currentKline("ETHUSDT", "Min1")?.close).toBe(
      trades.filter((t) => t.symbol === "ETHUSDT").at(-1)!.price,
    );
  });

  it("starts with a day of Min1 history, so klines and the 24 h ticker are not empty", () => {
    const { market, startedAt } = start(1, {});
    const bars = market.klines("BTCUSDT", "Min1", { limit: 1000 });
    expect(bars).toHaveLength(1000);
    const gaps = new Set(bars.slice(1).map((bar, i) => bar.openTime - bars[i]!.openTime));
    expect([...gaps]).toEqual([60_000]);
    expect(bars.at(-1)!.closeTime).toBe(windowStart("Min1", startedAt));
    expect(bars.at(-1)!.close).toBe("97000");
    const ticker = market.ticker24h("BTCUSDT");
    expect(new Big(ticker.volume).gt(0)).toBe(true);
    expect(new Big(ticker.highPrice).gte(ticker.lowPrice)).toBe(true);
    expect(market.miniTicker("BTCUSDT", "UTC+5:30").price).toBe("97000");
    expect(market.klines("BTCUSDT", "Day1", { limit: 5 }).length).toBeGreaterThanOrEqual(1);
  });

  it("funds the demo account; the demo trader places, fills and cancels orders, and stops when told", async () => {
    // Busy, so its ways show within seconds (at its history's pace it fills about once an hour: tradingPace.test.ts).
    const { exchange, market } = start(1, { seedHistoryMinutes: 0, ...BUSY_DEMO_TRADER });
    const balances = new Map(exchange.balances("demo").map((b) => [b.asset, b.free]));
    for (const [asset, amount] of Object.entries(DEMO_FUNDING)) expect(balances.get(asset), asset).toBe(amount);
    expect(new Big(balances.get("FROP") ?? "0").gt(0)).toBe(true);
    expect(market.demoTraderRunning()).toBe(true);

    const ledger = () => exchange.ledger("demo");
    await waitFor("demo orders, a fill and a cancel", () => {
      const { orders, trades } = ledger();
      const cancelled = orders.some((o) => o.type === "LIMIT" && o.status.endsWith("CANCELED"));
      return orders.length >= 5 && trades.length >= 1 && cancelled;
    });
    expect(ledger().orders.some((order) => order.symbol === "FROPUSDT")).toBe(false);

    market.setDemoTraderRunning(false);
    expect(market.demoTraderRunning()).toBe(false);
    const placed = ledger().orders.length;
    await pause(300); // a simulated minute: several actions' worth
    expect(ledger().orders.length).toBe(placed);
    for (const balance of exchange.balances("demo")) {
      expect(new Big(balance.free).gte(0) && new Big(balance.locked).gte(0), balance.asset).toBe(true);
    }
  });

  it("leaves the demo trader off when asked and can switch it on", async () => {
    const { exchange, market } = start(2, { seedHistoryMinutes: 0 }, false);
    await pause(200);
    expect(exchange.ledger("demo").orders).toHaveLength(0);
    market.setDemoTraderRunning(true);
    await waitFor("a demo order", () => exchange.ledger("demo").orders.length > 0);
  });

  it("stops all activity on stop()", async () => {
    const { exchange, market, trades } = start();
    await waitFor("some trades", () => trades.length >= 10);
    market.stop();
    const versions = DEFAULT_SYMBOLS.map(({ symbol }) => exchange.depthVersion(symbol));
    const count = trades.length;
    await pause(200);
    expect(DEFAULT_SYMBOLS.map(({ symbol }) => exchange.depthVersion(symbol))).toEqual(versions);
    expect(trades.length).toBe(count);
  });

  it("replays the same trades for the same seed", async () => {
    const N = 80;
    const firstTrades = async (seed: number) => {
      const { market, trades } = start(seed);
      await waitFor(`${N} trades`, () => trades.length >= N);
      market.stop();
      return trades.slice(0, N).map((t) => `${t.symbol} ${t.takerSide} ${t.quantity}@${t.price}`);
    };
    const first = await firstTrades(11);
    expect(await firstTrades(11)).toEqual(first);
    expect(await firstTrades(12)).not.toEqual(first);
  });
});
