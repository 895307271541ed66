import { describe, expect, it } from "vitest";
import { testExchange } from "../../test/testExchange.js";

/**
 * MEXC writes a protective price on a MARKET order, about 5 % from the market, and the order fills
 * no further (docs/mexc/undocumented.md#fills-and-keys item 11.28: ccxt's recorded SELL at -4.7 % of
 * its average fill with origQuoteOrderQty = quantity x that price; a BUY at +4.6 %).
 * alice offers 0.1 BTC at 100000, 104000 and 106000, and bids 0.1 at 100000, 97000 and 94000.
 */
function withBook(marketProtection: boolean) {
  const t = testExchange({ behaviours: { marketProtection } });
  t.exchange.createAccount("alice");
  t.exchange.createAccount("bob");
  t.exchange.credit("alice", "USDT", "1000000");
  t.exchange.credit("alice", "BTC", "10");
  t.exchange.credit("bob", "USDT", "100000");
  t.exchange.credit("bob", "BTC", "1");
  const rest = (side: "BUY" | "SELL", price: string) =>
    t.exchange.placeOrder({ account: "alice", symbol: "BTCUSDT", side, type: "LIMIT", price, quantity: "0.1" });
  for (const price of ["100001", "104000", "106000"]) rest("SELL", price);
  for (const price of ["100000", "97000", "94000"]) rest("BUY", price);
  t.take();
  return t;
}

const pricesOf = (t: ReturnType<typeof testExchange>, account: string) =>
  t.exchange.myTrades(account, "BTCUSDT").map((trade) => trade.price);

describe("a MARKET order's protective price", () => {
  it("SELL: 5 % under the best bid; fills down to it, no further, the rest canceled", () => {
    const t = withBook(true);
    const order = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "MARKET",
      quantity: "0.3",
    });
    expect(pricesOf(t, "bob")).toEqual(["100000", "97000"]); // 94000 is beyond 95000
    expect(order).toMatchObject({
      price: "95000",
      origQty: "0.3",
      executedQty: "0.2",
      cummulativeQuoteQty: "19700",
      origQuoteOrderQty: "28500", // 0.3 x 95000, as MEXC's allOrders answer
      status: "PARTIALLY_CANCELED", // [UNCONFIRMED] the final status of a cut-short MARKET order
    });
    expect(t.exchange.balances("bob")).toContainEqual({ asset: "BTC", free: "0.8", locked: "0" });
    expect(t.exchange.depthSnapshot("BTCUSDT", 5).bids).toEqual([["94000.00", "0.100000"]]);
  });

  it("BUY: 5 % over the best ask, at the pair's precision; the fill prices are the book's, not it", () => {
    const t = withBook(true);
    const order = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quantity: "0.3",
    });
    // 100001 x 1.05 = 105001.05, rounded down to BTCUSDT's 2 decimals
    expect(order.price).toBe("105001.05");
    expect(pricesOf(t, "bob")).toEqual(["100001", "104000"]);
    expect(order).toMatchObject({ executedQty: "0.2", status: "PARTIALLY_CANCELED" });
  });

  it("with the behaviour market-protection off: price 0 and the whole book walked", () => {
    const t = withBook(false);
    const order = t.exchange.placeOrder({
      account: "bob",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "MARKET",
      quantity: "0.3",
    });
    expect(pricesOf(t, "bob")).toEqual(["100000", "97000", "94000"]);
    expect(order).toMatchObject({ price: "0", origQuoteOrderQty: "0", status: "FILLED" });
  });
});
