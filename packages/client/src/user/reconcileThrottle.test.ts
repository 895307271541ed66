import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ReconcileThrottle } from "./reconcileThrottle.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("ReconcileThrottle", () => {
  it("runs a deferred request once, looking back to when it was first asked for", async () => {
    let now = 1_000;
    const runs: { cause: string; since: number }[] = [];
    const throttle = new ReconcileThrottle(
      (cause, since) => runs.push({ cause, since }),
      () => now,
    );
    throttle.request("unknown privateOrders.status=99", 200);
    now = 1_100; // an order's NEW push with an unknown status: deferred (the last run was 100 ms ago)
    throttle.request("unknown privateOrders.status=99", 200);
    now = 1_150; // its CANCELED push too: the same deferred run answers both
    throttle.request("unknown privateOrders.status=99", 200);
    expect(runs).toEqual([{ cause: "unknown privateOrders.status=99", since: 1_000 }]);

    now = 1_250;
    await vi.advanceTimersByTimeAsync(150);
    // The deferred run starts its window at 1_100, where the first value it answers was seen,
    // not at 1_250, after the order had come and gone.
    expect(runs).toEqual([
      { cause: "unknown privateOrders.status=99", since: 1_000 },
      { cause: "unknown privateOrders.status=99", since: 1_100 },
    ]);
    throttle.close();
  });
});
