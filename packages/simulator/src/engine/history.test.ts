import { describe, expect, it } from "vitest";
import { testExchange } from "../../test/testExchange.js";
import { FEE_ACCOUNT } from "./matching.js";

describe("accounts without history (the simulated market's own)", () => {
  it("forget closed orders, trades and journal entries, but keep balances and open orders exact", () => {
    const { exchange } = testExchange();
    exchange.createAccount("maker", { keepHistory: false });
    exchange.createAccount("user");
    exchange.credit("maker", "BTC", "10");
    exchange.credit("user", "USDT", "1000000");

    const resting = exchange.placeOrder({
      account: "maker",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "97000",
      quantity: "2",
    });
    const other = exchange.placeOrder({
      account: "maker",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "98000",
      quantity: "1",
    });
    exchange.placeOrder({
      account: "user",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "97000",
      quantity: "2",
    });

    // The filled order and the trade are gone from the maker's history; the open one is not.
    expect(exchange.ledger("maker")).toMatchObject({ orders: [], trades: [] });
    expect(exchange.journal("maker")).toEqual([]);
    expect(exchange.openOrders("maker").map((o) => o.orderId)).toEqual([other.orderId]);
    expect(exchange.getOrder("maker", "BTCUSDT", { orderId: resting.orderId })).toBeUndefined();
    expect(exchange.balances("maker")).toEqual([
      { asset: "BTC", free: "7", locked: "1" },
      { asset: "USDT", free: "194000", locked: "0" },
    ]);
    // The user's side of the same match keeps its full history.
    expect(exchange.ledger("user").trades).toHaveLength(1);
    expect(exchange.ledger("user").orders.map((o) => o.status)).toEqual(["FILLED"]);
    // Fees collected are balances only.
    expect(exchange.journal(FEE_ACCOUNT)).toEqual([]);
    expect(exchange.balances(FEE_ACCOUNT).length).toBeGreaterThan(0);
    // Cancelling the open order still works without history.
    expect(exchange.cancelOrder("maker", "BTCUSDT", { orderId: other.orderId }).status).toBe("CANCELED");
    expect(exchange.openOrders("maker")).toEqual([]);
  });
});
