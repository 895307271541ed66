import type { BalanceItem, FillItem, OrderItem, Topic, TopicSnapshot, TopicUpdate } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { SNAPSHOT_CLOSED_ORDERS, SNAPSHOT_FILLS } from "../config/defaults.js";
import { TopicStates } from "./topicStates.js";

const update = (topic: Topic, data: unknown, exchangeTime = 1, receiveTime = 2) =>
  ({ topic, data, exchangeTime, receiveTime }) as TopicUpdate;
const balance = (asset: string, free: string): BalanceItem => ({
  asset,
  free,
  locked: "0",
  value: null,
  price: null,
  apiTradingDisabled: false,
});
const order = (orderId: string, status: OrderItem["status"], updateTime: number): OrderItem => ({
  orderId,
  clientOrderId: "",
  symbol: "BTCUSDT",
  side: "BUY",
  type: "LIMIT",
  status,
  price: "1",
  quantity: "1",
  executedQuantity: status === "FILLED" ? "1" : "0",
  cumulativeQuoteQuantity: "0",
  avgPrice: "0",
  time: updateTime,
  updateTime,
  apiTradingDisabled: false,
});
const fill = (tradeId: string, time: number) => ({ tradeId, time }) as unknown as FillItem;

describe("TopicStates", () => {
  it("has no snapshot for a topic nothing was published to", () => {
    expect(new TopicStates().snapshot("balances")).toBeUndefined();
  });

  it("keeps the latest balance per asset, sorted by asset, with the newest times", () => {
    const states = new TopicStates();
    states.apply(update("balances", balance("USDT", "1"), 10, 11));
    states.apply(update("balances", balance("BTC", "2"), 12, 13));
    states.apply(update("balances", balance("USDT", "3"), 14, 15));
    expect(states.snapshot("balances")).toEqual({
      topic: "balances",
      data: [balance("BTC", "2"), balance("USDT", "3")],
      exchangeTime: 14,
      receiveTime: 15,
    });
  });

  it("snapshots the figures with every answer that has not changed since it was pushed", () => {
    const states = new TopicStates();
    const fees = { quote: "USDT", byCurrency: {}, valueByCurrency: {}, totalValue: "3" };
    const pnl = [{ symbol: "BTCUSDT", realized: "2" }];
    const pushed = (version: number, changedAt: object, answers: object) =>
      ({ account: "main", version, at: version, answers: { method: "avg", tz: "UTC", changedAt, answers } }) as never;
    states.apply(update("figures", pushed(5, { fees: 5, pnl: 5 }, { fees, pnl: [] }), 0, 1));
    states.apply(update("figures", pushed(7, { fees: 5, pnl: 7 }, { pnl }), 0, 2));
    expect(states.snapshot("figures")?.data).toEqual(pushed(7, { fees: 5, pnl: 7 }, { fees, pnl }));
  });

  it("keeps open orders and only the latest closed ones, newest first", () => {
    const states = new TopicStates();
    states.apply(update("orders", order("open-1", "NEW", 1)));
    for (let index = 0; index < SNAPSHOT_CLOSED_ORDERS + 5; index++)
      states.apply(update("orders", order(`done-${index}`, "FILLED", 100 + index)));
    states.apply(update("orders", order("open-2", "NEW", 50)));
    states.apply(update("orders", order("open-2", "PARTIALLY_FILLED", 60)));
    const orders = states.snapshot("orders")!.data as OrderItem[];
    expect(orders).toHaveLength(SNAPSHOT_CLOSED_ORDERS + 2);
    expect(orders.find((item) => item.orderId === "open-1")).toBeDefined();
    expect(orders.find((item) => item.orderId === "open-2")?.status).toBe("PARTIALLY_FILLED");
    expect(orders.find((item) => item.orderId === "done-0")).toBeUndefined();
    expect(orders[0]!.orderId).toBe(`done-${SNAPSHOT_CLOSED_ORDERS + 4}`);
  });

  it("keeps the latest fills, newest first, one per trade id, bounded", () => {
    const states = new TopicStates();
    for (let index = 0; index < SNAPSHOT_FILLS * 3; index++) states.apply(update("fills", fill(`${index}`, index)));
    states.apply(update("fills", fill(`${SNAPSHOT_FILLS * 3 - 1}`, SNAPSHOT_FILLS * 3 - 1)));
    const fills = states.snapshot("fills")!.data as FillItem[];
    expect(fills).toHaveLength(SNAPSHOT_FILLS);
    expect(fills[0]!.tradeId).toBe(`${SNAPSHOT_FILLS * 3 - 1}`);
    expect(fills.at(-1)!.tradeId).toBe(`${SNAPSHOT_FILLS * 2}`);
  });

  it("updates the open kline bar in place", () => {
    const states = new TopicStates();
    const bar = (openTime: number, close: string) => ({
      symbol: "BTCUSDT",
      interval: "Min1",
      openTime,
      closeTime: openTime + 60_000,
      open: "1",
      high: "1",
      low: "1",
      close,
      volume: "0",
    });
    states.apply(update("market.BTCUSDT.kline", bar(0, "1")));
    states.apply(update("market.BTCUSDT.kline", bar(60_000, "2")));
    states.apply(update("market.BTCUSDT.kline", bar(60_000, "3")));
    expect(
      (states.snapshot("market.BTCUSDT.kline")!.data as unknown as { close: string }[]).map((item) => item.close),
    ).toEqual(["1", "3"]);
  });

  it("loads a snapshot, and forgets a dropped topic", () => {
    const states = new TopicStates();
    states.load({
      topic: "market.BTCUSDT.ticker",
      data: { symbol: "BTCUSDT" },
      exchangeTime: 5,
      receiveTime: 6,
    } as unknown as TopicSnapshot);
    expect(states.snapshot("market.BTCUSDT.ticker")).toEqual({
      topic: "market.BTCUSDT.ticker",
      data: { symbol: "BTCUSDT" },
      exchangeTime: 5,
      receiveTime: 6,
    });
    states.drop("market.BTCUSDT.ticker");
    expect(states.snapshot("market.BTCUSDT.ticker")).toBeUndefined();
  });
});
