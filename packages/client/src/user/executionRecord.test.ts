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

const balance = (asset: string, free: string, locked = "0", receivedAt = 1_000): BalanceUpdate => ({
  type: "balance",
  channel: "spot@private.account.v3.api.pb",
  timestamp: receivedAt,
  localTimestamp: receivedAt,
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

  it("takes a later REST read that says why MEXC canceled an order as news, once (the push never says)", () => {
    const record = new ExecutionRecord();
    expect(record.acceptOrder(order("CANCELED", "0"))).toBe(true); // the push: no reason
    expect(record.acceptOrder({ ...order("CANCELED", "0"), cancelReason: "stp_cancel" })).toBe(true);
    expect(record.order("C02__1")?.cancelReason).toBe("stp_cancel");
    expect(record.acceptOrder({ ...order("CANCELED", "0"), cancelReason: "stp_cancel" })).toBe(false);
    // A push or REST read without it afterwards neither is news nor forgets it.
    expect(record.acceptOrder(order("CANCELED", "0"))).toBe(false);
    expect(record.order("C02__1")?.cancelReason).toBe("stp_cancel");
  });

  it("treats 1.50 and 1.5 as the same filled quantity", () => {
    const record = new ExecutionRecord();
    expect(record.acceptOrder(order("PARTIALLY_FILLED", "1.50"))).toBe(true);
    expect(record.acceptOrder(order("PARTIALLY_FILLED", "1.5"))).toBe(false);
    expect(record.acceptOrder(order("PARTIALLY_CANCELED", "1.5"))).toBe(true);
  });

  it("takes a REST balance over every push received before the read (minus the lag margin)", () => {
    const record = new ExecutionRecord({ restLagMs: 1_000 });
    const push = balance("USDT", "90", "10", 5_000);
    record.noteStreamBalance(push);
    expect(record.acceptStreamBalance(push)).toBe(true);
    // Read 3 s after the push: REST is newer, even if that push was the last one in this connection.
    expect(record.acceptRestBalance("USDT", { free: "100", locked: "0" }, 8_000)).toEqual({
      use: true,
      news: true,
      before: { free: "90", locked: "10" },
    });
    expect(record.balances().get("USDT")).toEqual({ free: "100", locked: "0" });
    // Same value again: used (held pushes are stale) but not news.
    expect(record.acceptRestBalance("USDT", { free: "100", locked: "0" }, 9_000)).toEqual({
      use: true,
      news: false,
      before: { free: "100", locked: "0" },
    });
    expect(record.acceptRestBalance("BTC", { free: "1", locked: "0" }, 9_000)).toEqual({
      use: true,
      news: true,
      before: undefined,
    });
  });

  it("keeps a push received after the read, or just before it, and doubts only a disagreement before it", () => {
    const record = new ExecutionRecord({ restLagMs: 1_000 });
    record.noteStreamBalance(balance("USDT", "90", "0", 5_000));
    record.acceptStreamBalance(balance("USDT", "90", "0", 5_000));
    // The read left at 4.5 s: the push came after it, so it is newer; no doubt.
    expect(record.acceptRestBalance("USDT", { free: "100", locked: "0" }, 4_500)).toEqual({ use: false, doubt: false });
    // The read left 0.5 s after the push: MEXC's REST may lag; disagreeing, read again later.
    expect(record.acceptRestBalance("USDT", { free: "100", locked: "0" }, 5_500)).toEqual({ use: false, doubt: true });
    // ... agreeing: nothing to doubt.
    expect(record.acceptRestBalance("USDT", { free: "90.0", locked: "0" }, 5_500)).toEqual({
      use: false,
      doubt: false,
    });
    expect(record.balances().get("USDT")).toEqual({ free: "90", locked: "0" });
  });

  it("remembers the latest push received, whatever order they are noted in", () => {
    const record = new ExecutionRecord({ restLagMs: 1_000 });
    record.noteStreamBalance(balance("USDT", "80", "0", 6_000));
    record.noteStreamBalance(balance("USDT", "90", "0", 5_000));
    expect(record.acceptRestBalance("USDT", { free: "100", locked: "0" }, 6_500)).toEqual({ use: false, doubt: true });
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
