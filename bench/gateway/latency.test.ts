import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./latency.js";

describe("latency percentiles", () => {
  it("takes the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile(values, 1)).toBe(100);
    expect(percentile([7], 0.99)).toBe(7);
  });

  it("summarizes unsorted samples", () => {
    expect(summarize([5, 1, 3, 2, 4])).toEqual({ count: 5, p50: 3, p99: 5, max: 5 });
    expect(summarize([]).count).toBe(0);
  });
});
