/**
 * MEXC's REST lags its writes (docs/mexc/undocumented.md#orders item 11.13, ccxt/ccxt#21614): -2013 "Order does not exist." for an
 * order the stream reported is no proof. The reconciler keeps such an order open, has it asked
 * about again, and forgets it only once MEXC has said so for ORDER_MISSING_FORGET_MS.
 */
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ORDER_MISSING_FORGET_MS } from "../constants.js";
import { RestEndpoints } from "../rest/endpoints.js";
import { RestClient } from "../rest/restClient.js";
import { ExecutionRecord } from "./executionRecord.js";
import { Reconciler } from "./reconcile.js";

let sim: RunningSimulator | undefined;
let rest: RestClient | undefined;
afterEach(async () => {
  vi.useRealTimers();
  rest?.close();
  await sim?.close();
  sim = rest = undefined;
});

async function setUp(orderReadLagMs: number) {
  sim = await startSimulator({ port: 0, seed: 71, demoTrader: false, orderReadLagMs });
  rest = new RestClient({ baseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey });
  const record = new ExecutionRecord();
  let now = Date.now();
  const pending: number[] = [];
  const reconciler = new Reconciler({
    endpoints: new RestEndpoints(rest),
    record,
    discoverSymbols: false,
    now: () => now,
    onOrdersPending: (count) => pending.push(count),
  });
  // Orders created from a minute ahead on: allOrders shows none, each known order is asked for alone.
  const run = () => reconciler.run(rest!.serverNow() + 60_000);
  return { record, reconciler, pending, run, advance: (ms: number) => (now += ms) };
}

/**
 * The simulator's lag in the first test: long beside one reconciliation (which asks three times
 * over a second, slower on a loaded machine), so the first run meets it whatever the load; the
 * wait for its end is counted from the order's own time, not guessed.
 */
const READ_LAG_MS = 5_000;

describe("an order MEXC does not find (-2013)", () => {
  it("is kept open while MEXC's REST lags, then read as it is once MEXC finds it", async () => {
    const { record, pending, run } = await setUp(READ_LAG_MS);
    // The clock alone is faked (both sides read it: the simulator dates the order and measures its
    // lag with it); the sockets' timers stay real.
    vi.useFakeTimers({ toFake: ["Date"] });
    const order = sim!.exchange.placeOrder({
      account: "demo",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "1000",
      quantity: "0.01",
      source: "api",
    });
    sim!.exchange.cancelOrder("demo", "BTCUSDT", { orderId: order.orderId }); // gone from openOrders
    record.seedOpenOrder("BTCUSDT", order.orderId);

    const first = await run();
    expect(record.openOrders().map((known) => known.orderId)).toEqual([order.orderId]);
    expect(first.events.filter((event) => event.type === "order")).toEqual([]);
    expect(pending).toEqual([1]);

    const lagLeft = order.time + READ_LAG_MS - Date.now();
    expect(lagLeft, "the first reconciliation ran inside MEXC's lag").toBeGreaterThan(0);
    vi.setSystemTime(Date.now() + lagLeft + 100);
    const second = await run();
    expect(
      second.events.filter((event) => event.type === "order").map((event) => [event.orderId, event.status]),
    ).toEqual([[order.orderId, "CANCELED"]]);
    expect(pending).toEqual([1, 0]);
  });

  it("is forgotten only once MEXC has said -2013 about it for ORDER_MISSING_FORGET_MS", async () => {
    const { record, pending, run, advance } = await setUp(0);
    record.seedOpenOrder("BTCUSDT", "C02__000000000000000000000");
    await run();
    advance(ORDER_MISSING_FORGET_MS / 2);
    await run();
    expect(record.openOrders()).toHaveLength(1);
    advance(ORDER_MISSING_FORGET_MS / 2);
    await run();
    expect(record.openOrders()).toEqual([]);
    expect(pending).toEqual([1, 1, 0]);
  });
});
