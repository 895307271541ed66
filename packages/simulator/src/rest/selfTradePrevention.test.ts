import { Decimal as Big } from "@mexc-live/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_JSON, DOCS_ACCOUNT, type HttpMethod, sendSigned, testSimulator } from "../../test/restKit.js";
import type { SimulatorParts } from "../simulator.js";

/**
 * Self-trade prevention over REST (docs/mexc/undocumented.md#fills-and-keys item 11.31): POST
 * /api/v3/order's `stpMode` is echoed, an order STP canceled reads cancelReason "stp_cancel" in GET
 * order, allOrders and openOrders' neighbours, and POST /_sim/tradeGroup makes a strategy group.
 */
const SECOND = { account: "second", apiKey: "mx0vSECONDaccount01", secretKey: "0".repeat(32) } as const;

let sim: SimulatorParts;
beforeEach(() => {
  sim = testSimulator({
    behaviours: { orderReadLag: false },
    extraAccounts: [
      { ...DOCS_ACCOUNT, balances: { USDT: "100000", BTC: "2" } },
      { ...SECOND, balances: { USDT: "100000", BTC: "2" } },
    ],
  });
});
afterEach(() => sim.close());

const call = async (
  who: typeof DOCS_ACCOUNT | typeof SECOND,
  method: HttpMethod,
  path: string,
  params: Record<string, string> = {},
) => {
  const response = await sendSigned(sim, who, method, path, params);
  return { status: response.statusCode, body: response.json() };
};
/** A SELL one tick over the best bid: the best ask (the makers' stand further off), and a BUY there. */
let RESTING_SELL: Record<string, string>;
let CROSSING_BUY: Record<string, string>;
beforeEach(() => {
  const touch = sim.exchange.bestBidAsk("BTCUSDT")!;
  const price = new Big(touch.bidPrice).plus("0.01").toFixed(2);
  expect(new Big(price).lt(touch.askPrice)).toBe(true);
  RESTING_SELL = { symbol: "BTCUSDT", side: "SELL", type: "LIMIT", price, quantity: "0.01" };
  CROSSING_BUY = { ...RESTING_SELL, side: "BUY" };
});

describe("self-trade prevention over REST", () => {
  it("cancel_taker: the new order answers stpMode, then GET order and allOrders say CANCELED, cancelReason stp_cancel", async () => {
    const resting = await call(DOCS_ACCOUNT, "POST", "/api/v3/order", RESTING_SELL);
    const taker = await call(DOCS_ACCOUNT, "POST", "/api/v3/order", { ...CROSSING_BUY, stpMode: "cancel_taker" });
    expect(taker.body).toMatchObject({ stpMode: "cancel_taker" });
    const read = await call(DOCS_ACCOUNT, "GET", "/api/v3/order", { symbol: "BTCUSDT", orderId: taker.body.orderId });
    expect(read.body).toMatchObject({ status: "CANCELED", stpMode: "cancel_taker", cancelReason: "stp_cancel" });
    const all = await call(DOCS_ACCOUNT, "GET", "/api/v3/allOrders", { symbol: "BTCUSDT" });
    const byId = new Map(all.body.map((order: { orderId: string }) => [order.orderId, order]));
    expect(byId.get(taker.body.orderId)).toMatchObject({ cancelReason: "stp_cancel" });
    // The resting order is untouched and carries no reason.
    expect(byId.get(resting.body.orderId)).toMatchObject({ status: "NEW", stpMode: "" });
    expect(byId.get(resting.body.orderId)).not.toHaveProperty("cancelReason");
  });

  it("between two accounts only once POST /_sim/tradeGroup put them in one strategy group", async () => {
    const first = await call(DOCS_ACCOUNT, "POST", "/api/v3/order", RESTING_SELL);
    const traded = await call(SECOND, "POST", "/api/v3/order", {
      ...CROSSING_BUY,
      quantity: "0.005",
      stpMode: "cancel_maker",
    });
    const tradedRead = await call(SECOND, "GET", "/api/v3/order", { symbol: "BTCUSDT", orderId: traded.body.orderId });
    expect(tradedRead.body).toMatchObject({ status: "FILLED" });

    const group = await sim.app.inject({
      method: "POST",
      url: "/_sim/tradeGroup",
      headers: ADMIN_JSON,
      payload: JSON.stringify({ accounts: ["docs", "second"] }),
    });
    expect(group.statusCode).toBe(200);
    expect(group.json()).toMatchObject({ tradeGroupId: expect.any(Number), accounts: ["docs", "second"] });

    await call(SECOND, "POST", "/api/v3/order", { ...CROSSING_BUY, quantity: "0.005", stpMode: "cancel_maker" });
    const makerRead = await call(DOCS_ACCOUNT, "GET", "/api/v3/order", {
      symbol: "BTCUSDT",
      orderId: first.body.orderId,
    });
    expect(makerRead.body).toMatchObject({ status: "PARTIALLY_CANCELED", cancelReason: "stp_cancel" });
  });

  it("refuses an unknown stpMode (33333 naming it) and a group of one or of an unknown account", async () => {
    const refused = await call(DOCS_ACCOUNT, "POST", "/api/v3/order", { ...CROSSING_BUY, stpMode: "cancel_all" });
    expect(refused.body).toMatchObject({ code: 33333 });
    expect(refused.body.msg).toContain("stpMode");
    const group = (accounts: unknown) =>
      sim.app.inject({
        method: "POST",
        url: "/_sim/tradeGroup",
        headers: ADMIN_JSON,
        payload: JSON.stringify({ accounts }),
      });
    expect((await group(["docs"])).statusCode).toBe(400);
    expect((await group(Array.from({ length: 201 }, () => "docs"))).statusCode).toBe(400);
    expect((await group(["docs", "nobody"])).statusCode).toBe(404);
  });
});
