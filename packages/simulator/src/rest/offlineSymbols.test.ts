/**
 * A delisted pair (docs/mexc/undocumented.md#market-data item 11.18) leaves exchangeInfo and is listed by GET /api/v3/symbol/offline; its
 * history is still served. An order edited on the web is a cancel, then a new order (docs/mexc/undocumented.md#orders item 11.19).
 */
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_JSON, DOCS_ACCOUNT, sendRaw, sendSigned, testSimulator } from "../../test/restKit.js";
import type { SimulatorOptions, SimulatorParts } from "../simulator.js";
import type { OrderEvent } from "../types.js";

let sim: SimulatorParts | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function start(options: SimulatorOptions = {}): SimulatorParts {
  sim = testSimulator({ ...options, behaviours: { orderReadLag: false, ...options.behaviours } });
  return sim;
}

const RESTING_BUY = { symbol: "SOLUSDT", side: "BUY", type: "LIMIT", price: "1", quantity: "10" };

describe("delisted pairs (docs/mexc/undocumented.md#market-data item 11.18)", () => {
  it("leave exchangeInfo, appear in symbol/offline, refuse new orders with 30000, cancel open ones, keep their history", async () => {
    const parts = start();
    const placed = (await sendSigned(parts, DOCS_ACCOUNT, "POST", "/api/v3/order", RESTING_BUY)).json();
    const delisted = (
      await parts.app.inject({
        method: "POST",
        url: "/_sim/delist",
        headers: ADMIN_JSON,
        payload: JSON.stringify({ symbol: "SOLUSDT" }),
      })
    ).json();
    const info = (await sendRaw(parts, "GET", "/api/v3/exchangeInfo", {})).json();
    expect(info.symbols.map((entry: { symbol: string }) => entry.symbol)).not.toContain("SOLUSDT");
    expect((await sendRaw(parts, "GET", "/api/v3/symbol/offline", {})).json()).toEqual({
      code: 0,
      data: [{ symbol: "SOLUSDT", status: "3", offlineTime: delisted.offlineTime }],
    });
    const refused = await sendSigned(parts, DOCS_ACCOUNT, "POST", "/api/v3/order", RESTING_BUY);
    expect(refused.json()).toEqual({ code: 30000, msg: "suspended transaction for the symbol" });
    const order = await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/order", {
      symbol: "SOLUSDT",
      orderId: placed.orderId,
    });
    expect(order.json()).toMatchObject({ orderId: placed.orderId, status: "CANCELED" });
    expect((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/allOrders", { symbol: "SOLUSDT" })).statusCode).toBe(
      200,
    );
    expect((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/myTrades", { symbol: "SOLUSDT" })).statusCode).toBe(
      200,
    );
  });

  it("serves no symbol/offline with the symbol-offline behaviour off", async () => {
    const parts = start({ behaviours: { symbolOffline: false } });
    expect((await sendRaw(parts, "GET", "/api/v3/symbol/offline", {})).statusCode).toBe(404);
  });
});

describe("an order edited on MEXC's web (docs/mexc/undocumented.md#orders item 11.19)", () => {
  it("is pushed as the order canceled, then a new order with a new id", async () => {
    const parts = start();
    const placed = (await sendSigned(parts, DOCS_ACCOUNT, "POST", "/api/v3/order", RESTING_BUY)).json();
    const pushed: OrderEvent[] = [];
    parts.exchange.onEvent((event) => {
      if (event.kind === "order" && event.account === "docs") pushed.push(event);
    });
    const edit = await parts.app.inject({
      method: "POST",
      url: "/_sim/editOrder",
      headers: ADMIN_JSON,
      payload: JSON.stringify({ account: "docs", symbol: "SOLUSDT", orderId: placed.orderId, price: "1.1" }),
    });
    const [canceled, replacement] = edit.json();
    expect(canceled).toMatchObject({ orderId: placed.orderId, status: "CANCELED" });
    expect(replacement).toMatchObject({ status: "NEW", price: "1.1", origQty: "10" });
    expect(replacement.orderId).not.toBe(placed.orderId);
    expect(pushed.map((event) => [event.order.orderId, event.order.status])).toEqual([
      [placed.orderId, "CANCELED"],
      [replacement.orderId, "NEW"],
    ]);
  });
});
