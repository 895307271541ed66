import type { FeeDaysAnswer, FeeSummary } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { cumulativeFees, feeBreakdown } from "./fees.js";

/** A fee series over three days: 1.5, none, 0.25 (cumulative 1.5, 1.5, 1.75). */
function series(total = "1.75"): FeeDaysAnswer {
  const day = (n: number, fees: string, cumulative: string) => ({
    day: `2026-11-0${n}`,
    from: Date.UTC(2026, 10, n),
    to: Date.UTC(2026, 10, n + 1) - 1,
    fees,
    cumulative,
  });
  return { quote: "USDT", items: [day(3, "0.25", "1.75"), day(1, "1.5", "1.5"), day(2, "0", "1.5")], total };
}

describe("cumulativeFees", () => {
  it("charts the gateway's running total day by day, oldest first, ending at its total", () => {
    const fees = cumulativeFees(series());
    expect(fees.points).toEqual([
      [Date.UTC(2026, 10, 1), 1.5],
      [Date.UTC(2026, 10, 2), 1.5],
      [Date.UTC(2026, 10, 3), 1.75],
    ]);
    expect(fees.endsAtTotal).toBe(true);
  });

  it("says when the days do not end at the total, and has nothing before the series is read", () => {
    expect(cumulativeFees(series("53.51")).endsAtTotal).toBe(false);
    expect(cumulativeFees(null)).toEqual({ points: [], endsAtTotal: true });
    expect(cumulativeFees({ quote: "USDT", items: [], total: "0" }).endsAtTotal).toBe(true);
    // /api/fees's summary where the series was expected (an older gateway): no series, no crash.
    const summary = { quote: "USDT", byCurrency: {}, valueByCurrency: {}, totalValue: "0" };
    expect(cumulativeFees(summary as unknown as FeeDaysAnswer).points).toEqual([]);
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
