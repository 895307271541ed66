import type { PnlPeriodItem } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { cumulativePnl, latestTotal, pnlTimeSeries } from "./cumulativePnl.js";

const DAY = 86_400_000;
const D1 = Date.UTC(2026, 9, 27);

function day(index: number, realized: string, unrealized: string | null, fees = "0.1"): PnlPeriodItem {
  const from = D1 + index * DAY;
  const period = new Date(from).toISOString().slice(0, 10);
  return { period, from, to: from + DAY - 1, realized, unrealized, fees, method: "avg" };
}

describe("cumulativePnl", () => {
  it("adds each day's realized PnL to the days before and the unrealized PnL at its end, exactly", () => {
    // Worked by hand:
    //   day 1: realized 10.5              -> 10.5; + unrealized -2.25 = 8.25
    //   day 2: realized -3.2              -> 7.3;  unrealized not valued: no total
    //   day 3: realized 0.000000000000000001 -> 7.300000000000000001; + 1.1 = 8.400000000000000001
    // (a float sum would lose the last digit: 7.3 + 1e-18 === 7.3)
    const items = [day(2, "0.000000000000000001", "1.1"), day(0, "10.5", "-2.25"), day(1, "-3.2", null)];
    expect(cumulativePnl(items)).toEqual([
      { time: D1, period: "2026-10-27", realized: "10.5", unrealized: "-2.25", total: "8.25" },
      { time: D1 + DAY, period: "2026-10-28", realized: "7.3", unrealized: null, total: null },
      {
        time: D1 + 2 * DAY,
        period: "2026-10-29",
        realized: "7.300000000000000001",
        unrealized: "1.1",
        total: "8.400000000000000001",
      },
    ]);
  });

  it("becomes floats only for the chart: seconds, and a gap where the total is not known", () => {
    const points = cumulativePnl([day(0, "10.5", "-2.25"), day(1, "-3.2", null), day(2, "1", "0")]);
    expect(pnlTimeSeries(points)).toEqual([
      { time: D1 / 1000, value: 8.25 },
      { time: (D1 + DAY) / 1000 },
      { time: (D1 + 2 * DAY) / 1000, value: 8.3 },
    ]);
    expect(latestTotal(points)?.total).toBe("8.3");
  });

  it("stops the running sum at a realized figure that is not a decimal rather than carry a wrong sum", () => {
    const points = cumulativePnl([day(0, "1", "0"), day(1, "NaN", "0"), day(2, "1", "0")]);
    expect(points.map((p) => p.total)).toEqual(["1"]);
  });

  it("has nothing to draw without periods", () => {
    expect(cumulativePnl([])).toEqual([]);
    expect(latestTotal([])).toBeUndefined();
  });
});
