import { afterEach, describe, expect, it } from "vitest";
import { fillEvent } from "../../test/storeEvents.js";
import { StoreError } from "../errors.js";
import { SCAN_CHUNK } from "./fills.js";
import { type GatewayStore, openStore } from "./store.js";

let store: GatewayStore;
afterEach(() => store?.close());

describe("fills", () => {
  it("stores a fill once: the same trade again, from the stream or REST, changes nothing", () => {
    store = openStore({ path: ":memory:" });
    expect(store.upsertFill(fillEvent(), "9.395039")).toBe(true);
    expect(store.upsertFill(fillEvent(), "9.395039")).toBe(false);
    expect(store.upsertFill(fillEvent({ source: "rest", price: "1", fee: "5" }), "5")).toBe(false);

    const page = store.fills();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toEqual({
      tradeId: "505979017439002624X1",
      orderId: "C02__505979017439002624115",
      symbol: "BTCUSDT",
      side: "BUY",
      price: "93950.39",
      quantity: "0.0001",
      amount: "9.395039",
      fee: "0.0000001",
      feeCurrency: "BTC",
      feeValue: "9.395039",
      isMaker: false,
      time: 1_736_417_034_280,
      source: "stream",
    });
    expect(store.counts().fills).toBe(1);
  });

  it("keeps decimals as canonical strings, exactly", () => {
    store = openStore({ path: ":memory:" });
    store.upsertFill(fillEvent({ price: "93950.3900", quantity: "0.000100000000000001", amount: "0" }), null);
    const [item] = store.fills().items;
    expect(item?.price).toBe("93950.39");
    expect(item?.quantity).toBe("0.000100000000000001");
    // An amount the source left at zero becomes price x quantity.
    expect(item?.amount).toBe("9.39503900000009395039");
    expect(item?.feeValue).toBeNull();
  });

  it("rejects a malformed decimal, naming the field, and stores nothing", () => {
    store = openStore({ path: ":memory:" });
    expect(() => store.upsertFill(fillEvent({ price: "1e5" }), null)).toThrow(/price is not a decimal/);
    expect(() => store.upsertFill(fillEvent({ tradeId: "" }), null)).toThrow(StoreError);
    expect(store.counts().fills).toBe(0);
  });

  it("remembers the last fill per symbol for the client's resume", () => {
    store = openStore({ path: ":memory:" });
    store.upsertFill(fillEvent({ tradeId: "b", timestamp: 2_000 }), null);
    store.upsertFill(fillEvent({ tradeId: "a", timestamp: 1_000 }), null); // older, reconciled late
    store.upsertFill(fillEvent({ symbol: "ETHUSDT", tradeId: "e", timestamp: 1_500 }), null);
    expect(store.lastFillPerSymbol()).toEqual({
      BTCUSDT: { tradeId: "b", time: 2_000 },
      ETHUSDT: { tradeId: "e", time: 1_500 },
    });
  });

  it("stores a live fill that came during a reconciliation, but does not resume from it", () => {
    store = openStore({ path: ":memory:" });
    store.upsertFill(fillEvent({ tradeId: "a", timestamp: 1_000 }), null);
    // REST may still bring fills between 1,000 and 3,000: a restart must ask from 1,000.
    store.upsertFill({ ...fillEvent({ tradeId: "live", timestamp: 3_000 }), resumable: false }, null);
    expect(store.counts().fills).toBe(2);
    expect(store.lastFillPerSymbol()).toEqual({ BTCUSDT: { tradeId: "a", time: 1_000 } });
    store.upsertFill({ ...fillEvent({ tradeId: "rest", source: "rest", timestamp: 2_000 }), resumable: true }, null);
    expect(store.lastFillPerSymbol()).toEqual({ BTCUSDT: { tradeId: "rest", time: 2_000 } });
  });

  it("hands the client the trade ids of the second before each last fill (REST's whole-second times, docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3)", () => {
    store = openStore({ path: ":memory:" });
    store.upsertFill(fillEvent({ tradeId: "old", timestamp: 10_000 }), null);
    store.upsertFill(fillEvent({ tradeId: "same-second", timestamp: 11_200 }), null);
    store.upsertFill(fillEvent({ tradeId: "last", timestamp: 11_900 }), null);
    store.upsertFill(fillEvent({ symbol: "ETHUSDT", tradeId: "e", timestamp: 1_500 }), null);
    expect(store.recentTradeIds(store.lastFillPerSymbol()).sort()).toEqual(["e", "last", "same-second"]);
  });

  it("pages newest first without skipping or repeating fills that share a timestamp", () => {
    store = openStore({ path: ":memory:" });
    // 7 fills at t=1000, 3 at t=2000, inserted out of order.
    const ids = [...Array.from({ length: 7 }, (_, i) => `a${i}`), "b0", "b1", "b2"];
    for (const id of [...ids].reverse()) {
      store.upsertFill(fillEvent({ tradeId: id, timestamp: id.startsWith("a") ? 1_000 : 2_000 }), null);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = store.fills({ limit: 3, ...(cursor ? { cursor } : {}) });
      // Every page says how many there are in all, not how many are left.
      expect(result.total).toBe(10);
      seen.push(...result.items.map((f) => f.tradeId));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    expect(seen).toEqual(["b2", "b1", "b0", "a6", "a5", "a4", "a3", "a2", "a1", "a0"]);
  });

  it("keeps a page stable when newer fills arrive between requests", () => {
    store = openStore({ path: ":memory:" });
    for (let i = 0; i < 4; i++) store.upsertFill(fillEvent({ tradeId: `t${i}`, timestamp: 1_000 + i }), null);
    const first = store.fills({ limit: 2 });
    store.upsertFill(fillEvent({ tradeId: "t9", timestamp: 9_000 }), null);
    const second = store.fills({ limit: 2, cursor: first.nextCursor ?? "" });
    expect(first.items.map((f) => f.tradeId)).toEqual(["t3", "t2"]);
    expect(second.items.map((f) => f.tradeId)).toEqual(["t1", "t0"]);
    expect(second.nextCursor).toBeNull();
  });

  it("filters by symbol and an inclusive time range", () => {
    store = openStore({ path: ":memory:" });
    store.upsertFill(fillEvent({ tradeId: "1", timestamp: 100 }), null);
    store.upsertFill(fillEvent({ tradeId: "2", timestamp: 200 }), null);
    store.upsertFill(fillEvent({ tradeId: "3", timestamp: 300 }), null);
    store.upsertFill(fillEvent({ tradeId: "4", timestamp: 200, symbol: "ETHUSDT" }), null);
    expect(store.fills({ symbol: "BTCUSDT", from: 200, to: 300 }).items.map((f) => f.tradeId)).toEqual(["3", "2"]);
    expect(store.fills({ to: 200 }).items.map((f) => f.tradeId)).toEqual(["4", "2", "1"]);
    // The total counts with the same filters: "1 of 2 fills", not of every fill stored.
    expect(store.fills({ symbol: "BTCUSDT", from: 200, limit: 1 }).total).toBe(2);
    expect(store.fills({ to: 200, limit: 1 }).total).toBe(3);
    expect(store.fills({ symbol: "SOLUSDT" }).total).toBe(0);
  });

  it("refuses a cursor it did not issue and a non-positive limit", () => {
    store = openStore({ path: ":memory:" });
    expect(() => store.fills({ cursor: "not-a-cursor" })).toThrow(expect.objectContaining({ code: "BAD_CURSOR" }));
    expect(() => store.fills({ cursor: Buffer.from('{"a":1}').toString("base64url") })).toThrow(
      expect.objectContaining({ code: "BAD_CURSOR" }),
    );
    expect(() => store.fills({ limit: 0 })).toThrow(expect.objectContaining({ code: "BAD_QUERY" }));
    expect(() => store.fills({ from: -1 })).toThrow(expect.objectContaining({ code: "BAD_QUERY" }));
    // An export checks its range when asked, before the first row is read.
    expect(() => store.allFills({ to: 1.5 })).toThrow(expect.objectContaining({ code: "BAD_QUERY" }));
  });

  it("exports every fill oldest first in chunks, and writes may happen between chunks", () => {
    store = openStore({ path: ":memory:" });
    const total = SCAN_CHUNK * 2 + 7;
    store.batch(() => {
      for (let i = 0; i < total; i++)
        store.upsertFill(fillEvent({ tradeId: `t${String(i).padStart(5, "0")}`, timestamp: 1_000 + (i % 3) }), null);
    });
    let n = 0;
    let previous = { time: 0, id: "" };
    for (const fill of store.allFills()) {
      expect(fill.time > previous.time || (fill.time === previous.time && fill.tradeId > previous.id)).toBe(true);
      expect(Object.keys(fill)).not.toContain("amountValue");
      previous = { time: fill.time, id: fill.tradeId };
      // The connection is free between rows: a write here must not throw.
      if (n === 10) store.upsertFill(fillEvent({ tradeId: "late", timestamp: 1 }), null);
      n++;
    }
    expect(n).toBe(total);
  });
});
