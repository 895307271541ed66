import { describe, expect, it } from "vitest";
import { createRestCounter, restDelta } from "./restCounter.js";

describe("REST calls counted at the simulator", () => {
  it("gives calls a minute, 429s and the busiest whole second between two snapshots", () => {
    const counter = createRestCounter(0);
    const call = (at: number, account: string, status = 200) =>
      counter.record({ account, endpoint: "GET /api/v3/myTrades", status, at });
    call(500, "demo");
    const from = counter.snapshot(900);
    for (let i = 0; i < 5; i++) call(1_000 + i, "demo");
    for (let i = 0; i < 3; i++) call(2_000 + i, "sub1");
    call(2_500, "sub1", 429);
    call(3_100, "public");
    const to = counter.snapshot(3_900);

    const delta = restDelta(from, to);
    expect(delta.calls).toBe(10);
    expect(delta.perMinute).toBeCloseTo((10 / 3) * 60);
    expect(delta.tooMany).toBe(1);
    expect(delta.refusedByEndpoint).toEqual({ "GET /api/v3/myTrades": 1 });
    expect(delta.byAccount).toEqual({ demo: 5, sub1: 4, public: 1 });
    // Seconds 1 and 2 are whole; 0 and 3 are cut by the snapshots.
    expect(delta.peakPerSecond).toBe(5);
  });
});
