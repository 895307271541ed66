/**
 * An order edited on MEXC's website arrives as a cancel push, then a new order with a new id
 * (ccxt/ccxt#23231; the simulator's POST /_sim/editOrder does the same). The gateway's order
 * history (GET /api/orders?status=all, what the dashboard's order history reads) shows both: the
 * old order canceled and the new one open at the new price, each under its own id. The gateway
 * and the simulator over 127.0.0.1.
 */
import type { OrderItem } from "@mexc-live/contract";
import type { RunningSimulator } from "@mexc-live/simulator";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import { getJson, settingsFor, simulatorEnv, startBusySimulator, tempDir, waitFor } from "../e2eKit.js";

let sim: RunningSimulator | undefined;
let gateway: RunningGateway | undefined;
const data = tempDir("web-edit");

afterAll(async () => {
  await gateway?.close();
  await sim?.close();
  data.remove();
});

const orders = async () =>
  (await getJson<{ items: OrderItem[] }>(`${gateway!.url}api/orders?status=all&limit=1000`)).items;

describe("an order edited on MEXC's website", () => {
  it("is shown in order history as the old order canceled and a new order open, each under its own id", async () => {
    sim = await startBusySimulator({ seed: 28, demoTrader: false });
    gateway = await startGateway(
      settingsFor(["--port", "0", "--data", data.path, "--batch-ms", "20"], simulatorEnv(sim)),
      { logger: createLogger({ level: "silent" }) },
    );
    await waitFor("a live account", async () =>
      (await getJson<{ upstream: { state: string } }>(`${gateway!.url}api/health`)).upstream.state === "live"
        ? true
        : undefined,
    );
    // A resting buy far below the market: it neither fills before nor after the edit.
    const placed = sim.exchange.placeOrder({
      account: "demo",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "1000",
      quantity: "0.01",
    });
    await waitFor("the order in history", async () =>
      (await orders()).some((order) => order.orderId === placed.orderId) ? true : undefined,
    );

    const response = await fetch(`${sim.rest}/_sim/editOrder`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ symbol: "BTCUSDT", orderId: placed.orderId, price: "1001" }),
    });
    expect(response.ok).toBe(true);
    const [, replacement] = (await response.json()) as { orderId: string }[];
    expect(replacement!.orderId).not.toBe(placed.orderId);

    const shown = await waitFor("both orders in history", async () => {
      const items = await orders();
      const old = items.find((order) => order.orderId === placed.orderId);
      const added = items.find((order) => order.orderId === replacement!.orderId);
      return old?.status === "CANCELED" && added !== undefined ? { old, added } : undefined;
    });
    expect(shown.old).toMatchObject({ symbol: "BTCUSDT", side: "BUY", price: "1000", status: "CANCELED" });
    expect(shown.added).toMatchObject({
      symbol: "BTCUSDT",
      side: "BUY",
      price: "1001",
      quantity: "0.01",
      status: "NEW",
    });
    const open = await getJson<{ items: OrderItem[] }>(`${gateway.url}api/orders?status=open`);
    expect(open.items.map((order) => order.orderId)).toEqual([replacement!.orderId]);
  }, 60_000);
});
