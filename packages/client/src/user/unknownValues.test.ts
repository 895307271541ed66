import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "../redact.js";
import { ReconcileThrottle } from "./reconcileThrottle.js";
import { UnknownValues } from "./unknownValues.js";

function logger(lines: string[]): Logger {
  const write = (fields: object, message?: string) => lines.push(`${message} ${JSON.stringify(fields)}`);
  return { debug: write, info: write, warn: write, error: write };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("UnknownValues", () => {
  it("counts every value, says each once, and asks for at most one reconciliation per interval per cause", async () => {
    const lines: string[] = [];
    const causes: string[] = [];
    const throttle = new ReconcileThrottle((cause) => causes.push(cause));
    const values = new UnknownValues({ logger: logger(lines), throttle, intervalMs: 300 });
    for (let i = 0; i < 50; i++) values.note("privateOrders.status", "7", true);
    values.note("privateOrders.orderType", "101", true);
    expect(causes).toEqual(["unknown privateOrders.status=7", "unknown privateOrders.orderType=101"]);
    expect(values.stats()).toEqual({ "privateOrders.status=7": 50, "privateOrders.orderType=101": 1 });
    expect(lines).toHaveLength(2);
    // The 49 throttled requests are not dropped: one more reconciliation once the interval is over.
    await vi.advanceTimersByTimeAsync(400);
    expect(causes).toEqual([
      "unknown privateOrders.status=7",
      "unknown privateOrders.orderType=101",
      "unknown privateOrders.status=7",
    ]);
    throttle.close();
  });

  it("only counts and tells a value that needs no reconciliation (an account change type)", () => {
    const causes: string[] = [];
    const throttle = new ReconcileThrottle((cause) => causes.push(cause));
    const values = new UnknownValues({ logger: logger([]), throttle });
    values.note("privateAccount.type", "NEW_KIND", false);
    expect(causes).toEqual([]);
    expect(values.stats()).toEqual({ "privateAccount.type=NEW_KIND": 1 });
    throttle.close();
  });
});
