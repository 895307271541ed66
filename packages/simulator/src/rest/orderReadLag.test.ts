/**
 * Right after MEXC accepts an order, GET /api/v3/order answers -2013 for a while (docs/mexc/undocumented.md#orders item 11.13), and
 * the live cancel answer has only six fields (docs/mexc/undocumented.md#orders item 11.20): each on by default, each off with its switch.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { DOCS_ACCOUNT, sendSigned, testSimulator } from "../../test/restKit.js";
import type { SimulatorOptions, SimulatorParts } from "../simulator.js";

let sim: SimulatorParts | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await sim?.close();
  sim = undefined;
});

function start(options: SimulatorOptions = {}): SimulatorParts {
  sim = testSimulator(options);
  return sim;
}

const RESTING_BUY = { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", price: "50000", quantity: "0.01" };

describe("GET /api/v3/order lags the write (docs/mexc/undocumented.md#orders item 11.13)", () => {
  it("answers -2013 for a new order until orderReadLagMs has passed, then the order", async () => {
    vi.useFakeTimers({ toFake: ["Date"] }); // the clock alone: the lag is measured on it
    const parts = start({ orderReadLagMs: 400 });
    const placed = (await sendSigned(parts, DOCS_ACCOUNT, "POST", "/api/v3/order", RESTING_BUY)).json();
    const query = { symbol: "BTCUSDT", orderId: placed.orderId as string };
    const early = await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/order", query);
    expect([early.statusCode, early.json()]).toEqual([
      400,
      { msg: "Order does not exist.", code: -2013, _extend: null },
    ]);
    // openOrders does not lag (not reported either way): the order is there.
    const open = (await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/openOrders", { symbol: "BTCUSDT" })).json();
    expect(open.map((order: { orderId: string }) => order.orderId)).toContain(placed.orderId);
    vi.setSystemTime(Date.now() + 500);
    expect((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/order", query)).json()).toMatchObject({
      orderId: placed.orderId,
      status: "NEW",
    });
  });

  it("answers at once with the order-read-lag behaviour off", async () => {
    const parts = start({ behaviours: { orderReadLag: false } });
    const placed = (await sendSigned(parts, DOCS_ACCOUNT, "POST", "/api/v3/order", RESTING_BUY)).json();
    const found = await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/order", {
      symbol: "BTCUSDT",
      orderId: placed.orderId,
    });
    expect(found.json()).toMatchObject({ orderId: placed.orderId });
  });
});

describe("DELETE /api/v3/order answers as MEXC does live (docs/mexc/undocumented.md#orders item 11.20)", () => {
  it("carries only symbol, orderId, price, origQty, type and side; the full answer with the switch off", async () => {
    const parts = start();
    const placed = (await sendSigned(parts, DOCS_ACCOUNT, "POST", "/api/v3/order", RESTING_BUY)).json();
    const canceled = await sendSigned(parts, DOCS_ACCOUNT, "DELETE", "/api/v3/order", {
      symbol: "BTCUSDT",
      orderId: placed.orderId,
    });
    expect(canceled.json()).toEqual({
      symbol: "BTCUSDT",
      orderId: placed.orderId,
      price: "50000",
      origQty: "0.01",
      type: "LIMIT",
      side: "BUY",
    });
    await parts.close();
    const documented = start({ behaviours: { minimalCancelAnswer: false } });
    const again = (await sendSigned(documented, DOCS_ACCOUNT, "POST", "/api/v3/order", RESTING_BUY)).json();
    const full = await sendSigned(documented, DOCS_ACCOUNT, "DELETE", "/api/v3/order", {
      symbol: "BTCUSDT",
      orderId: again.orderId,
    });
    expect(full.json()).toMatchObject({ status: "CANCELED", executedQty: "0" });
  });
});
