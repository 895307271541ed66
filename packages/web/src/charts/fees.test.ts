import type { FeeSummary } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { feeFill, T0 } from "../../test/items.js";
import { cumulativeFees, feeBreakdown } from "./fees.js";

describe("cumulativeFees", () => {
  it("sums fee values over time, oldest first, from fills given newest first", () => {
    const fills = [feeFill("3", T0 + 2000, "0.5"), feeFill("2", T0 + 1000, "0.25"), feeFill("1", T0, "1")];
    expect(cumulativeFees(fills).points).toEqual([
      [T0, 1],
      [T0 + 1000, 1.25],
      [T0 + 2000, 1.75],
    ]);
  });

  it("sorts fills given in no order", () => {
    const fills = [feeFill("2", T0 + 1000, "2"), feeFill("1", T0, "1"), feeFill("3", T0 + 2000, "3")];
    expect(cumulativeFees(fills).points.map((p) => p[1])).toEqual([1, 3, 6]);
  });

  it("merges fills of the same millisecond into one point", () => {
    const fills = [feeFill("1", T0, "1"), feeFill("2", T0, "2")];
    expect(cumulativeFees(fills).points).toEqual([[T0, 3]]);
  });

  it("counts fees without a value instead of charting them", () => {
    const result = cumulativeFees([feeFill("1", T0, "1"), feeFill("2", T0 + 1, null), feeFill("3", T0 + 2, "NaN")]);
    expect(result.points).toEqual([[T0, 1]]);
    expect(result.unpriced).toBe(2);
  });

  it("keeps at most the maximum number of points, ending exactly at the total", () => {
    const fills = Array.from({ length: 10_001 }, (_, i) => feeFill(String(i), T0 + i * 1000, "0.5"));
    const { points } = cumulativeFees(fills, 1000);
    expect(points.length).toBeLessThanOrEqual(1001);
    expect(points[points.length - 1]).toEqual([T0 + 10_000_000, 5000.5]);
    for (let i = 1; i < points.length; i++) expect(points[i]?.[0]).toBeGreaterThan(points[i - 1]?.[0] ?? Infinity);
  });
});

describe("feeBreakdown", () => {
  const summary: FeeSummary = {
    quote: "USDT",
    byCurrency: { USDT: "1.25", MX: "12.000", BNB: "0.1" },
    valueByCurrency: { USDT: "1.25", MX: "30.5" },
    totalValue: "31.75",
  };

  it("gives one row per fee currency, largest value first, amounts as sent", () => {
    expect(feeBreakdown(summary)).toEqual([
      { currency: "MX", amount: "12.000", valueText: "30.5", value: 30.5 },
      { currency: "USDT", amount: "1.25", valueText: "1.25", value: 1.25 },
      { currency: "BNB", amount: "0.1", valueText: null, value: 0 },
    ]);
  });

  it("is empty before the summary is loaded", () => {
    expect(feeBreakdown(null)).toEqual([]);
  });
});
