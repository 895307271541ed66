import type { PnlPeriodItem } from "@mexc-live/contract";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeResizeObserver, lightweight, resetFakes } from "../../test/fakeCharts.js";
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

const DAY = 86_400_000;
const D1 = Date.UTC(2026, 10, 20);

function day(index: number, realized: string, unrealized: string | null): PnlPeriodItem {
  const from = D1 + index * DAY;
  const period = new Date(from).toISOString().slice(0, 10);
  return { period, from, to: from + DAY - 1, realized, unrealized, fees: "0.5", method: "fifo" };
}

function line() {
  const series = lightweight.charts.at(-1)?.series[0];
  if (!series) throw new Error("no series");
  return series;
}

describe("PnlOverTimeChart", () => {
  it("draws realized so far plus unrealized at each day's end, green above zero and red below", () => {
    const periods = [day(0, "10.5", "-2.25"), day(1, "-3.2", null), day(2, "-20", "4.1")];
    render(<PnlOverTimeChart periods={periods} method="FIFO" quote="USDT" theme="dark" height={170} />);
    expect(line().type).toBe("Baseline");
    expect(line().options).toMatchObject({ baseValue: { type: "price", price: 0 } });
    // 10.5 - 2.25 = 8.25; day 2 not valued (a gap); 10.5 - 3.2 - 20 + 4.1 = -8.6
    expect(line().points).toEqual([
      { time: D1 / 1000, value: 8.25 },
      { time: (D1 + DAY) / 1000 },
      { time: (D1 + 2 * DAY) / 1000, value: -8.6 },
    ]);
    const frame = screen.getByTestId("pnl-time-chart");
    expect(frame.getAttribute("data-points")).toBe("2");
    expect(frame.textContent).toContain("PnL over time");
    expect(frame.textContent).toContain("daily · FIFO · now -8.60 USDT");
  });

  it("marks each point of a short range, and says 'no data yet' without days", () => {
    const view = render(<PnlOverTimeChart periods={[]} method="FIFO" quote="USDT" theme="dark" height={170} />);
    expect(screen.getByText("no data yet")).toBeTruthy();
    view.rerender(<PnlOverTimeChart periods={[day(0, "1", "0")]} method="FIFO" quote="USDT" theme="dark" />);
    expect(line().applyOptions).toHaveBeenCalledWith({ pointMarkersVisible: true });
    expect(line().points).toEqual([{ time: D1 / 1000, value: 1 }]);
  });
});
