import { describe, expect, it } from "vitest";
import { DOCUMENTED_FILLS, testExchange } from "../../test/testExchange.js";
import { SimError } from "../errors.js";
import { Big, fmt } from "./decimals.js";

function funded() {
  const t = testExchange({ behaviours: DOCUMENTED_FILLS });
  t.exchange.createAccount("alice");
  t.exchange.createAccount("bob");
  t.exchange.credit("alice", "USDT", "100000");
  t.exchange.credit("bob", "BTC", "1");
  t.take();
  return t;
}

const limit = (account: string, side: "BUY" | "SELL", price: string, quantity: string) => ({
  account,
  symbol: "BTCUSDT",
  side,
  type: "LIMIT" as const,
  price,
  quantity,
});

describe("editOrder: MEXC's web edit, a cancel then a new order (docs/mexc/undocumented.md#orders item 11.19)", () => {
  it("after a partial fill places only what was left: 0.02 of a 0.05 order filled, the new order is 0.03", () => {
    const t = funded();
    const buy = t.exchange.placeOrder(limit("alice", "BUY", "90000", "0.05"));
    t.exchange.placeOrder(limit("bob", "SELL", "90000", "0.02"));
    const [canceled, replacement] = t.exchange.editOrder(
      "alice",
      "BTCUSDT",
      { orderId: buy.orderId },
      { price: "90500" },
    );
    expect(canceled).toMatchObject({ orderId: buy.orderId, status: "PARTIALLY_CANCELED", executedQty: "0.02" });
    expect(replacement).toMatchObject({ status: "NEW", price: "90500", origQty: "0.03", executedQty: "0" });
    expect(replacement.orderId).not.toBe(buy.orderId);
    // Everything sold at the new price: alice ends up with what she asked for, 0.05 in all, no more.
    t.exchange.placeOrder(limit("bob", "SELL", "90500", "0.98"));
    const bought = t.exchange
      .allOrders("alice", "BTCUSDT")
      .reduce((sum, order) => sum.plus(order.executedQty), new Big(0));
    expect(fmt(bought)).toBe("0.05");
    expect(t.exchange.getOrder("alice", "BTCUSDT", { orderId: replacement.orderId })?.status).toBe("FILLED");
  });

  it("keeps the whole quantity of an unfilled order, and takes a new quantity when one is given", () => {
    const t = funded();
    const buy = t.exchange.placeOrder(limit("alice", "BUY", "90000", "0.05"));
    const [, same] = t.exchange.editOrder("alice", "BTCUSDT", { orderId: buy.orderId }, { price: "89000" });
    expect(same).toMatchObject({ price: "89000", origQty: "0.05" });
    const [, resized] = t.exchange.editOrder("alice", "BTCUSDT", { orderId: same.orderId }, { quantity: "0.1" });
    expect(resized).toMatchObject({ price: "89000", origQty: "0.1" });
    expect(t.exchange.openOrders("alice", "BTCUSDT").map((order) => order.orderId)).toEqual([resized.orderId]);
  });

  it("a refused edit (balance short, bad price) leaves the order open, its funds locked and nothing pushed", () => {
    const t = funded();
    const buy = t.exchange.placeOrder(limit("alice", "BUY", "90000", "0.5"));
    t.take();
    const balances = t.exchange.balances("alice");
    for (const change of [{ quantity: "5" }, { price: "-1" }, { price: "abc" }]) {
      expect(() => t.exchange.editOrder("alice", "BTCUSDT", { orderId: buy.orderId }, change)).toThrow(SimError);
      expect(t.exchange.openOrders("alice", "BTCUSDT")).toEqual([buy]);
      expect(t.exchange.balances("alice")).toEqual(balances);
      expect(t.take()).toEqual([]);
    }
  });

  it("counts the funds the cancel frees: an edit to a higher price that needs them goes through", () => {
    const t = funded();
    // 90,000 of alice's 100,000 USDT locked; at 95,000 the new order needs 95,000: 10,000 free + 90,000 freed.
    const buy = t.exchange.placeOrder(limit("alice", "BUY", "90000", "1"));
    const [, replacement] = t.exchange.editOrder("alice", "BTCUSDT", { orderId: buy.orderId }, { price: "95000" });
    expect(replacement).toMatchObject({ status: "NEW", price: "95000", origQty: "1" });
    expect(t.exchange.balances("alice")).toContainEqual({ asset: "USDT", free: "5000", locked: "95000" });
  });

  it("answers -2011 for an order that is not open, changing nothing", () => {
    const t = funded();
    expect(() => t.exchange.editOrder("alice", "BTCUSDT", { orderId: "C02__000000000000000000999" }, {})).toThrow(
      expect.objectContaining({ mexcCode: -2011 }),
    );
  });
});
