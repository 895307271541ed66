import { Decimal as Big } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { testExchange } from "../../test/testExchange.js";
import { createRandom } from "../random.js";
import type { DepthEvent, DepthSnapshot } from "../types.js";

type Book = { bid: Map<string, string>; ask: Map<string, string> };

const trim = (value: string) => new Big(value).toFixed();

function fromSnapshot(snapshot: DepthSnapshot): Book {
  return {
    bid: new Map(snapshot.bids.map(([price, qty]) => [trim(price), trim(qty)])),
    ask: new Map(snapshot.asks.map(([price, qty]) => [trim(price), trim(qty)])),
  };
}

function apply(book: Book, event: DepthEvent) {
  if (event.quantity === "0") book[event.side].delete(event.price);
  else book[event.side].set(event.price, event.quantity);
}

function randomTrading(t: ReturnType<typeof testExchange>, steps: number) {
  const random = createRandom(42);
  for (const account of ["a", "b"]) {
    t.exchange.createAccount(account);
    t.exchange.credit(account, "USDT", "100000000");
    t.exchange.credit(account, "ETH", "100000");
  }
  for (let i = 0; i < steps; i += 1) {
    const account = random.pick(["a", "b"]);
    const open = t.exchange.openOrders(account, "ETHUSDT");
    if (open.length > 0 && random.chance(0.2)) {
      t.exchange.cancelOrder(account, "ETHUSDT", { orderId: random.pick(open).orderId });
      continue;
    }
    const side = random.pick(["BUY", "SELL"] as const);
    const price = (3400 + random.int(-40, 40) * 0.25).toFixed(2);
    const quantity = (random.int(1, 300) / 100).toFixed(2);
    if (random.chance(0.1)) {
      try {
        t.exchange.placeOrder({ account, symbol: "ETHUSDT", side, type: "MARKET", quantity });
      } catch {
        // 30010 on an empty side
      }
    } else {
      t.exchange.placeOrder({ account, symbol: "ETHUSDT", side, type: "LIMIT", price, quantity });
    }
  }
}

describe("depth", () => {
  it("versions are contiguous and replaying depth events on a snapshot gives the later snapshot", () => {
    const t = testExchange();
    const start = t.exchange.depthSnapshot("ETHUSDT", 5000);
    const book = fromSnapshot(start);
    const events: DepthEvent[] = [];
    t.exchange.onEvent((event) => {
      if (event.kind === "depth" && event.symbol === "ETHUSDT") events.push(event);
    });
    randomTrading(t, 2000);

    expect(events.length).toBeGreaterThan(2000);
    events.forEach((event, index) => {
      expect(event.version).toBe(start.lastUpdateId + index + 1);
    });
    for (const event of events) apply(book, event);
    const end = t.exchange.depthSnapshot("ETHUSDT", 5000);
    expect(end.lastUpdateId).toBe(events.at(-1)!.version);
    expect(end.lastUpdateId).toBe(t.exchange.depthVersion("ETHUSDT"));
    expect(book).toEqual(fromSnapshot(end));
    // and the book never stays crossed
    if (end.bids[0] && end.asks[0]) expect(new Big(end.bids[0][0]).lt(end.asks[0][0])).toBe(true);
  });

  it("snapshots list bids descending and asks ascending, padded to the symbol's precision, up to `limit`", () => {
    const t = testExchange();
    t.exchange.createAccount("a");
    t.exchange.credit("a", "USDT", "1000000");
    t.exchange.credit("a", "BTC", "10");
    for (const price of ["96000", "96500.5", "95000"]) {
      t.exchange.placeOrder({ account: "a", symbol: "BTCUSDT", side: "BUY", type: "LIMIT", price, quantity: "0.1" });
    }
    for (const price of ["98000", "97000.1"]) {
      t.exchange.placeOrder({ account: "a", symbol: "BTCUSDT", side: "SELL", type: "LIMIT", price, quantity: "0.25" });
    }
    t.exchange.placeOrder({
      account: "a",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "98000",
      quantity: "1",
    });
    const snapshot = t.exchange.depthSnapshot("BTCUSDT", 2);
    expect(snapshot.bids).toEqual([
      ["96500.50", "0.100000"],
      ["96000.00", "0.100000"],
    ]);
    expect(snapshot.asks).toEqual([
      ["97000.10", "0.250000"],
      ["98000.00", "1.250000"],
    ]);
    expect(snapshot.lastUpdateId).toBe(t.exchange.depthVersion("BTCUSDT"));
    expect(t.exchange.bestBidAsk("BTCUSDT")).toEqual({
      bidPrice: "96500.5",
      bidQty: "0.1",
      askPrice: "97000.1",
      askQty: "0.25",
    });
    expect(() => t.exchange.depthSnapshot("NOPE", 5)).toThrow(expect.objectContaining({ mexcCode: 30014 }));
  });

  it("keeps the last price and recent public trades, newest last", () => {
    const t = testExchange();
    expect(t.exchange.lastPrice("SOLUSDT")).toBeUndefined();
    expect(t.exchange.bestBidAsk("SOLUSDT")).toBeUndefined();
    t.exchange.createAccount("a");
    t.exchange.credit("a", "USDT", "100000");
    t.exchange.credit("a", "SOL", "100");
    for (const price of ["190", "191", "192"]) {
      t.exchange.placeOrder({ account: "a", symbol: "SOLUSDT", side: "SELL", type: "LIMIT", price, quantity: "1" });
    }
    t.exchange.placeOrder({ account: "a", symbol: "SOLUSDT", side: "BUY", type: "MARKET", quantity: "2.5" });
    expect(t.exchange.lastPrice("SOLUSDT")).toBe("192");
    const trades = t.exchange.recentTrades("SOLUSDT", 2);
    expect(trades.map((trade) => [trade.price, trade.quantity, trade.takerSide])).toEqual([
      ["191", "1", "BUY"],
      ["192", "0.5", "BUY"],
    ]);
    expect(trades[0]!.tradeId < trades[1]!.tradeId).toBe(true);
  });
});
