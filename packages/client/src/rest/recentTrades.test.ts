import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RestEndpoints } from "./endpoints.js";
import { RestClient } from "./restClient.js";

let sim: RunningSimulator;
let endpoints: RestEndpoints;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 6, demoTrader: false, market: { takerIntervalMs: 20 } });
  endpoints = new RestEndpoints(new RestClient({ baseUrl: sim.rest }));
});
afterAll(() => sim?.close());

/** Resolves once the simulator's market has made `count` public trades of `symbol`. */
function publicTrades(symbol: string, count: number): Promise<void> {
  return new Promise((resolve) => {
    let made = 0;
    const stop = sim.exchange.onEvent((event) => {
      if (event.kind !== "publicTrade" || event.symbol !== symbol || ++made < count) return;
      stop();
      resolve();
    });
  });
}

describe("recentTrades: a symbol's latest public trades", () => {
  it("lists at most `limit` of them, as MEXC answers: no id, decimals as strings, the taker's side as isBuyerMaker", async () => {
    let trades = await endpoints.recentTrades("BTCUSDT", 5);
    if (trades.length < 5) {
      await publicTrades("BTCUSDT", 5);
      trades = await endpoints.recentTrades("BTCUSDT", 5);
    }
    expect(trades).toHaveLength(5);
    for (const trade of trades) {
      expect(trade.id).toBeNull();
      expect(trade.price).toMatch(/^\d+(\.\d+)?$/);
      expect(trade.qty).toMatch(/^\d+(\.\d+)?$/);
      expect(Number(trade.quoteQty)).toBeCloseTo(Number(trade.price) * Number(trade.qty), 6);
      expect(typeof trade.isBuyerMaker).toBe("boolean");
      expect(trade.time).toBeGreaterThan(Date.now() - 60_000);
    }
    expect((await endpoints.recentTrades("BTCUSDT")).length).toBeGreaterThanOrEqual(5);
  });
});
