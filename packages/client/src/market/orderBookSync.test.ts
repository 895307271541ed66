import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { type DepthDiffInput, type OrderBookSnapshot, OrderBookSync } from "./orderBookSync.js";

/** A push in the shape toEvent gives it (trimmed numbers, absolute quantities). */
function push(from: number, to: number, bids: [string, string][] = [], asks: [string, string][] = []): DepthDiffInput {
  return {
    symbol: "BTCUSDT",
    fromVersion: String(from),
    toVersion: String(to),
    bids: bids.map(([price, quantity]) => ({ price, quantity })),
    asks: asks.map(([price, quantity]) => ({ price, quantity })),
  };
}

/** GET /api/v3/depth answers, one per call, padded like the REST snapshot (docs/mexc/rest.md#get-apiv3depth-public). */
function snapshots(...answers: (OrderBookSnapshot | Error)[]) {
  const calls: { symbol: string; limit: number }[] = [];
  const fetchSnapshot = async (symbol: string, limit: number) => {
    calls.push({ symbol, limit });
    const answer = answers.shift();
    if (answer === undefined) throw new Error("no more snapshots in this test");
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { calls, fetchSnapshot };
}

function snapshot(
  lastUpdateId: number,
  bids: [string, string][] = [],
  asks: [string, string][] = [],
): OrderBookSnapshot {
  return { lastUpdateId, bids, asks };
}

function newSync(source: ReturnType<typeof snapshots>): OrderBookSync {
  return new OrderBookSync({
    symbol: "BTCUSDT",
    fetchSnapshot: source.fetchSnapshot,
    snapshotRetry: { initialMs: 1, maxMs: 2 },
  });
}

/** A synced book at version 107 with bid 100 x 1 and ask 101 x 2; `later` answers the next fetches. */
async function syncedAt107(...later: OrderBookSnapshot[]) {
  const source = snapshots(snapshot(104, [["100.00", "1.000"]], [["101.00", "2.000"]]), ...later);
  const sync = newSync(source);
  const synced = once(sync, "synced");
  sync.handleDiff(push(101, 103, [["99", "5"]]));
  sync.handleDiff(push(104, 106));
  await synced;
  sync.handleDiff(push(107, 107));
  return { sync, source };
}

describe("OrderBookSync (docs/mexc/protocol.md#keeping-a-local-order-book, newer procedure)", () => {
  it("caches pushes, fetches a 5000-level snapshot, drops what it contains and applies the rest", async () => {
    const source = snapshots(snapshot(104, [["100.00", "1.000"]], [["101.00", "2.000"]]));
    const sync = newSync(source);
    const synced = once(sync, "synced");
    sync.handleDiff(push(101, 103, [["99", "5"]])); // contained in the snapshot: dropped
    sync.handleDiff(push(104, 106, [["100", "0"]], [["101", "3"]])); // straddles 104: applied
    expect(sync.state).toBe("syncing");
    await synced;
    expect(source.calls).toEqual([{ symbol: "BTCUSDT", limit: 5000 }]);
    expect(sync.state).toBe("synced");
    expect(sync.book.version).toBe("106");
    expect(sync.top(5)).toEqual({ bids: [], asks: [{ price: "101", quantity: "3" }] });
    sync.handleDiff(push(107, 107, [["100.5", "0.25"]]));
    expect(sync.bestBid()).toEqual({ price: "100.5", quantity: "0.25" });
    expect(sync.stats()).toMatchObject({ version: "107", resyncCount: 0, applied: 2, staleDropped: 1, snapshots: 1 });
  });

  it("fetches the snapshot again while it is older than the first cached push", async () => {
    const source = snapshots(snapshot(90), snapshot(99), snapshot(101));
    const sync = newSync(source);
    const synced = once(sync, "synced");
    sync.handleDiff(push(101, 102));
    await synced;
    expect(source.calls).toHaveLength(3);
    expect(sync.book.version).toBe("102");
    expect(sync.resyncCount).toBe(0);
  });

  it("accepts a snapshot that ends right before the first cached push", async () => {
    const source = snapshots(snapshot(100));
    const sync = newSync(source);
    const synced = once(sync, "synced");
    sync.handleDiff(push(101, 102));
    await synced;
    expect(source.calls).toHaveLength(1);
    expect(sync.book.version).toBe("102");
  });

  it("re-initialises when the first push after the snapshot leaves a hole (step 5)", async () => {
    const source = snapshots(snapshot(101), snapshot(105, [["1", "1"]]));
    const sync = newSync(source);
    const resyncs: string[] = [];
    sync.on("resync", ({ reason }) => resyncs.push(reason));
    const synced = once(sync, "synced");
    sync.handleDiff(push(101, 101));
    sync.handleDiff(push(105, 106)); // 102..104 never arrived
    await synced;
    expect(resyncs).toEqual(["versions 102..104 missing"]);
    expect(sync.resyncCount).toBe(1);
    expect(sync.book.version).toBe("106");
    expect(sync.top(1).bids).toEqual([{ price: "1", quantity: "1" }]);
  });

  it("clears the book on a hole in live pushes, counts a resync and rebuilds", async () => {
    const { sync, source } = await syncedAt107(snapshot(111, [["100", "9"]], []));
    const states: string[] = [];
    sync.on("state", (state) => states.push(state));
    const synced = once(sync, "synced");
    sync.handleDiff(push(110, 112, [["100", "7"]]));
    expect(sync.state).toBe("syncing");
    expect(sync.top(5)).toEqual({ bids: [], asks: [] });
    await synced;
    expect(states).toEqual(["syncing", "synced"]);
    expect(sync.resyncCount).toBe(1);
    expect(source.calls).toHaveLength(2);
    expect(sync.book.version).toBe("112");
    expect(sync.bestBid()).toEqual({ price: "100", quantity: "7" });
  });

  it("drops a push it already has instead of resyncing", async () => {
    const { sync } = await syncedAt107();
    sync.handleDiff(push(105, 107, [["100", "42"]]));
    sync.handleDiff(push(107, 107));
    expect(sync.resyncCount).toBe(0);
    expect(sync.book.version).toBe("107");
    expect(sync.bestBid()).toEqual({ price: "100", quantity: "1" });
    expect(sync.stats().staleDropped).toBe(3);
  });

  it("after a reconnect gap is stale until the next push proves nothing was missed", async () => {
    const { sync } = await syncedAt107();
    sync.handleGap();
    expect(sync.state).toBe("stale");
    sync.handleDiff(push(108, 109));
    expect(sync.state).toBe("synced");
    expect(sync.resyncCount).toBe(0);
  });

  it("after a reconnect gap resyncs when the next push shows the hole", async () => {
    const { sync } = await syncedAt107();
    sync.handleGap();
    sync.handleDiff(push(130, 131));
    expect(sync.state).toBe("syncing");
    expect(sync.resyncCount).toBe(1);
  });

  it("retries a failed snapshot with back-off and reports each failure", async () => {
    const source = snapshots(new Error("HTTP 503"), snapshot(100));
    const sync = newSync(source);
    const errors: string[] = [];
    sync.on("snapshotError", ({ message }) => errors.push(message));
    const synced = once(sync, "synced");
    sync.handleDiff(push(101, 101));
    await synced;
    expect(errors).toEqual(["HTTP 503"]);
    expect(source.calls).toHaveLength(2);
  });

  it("resyncs rather than apply a push with a malformed number", async () => {
    const { sync } = await syncedAt107();
    sync.handleDiff(push(108, 108, [["100", "1e3"]]));
    expect(sync.resyncCount).toBe(1);
    expect(sync.state).toBe("syncing");
  });

  it("ignores pushes of other symbols", async () => {
    const { sync } = await syncedAt107();
    sync.handleDiff({ ...push(500, 500), symbol: "ETHUSDT" });
    expect(sync.resyncCount).toBe(0);
    expect(sync.book.version).toBe("107");
  });
});
