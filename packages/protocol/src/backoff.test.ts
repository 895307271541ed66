import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";

const options = { initialMs: 500, maxMs: 30_000 };

describe("backoffDelay", () => {
  it("doubles per attempt, with the jitter within the upper half of each step", () => {
    expect(backoffDelay(options, 0, () => 0)).toBe(250);
    expect(backoffDelay(options, 0, () => 0.999_999)).toBe(500);
    expect(backoffDelay(options, 3, () => 0)).toBe(2_000);
    expect(backoffDelay(options, 3, () => 0.5)).toBe(3_000);
  });

  it("never waits longer than the cap, however many attempts", () => {
    for (const attempt of [6, 7, 20, 1_000, Number.MAX_SAFE_INTEGER]) {
      const delay = backoffDelay(options, attempt, () => 0.999_999);
      expect(delay).toBeLessThanOrEqual(30_000);
      expect(delay).toBeGreaterThanOrEqual(15_000);
    }
  });
});
