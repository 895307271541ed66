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

  it("an order lost before it reached the exchange is reported not placed", async () => {
    sim = await startSimulator({ port: 0, seed: 22, demoTrader: false });
    const endpoints = new RestEndpoints(
      new RestClient({
        baseUrl: sim.rest,
        apiKey: sim.apiKey,
        apiSecret: sim.secretKey,
        fetch: flakyFetch("/api/v3/order", "before"),
      }),
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
    expect((error as ClientError).errorClass).toBe("retryable");
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
    expect(canceled.status).toBe("CANCELED");
  });
});
