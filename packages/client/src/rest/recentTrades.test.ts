import { setTimeout as sleep } from "node:timers/promises";
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

describe("recentTrades: a symbol's latest public trades", () => {
  it("lists at most `limit` of them, as MEXC answers: no id, decimals as strings, the taker's side as isBuyerMaker", async () => {
    let trades = await endpoints.recentTrades("BTCUSDT", 5);
    for (let tries = 0; trades.length < 5 && tries < 100; tries++) {
      await sleep(50);
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
