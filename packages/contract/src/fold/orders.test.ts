import { describe, expect, it } from "vitest";
import type { OrderItem } from "../items.js";
import { applyOrdersSnapshot, applyOrderUpdates, isOpenOrder } from "./orders.js";

const order = (orderId: string, status: OrderItem["status"], updateTime: number): OrderItem => ({
  orderId,
  clientOrderId: "",
  symbol: "BTCUSDT",
  side: "BUY",
  type: "LIMIT",
  status,
  price: "1",
  quantity: "1",
  executedQuantity: "0",
  cumulativeQuoteQuantity: "0",
  avgPrice: "0",
  time: updateTime,
  updateTime,
  apiTradingDisabled: false,
});

describe("orders fold", () => {
  it("keeps the latest state per order and ignores an update older than the held one", () => {
    let orders = applyOrderUpdates(new Map(), [order("a", "NEW", 1), order("a", "FILLED", 3)], 10);
    orders = applyOrderUpdates(orders, [order("a", "PARTIALLY_FILLED", 2)], 10);
    expect(orders.get("a")?.status).toBe("FILLED");
  });

  it("keeps every open order and only the closed ones updated last", () => {
    const updates = [order("open", "NEW", 1), ...[2, 3, 4, 5].map((t) => order(`done-${t}`, "CANCELED", t))];
    const orders = applyOrderUpdates(new Map(), updates, 2);
    expect([...orders.keys()].sort()).toEqual(["done-4", "done-5", "open"]);
  });

  it("counts a status MEXC added later (UNKNOWN) as open", () => {
    expect(isOpenOrder(order("x", "UNKNOWN", 1))).toBe(true);
    expect(isOpenOrder(order("x", "PARTIALLY_CANCELED", 1))).toBe(false);
  });

  it("takes a snapshot as the truth about open orders, keeping closed history", () => {
    const held = applyOrderUpdates(new Map(), [order("gone", "NEW", 1), order("old", "FILLED", 1)], 10);
    const orders = applyOrdersSnapshot(held, [order("new", "NEW", 5)], 10);
    expect([...orders.keys()].sort()).toEqual(["new", "old"]);
  });
});
