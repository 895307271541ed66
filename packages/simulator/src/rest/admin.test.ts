import { afterEach, describe, expect, it } from "vitest";
import { DOCS_ACCOUNT, sendSigned, testSimulator } from "../../test/restKit.js";
import type { SimulatorParts } from "../simulator.js";

let sim: SimulatorParts | undefined;
afterEach(() => sim?.close());

const post = (url: string, payload: unknown) =>
  sim!.app.inject({
    method: "POST",
    url,
    headers: { "content-type": "application/json" },
    payload: JSON.stringify(payload),
  });
const ORDER = { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", price: "50000", quantity: "0.01" };

describe("admin routes (/_sim, local test use only)", () => {
  it("GET /_sim/ledger answers the demo account's balances, orders, trades and wallet records in the issue's shape", async () => {
    sim = testSimulator();
    await sendSigned(sim, { apiKey: sim.apiKey, secretKey: sim.secretKey }, "POST", "/api/v3/order", ORDER);
    await sendSigned(sim, { apiKey: sim.apiKey, secretKey: sim.secretKey }, "POST", "/api/v3/order", {
      symbol: "BTCUSDT",
      side: "SELL",
      type: "MARKET",
      quantity: "0.001",
    });
    const ledger = (await sim.app.inject({ method: "GET", url: "/_sim/ledger" })).json();
    expect(Object.keys(ledger)).toEqual([
      "balances",
      "orders",
      "trades",
      "deposits",
      "withdrawals",
      "transfers",
      "internalTransfers",
      "conversions",
    ]);
    expect(ledger.balances.length).toBeGreaterThan(3);
    for (const balance of ledger.balances) expect(Object.keys(balance)).toEqual(["asset", "free", "locked"]);
    // 500 USDT and a reserve for its fee in quote (0.05 %, engine/fees.ts)
    expect(ledger.balances).toContainEqual(expect.objectContaining({ asset: "USDT", locked: "500.25" }));
    expect(ledger.orders).toHaveLength(2);
    expect(Object.keys(ledger.orders[0])).toEqual([
      "orderId",
      "clientOrderId",
      "symbol",
      "side",
      "type",
      "status",
      "price",
      "origQty",
      "executedQty",
      "cummulativeQuoteQty",
      "time",
      "updateTime",
    ]);
    expect(ledger.trades).toHaveLength(1);
    expect(Object.keys(ledger.trades[0])).toEqual([
      "id",
      "orderId",
      "symbol",
      "price",
      "qty",
      "quoteQty",
      "commission",
      "commissionAsset",
      "isBuyer",
      "isMaker",
      "time",
    ]);
    expect(ledger.trades[0]).toMatchObject({ orderId: ledger.orders[1].orderId, isBuyer: false, qty: "0.001" });
  });

  it("POST /_sim/deposit, /_sim/withdraw and /_sim/transfer move funds and answer the record as MEXC's history shows it", async () => {
    sim = testSimulator();
    const deposit = await post("/_sim/deposit", { account: "docs", asset: "ETH", amount: "1.5" });
    expect(deposit.statusCode).toBe(200);
    expect(Object.keys(deposit.json())).toEqual([
      "amount",
      "coin",
      "network",
      "status",
      "address",
      "txId",
      "insertTime",
      "unlockConfirm",
      "confirmTimes",
      "memo",
      "transHash",
      "updateTime",
    ]);
    expect(deposit.json()).toMatchObject({ amount: "1.5", coin: "ETH", network: "Ethereum(ERC20)", status: 5 });
    const withdrawal = await post("/_sim/withdraw", { account: "docs", asset: "ETH", amount: "0.5", fee: "0.001" });
    expect(withdrawal.json()).toMatchObject({ coin: "ETH", amount: "0.5", transactionFee: "0.001", status: 7 });
    const out = await post("/_sim/transfer", { account: "docs", asset: "USDT", amount: "250", direction: "out" });
    expect(out.json()).toMatchObject({
      fromAccountType: "SPOT",
      toAccountType: "FUTURES",
      amount: "250",
      symbol: null,
    });
    const back = await post("/_sim/transfer", { account: "docs", asset: "USDT", amount: "50", direction: "in" });
    expect(back.json()).toMatchObject({ fromAccountType: "FUTURES", toAccountType: "SPOT" });
    expect(sim.exchange.balances("docs")).toEqual([
      { asset: "USDT", free: "99800", locked: "0" },
      { asset: "BTC", free: "2", locked: "0" },
      { asset: "ETH", free: "1", locked: "0" },
    ]);

    const ledger = (await sim.app.inject({ method: "GET", url: "/_sim/ledger?account=docs" })).json();
    expect(ledger.deposits).toEqual([
      {
        id: deposit.json().txId,
        asset: "ETH",
        amount: "1.5",
        network: "Ethereum(ERC20)",
        address: deposit.json().address,
        txId: deposit.json().txId,
        status: 5,
        time: expect.any(Number),
      },
    ]);
    expect(ledger.withdrawals).toEqual([
      expect.objectContaining({ id: withdrawal.json().id, asset: "ETH", amount: "0.5", fee: "0.001", status: 7 }),
    ]);
    expect(Object.keys(ledger.withdrawals[0])).toEqual([
      "id",
      "asset",
      "amount",
      "fee",
      "network",
      "address",
      "txId",
      "status",
      "time",
    ]);
    expect(ledger.transfers).toEqual([
      { id: out.json().tranId, asset: "USDT", amount: "250", direction: "out", time: expect.any(Number) },
      { id: back.json().tranId, asset: "USDT", amount: "50", direction: "in", time: expect.any(Number) },
    ]);
  });

  it("refuses a wallet move with a clear error naming the field, an unknown account, or a short balance", async () => {
    sim = testSimulator();
    const refused = async (url: string, body: unknown) => {
      const response = await post(url, body);
      return `${response.statusCode} ${response.json().msg}`;
    };
    expect(await refused("/_sim/deposit", { amount: "1" })).toBe('400 "asset" must be a string');
    expect(await refused("/_sim/deposit", { asset: "USDT", amount: 5 })).toBe('400 "amount" must be a string');
    expect(await refused("/_sim/deposit", { asset: "USDT", amount: "-5" })).toBe(
      '400 amount "-5" is not a positive decimal number',
    );
    expect(await refused("/_sim/deposit", { asset: "USDT", amount: "5", account: "nobody" })).toBe(
      '404 unknown account "nobody"',
    );
    expect(await refused("/_sim/withdraw", { account: "docs", asset: "USDT", amount: "1000000" })).toBe(
      "400 Insufficient balance",
    );
    expect(await refused("/_sim/withdraw", { account: "docs", asset: "USDT", amount: "10", fee: 1 })).toBe(
      '400 "fee" must be a string',
    );
    expect(await refused("/_sim/transfer", { asset: "USDT", amount: "1", direction: "sideways" })).toBe(
      '400 "direction" must be "in" or "out"',
    );
    expect(await refused("/_sim/transfer", "[1]")).toBe("400 the body must be a JSON object");
  });

  it("answers the ledger of another account by name, and 404 for an unknown one", async () => {
    sim = testSimulator();
    await sendSigned(sim, DOCS_ACCOUNT, "POST", "/api/v3/order", ORDER);
    const docs = (await sim.app.inject({ method: "GET", url: "/_sim/ledger?account=docs" })).json();
    expect(docs.orders).toHaveLength(1);
    const unknown = await sim.app.inject({ method: "GET", url: "/_sim/ledger?account=nobody" });
    expect(unknown.statusCode).toBe(404);
  });

  it("POST /_sim/faults replaces the faults, refuses a bad spec naming it, and '' clears them", async () => {
    sim = testSimulator();
    const set = await post("/_sim/faults", { spec: "drop=0.05,http5xx" });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ spec: "drop=0.05,http5xx=0.05", injected: { drop: 0 } });
    expect(sim.faults.rate("drop")).toBe(0.05);

    const bad = await post("/_sim/faults", { spec: "drop=2" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().msg).toContain('bad rate "2" for fault "drop"');
    expect(sim.faults.spec()).toBe("drop=0.05,http5xx=0.05");

    expect((await post("/_sim/faults", { spec: "" })).json()).toMatchObject({ spec: "" });
    expect((await sim.app.inject({ method: "GET", url: "/_sim/faults" })).json().spec).toBe("");
    expect((await post("/_sim/faults", {})).statusCode).toBe(400);
  });

  it("POST /_sim/trader starts and stops the demo trader", async () => {
    sim = testSimulator();
    expect((await post("/_sim/trader", { running: true })).json()).toEqual({ running: true });
    expect(sim.market.demoTraderRunning()).toBe(true);
    expect((await post("/_sim/trader", { running: false })).json()).toEqual({ running: false });
    expect(sim.market.demoTraderRunning()).toBe(false);
    expect((await post("/_sim/trader", { running: "yes" })).statusCode).toBe(400);
  });

  it("POST /_sim/stopOrder and /_sim/ocoOrder place what MEXC's web places; open orders show them; gone with stopOrders off", async () => {
    sim = testSimulator();
    const stop = await post("/_sim/stopOrder", {
      account: "docs",
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.01",
      price: "80000",
      triggerPrice: "81000",
    });
    expect(stop.statusCode).toBe(200);
    expect(stop.json()).toMatchObject({ type: "STOP_LIMIT", status: "NEW", trigger: { price: "81000", state: 1 } });
    const oco = await post("/_sim/ocoOrder", {
      account: "docs",
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.01",
      price: "200000",
      triggerPrice: "81000",
      stopLimitPrice: "80000",
    });
    expect(oco.json().map((leg: { type: string }) => leg.type)).toEqual(["LIMIT", "STOP_LIMIT"]);
    const open = (await sendSigned(sim, DOCS_ACCOUNT, "GET", "/api/v3/openOrders")).json();
    expect(open.map((order: { type: string; stopPrice: string }) => `${order.type} ${order.stopPrice}`).sort()).toEqual(
      ["LIMIT null", "STOP_LIMIT 81000", "STOP_LIMIT 81000"],
    );
    expect((await post("/_sim/stopOrder", { symbol: "BTCUSDT", side: "UP" })).statusCode).toBe(400);
    await sim.close();
    sim = testSimulator({ behaviours: { stopOrders: false } });
    expect((await post("/_sim/stopOrder", { symbol: "BTCUSDT" })).statusCode).toBe(404);
  });

  it("does not exist without admin: true", async () => {
    sim = testSimulator({ admin: false });
    expect((await sim.app.inject({ method: "GET", url: "/_sim/ledger" })).statusCode).toBe(404);
    expect((await post("/_sim/faults", { spec: "" })).statusCode).toBe(404);
  });
});

describe("REST faults", () => {
  it("http429 answers 429 with Retry-After instead of the endpoint", async () => {
    sim = testSimulator({ faults: "http429=1" });
    const response = await sim.app.inject({ method: "GET", url: "/api/v3/ping" });
    expect([response.statusCode, response.json(), response.headers["retry-after"]]).toEqual([
      429,
      { code: 429, msg: "Too Many Requests" },
      "1",
    ]);
    expect(sim.faults.injected().http429).toBe(1);
    // Admin routes are not /api/v3: they keep working.
    expect((await sim.app.inject({ method: "GET", url: "/_sim/faults" })).statusCode).toBe(200);
  });

  it("http5xx answers a 5xx on order placement although the order was accepted (it is in the ledger)", async () => {
    sim = testSimulator({ faults: "http5xx=1" });
    const response = await sendSigned(sim, DOCS_ACCOUNT, "POST", "/api/v3/order", ORDER);
    expect([500, 503, 504]).toContain(response.statusCode);
    expect(response.json().code).toBe(response.statusCode);
    const ledger = (await sim.app.inject({ method: "GET", url: "/_sim/ledger?account=docs" })).json();
    expect(ledger.orders).toEqual([expect.objectContaining({ symbol: "BTCUSDT", price: "50000", status: "NEW" })]);
    expect(sim.faults.injected().http5xx).toBe(1);
    // Reads are not affected.
    expect((await sendSigned(sim, DOCS_ACCOUNT, "GET", "/api/v3/openOrders")).json()).toHaveLength(1);
  });

  it("http5xx leaves rejected orders rejected", async () => {
    sim = testSimulator({ faults: "http5xx=1" });
    const response = await sendSigned(sim, DOCS_ACCOUNT, "POST", "/api/v3/order", { ...ORDER, quantity: "1000" });
    expect(response.statusCode).toBe(400);
    expect(sim.faults.injected().http5xx).toBe(0);
  });
});
