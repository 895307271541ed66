import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DOCS_ACCOUNT, type HttpMethod, sendSigned, testSimulator } from "../../test/restKit.js";
import type { SimulatorParts } from "../simulator.js";

let sim: SimulatorParts;
beforeEach(() => {
  // The documented answers: GET order at once, the full cancel answer. Real MEXC's lag and its
  // short cancel answer have their own tests (realMexcBehaviours.test.ts).
  sim = testSimulator({ behaviours: { orderReadLag: false, minimalCancelAnswer: false } });
});
afterEach(() => sim.close());

const call = async (method: HttpMethod, path: string, params: Record<string, string> = {}) => {
  const response = await sendSigned(sim, DOCS_ACCOUNT, method, path, params);
  return { status: response.statusCode, body: response.json(), raw: response.body };
};
const ledger = async () => (await sim.app.inject({ method: "GET", url: "/_sim/ledger?account=docs" })).json();
/** A BUY far below the market: rests on the book. */
const RESTING_BUY = { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", price: "50000", quantity: "0.01" };

describe("placing and cancelling orders over REST", () => {
  it("places a resting LIMIT order: MEXC's reply, then visible in GET order, openOrders, account and the ledger", async () => {
    const placed = await call("POST", "/api/v3/order", { ...RESTING_BUY, newClientOrderId: "my-1" });
    expect(placed.status).toBe(200);
    expect(Object.keys(placed.body)).toEqual([
      "symbol",
      "orderId",
      "orderListId",
      "price",
      "origQty",
      "type",
      "side",
      "stpMode",
      "transactTime",
    ]);
    expect(placed.body).toMatchObject({
      symbol: "BTCUSDT",
      orderListId: -1,
      price: "50000",
      origQty: "0.01",
      type: "LIMIT",
    });
    expect(placed.body.orderId).toMatch(/^C02__\d{21}$/);

    const byClientId = await call("GET", "/api/v3/order", { symbol: "BTCUSDT", origClientOrderId: "my-1" });
    expect(byClientId.body).toMatchObject({
      orderId: placed.body.orderId,
      clientOrderId: "my-1",
      status: "NEW",
      // the captured order objects (conformance corpus GET_api_v3_order.json) carry timeInForce null
      timeInForce: null,
      executedQty: "0",
      isWorking: true,
    });
    const open = await call("GET", "/api/v3/openOrders", { symbol: "BTCUSDT" });
    expect(open.body.map((order: { orderId: string }) => order.orderId)).toEqual([placed.body.orderId]);
    // Real MEXC (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3): openOrders in milliseconds with updateTime null, GET order in whole seconds.
    expect(open.body[0].updateTime).toBeNull();
    expect(open.body[0].time).toBe(placed.body.transactTime);
    expect(byClientId.body.time).toBe(Math.floor(placed.body.transactTime / 1000) * 1000);

    const account = await call("GET", "/api/v3/account");
    expect(account.body).toMatchObject({ canTrade: true, accountType: "SPOT", permissions: ["SPOT"] });
    // 500 USDT and a reserve for its fee in quote (0.05 %, engine/fees.ts)
    expect(account.body.balances).toContainEqual({
      asset: "USDT",
      free: "99499.75",
      locked: "500.25",
      available: "99499.75",
    });

    expect((await ledger()).orders).toContainEqual(
      expect.objectContaining({ orderId: placed.body.orderId, status: "NEW" }),
    );
  });

  it("cancels by orderId: MEXC's cancel reply, the funds unlocked, CANCELED in the ledger", async () => {
    const placed = await call("POST", "/api/v3/order", RESTING_BUY);
    const canceled = await call("DELETE", "/api/v3/order", { symbol: "BTCUSDT", orderId: placed.body.orderId });
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({
      symbol: "BTCUSDT",
      orderId: placed.body.orderId,
      status: "CANCELED",
      price: "50000",
      origQty: "0.01",
      type: "LIMIT",
      side: "BUY",
    });
    expect(canceled.body).toHaveProperty("origClientOrderId");
    expect((await call("GET", "/api/v3/openOrders", { symbol: "BTCUSDT" })).body).toEqual([]);
    const state = await ledger();
    expect(state.orders).toContainEqual(expect.objectContaining({ orderId: placed.body.orderId, status: "CANCELED" }));
    expect(state.balances).toContainEqual({ asset: "USDT", free: "100000", locked: "0" });
  });

  it("fills a MARKET order: FILLED, the trade in myTrades and in the ledger", async () => {
    const placed = await call("POST", "/api/v3/order", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quantity: "0.001",
    });
    expect(placed.status).toBe(200);
    const order = await call("GET", "/api/v3/order", { symbol: "BTCUSDT", orderId: placed.body.orderId });
    // isWorking stays true on a FILLED order in every capture (conformance corpus GET_api_v3_order.json)
    expect(order.body).toMatchObject({ status: "FILLED", executedQty: "0.001", isWorking: true });

    const trades = await call("GET", "/api/v3/myTrades", { symbol: "BTCUSDT" });
    expect(trades.body).toHaveLength(1);
    expect(trades.body[0]).toMatchObject({
      symbol: "BTCUSDT",
      orderId: placed.body.orderId,
      orderListId: -1,
      qty: "0.001",
      isBuyer: true,
      isMaker: false,
      isBestMatch: true,
    });
    expect(trades.body[0].id).toMatch(/^\d+X1$/);
    expect((await call("GET", "/api/v3/myTrades", { symbol: "BTCUSDT", orderId: "C02__000" })).body).toEqual([]);

    const state = await ledger();
    expect(state.trades).toEqual([
      {
        id: trades.body[0].id,
        orderId: placed.body.orderId,
        symbol: "BTCUSDT",
        price: trades.body[0].price,
        qty: "0.001",
        quoteQty: trades.body[0].quoteQty,
        commission: trades.body[0].commission,
        commissionAsset: trades.body[0].commissionAsset,
        isBuyer: true,
        isMaker: false,
        time: expect.any(Number),
      },
    ]);
    // REST shows the trade's time cut to its second (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3); the ledger keeps the engine's ms.
    expect(trades.body[0].time % 1000).toBe(0);
    expect(state.trades[0].time - trades.body[0].time).toBeGreaterThanOrEqual(0);
    expect(state.trades[0].time - trades.body[0].time).toBeLessThan(1000);
    expect(order.body.time % 1000).toBe(0);
    expect(order.body.updateTime % 1000).toBe(0);
  });

  it("lists every order of the last 24 h in allOrders, oldest first, and honours limit", async () => {
    const first = await call("POST", "/api/v3/order", RESTING_BUY);
    const second = await call("POST", "/api/v3/order", { ...RESTING_BUY, price: "49000" });
    await call("DELETE", "/api/v3/order", { symbol: "BTCUSDT", orderId: first.body.orderId });
    const all = await call("GET", "/api/v3/allOrders", { symbol: "BTCUSDT" });
    expect(all.body.map((order: { orderId: string; status: string }) => [order.orderId, order.status])).toEqual([
      [first.body.orderId, "CANCELED"],
      [second.body.orderId, "NEW"],
    ]);
    const newest = await call("GET", "/api/v3/allOrders", { symbol: "BTCUSDT", limit: "1" });
    expect(newest.body.map((order: { orderId: string }) => order.orderId)).toEqual([second.body.orderId]);
    const tooWide = await call("GET", "/api/v3/allOrders", {
      symbol: "BTCUSDT",
      startTime: String(Date.now() - 8 * 86_400_000),
      endTime: String(Date.now()),
    });
    expect(tooWide.body).toEqual({ code: 33333, msg: "startTime and endTime diff cannot exceed 7 days" });
  });

  it("cancels all open orders of up to 5 comma-separated symbols", async () => {
    await call("POST", "/api/v3/order", RESTING_BUY);
    await call("POST", "/api/v3/order", {
      symbol: "ETHUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "100",
      quantity: "0.1",
    });
    const canceled = await call("DELETE", "/api/v3/openOrders", { symbol: "BTCUSDT,ETHUSDT" });
    expect(canceled.status).toBe(200);
    expect(canceled.body.map((order: { symbol: string; status: string }) => [order.symbol, order.status])).toEqual([
      ["BTCUSDT", "CANCELED"],
      ["ETHUSDT", "CANCELED"],
    ]);
    expect((await call("GET", "/api/v3/openOrders")).body).toEqual([]);
    const six = await call("DELETE", "/api/v3/openOrders", {
      symbol: "BTCUSDT,ETHUSDT,SOLUSDT,MXUSDT,XRPUSDT,DOGEUSDT",
    });
    expect(six.body).toEqual({ code: 33333, msg: "symbol may list at most 5 symbols" });
  });

  it("answers POST /api/v3/order/test with {} and places nothing", async () => {
    expect((await call("POST", "/api/v3/order/test", RESTING_BUY)).body).toEqual({});
    expect((await ledger()).orders).toEqual([]);
  });
});

describe("order errors in MEXC's words", () => {
  it("rejects API orders on the API-disabled pair with 30020, placing nothing", async () => {
    const order = { symbol: "FROPUSDT", side: "BUY", type: "LIMIT", price: "0.04", quantity: "100" };
    for (const path of ["/api/v3/order", "/api/v3/order/test"]) {
      const response = await call("POST", path, order);
      expect([response.status, response.body]).toEqual([403, { code: 30020, msg: "no permission for the symbol" }]);
    }
    expect((await ledger()).orders).toEqual([]);
  });

  it("rejects an unknown symbol with 30014", async () => {
    const response = await call("POST", "/api/v3/order", { ...RESTING_BUY, symbol: "NOPEUSDT" });
    expect(response.body).toEqual({ code: 30014, msg: "invalid symbol" });
  });

  it("names a missing parameter (44444) and a malformed one (33333)", async () => {
    const { price: _price, ...withoutPrice } = RESTING_BUY;
    expect((await call("POST", "/api/v3/order", withoutPrice)).body).toEqual({
      code: 44444,
      msg: "price cannot be null",
    });
    expect((await call("POST", "/api/v3/order", { ...RESTING_BUY, side: "HOLD" })).body).toEqual({
      code: 33333,
      msg: "side must be one of BUY, SELL",
    });
    expect((await call("POST", "/api/v3/order", { ...RESTING_BUY, quantity: "1e3" })).body).toEqual({
      code: 33333,
      msg: "quantity must be a positive decimal",
    });
    const market = await call("POST", "/api/v3/order", { symbol: "BTCUSDT", side: "BUY", type: "MARKET" });
    expect(market.body).toEqual({ code: 44444, msg: "quantity or quoteOrderQty cannot be null" });
  });

  it("rejects an order the balance cannot cover with MEXC's insufficient-balance code", async () => {
    const response = await call("POST", "/api/v3/order", { ...RESTING_BUY, quantity: "100" });
    expect(response.status).toBe(400);
    expect([10101, 30004]).toContain(response.body.code);
  });

  it("answers an unknown order with -2013 and `_extend: null`, spelled as observed", async () => {
    const response = await call("GET", "/api/v3/order", { symbol: "BTCUSDT", orderId: "C02__999999999999999999999" });
    expect(response.status).toBe(400);
    expect(response.raw).toBe('{"msg":"Order does not exist.","code":-2013,"_extend":null}');
  });

  it("asks for orderId or origClientOrderId with 700004", async () => {
    const response = await call("DELETE", "/api/v3/order", { symbol: "BTCUSDT" });
    expect(response.body).toEqual({
      code: 700004,
      msg: "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null",
    });
  });

  it("keeps accounts apart: another account cannot see or cancel the order", async () => {
    const placed = await call("POST", "/api/v3/order", RESTING_BUY);
    const demo = { apiKey: sim.apiKey, secretKey: sim.secretKey };
    const seen = await sendSigned(sim, demo, "GET", "/api/v3/order", {
      symbol: "BTCUSDT",
      orderId: placed.body.orderId,
    });
    expect(seen.json()).toMatchObject({ code: -2013 });
    const cancel = await sendSigned(sim, demo, "DELETE", "/api/v3/order", {
      symbol: "BTCUSDT",
      orderId: placed.body.orderId,
    });
    expect(cancel.statusCode).toBe(400);
    expect((await call("GET", "/api/v3/openOrders", { symbol: "BTCUSDT" })).body).toHaveLength(1);
  });
});
