import { BRIDGE_PARTS, type PerformanceBridge } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { BRIDGE_ROWS, bridgeView } from "./bridge.js";

/** A day of a demo account: 87,695.11 at the start, a deposit, a withdrawal, some trading. */
const BRIDGE: PerformanceBridge = {
  startEquity: "87695.11",
  deposits: "1000",
  withdrawals: "-250.5",
  transfers: "0",
  realized: "12.345",
  unrealized: "-40.005",
  fees: "-3.21",
  endEquity: "88413.74",
};

describe("the bridge from start to end equity", () => {
  it("has a bar per part in the order of the bridge, each change from the running total before it to the one after", () => {
    const view = bridgeView(BRIDGE);
    expect(view?.bars.map((bar) => bar.key)).toEqual(BRIDGE_ROWS.map((part) => part.key));
    expect(BRIDGE_ROWS.map((part) => part.key)).toEqual(BRIDGE_PARTS); // every part of the contract's, in its order
    const [start, deposits, withdrawals, , realized, , fees, end] = view?.bars ?? [];
    expect(deposits).toMatchObject({ start: 87695.11, end: 88695.11, value: "1000" });
    expect(withdrawals?.end).toBeCloseTo(88444.61, 6);
    expect(realized?.end).toBeCloseTo(88456.955, 6);
    expect(fees?.end).toBeCloseTo(88413.74, 6);
    expect(end?.end).toBe(88413.74);
    // Far from 0: the axis starts near the lowest total, and the equity bars from it.
    expect(view?.axisMin).toBeGreaterThan(87000);
    expect(start?.start).toBe(view?.axisMin);
    expect(view?.mismatch).toBeNull();
    // realized + unrealized + fees, exactly.
    expect(view?.pnl).toBe("-30.87");
    // Every bar has its definition for the tooltip.
    for (const bar of view?.bars ?? []) expect(bar.hint.length).toBeGreaterThan(20);
  });

  it("says by exactly how much a bridge does not add up", () => {
    expect(bridgeView({ ...BRIDGE, endEquity: "88413.7400000001" })?.mismatch).toBe("-0.0000000001");
  });

  it("starts the axis at 0 when the totals are near it (a first deposit)", () => {
    const view = bridgeView({ ...BRIDGE, startEquity: "0", deposits: "88695.11", endEquity: "88413.74" });
    expect(view?.axisMin).toBe(0);
  });

  it("has no view of a bridge with a part that is not a decimal", () => {
    expect(bridgeView({ ...BRIDGE, fees: "NaN" })).toBeNull();
  });
});
