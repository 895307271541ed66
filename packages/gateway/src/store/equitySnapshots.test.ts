import { afterEach, describe, expect, it } from "vitest";
import { MAX_EQUITY_POINTS_PER_QUERY } from "./equitySnapshots.js";
import { type GatewayStore, openStore } from "./store.js";

let store: GatewayStore;
afterEach(() => store?.close());

const point = (time: number, equity: string) => ({ time, equity, byAsset: { USDT: equity } });

describe("equity snapshots", () => {
  it("returns the points in a range oldest first, with byAsset as stored", () => {
    store = openStore({ path: ":memory:" });
    store.addEquitySnapshot(point(3_000, "103.5"));
    store.addEquitySnapshot(point(1_000, "101"));
    store.addEquitySnapshot(point(2_000, "102.000"));
    expect(store.equity({ from: 1_500 })).toEqual([point(2_000, "102"), point(3_000, "103.5")]);
    expect(store.latestEquity()).toEqual(point(3_000, "103.5"));
  });

  it("downsamples to the last point of each step", () => {
    store = openStore({ path: ":memory:" });
    for (let s = 0; s < 180; s += 10) store.addEquitySnapshot(point(s * 1_000, String(s)));
    // Minute buckets: [0, 60 s) -> 50 s, [60, 120) -> 110 s, [120, 180) -> 170 s.
    expect(store.equity({ step: 60_000 }).map((p) => p.equity)).toEqual(["50", "110", "170"]);
    expect(store.equity({ step: 60_000, from: 30_000, to: 100_000 }).map((p) => p.time)).toEqual([50_000, 100_000]);
  });

  it("never returns more than MAX_EQUITY_POINTS_PER_QUERY, whatever the step", () => {
    store = openStore({ path: ":memory:" });
    store.batch(() => {
      for (let i = 0; i < MAX_EQUITY_POINTS_PER_QUERY * 2 + 3; i++) store.addEquitySnapshot(point(i * 7, "1"));
    });
    const points = store.equity({ step: 1 });
    expect(points.length).toBeLessThanOrEqual(MAX_EQUITY_POINTS_PER_QUERY);
    expect(points.length).toBeGreaterThan(MAX_EQUITY_POINTS_PER_QUERY / 2);
  });

  it("keeps one point per ms: the later write wins", () => {
    store = openStore({ path: ":memory:" });
    store.addEquitySnapshot(point(1_000, "1"));
    store.addEquitySnapshot(point(1_000, "2"));
    expect(store.equity()).toEqual([point(1_000, "2")]);
  });

  it("refuses a step that is not a positive integer", () => {
    store = openStore({ path: ":memory:" });
    store.addEquitySnapshot(point(1_000, "1"));
    expect(() => store.equity({ step: 0 })).toThrow(expect.objectContaining({ code: "BAD_QUERY" }));
  });
});
