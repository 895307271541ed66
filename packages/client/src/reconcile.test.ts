import { afterEach, describe, expect, it } from "vitest";
import { walkPages } from "./reconcile.js";
import { cancelEverything, type Harness, startHarness } from "./soak/harness.js";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

interface Item {
  readonly id: string;
  readonly time: number;
}

/** 250 items, several per ms, like a burst of fills. */
const ITEMS: Item[] = Array.from({ length: 250 }, (_, i) => ({ id: `T${i}`, time: 1_000 + Math.floor(i / 3) }));

/** A server answering at most `limit` items in [start, end], keeping the newest (as the simulator does) or the oldest. */
function server(keep: "newest" | "oldest", limit: number) {
  let calls = 0;
  return {
    calls: () => calls,
    fetch: async (start: number, end: number) => {
      calls++;
      const inRange = ITEMS.filter((item) => item.time >= start && item.time <= end);
      return keep === "newest" ? inRange.slice(-limit) : inRange.slice(0, limit);
    },
  };
}

describe("walkPages", () => {
  for (const keep of ["newest", "oldest"] as const) {
    it(`finds every item when a full page keeps the ${keep} ones`, async () => {
      const api = server(keep, 100);
      const walk = await walkPages({
        fetch: api.fetch,
        limit: 100,
        timeOf: (item) => item.time,
        idOf: (item) => item.id,
        from: 0,
        to: 5_000,
      });
      expect(walk.items.map((item) => item.id).sort()).toEqual(ITEMS.map((item) => item.id).sort());
      expect(walk.newest).toBe(ITEMS[ITEMS.length - 1]!.time);
      expect(walk.unexploredFrom).toBeUndefined();
      expect(api.calls()).toBeLessThan(12);
    });
  }

  it("asks once when the first page is not full", async () => {
    const api = server("newest", 1_000);
    const walk = await walkPages({
      fetch: api.fetch,
      limit: 1_000,
      timeOf: (i) => i.time,
      idOf: (i) => i.id,
      from: 0,
      to: 5_000,
    });
    expect(walk.items).toHaveLength(250);
    expect(api.calls()).toBe(1);
  });

  it("stops at the page cap and says from where the rest is unexplored", async () => {
    const api = server("newest", 10);
    const walk = await walkPages({
      fetch: api.fetch,
      limit: 10,
      timeOf: (i) => i.time,
      idOf: (i) => i.id,
      from: 0,
      to: 5_000,
      maxPages: 3,
    });
    expect(api.calls()).toBe(3);
    expect(walk.unexploredFrom).toBe(0);
    expect(walk.newest).toBeUndefined();
  });
});

describe("Reconciler against the simulator", () => {
  it("asks for the order of every reconciled fill whose order was created before the window", async () => {
    harness = await startHarness({ sim: { seed: 51, speed: 30 }, startStream: false });
    const h = harness;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await h.admin("/_sim/trader", { running: false });
    await cancelEverything(h.client); // nothing left to trade: the ledger stops moving
    const symbols = [...h.sim.exchange.symbols.keys()];
    // Fills from long ago (the stored watermark), orders only from later on: every fill's order is older than the window.
    const lastFills = Object.fromEntries(symbols.map((symbol) => [symbol, { tradeId: "none", time: 1 }]));
    const stream = h.client.userStream({ resume: { lastFills, since: h.client.rest.serverNow() + 60_000 } });
    const orders = new Set<string>();
    const fillOrders = new Set<string>();
    stream.on("event", (event) => {
      if (event.type === "order") orders.add(event.orderId);
      if (event.type === "fill") fillOrders.add(event.orderId);
    });
    await h.waitFor("the first reconciliation", () => stream.stats().reconciliations >= 1);
    const ledger = await h.ledger();
    expect(fillOrders.size).toBe(new Set(ledger.trades.map((trade) => trade.orderId)).size);
    expect([...fillOrders].filter((orderId) => !orders.has(orderId))).toEqual([]);
    await stream.close();
  });
});

describe("self-trades", () => {
  it("delivers both sides of a self-trade (one trade id, two orders), from the stream and from REST", async () => {
    // No market makers: the account's own orders are the whole book, so they meet each other.
    harness = await startHarness({
      sim: { seed: 52, demoTrader: false, market: { bookLevels: 0 } },
      startStream: false,
    });
    const h = harness;
    const order = { symbol: "BTCUSDT", type: "LIMIT", price: "90000", quantity: "0.001" } as const;
    await h.client.placeOrder({ ...order, side: "SELL" });
    await h.client.placeOrder({ ...order, side: "BUY" });
    const fromRest = h.client.userStream();
    const restFills: string[] = [];
    fromRest.on("event", (event) => {
      if (event.type === "fill") restFills.push(`${event.tradeId} ${event.side} ${event.source}`);
    });
    await h.waitFor("the first reconciliation", () => fromRest.stats().reconciliations >= 1);
    const [first, second] = restFills;
    expect(restFills).toHaveLength(2);
    expect(first?.split(" ")[0]).toBe(second?.split(" ")[0]);
    expect(restFills.map((line) => line.split(" ").slice(1).join(" ")).sort()).toEqual(["BUY rest", "SELL rest"]);

    const streamFills: string[] = [];
    fromRest.on("event", (event) => {
      if (event.type === "fill") streamFills.push(`${event.side} ${event.source}`);
    });
    await h.client.placeOrder({ ...order, side: "SELL" });
    await h.client.placeOrder({ ...order, side: "BUY" });
    await h.waitFor("both sides from the stream", () => streamFills.length >= 2);
    expect(streamFills.sort()).toEqual(["BUY stream", "SELL stream"]);
  });
});
