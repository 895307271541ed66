import { DAY_MS } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import type { BalanceEvent, SimTrade } from "../types.js";
import { CARRIED_CHANGE, foldJournal } from "./accounts.js";
import { Big } from "./decimals.js";
import { createHistory, MEXC_RETENTION, PRUNE_EVERY } from "./history.js";
import type { LiveOrder } from "./liveOrder.js";

const NOW = Date.UTC(2026, 10, 23);

function order(id: number, time: number): LiveOrder {
  const view = { account: "demo", symbol: "BTCUSDT", orderId: `o${id}`, clientOrderId: `c${id}`, time };
  return { view } as unknown as LiveOrder;
}

function trade(id: number, time: number): SimTrade {
  return { account: "demo", symbol: "BTCUSDT", id: `t${id}`, orderId: `o${id}`, time } as unknown as SimTrade;
}

describe("the engine's history keeps what MEXC's REST serves", () => {
  it("forgets trades older than a month and closed orders placed over 7 days ago, never an open order", () => {
    let now = NOW;
    const history = createHistory(
      () => true,
      () => now,
    );
    const oldOpen = order(1, NOW - 40 * DAY_MS);
    history.add(oldOpen);
    const oldClosed = order(2, NOW - 8 * DAY_MS);
    history.add(oldClosed);
    history.close(oldClosed);
    const recentClosed = order(3, NOW - 6 * DAY_MS);
    history.add(recentClosed);
    history.close(recentClosed);
    history.addTrade(trade(2, NOW - 31 * DAY_MS));
    history.addTrade(trade(3, NOW - 29 * DAY_MS)); // an order forgotten, but not this trade of it
    const tradedOld = order(4, NOW - 29 * DAY_MS);
    history.add(tradedOld);
    history.close(tradedOld);
    history.addTrade(trade(4, NOW - 29 * DAY_MS));
    // Nothing is forgotten until PRUNE_EVERY additions came.
    expect(history.orders("demo")).toHaveLength(4);
    now += 1;
    for (let i = 0; i < PRUNE_EVERY; i++) history.addTrade(trade(100 + i, now));
    // o2: closed, placed 8 days ago; o4: as old, but a kept trade belongs to it.
    expect(history.orders("demo").map((o) => o.view.orderId)).toEqual(["o1", "o3", "o4"]);
    expect(history.orders("demo", "BTCUSDT").map((o) => o.view.orderId)).toEqual(["o1", "o3", "o4"]);
    expect(history.trades("demo").some((t) => t.id === "t2")).toBe(false);
    expect(history.trades("demo", "BTCUSDT")[0]?.id).toBe("t3");
    expect(history.find("demo", "BTCUSDT", { orderId: "o2" })).toBeUndefined();
    expect(history.find("demo", "BTCUSDT", { clientOrderId: "c2" })).toBeUndefined();
    expect(history.find("demo", "BTCUSDT", { orderId: "o1" })).toBe(oldOpen);
    expect(history.isOpen(oldOpen)).toBe(true);
  });

  it("keeps at most the cap of trades per account, the newest", () => {
    const history = createHistory(
      () => true,
      () => NOW,
      { ...MEXC_RETENTION, tradesCap: 50 },
    );
    for (let i = 0; i < PRUNE_EVERY; i++) history.addTrade(trade(i, NOW - PRUNE_EVERY + i));
    const kept = history.trades("demo");
    expect(kept).toHaveLength(50);
    expect(kept[49]?.id).toBe(`t${PRUNE_EVERY - 1}`);
  });

  it("keeps at most the cap of closed orders per account, the newest, and every open one", () => {
    const history = createHistory(
      () => true,
      () => NOW,
      { ...MEXC_RETENTION, closedOrdersCap: 10 },
    );
    for (let i = 1; i < PRUNE_EVERY; i++) {
      const closed = order(i, NOW - PRUNE_EVERY + i);
      history.add(closed);
      history.close(closed);
    }
    history.add(order(0, NOW - 5 * PRUNE_EVERY)); // open, and older than all: the prune's trigger
    const ids = history.orders("demo").map((o) => o.view.orderId);
    expect(ids).toEqual([...Array.from({ length: 10 }, (_, i) => `o${PRUNE_EVERY - 10 + i}`), "o0"]);
  });
});

describe("foldJournal", () => {
  const entry = (asset: string, freeChange: string, free: string, time: number): BalanceEvent => ({
    ...{ kind: "balance", account: "demo", asset, free, freeChange, locked: "0", lockedChange: "0" },
    ...{ changeType: "DEPOSIT", time },
  });

  it("folds the oldest entries into one CARRIED entry per asset that still sums to the balance", () => {
    const journal = [
      entry("BTC", "1", "1", 1),
      entry("USDT", "100", "100", 2),
      entry("BTC", "0.5", "1.5", 3),
      entry("BTC", "-0.25", "1.25", 4),
    ];
    const folded = foldJournal(journal, 1);
    expect(folded.map((e) => [e.asset, e.changeType, e.freeChange, e.free, e.time])).toEqual([
      ["BTC", CARRIED_CHANGE, "1.5", "1.5", 3],
      ["USDT", CARRIED_CHANGE, "100", "100", 2],
      ["BTC", "DEPOSIT", "-0.25", "1.25", 4],
    ]);
    const btc = folded.filter((e) => e.asset === "BTC").reduce((sum, e) => sum.plus(e.freeChange), new Big(0));
    expect(btc.toFixed()).toBe("1.25");
  });
});
