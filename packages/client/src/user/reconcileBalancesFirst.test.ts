/**
 * A reconciliation tells its account read as soon as REST answers it, before the slow part (the
 * orders and fills of every pair): the balance pushes held meanwhile wait for that read alone
 * (eventSequencer.ts, docs/accounts.md "Events during a reconciliation"). Against the simulator.
 */
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { RestEndpoints } from "../rest/endpoints.js";
import { RestClient } from "../rest/restClient.js";
import { ExecutionRecord } from "./executionRecord.js";
import { type BalanceRead, Reconciler } from "./reconcile.js";

let sim: RunningSimulator | undefined;
let rest: RestClient | undefined;
afterEach(async () => {
  rest?.close();
  await sim?.close();
  sim = rest = undefined;
});

describe("Reconciler's account read", () => {
  it("is told before any order or fill is asked for, with the local and server times the request left at", async () => {
    sim = await startSimulator({ port: 0, seed: 73, demoTrader: false });
    rest = new RestClient({ baseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey });
    const reconciler = new Reconciler({
      endpoints: new RestEndpoints(rest),
      record: new ExecutionRecord(),
      symbols: ["BTCUSDT", "ETHUSDT"],
      discoverSymbols: false,
    });
    const told: { read: BalanceRead; endpointsSoFar: string[] }[] = [];
    const localBefore = Date.now();
    const result = await reconciler.run(rest.serverNow() - 60_000, (read) =>
      told.push({ read, endpointsSoFar: Object.keys(rest!.stats().byEndpoint) }),
    );

    expect(told).toHaveLength(1);
    const [{ read, endpointsSoFar }] = told as [(typeof told)[number]];
    // Only the account read had gone out (and the clock sync before it); the orders and fills came after.
    const afterwards = Object.keys(rest.stats().byEndpoint);
    expect(endpointsSoFar.filter((endpoint) => !endpoint.includes("time"))).toEqual([
      expect.stringContaining("/api/v3/account"),
    ]);
    expect(afterwards).toEqual(
      expect.arrayContaining([
        expect.stringContaining("/api/v3/myTrades"),
        expect.stringContaining("/api/v3/allOrders"),
      ]),
    );
    expect(read.balances.get("USDT")).toEqual(result.balances.get("USDT"));
    expect(read.balancesReadAt).toBeGreaterThanOrEqual(localBefore);
    expect(read.balancesReadAt).toBe(result.balancesReadAt);
    // The server time the read left at: on the REST client's clock, not before the run began.
    expect(read.balancesServerTime).toBeGreaterThanOrEqual(result.serverTime);
  });
});
