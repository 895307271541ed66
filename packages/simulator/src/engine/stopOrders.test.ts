import { describe, expect, it } from "vitest";
import { testExchange } from "../../test/testExchange.js";
import type { OrderEvent } from "../types.js";

/** An empty BTCUSDT book (no market makers here) with three funded accounts; the last price is 100000. */
function market() {
  const t = testExchange();
  for (const account of ["alice", "bob", "carol"]) {
    t.exchange.createAccount(account);
    t.exchange.credit(account, "USDT", "1000000");
    t.exchange.credit(account, "BTC", "10");
  }
  trade(t, "100000");
  t.take();
  return t;
}

/** bob rests a sell at `price`, carol takes it: the last price becomes `price`. */
function trade(t: ReturnType<typeof testExchange>, price: string): void {
  t.exchange.placeOrder({ account: "bob", symbol: "BTCUSDT", side: "SELL", type: "LIMIT", price, quantity: "0.001" });
  t.exchange.placeOrder({ account: "carol", symbol: "BTCUSDT", side: "BUY", type: "LIMIT", price, quantity: "0.001" });
}

const orderEvents = (t: ReturnType<typeof testExchange>, orderId: string) =>
  t.events.filter((event): event is OrderEvent => event.kind === "order" && event.order.orderId === orderId);

describe("stop-limit orders (docs/mexc/undocumented.md#orders item 11.8)", () => {
  it("wait untriggered with their funds locked, trigger when the last price falls to them, then fill as a limit", () => {
    const t = market();
    const stop = t.exchange.placeStopOrder({
      account: "alice",
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.5",
      price: "94000",
      triggerPrice: "95000",
    });
    expect(stop).toMatchObject({ type: "STOP_LIMIT", status: "NEW", trigger: { price: "95000", type: 2, state: 1 } });
    expect(t.exchange.balances("alice").find((b) => b.asset === "BTC")).toMatchObject({ free: "9.5", locked: "0.5" });
    expect(t.exchange.openOrders("alice", "BTCUSDT")).toHaveLength(1);

    trade(t, "96000"); // not yet
    expect(t.exchange.getOrder("alice", "BTCUSDT", { orderId: stop.orderId })?.trigger?.state).toBe(1);
    // A buyer resting at 94500 is there when the price reaches 95000: the triggered order sells to it.
    t.exchange.placeOrder({
      account: "carol",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "94500",
      quantity: "1",
    });
    trade(t, "95000");
    const after = t.exchange.getOrder("alice", "BTCUSDT", { orderId: stop.orderId })!;
    expect(after).toMatchObject({ status: "FILLED", executedQty: "0.5", trigger: { state: 3 } });
    expect(t.exchange.myTrades("alice", "BTCUSDT")).toMatchObject([{ price: "94500", qty: "0.5", isBuyer: false }]);
    const states = orderEvents(t, stop.orderId).map((event) => `${event.order.status}/${event.order.trigger?.state}`);
    expect(states).toEqual(["NEW/1", "NEW/3", "FILLED/3"]);
  });

  it("a buy stop above the market triggers when the price rises to it (type 1) and rests when nothing crosses", () => {
    const t = market();
    const stop = t.exchange.placeStopOrder({
      account: "alice",
      symbol: "BTCUSDT",
      side: "BUY",
      quantity: "0.1",
      price: "101500",
      triggerPrice: "101000",
    });
    expect(stop.trigger).toEqual({ price: "101000", type: 1, state: 1 });
    trade(t, "101000");
    const after = t.exchange.getOrder("alice", "BTCUSDT", { orderId: stop.orderId })!;
    expect(after).toMatchObject({ status: "NEW", trigger: { state: 3 } });
    expect(t.exchange.depthSnapshot("BTCUSDT", 10).bids[0]).toEqual(["101500.00", "0.100000"]);
  });

  it("canceled before its trigger: CANCELED, state 2, funds back", () => {
    const t = market();
    const stop = t.exchange.placeStopOrder({
      account: "alice",
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.5",
      price: "94000",
      triggerPrice: "95000",
    });
    const canceled = t.exchange.cancelOrder("alice", "BTCUSDT", { orderId: stop.orderId });
    expect(canceled).toMatchObject({ status: "CANCELED", trigger: { state: 2 } });
    expect(t.exchange.balances("alice").find((b) => b.asset === "BTC")).toMatchObject({ free: "10", locked: "0" });
    trade(t, "94000");
    expect(t.exchange.myTrades("alice", "BTCUSDT")).toEqual([]);
  });

  it("refuses a stop order the balance cannot cover, placing nothing", () => {
    const t = market();
    expect(() =>
      t.exchange.placeStopOrder({
        account: "alice",
        symbol: "BTCUSDT",
        side: "SELL",
        quantity: "11",
        price: "94000",
        triggerPrice: "95000",
      }),
    ).toThrow(/Insufficient position/);
    expect(t.exchange.openOrders("alice", "BTCUSDT")).toEqual([]);
  });
});

describe("OCO pairs", () => {
  it("a take-profit leg that fills cancels the stop-limit leg", () => {
    const t = market();
    const [limitLeg, stopLeg] = t.exchange.placeOcoOrder({
      account: "alice",
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.2",
      price: "105000",
      triggerPrice: "95000",
      stopLimitPrice: "94000",
    });
    expect(limitLeg!.ocoId).toBe(stopLeg!.ocoId);
    expect(limitLeg).toMatchObject({ type: "LIMIT", status: "NEW" });
    expect(stopLeg).toMatchObject({ type: "STOP_LIMIT", trigger: { state: 1 } });
    t.exchange.placeOrder({
      account: "carol",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "105000",
      quantity: "0.2",
    });
    expect(t.exchange.getOrder("alice", "BTCUSDT", { orderId: limitLeg!.orderId })?.status).toBe("FILLED");
    expect(t.exchange.getOrder("alice", "BTCUSDT", { orderId: stopLeg!.orderId })).toMatchObject({
      status: "CANCELED",
      trigger: { state: 2 },
    });
    expect(t.exchange.balances("alice").find((b) => b.asset === "BTC")).toMatchObject({ free: "9.8", locked: "0" });
  });

  it("a stop leg that triggers cancels the take-profit leg", () => {
    const t = market();
    const [limitLeg, stopLeg] = t.exchange.placeOcoOrder({
      account: "alice",
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.2",
      price: "105000",
      triggerPrice: "95000",
      stopLimitPrice: "94000",
    });
    trade(t, "95000");
    expect(t.exchange.getOrder("alice", "BTCUSDT", { orderId: stopLeg!.orderId })?.trigger?.state).toBe(3);
    expect(t.exchange.getOrder("alice", "BTCUSDT", { orderId: limitLeg!.orderId })?.status).toBe("CANCELED");
  });
});
