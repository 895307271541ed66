import { DAY_MS } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { balanceEvent, fillEvent, orderEvent } from "../../test/storeEvents.js";
import { type GatewayStore, openStore } from "./store.js";

let store: GatewayStore;
afterEach(() => store?.close());

const NOW = 100 * DAY_MS;

describe("retention", () => {
  it("deletes rows older than each table's setting and keeps the rest", async () => {
    store = openStore({
      path: ":memory:",
      retention: { fillsDays: 30, ordersDays: 10, balanceChangesDays: 5, equityDays: 1, rawFramesDays: 2 },
    });
    store.upsertFill(fillEvent({ tradeId: "old", timestamp: NOW - 31 * DAY_MS }), null);
    store.upsertFill(fillEvent({ tradeId: "new", timestamp: NOW - 29 * DAY_MS }), null);
    store.upsertOrder(orderEvent({ orderId: "done", status: "FILLED", createTime: 1, timestamp: NOW - 11 * DAY_MS }));
    store.upsertOrder(orderEvent({ orderId: "open-old", createTime: 1, timestamp: NOW - 50 * DAY_MS }));
    store.applyBalance(balanceEvent({ timestamp: NOW - 6 * DAY_MS, free: "1" }));
    store.applyBalance(balanceEvent({ timestamp: NOW - 4 * DAY_MS, free: "2" }));
    store.addEquitySnapshot({ time: NOW - 2 * DAY_MS, equity: "1", byAsset: {} });
    store.addEquitySnapshot({ time: NOW - 1_000, equity: "2", byAsset: {} });
    store.recordRawFrame(new Uint8Array([1, 2, 3]), NOW - 3 * DAY_MS);
    store.recordRawFrame(new Uint8Array([4]), NOW - DAY_MS);

    expect(await store.applyRetention(NOW)).toEqual({
      fills: 1,
      orders: 1,
      orderHistory: 1,
      balanceChanges: 1,
      equity: 1,
      rawFrames: 1,
    });
    expect(store.fills().items.map((f) => f.tradeId)).toEqual(["new"]);
    // An open order is kept however old.
    expect(store.orders().items.map((o) => o.orderId)).toEqual(["open-old"]);
    expect(store.balance("USDT")?.free).toBe("2");
    expect(store.equity().map((p) => p.equity)).toEqual(["2"]);
    expect([...store.rawFrames()].map((f) => [...f.bytes])).toEqual([[4]]);
    // Nothing left to delete: a second run is a no-op.
    expect(Object.values(await store.applyRetention(NOW)).every((n) => n === 0)).toBe(true);
  });

  it("keeps the resume point of a symbol whose fills were all deleted", async () => {
    store = openStore({ path: ":memory:", retention: { fillsDays: 1 } });
    store.upsertFill(fillEvent({ tradeId: "t1", timestamp: NOW - 5 * DAY_MS }), null);
    await store.applyRetention(NOW);
    expect(store.counts().fills).toBe(0);
    expect(store.lastFillPerSymbol()).toEqual({ BTCUSDT: { tradeId: "t1", time: NOW - 5 * DAY_MS } });
  });

  it("keeps everything but raw frames by default", async () => {
    store = openStore({ path: ":memory:" });
    store.upsertFill(fillEvent({ timestamp: 1 }), null);
    store.recordRawFrame(new Uint8Array([1]), 1);
    expect(await store.applyRetention(NOW)).toMatchObject({ fills: 0, rawFrames: 1 });
  });

  it("deletes in chunks, more than one chunk in all", async () => {
    store = openStore({ path: ":memory:", retention: { fillsDays: 1 } });
    store.batch(() => {
      for (let i = 0; i < 12_000; i++) store.upsertFill(fillEvent({ tradeId: `t${i}`, timestamp: i }), null);
    });
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    expect((await store.applyRetention(NOW)).fills).toBe(12_000);
    clearInterval(ticking);
    expect(store.counts().fills).toBe(0);
    // The event loop had its turns between the chunks (a timer ran while the sweep went on).
    expect(turns).toBeGreaterThan(0);
  });

  it("ends a sweep when the store closes between two chunks", async () => {
    // Equity too: a table after the fills, whose statement is not prepared on the closed store.
    const closing = openStore({ path: ":memory:", retention: { fillsDays: 1, equityDays: 1 } });
    closing.batch(() => {
      for (let i = 0; i < 12_000; i++) closing.upsertFill(fillEvent({ tradeId: `t${i}`, timestamp: i }), null);
    });
    const sweep = closing.applyRetention(NOW);
    closing.close();
    // The first chunk was deleted before the first turn; the sweep then stops, without a throw.
    expect((await sweep).fills).toBe(5_000);
  });

  it("refuses a retention that is not a positive number of days", () => {
    expect(() => openStore({ path: ":memory:", retention: { fillsDays: 0 } })).toThrow(/retention.fillsDays/);
  });
});
