import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { ClientError } from "../errors.js";
import { RestEndpoints } from "./endpoints.js";
import { RestClient } from "./restClient.js";

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** A resting buy far below the market: it never trades. */
async function farBid(endpoints: RestEndpoints): Promise<{ price: string; quantity: string }> {
  const depth = await endpoints.depth("BTCUSDT", 5);
  const bid = Number(depth.bids[0]![0]);
  return { price: (Math.floor(bid * 0.8 * 100) / 100).toFixed(2), quantity: "0.001" };
}

const clientOrderIdsInLedger = (s: RunningSimulator) =>
  new Set(s.exchange.ledger("demo").orders.map((order) => order.clientOrderId));

/** The transport fails the way networks do: before the request left, or after the answer was lost. */
function flakyFetch(path: string, when: "before" | "after"): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    const hit = url.includes(path) && init?.method === "POST";
    if (hit && when === "before") throw new TypeError("fetch failed: connection reset");
    const response = await fetch(input, init);
    if (hit) throw new TypeError("fetch failed: socket hang up");
    return response;
  };
}

describe("placeOrder with an unknown outcome", () => {
  it("a 5XX on placement is resolved by querying the order: it was placed, and the answer says so", async () => {
    sim = await startSimulator({ port: 0, seed: 21, demoTrader: false, faults: "http5xx=1" });
    const endpoints = new RestEndpoints(
      new RestClient({ baseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey }),
    );
    const placed = await endpoints.placeOrder({
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      ...(await farBid(endpoints)),
    });
    expect(placed.resolvedBy).toBe("query");
    expect(sim.faults.injected().http5xx).toBe(1);
    const truth = sim.exchange.getOrder("demo", "BTCUSDT", { clientOrderId: placed.clientOrderId });
    expect(truth?.orderId).toBe(placed.orderId);
    expect(truth?.status).toBe("NEW");
  });

  it("waits out MEXC's read-after-write lag: an order not found for seconds after a 5XX is still found, not reported unplaced (docs/mexc/undocumented.md#orders item 11.13)", async () => {
    sim = await startSimulator({ port: 0, seed: 25, demoTrader: false, faults: "http5xx=1", orderReadLagMs: 2_000 });
    const rest = new RestClient({ baseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey });
    const endpoints = new RestEndpoints(rest);
    const placed = await endpoints.placeOrder({
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      ...(await farBid(endpoints)),
    });
    expect(placed.resolvedBy).toBe("query");
    // MEXC said -2013 first: it took more than one look.
    expect(rest.stats().byEndpoint["GET /api/v3/order"]).toBeGreaterThan(1);
    expect(sim.exchange.getOrder("demo", "BTCUSDT", { clientOrderId: placed.clientOrderId })?.status).toBe("NEW");
  }, 30_000);

  it("gives up too soon with a lookup window shorter than MEXC's lag: the placed order reported unplaced (why the window is long)", async () => {
    sim = await startSimulator({ port: 0, seed: 26, demoTrader: false, faults: "http5xx=1", orderReadLagMs: 3_000 });
    const endpoints = new RestEndpoints(
      new RestClient({ baseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey }),
      { orderLookup: { windowMs: 600 } },
    );
    const error = await endpoints
      .placeOrder({
        symbol: "BTCUSDT",
        side: "BUY",
        type: "LIMIT",
        clientOrderId: "lagged",
        ...(await farBid(endpoints)),
      })
      .catch((caught: unknown) => caught);
    expect((error as ClientError).code).toBe("ORDER_NOT_PLACED");
    expect(clientOrderIdsInLedger(sim).has("lagged")).toBe(true);
  });

  it("an order lost before it reached the exchange is reported not placed", async () => {
    sim = await startSimulator({ port: 0, seed: 22, demoTrader: false });
    const endpoints = new RestEndpoints(
      new RestClient({
        baseUrl: sim.rest,
        apiKey: sim.apiKey,
        apiSecret: sim.secretKey,
        fetch: flakyFetch("/api/v3/order", "before"),
      }),
      // Believed sooner than the default 15 s so the test stays short; the order never existed.
      { orderLookup: { windowMs: 1_500 } },
    );
    const error = await endpoints
      .placeOrder({
        symbol: "BTCUSDT",
        side: "BUY",
        type: "LIMIT",
        clientOrderId: "lost-before",
        ...(await farBid(endpoints)),
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).code).toBe("ORDER_NOT_PLACED");
    expect((error as ClientError).class).toBe("retryable");
    expect(clientOrderIdsInLedger(sim).has("lost-before")).toBe(false);
  });

  it("an answer lost after the order was placed is resolved to the placed order", async () => {
    sim = await startSimulator({ port: 0, seed: 23, demoTrader: false });
    const endpoints = new RestEndpoints(
      new RestClient({
        baseUrl: sim.rest,
        apiKey: sim.apiKey,
        apiSecret: sim.secretKey,
        fetch: flakyFetch("/api/v3/order", "after"),
      }),
    );
    const placed = await endpoints.placeOrder({
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      clientOrderId: "lost-after",
      ...(await farBid(endpoints)),
    });
    expect(placed.resolvedBy).toBe("query");
    expect(clientOrderIdsInLedger(sim).has("lost-after")).toBe(true);
  });

  it("always sends a clientOrderId, generated when the caller gives none", async () => {
    sim = await startSimulator({ port: 0, seed: 24, demoTrader: false });
    const endpoints = new RestEndpoints(
      new RestClient({ baseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey }),
    );
    const placed = await endpoints.placeOrder({
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      ...(await farBid(endpoints)),
    });
    expect(placed.resolvedBy).toBe("reply");
    expect(placed.clientOrderId).toMatch(/^ml[0-9a-f]{24}$/);
    expect(clientOrderIdsInLedger(sim).has(placed.clientOrderId)).toBe(true);
    const canceled = await endpoints.cancelOrder({ symbol: "BTCUSDT", clientOrderId: placed.clientOrderId });
    // MEXC's live cancel answer carries no status (docs/mexc/undocumented.md#orders item 11.20); the order is canceled all the same.
    expect(canceled).toMatchObject({ orderId: placed.orderId, resolvedBy: "reply" });
    expect(sim.exchange.getOrder("demo", "BTCUSDT", { clientOrderId: placed.clientOrderId })?.status).toBe("CANCELED");
  });
});
