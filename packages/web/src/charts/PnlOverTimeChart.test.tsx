import { MINUTE_MS } from "@mexc-live/protocol";
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeResizeObserver, lightweight, resetFakes } from "../../test/fakeCharts.js";
import { equityPoint, T0 } from "../../test/items.js";
import { baselineSteps } from "./baseline.js";
import { PnlOverTimeChart } from "./PnlOverTimeChart.js";

vi.mock("lightweight-charts", async () => (await import("../../test/fakeCharts.js")).lightweightModule);

beforeEach(() => {
  resetFakes();
  vi.stubGlobal("ResizeObserver", FakeResizeObserver);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("PnlOverTimeChart", () => {
  it("draws equity minus start and net deposits, from 0, a deposit not counted, green above 0 and red below", () => {
    const points = [
      equityPoint(T0, "1000"),
      equityPoint(T0 + MINUTE_MS, "1010"),
      equityPoint(T0 + 2 * MINUTE_MS, "1510"), // 500 deposited
      equityPoint(T0 + 3 * MINUTE_MS, "1490"),
    ];
    const steps = baselineSteps("1000", [{ time: T0 + 2 * MINUTE_MS - 1, value: "500" }], T0, T0 + 3 * MINUTE_MS);
    render(<PnlOverTimeChart points={points} window={{}} baseline={steps} quote="USDT" theme="dark" height={150} />);
    const [series] = lightweight.charts[0]?.series ?? [];
    expect(series?.type).toBe("Baseline");
    expect(series?.options).toMatchObject({ baseValue: { type: "price", price: 0 } });
    expect(series?.points.filter((p) => p.value !== undefined)).toEqual([
      { time: T0 / 1000, value: 0 },
      { time: (T0 + MINUTE_MS) / 1000, value: 10 },
      { time: (T0 + 2 * MINUTE_MS) / 1000, value: 10 },
      { time: (T0 + 3 * MINUTE_MS) / 1000, value: -10 },
    ]);
    expect(screen.getByTestId("pnl-time-chart").getAttribute("data-points")).toBe("4");
    expect(screen.getByTestId("pnl-time-chart").getAttribute("data-first-value")).toBe("0");
    // The time axis's zone is named (issue 40).
    expect(within(screen.getByTestId("pnl-time-chart")).getByTestId("chart-zone").textContent).toMatch(/^\S+$/);
  });

  it("draws every point again when the range's start equity is read again, not only the newest", () => {
    const points = [
      equityPoint(T0, "1000"),
      equityPoint(T0 + MINUTE_MS, "1010"),
      equityPoint(T0 + 2 * MINUTE_MS, "1020"),
    ];
    const chart = (start: string) => (
      <PnlOverTimeChart
        points={points}
        window={{}}
        baseline={baselineSteps(start, [], T0, T0 + 2 * MINUTE_MS)}
        start={{ time: T0, equity: start }}
        quote="USDT"
        theme="dark"
      />
    );
    const view = render(chart("1000"));
    view.rerender(chart("990"));
    const values = lightweight.charts[0]?.series[0]?.points.filter((p) => p.value !== undefined).map((p) => p.value);
    // 0 at the start, then each point against 990: none left against the 1,000 read before.
    expect(values).toEqual([0, 20, 30]);
  });

  it("says 'no data yet' without a start equity to measure from", () => {
    render(<PnlOverTimeChart points={[equityPoint(T0, "1000")]} window={{}} baseline={[]} quote="USDT" theme="dark" />);
    expect(screen.getByText("no data yet")).toBeTruthy();
  });
});
