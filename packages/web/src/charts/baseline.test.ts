import type { NetFlowPoint } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { equityPoint } from "../../test/items.js";
import { baselineAt, baselineSteps } from "./baseline.js";
import { pnlSamples } from "./pnlOverTime.js";

const T0 = Date.UTC(2026, 10, 1);
const H = 3_600_000;

/** Net deposits since the history began: 1000 in, then 500.5 in, then 300.5 out. */
const FLOWS: NetFlowPoint[] = [
  { time: T0 + 4 * H, value: "1200" },
  { time: T0 + H, value: "1000" },
  { time: T0 + 2 * H, value: "1500.5" },
];

describe("the 'start + net deposits' line of a range", () => {
  it("starts at the range's start equity and moves by each flow within the range, exactly", () => {
    // The range starts after the first deposit: the flows before it are in the start equity.
    const steps = baselineSteps("1010.25", FLOWS, T0 + 90 * 60_000, T0 + 5 * H);
    expect(steps).toEqual([
      { time: T0 + 90 * 60_000, value: "1010.25" },
      { time: T0 + 2 * H, value: "1510.75" },
      { time: T0 + 4 * H, value: "1210.25" },
    ]);
    expect(baselineAt(steps, T0 + 3 * H)).toBe("1510.75");
    expect(baselineAt(steps, T0)).toBeUndefined();
  });

  it("leaves out flows after the range and a value that is not a decimal; none without a start equity", () => {
    const steps = baselineSteps("0", [...FLOWS, { time: T0 + 3 * H, value: "garbage" }], T0, T0 + 3 * H);
    expect(steps.map((s) => s.value)).toEqual(["0", "1000", "1500.5"]);
    expect(baselineSteps("unknown", FLOWS, T0, T0 + H)).toEqual([]);
  });

  it("makes PnL over time the gap between equity and the line: 0 at the start, deposits not counted", () => {
    const steps = baselineSteps("1000", [{ time: T0 + H, value: "500" }], T0, T0 + 2 * H);
    const points = [
      equityPoint(T0, "1000"),
      equityPoint(T0 + 30 * 60_000, "1012.5"),
      // A deposit of 500 arrived: equity jumps, PnL does not.
      equityPoint(T0 + H, "1512.5"),
      equityPoint(T0 + 2 * H, "1490"),
    ];
    expect(pnlSamples(points, steps).map((s) => s.value)).toEqual([0, 12.5, 12.5, -10]);
  });
});

describe("PnL over time with unpriced assets", () => {
  it("leaves the assets the answer could not price out of the equity, as they are out of start equity and flows", () => {
    const steps = baselineSteps("35504.98", [], T0, T0 + H);
    const points = [
      equityPoint(T0, "87589.45", { BTC: "50000", ETH: "2084.47", USDT: "35504.98" }),
      equityPoint(T0 + H, "87700", { BTC: "50100", ETH: "2088.91", USDT: "35511.09" }),
    ];
    const pnl = pnlSamples(points, steps, ["BTC", "ETH"]).map((s) => s.value);
    expect(pnl[0]).toBeCloseTo(0, 6);
    expect(pnl[1]).toBeCloseTo(6.11, 6);
  });
});
