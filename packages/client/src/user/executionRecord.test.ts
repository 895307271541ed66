import type { BalanceUpdate, Fill, OrderStatus, OrderUpdate } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { ExecutionRecord } from "./executionRecord.js";

const fill = (tradeId: string, timestamp = 1_000, symbol = "BTCUSDT", orderId = "C02__1"): Fill => ({
  type: "fill",
  channel: "spot@private.deals.v3.api.pb",
  timestamp,
  localTimestamp: timestamp,
  symbol,
  tradeId,
  orderId,
  clientOrderId: "",
  side: "BUY",
  price: "100",
  quantity: "1",
  amount: "100",
  fee: "0.1",
  feeCurrency: "USDT",
  isMaker: false,
  isSelfTrade: false,
});

const order = (status: OrderStatus, cumulativeQuantity: string, orderId = "C02__1"): OrderUpdate => ({
  type: "order",
  channel: "spot@private.orders.v3.api.pb",
  timestamp: 1_000,
  localTimestamp: 1_000,
  symbol: "BTCUSDT",
  orderId,
  clientOrderId: "",
  side: "BUY",
  orderType: "LIMIT",
  status,
  price: "100",
  quantity: "2",
  amount: "200",
  avgPrice: "0",
  remainQuantity: "2",
  remainAmount: "200",
  cumulativeQuantity,
  cumulativeAmount: "0",
  lastDealQuantity: undefined,
  isMaker: false,
  createTime: 1_000,
});

const balance = (asset: string, free: string, locked = "0"): BalanceUpdate => ({
  type: "balance",
  channel: "spot@private.account.v3.api.pb",
  timestamp: 1_000,
  localTimestamp: 1_000,
  asset,
  coinId: "",
  free,
  freeChange: "0",
  locked,
  lockedChange: "0",
  changeType: "ENTRUST",
});

describe("ExecutionRecord", () => {
  it("accepts each trade id once, whichever source delivers it first", () => {
    const record = new ExecutionRecord();
    expect(record.acceptFill(fill("T1"))).toBe(true);
    expect(record.acceptFill(fill("T1"))).toBe(false);
    expect(record.acceptFill(fill("T2"))).toBe(true);
  });

  it("keeps both sides of a self-trade: same trade id, two orders", () => {
    const record = new ExecutionRecord();
    expect(record.acceptFill(fill("T1", 1_000, "BTCUSDT", "C02__buy"))).toBe(true);
    expect(record.acceptFill(fill("T1", 1_000, "BTCUSDT", "C02__sell"))).toBe(true);
    expect(record.acceptFill(fill("T1", 1_000, "BTCUSDT", "C02__sell"))).toBe(false);
  });

  it("accepts an order update only when it moves the order forward", () => {
    const record = new ExecutionRecord();
    expect(record.acceptOrder(order("NEW", "0"))).toBe(true);
    expect(record.acceptOrder(order("NEW", "0"))).toBe(false);
    expect(record.acceptOrder(order("PARTIALLY_FILLED", "0.5"))).toBe(true);
    expect(record.acceptOrder(order("PARTIALLY_FILLED", "1.0"))).toBe(true);
    // A late, older snapshot (e.g. REST taken before the push) never takes it back.
    expect(record.acceptOrder(order("PARTIALLY_FILLED", "0.5"))).toBe(false);
    expect(record.acceptOrder(order("FILLED", "2"))).toBe(true);
    expect(record.acceptOrder(order("PARTIALLY_FILLED", "1.0"))).toBe(false);
    expect(record.openOrders()).toEqual([]);
  });

  it("treats 1.50 and 1.5 as the same filled quantity", () => {
    const record = new ExecutionRecord();
    expect(record.acceptOrder(order("PARTIALLY_FILLED", "1.50"))).toBe(true);
    expect(record.acceptOrder(order("PARTIALLY_FILLED", "1.5"))).toBe(false);
    expect(record.acceptOrder(order("PARTIALLY_CANCELED", "1.5"))).toBe(true);
  });

  it("takes a REST balance only for assets the stream has not pushed since it went live", () => {
    const record = new ExecutionRecord();
    const epoch = 2;
    record.noteStreamBalance("USDT", epoch);
    expect(record.acceptStreamBalance(balance("USDT", "90"))).toBe(true);
    expect(record.acceptRestBalance("USDT", { free: "100", locked: "0" }, epoch)).toBeUndefined();
    expect(record.acceptRestBalance("BTC", { free: "1", locked: "0" }, epoch)).toEqual({ before: undefined });
    expect(record.balances().get("USDT")).toEqual({ free: "90", locked: "0" });
    // In the next epoch (after another gap) REST is newer than the old push.
    expect(record.acceptRestBalance("USDT", { free: "100", locked: "0" }, epoch + 1)).toEqual({
      before: { free: "90", locked: "0" },
    });
  });

  it("drops a balance push that changes nothing", () => {
    const record = new ExecutionRecord();
    expect(record.acceptStreamBalance(balance("USDT", "90"))).toBe(true);
    expect(record.acceptStreamBalance(balance("USDT", "90.0"))).toBe(false);
    expect(record.acceptStreamBalance(balance("USDT", "90", "1"))).toBe(true);
  });

  it("seeds a resume point: the stored fill is known and its time is the watermark", () => {
    const record = new ExecutionRecord();
    record.seedLastFill("ETHUSDT", { tradeId: "T9", time: 5_000 });
    expect(record.acceptFill(fill("T9", 5_000, "ETHUSDT"))).toBe(false);
    expect(record.watermark("ETHUSDT")).toBe(5_000);
    record.advanceWatermark("ETHUSDT", 4_000);
    expect(record.watermark("ETHUSDT")).toBe(5_000);
  });

  it("stays bounded: the trade ids recorded first go first past the cap or the retention", () => {
    let now = 10_000;
    const record = new ExecutionRecord({ maxEntries: 3, retentionMs: 5_000, now: () => now });
    for (let i = 0; i < 5; i++) {
      record.acceptFill(fill(`T${i}`));
      now += 1;
    }
    expect(record.size().trades).toBe(3);
    expect(record.hasFill({ tradeId: "T0", orderId: "C02__1" })).toBe(false);
    expect(record.hasFill({ tradeId: "T4", orderId: "C02__1" })).toBe(true);
    now += 6_000;
    record.acceptFill(fill("T5"));
    expect(record.size().trades).toBe(1);
  });
});
