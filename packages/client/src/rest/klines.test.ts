import { DAY_MS, MINUTE_MS } from "@mexc-live/protocol";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RestEndpoints } from "./endpoints.js";
import { RestClient } from "./restClient.js";

let sim: RunningSimulator;
let endpoints: RestEndpoints;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 4, demoTrader: false, historyDays: 3 });
  endpoints = new RestEndpoints(new RestClient({ baseUrl: sim.rest }));
});
afterAll(() => sim?.close());

describe("klines: candles of any past window", () => {
  it("reads a window of 1-minute candles two days back, oldest first, each a decimal row with its times", async () => {
    const start = Math.floor((Date.now() - 2 * DAY_MS) / MINUTE_MS) * MINUTE_MS;
    const rows = await endpoints.klines("BTCUSDT", "1m", { startTime: start, endTime: start + 10 * MINUTE_MS - 1 });
    expect(rows.map((row) => row[0])).toEqual(Array.from({ length: 10 }, (_, i) => start + i * MINUTE_MS));
    for (const [openTime, open, high, low, close, , closeTime] of rows) {
      expect(closeTime).toBe(openTime + MINUTE_MS);
      for (const price of [open, high, low, close]) expect(price).toMatch(/^\d+(\.\d+)?$/);
      expect(Number(low)).toBeLessThanOrEqual(Number(high));
    }
  });

  it("stops at `limit`", async () => {
    const start = Date.now() - DAY_MS;
    const rows = await endpoints.klines("ETHUSDT", "5m", { startTime: start, endTime: start + DAY_MS / 2, limit: 7 });
    expect(rows).toHaveLength(7);
  });
});
