import { describe, expect, it } from "vitest";
import { DOCUMENTED_FILLS, describeEvent, testExchange } from "../../test/testExchange.js";
import { SimError } from "../errors.js";

/** alice offers 0.1 BTC at each of 97000, 97001, 97002 and bids 0.1 at 96000 and 95000; bob trades. */
function withBook() {
  const t = testExchange({ behaviours: DOCUMENTED_FILLS });
  t.exchange.createAccount("alice");
  t.exchange.createAccount("bob");
  t.exchange.credit("alice", "USDT", "1000000");
  t.exchange.credit("alice", "BTC", "10");
  t.exchange.credit("bob", "USDT", "100000");
  t.exchange.credit("bob", "BTC", "1");
  for (const price of ["97000", "97001", "97002"]) {
    t.exchange.placeOrder({ account: "alice", symbol: "BTCUSDT", side: "SELL", type: "LIMIT", price, quantity: "0.1" });
  }
  for (const price of ["96000", "95000"]) {
    t.exchange.placeOrder({ account: "alice", symbol: "BTCUSDT", side: "BUY", type: "LIMIT", price, quantity: "0.1" });
  }
  t.take();
  return t;
}

const codeOf = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    return error instanceof SimError ? error.mexcCode : error;
  }
  return "accepted";
};

describe("LIMIT_MAKER", () => {
  it("is rejected with 30041 when it would cross, leaving nothing changed", () => {
    const t = withBook();
    const before = t.exchange.depthSnapshot("BTCUSDT", 10);
    const place = () =>
      t.exchange.placeOrder({
        account: "bob",
        symbol: "BTCUSDT",
        side: "BUY",
        type: "LIMIT_MAKER",
        price: "97000",
        quantity: "0.1",
      });
    expect(codeOf(place)).toBe(30041);
    expect(t.take()).toEqual([]);
    expect(t.exchange.depthSnapshot("BTCUSDT", 10)).toEqual({ ...before, timestamp: expect.any(Number) });
    expect(t.exchange.allOrders("bob", "BTCUSDT")).toEqual([]);
  });

  it("rests like a LIMIT order when it would not cross", () => {
    const t = withBook();
    const order = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT_MAKER",
      price: "96999.99",
      quantity: "0.1",
    });
    expect(order.status).toBe("NEW");
    expect(t.take().map(describeEvent)).toEqual([
      "order bob NEW",
      "balance bob BTC ENTRUST_PLACE free-0.1 locked+0.1",
      "depth ask 96999.99=0.1",
    ]);
  });
});

describe("IMMEDIATE_OR_CANCEL", () => {
  it("fills what crosses and cancels the rest, returning its lock", () => {
    const t = withBook();
    const order = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "IMMEDIATE_OR_CANCEL",
      price: "97001",
      quantity: "0.25",
    });
    expect(order).toMatchObject({ status: "PARTIALLY_CANCELED", executedQty: "0.2", cummulativeQuoteQty: "19400.1" });
    expect(t.take().map(describeEvent)).toEqual([
      "order bob NEW",
      "balance bob USDT ENTRUST_PLACE free-24250.25 locked+24250.25",
      "depth ask 97000=0",
      "publicTrade BUY 0.1@97000",
      "fill alice SELL 0.1@97000 fee=0 USDT",
      "order alice FILLED last=0.1",
      "balance alice BTC ENTRUST free+0 locked-0.1",
      "balance alice USDT ENTRUST free+9700 locked+0",
      "fill bob BUY 0.1@97000 fee=0.00005 BTC",
      "order bob PARTIALLY_FILLED last=0.1",
      "balance bob USDT ENTRUST free+0.1 locked-9700.1",
      "balance bob BTC ENTRUST free+0.09995 locked+0",
      "balance __fees__ BTC TRADE_FEE free+0.00005 locked+0",
      "depth ask 97001=0",
      "publicTrade BUY 0.1@97001",
      "fill alice SELL 0.1@97001 fee=0 USDT",
      "order alice FILLED last=0.1",
      "balance alice BTC ENTRUST free+0 locked-0.1",
      "balance alice USDT ENTRUST free+9700.1 locked+0",
      "fill bob BUY 0.1@97001 fee=0.00005 BTC",
      "order bob PARTIALLY_FILLED last=0.1",
      "balance bob USDT ENTRUST free+0 locked-9700.1",
      "balance bob BTC ENTRUST free+0.09995 locked+0",
      "balance __fees__ BTC TRADE_FEE free+0.00005 locked+0",
      "order bob PARTIALLY_CANCELED",
      "balance bob USDT ENTRUST_CANCEL free+4850.05 locked-4850.05",
    ]);
    expect(t.exchange.openOrders("bob")).toEqual([]);
    expect(t.exchange.balances("bob")).toEqual([
      { asset: "USDT", free: "80599.9", locked: "0" },
      { asset: "BTC", free: "1.1999", locked: "0" },
    ]);
  });

  it("that crosses nothing is CANCELED with its lock returned", () => {
    const t = withBook();
    const order = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "IMMEDIATE_OR_CANCEL",
      price: "96500",
      quantity: "0.1",
    });
    expect(order.status).toBe("CANCELED");
    expect(t.take().map(describeEvent)).toEqual([
      "order bob NEW",
      "balance bob BTC ENTRUST_PLACE free-0.1 locked+0.1",
      "order bob CANCELED",
      "balance bob BTC ENTRUST_CANCEL free+0.1 locked-0.1",
    ]);
  });
});

describe("FILL_OR_KILL", () => {
  it("is killed when the book cannot fill all of it: no trade, book and balances as before", () => {
    const t = withBook();
    const book = t.exchange.depthSnapshot("BTCUSDT", 10);
    const balances = t.exchange.balances("bob");
    const order = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "FILL_OR_KILL",
      price: "97002",
      quantity: "0.35",
    });
    expect(order).toMatchObject({ status: "CANCELED", executedQty: "0" });
    expect(t.take().map(describeEvent)).toEqual([
      "order bob NEW",
      "balance bob USDT ENTRUST_PLACE free-33950.7 locked+33950.7",
      "order bob CANCELED",
      "balance bob USDT ENTRUST_CANCEL free+33950.7 locked-33950.7",
    ]);
    expect(t.exchange.depthSnapshot("BTCUSDT", 10)).toEqual({ ...book, timestamp: expect.any(Number) });
    expect(t.exchange.balances("bob")).toEqual(balances);
    expect(t.exchange.myTrades("bob", "BTCUSDT")).toEqual([]);
    expect(t.exchange.recentTrades("BTCUSDT", 10)).toEqual([]);
  });

  it("fills completely when the book can", () => {
    const t = withBook();
    const order = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "FILL_OR_KILL",
      price: "97002",
      quantity: "0.3",
    });
    expect(order).toMatchObject({ status: "FILLED", executedQty: "0.3", cummulativeQuoteQty: "29100.3" });
    expect(t.exchange.depthSnapshot("BTCUSDT", 10).asks).toEqual([]);
  });
});

describe("MARKET", () => {
  it("dates every fill of one walk through the book with one time, however long the walk takes", () => {
    const t = withBook();
    let now = t.clock.now();
    t.clock.now = () => now++; // each reading of the clock a millisecond later, as on a busy machine
    t.exchange.placeOrder({ account: "bob", symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.25" });
    const times = t.take().flatMap((event) => (event.kind === "fill" ? [event.trade.time] : []));
    expect(times).toHaveLength(6); // three makers, both sides of each
    expect(new Set(times).size).toBe(1);
  });

  it("BUY by quantity walks the book and locks exactly what the walk costs", () => {
    const t = withBook();
    const order = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quantity: "0.15",
    });
    expect(order).toMatchObject({ status: "FILLED", price: "0", executedQty: "0.15", cummulativeQuoteQty: "14550.05" });
    const events = t.take().map(describeEvent);
    expect(events.slice(0, 2)).toEqual([
      "order bob NEW",
      "balance bob USDT ENTRUST_PLACE free-14550.05 locked+14550.05",
    ]);
    expect(events.filter((line) => line.startsWith("order bob"))).toEqual([
      "order bob NEW",
      "order bob PARTIALLY_FILLED last=0.1",
      "order bob FILLED last=0.05",
    ]);
    expect(t.exchange.balances("bob")).toContainEqual({ asset: "USDT", free: "85449.95", locked: "0" });
  });

  it("BUY by quantity larger than the book fills what there is and cancels the rest", () => {
    const t = withBook();
    const order = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quantity: "0.5",
    });
    expect(order).toMatchObject({ status: "PARTIALLY_CANCELED", executedQty: "0.3" });
    expect(t.exchange.balances("bob")).toContainEqual({ asset: "USDT", free: "70899.7", locked: "0" });
  });

  it("BUY by quantity is rejected (10101) when the walk costs more than the free quote", () => {
    const t = withBook();
    t.exchange.createAccount("carol");
    t.exchange.credit("carol", "USDT", "10000");
    const place = () =>
      t.exchange.placeOrder({ account: "carol", symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.15" });
    expect(codeOf(place)).toBe(10101);
  });

  it("is rejected (30010) when the opposite side is empty", () => {
    const t = testExchange({ behaviours: DOCUMENTED_FILLS });
    t.exchange.createAccount("bob");
    t.exchange.credit("bob", "USDT", "1000");
    const place = () =>
      t.exchange.placeOrder({ account: "bob", symbol: "ETHUSDT", side: "BUY", type: "MARKET", quoteOrderQty: "10" });
    expect(codeOf(place)).toBe(30010);
  });

  it("BUY by quoteOrderQty spends at most that amount and returns the unspendable rest", () => {
    const t = withBook();
    const order = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quoteOrderQty: "15000",
    });
    // 0.1 at 97000 = 9700, then 5300 buys 0.054638 at 97001 = 5299.940638
    expect(order).toMatchObject({
      status: "FILLED",
      origQty: "0",
      origQuoteOrderQty: "15000",
      executedQty: "0.154638",
      cummulativeQuoteQty: "14999.940638",
    });
    const events = t.take().map(describeEvent);
    expect(events[1]).toBe("balance bob USDT ENTRUST_PLACE free-15000 locked+15000");
    expect(events.at(-1)).toBe("balance bob USDT ENTRUST_UNFROZEN free+0.059362 locked-0.059362");
    expect(t.exchange.balances("bob")).toContainEqual({ asset: "USDT", free: "85000.059362", locked: "0" });
  });

  it("SELL by quoteOrderQty sells base until the amount is reached", () => {
    const t = withBook();
    const order = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "MARKET",
      quoteOrderQty: "12000",
    });
    // 0.1 at 96000 = 9600, then 2400 more: 0.025264 at 95000 (rounded up to a whole step) = 2400.08
    expect(order).toMatchObject({ status: "FILLED", executedQty: "0.125264", cummulativeQuoteQty: "12000.08" });
    expect(t.take()[1]).toMatchObject({ changeType: "ENTRUST_PLACE", asset: "BTC", lockedChange: "0.125264" });
    expect(t.exchange.balances("bob")).toContainEqual({ asset: "BTC", free: "0.874736", locked: "0" });
  });

  it("SELL by quantity on a thin book sells what it can and unlocks the rest", () => {
    const t = withBook();
    const order = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "MARKET",
      quantity: "0.5",
    });
    expect(order).toMatchObject({ status: "PARTIALLY_CANCELED", executedQty: "0.2" });
    const events = t.take().map(describeEvent);
    expect(events.slice(-2)).toEqual([
      "order bob PARTIALLY_CANCELED",
      "balance bob BTC ENTRUST_CANCEL free+0.3 locked-0.3",
    ]);
    expect(t.exchange.balances("bob")).toContainEqual({ asset: "BTC", free: "0.8", locked: "0" });
  });

  it("needs quantity or quoteOrderQty, not both, and respects the minimums", () => {
    const t = withBook();
    const place = (input: { quantity?: string; quoteOrderQty?: string }) => () =>
      t.exchange.placeOrder({ account: "bob", symbol: "BTCUSDT", side: "BUY", type: "MARKET", ...input });
    expect(codeOf(place({}))).toBe(44444);
    expect(codeOf(place({ quantity: "0.1", quoteOrderQty: "100" }))).toBe(33333);
    expect(codeOf(place({ quoteOrderQty: "0.5" }))).toBe(30002);
    expect(codeOf(place({ quantity: "0.0000001" }))).toBe(33333);
  });
});
