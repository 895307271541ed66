import { describe, expect, it } from "vitest";
import { DOCUMENTED_FILLS, describeEvent, START_TIME, testExchange } from "../../test/testExchange.js";
import { SimError } from "../errors.js";

function funded() {
  const t = testExchange({ behaviours: DOCUMENTED_FILLS });
  t.exchange.createAccount("alice");
  t.exchange.createAccount("bob");
  t.exchange.credit("alice", "USDT", "100000");
  t.exchange.credit("alice", "BTC", "1");
  t.exchange.credit("bob", "USDT", "100000");
  t.take();
  return t;
}

describe("LIMIT orders", () => {
  it("rest on placement: order NEW, then funds move from free to locked, then the level appears", () => {
    const t = funded();
    const order = t.exchange.placeOrder({
      account: "alice",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "97000",
      quantity: "0.5",
      clientOrderId: "my-1",
    });
    expect(order).toMatchObject({
      account: "alice",
      symbol: "BTCUSDT",
      clientOrderId: "my-1",
      side: "SELL",
      type: "LIMIT",
      status: "NEW",
      price: "97000",
      origQty: "0.5",
      executedQty: "0",
      cummulativeQuoteQty: "0",
      time: START_TIME,
    });
    expect(order.orderId).toMatch(/^C02__\d{21}$/);
    expect(t.take().map(describeEvent)).toEqual([
      "order alice NEW",
      "balance alice BTC ENTRUST_PLACE free-0.5 locked+0.5",
      "depth ask 97000=0.5",
    ]);
    expect(t.exchange.balances("alice")).toContainEqual({ asset: "BTC", free: "0.5", locked: "0.5" });
    expect(t.exchange.openOrders("alice", "BTCUSDT").map((o) => o.orderId)).toEqual([order.orderId]);
  });

  it("match partially then fully, with fills, order updates and ENTRUST changes per side", () => {
    const t = funded();
    const ask = t.exchange.placeOrder({
      account: "alice",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "97000",
      quantity: "0.5",
    });
    t.take();
    const bid = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "97100",
      quantity: "0.2",
    });
    expect(bid).toMatchObject({ status: "FILLED", executedQty: "0.2", cummulativeQuoteQty: "19400" });
    expect(t.take().map(describeEvent)).toEqual([
      "order bob NEW",
      "balance bob USDT ENTRUST_PLACE free-19420 locked+19420",
      "depth ask 97000=0.3",
      "publicTrade BUY 0.2@97000",
      "fill alice SELL 0.2@97000 fee=0 USDT",
      "order alice PARTIALLY_FILLED last=0.2",
      "balance alice BTC ENTRUST free+0 locked-0.2",
      "balance alice USDT ENTRUST free+19400 locked+0",
      "fill bob BUY 0.2@97000 fee=0.0001 BTC",
      "order bob FILLED last=0.2",
      // bob locked at his limit 97100 and paid 97000: the difference comes back to free
      "balance bob USDT ENTRUST free+20 locked-19420",
      "balance bob BTC ENTRUST free+0.1999 locked+0",
      "balance __fees__ BTC TRADE_FEE free+0.0001 locked+0",
    ]);

    t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "97000",
      quantity: "0.3",
    });
    expect(t.exchange.getOrder("alice", "BTCUSDT", { orderId: ask.orderId })).toMatchObject({
      status: "FILLED",
      executedQty: "0.5",
      cummulativeQuoteQty: "48500",
    });
    expect(t.exchange.openOrders("alice")).toEqual([]);
    expect(t.exchange.balances("alice")).toEqual([
      { asset: "USDT", free: "148500", locked: "0" },
      { asset: "BTC", free: "0.5", locked: "0" },
    ]);
    expect(t.exchange.balances("bob")).toEqual([
      { asset: "USDT", free: "51500", locked: "0" },
      { asset: "BTC", free: "0.49975", locked: "0" },
    ]);
    const trades = t.exchange.myTrades("bob", "BTCUSDT");
    expect(trades).toHaveLength(2);
    expect(trades[0]).toMatchObject({ isBuyer: true, isMaker: false, isSelfTrade: false, commissionAsset: "BTC" });
    expect(trades[0]!.id).toMatch(/^\d{18}X1$/);
  });

  it("cancel: order CANCELED, then the lock returns to free (ENTRUST_CANCEL), and the level goes", () => {
    const t = funded();
    const order = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "90000",
      quantity: "0.1",
    });
    t.take();
    t.clock.set(START_TIME + 5);
    const canceled = t.exchange.cancelOrder("bob", "BTCUSDT", { orderId: order.orderId });
    expect(canceled).toMatchObject({ status: "CANCELED", updateTime: START_TIME + 5 });
    expect(t.take().map(describeEvent)).toEqual([
      "depth bid 90000=0",
      "order bob CANCELED",
      "balance bob USDT ENTRUST_CANCEL free+9000 locked-9000",
    ]);
    expect(t.exchange.balances("bob")).toEqual([{ asset: "USDT", free: "100000", locked: "0" }]);
    expect(() => t.exchange.cancelOrder("bob", "BTCUSDT", { orderId: order.orderId })).toThrow(
      expect.objectContaining({ mexcCode: -2011 }),
    );
  });

  it("cancel after a partial fill is PARTIALLY_CANCELED and returns only what is still locked", () => {
    const t = funded();
    const ask = t.exchange.placeOrder({
      account: "alice",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "97000",
      quantity: "0.5",
      clientOrderId: "ask-1",
    });
    t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "97000",
      quantity: "0.1",
    });
    t.take();
    const canceled = t.exchange.cancelOrder("alice", "BTCUSDT", { clientOrderId: "ask-1" });
    expect(canceled).toMatchObject({ orderId: ask.orderId, status: "PARTIALLY_CANCELED", executedQty: "0.1" });
    expect(t.take().map(describeEvent)).toEqual([
      "depth ask 97000=0",
      "order alice PARTIALLY_CANCELED",
      "balance alice BTC ENTRUST_CANCEL free+0.4 locked-0.4",
    ]);
  });

  it("cancelAllOrders cancels every open order of the account on that symbol only", () => {
    const t = funded();
    t.exchange.credit("bob", "ETH", "1");
    for (const price of ["90000", "90001"]) {
      t.exchange.placeOrder({ account: "bob", symbol: "BTCUSDT", side: "BUY", type: "LIMIT", price, quantity: "0.01" });
    }
    t.exchange.placeOrder({
      account: "bob",
      symbol: "ETHUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "5000",
      quantity: "1",
    });
    const canceled = t.exchange.cancelAllOrders("bob", "BTCUSDT");
    expect(canceled.map((o) => o.status)).toEqual(["CANCELED", "CANCELED"]);
    expect(t.exchange.openOrders("bob").map((o) => o.symbol)).toEqual(["ETHUSDT"]);
  });

  it("fill resting orders in price-time priority: better price first, then the earlier order", () => {
    const t = funded();
    t.exchange.createAccount("carol");
    t.exchange.credit("carol", "BTC", "1");
    const place = (account: string, price: string) =>
      t.exchange.placeOrder({ account, symbol: "BTCUSDT", side: "SELL", type: "LIMIT", price, quantity: "0.1" });
    const first = place("alice", "97000.5");
    const second = place("carol", "97000.5");
    const best = place("carol", "97000");
    t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "97001",
      quantity: "0.25",
    });
    const status = (account: string, orderId: string) =>
      t.exchange.getOrder(account, "BTCUSDT", { orderId })?.executedQty;
    expect(status("carol", best.orderId)).toBe("0.1");
    expect(status("alice", first.orderId)).toBe("0.1");
    expect(status("carol", second.orderId)).toBe("0.05");
    expect(t.exchange.myTrades("bob", "BTCUSDT").map((trade) => trade.price)).toEqual(["97000", "97000.5", "97000.5"]);
  });

  it("let an account trade with itself, flagged isSelfTrade, its balances conserved but the fee", () => {
    const t = funded();
    t.exchange.placeOrder({
      account: "alice",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "97000",
      quantity: "0.1",
    });
    t.exchange.placeOrder({
      account: "alice",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "97000",
      quantity: "0.1",
    });
    const trades = t.exchange.myTrades("alice", "BTCUSDT");
    expect(trades.map((trade) => [trade.isMaker, trade.isSelfTrade])).toEqual([
      [true, true],
      [false, true],
    ]);
    expect(t.exchange.balances("alice")).toEqual([
      { asset: "USDT", free: "100000", locked: "0" },
      { asset: "BTC", free: "0.99995", locked: "0" },
    ]);
  });

  it("give increasing unique ids", () => {
    const t = funded();
    const ids = Array.from(
      { length: 20 },
      () =>
        t.exchange.placeOrder({
          account: "bob",
          symbol: "BTCUSDT",
          side: "BUY",
          type: "LIMIT",
          price: "1000",
          quantity: "0.001",
        }).orderId,
    );
    expect(new Set(ids).size).toBe(20);
    expect([...ids].sort()).toEqual(ids);
  });

  it("reject placement errors with MEXC codes and change nothing", () => {
    const t = funded();
    const base = {
      account: "bob",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "97000",
      quantity: "0.1",
    } as const;
    const codeOf = (input: Record<string, unknown>) => {
      try {
        t.exchange.placeOrder({ ...base, ...input } as never);
      } catch (error) {
        return error instanceof SimError ? error.mexcCode : error;
      }
      return "accepted";
    };
    expect(codeOf({ symbol: "NOPEUSDT" })).toBe(30014);
    expect(codeOf({ account: "nobody" })).toBe(10001);
    expect(codeOf({ price: undefined })).toBe(44444);
    expect(codeOf({ quantity: undefined })).toBe(44444);
    expect(codeOf({ side: "HOLD" })).toBe(33333);
    expect(codeOf({ type: "STOP_LIMIT" })).toBe(33333);
    expect(codeOf({ price: "97000.001" })).toBe(33333);
    expect(codeOf({ quantity: "0.0000001" })).toBe(33333);
    expect(codeOf({ quantity: "-1" })).toBe(33333);
    expect(codeOf({ quantity: "0" })).toBe(33333);
    expect(codeOf({ quantity: "1e-3" })).toBe(33333);
    expect(codeOf({ price: "1", quantity: "0.5" })).toBe(30002);
    expect(codeOf({ quantity: "2" })).toBe(10101);
    expect(codeOf({ side: "SELL" })).toBe(30004);
    expect(t.take()).toEqual([]);
    expect(t.exchange.allOrders("bob", "BTCUSDT")).toEqual([]);
  });

  it("testOrder validates like placeOrder without placing anything", () => {
    const t = funded();
    const input = {
      account: "bob",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "97000",
      quantity: "0.1",
    } as const;
    expect(() => t.exchange.testOrder(input)).not.toThrow();
    expect(() => t.exchange.testOrder({ ...input, quantity: "5" })).toThrow(
      expect.objectContaining({ mexcCode: 10101 }),
    );
    expect(t.take()).toEqual([]);
    expect(t.exchange.allOrders("bob", "BTCUSDT")).toEqual([]);
  });

  it("answer unknown orders: getOrder undefined, cancel -2011, even for another account's order", () => {
    const t = funded();
    const order = t.exchange.placeOrder({
      account: "alice",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "99000",
      quantity: "0.1",
    });
    expect(t.exchange.getOrder("bob", "BTCUSDT", { orderId: order.orderId })).toBeUndefined();
    expect(t.exchange.getOrder("alice", "ETHUSDT", { orderId: order.orderId })).toBeUndefined();
    expect(() => t.exchange.cancelOrder("bob", "BTCUSDT", { orderId: order.orderId })).toThrow(
      expect.objectContaining({ mexcCode: -2011 }),
    );
    expect(() => t.exchange.cancelOrder("alice", "BTCUSDT", {})).toThrow(expect.objectContaining({ mexcCode: -2011 }));
  });
});
