import type { EquityPoint, NetFlowPoint } from "@mexc-live/contract";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { StrictMode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeResizeObserver, lightweight, resetFakes } from "../../test/fakeCharts.js";
import { equityPoint, T0 } from "../../test/items.js";
import { EquityChart } from "./EquityChart.js";
import type { EquityRange } from "./equitySeries.js";
import { CHART_COLORS, faded } from "./palette.js";

vi.mock("lightweight-charts", async () => (await import("../../test/fakeCharts.js")).lightweightModule);

beforeEach(() => {
  resetFakes();
  vi.stubGlobal("ResizeObserver", FakeResizeObserver);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const MINUTE = 60_000;
const POINTS: EquityPoint[] = [0, 1, 2].map((i) =>
  equityPoint(T0 + i * MINUTE, String(1000 + i), { BTC: String(600 + i), USDT: "400" }),
);

function chart(props: Partial<Parameters<typeof EquityChart>[0]> = {}) {
  return (
    <EquityChart
      points={POINTS}
      range="all"
      onRangeChange={() => {}}
      theme="dark"
      quote="USDT"
      height={300}
      {...props}
    />
  );
}

function container(): HTMLElement {
  return screen.getByTestId("equity-chart");
}

function liveChart() {
  const live = lightweight.charts.filter((c) => c.remove.mock.calls.length === 0);
  expect(live).toHaveLength(1);
  return live[0] as (typeof live)[number];
}

function totalLine() {
  return liveChart().series[0] as NonNullable<ReturnType<typeof liveChart>["series"][number]>;
}

describe("EquityChart", () => {
  it("keeps its given height and says 'no data yet' before any point", () => {
    render(chart({ points: [] }));
    expect(container().style.height).toBe("300px");
    expect(container().getAttribute("data-points")).toBe("0");
    expect(screen.getByText("no data yet")).toBeTruthy();
  });

  it("plots every point of the total and reports how many", () => {
    render(chart());
    expect(container().getAttribute("data-points")).toBe("3");
    expect(screen.queryByText("no data yet")).toBeNull();
    expect(totalLine().points.map((p) => p.time)).toEqual(POINTS.map((p) => Math.floor(p.time / 1000)));
  });

  it("draws an appended live point with series.update, not setData", () => {
    const view = render(chart());
    const line = totalLine();
    expect(line.setData).toHaveBeenCalledTimes(1);
    const next = [...POINTS, equityPoint(T0 + 3 * MINUTE, "1010", { BTC: "610" })];
    view.rerender(chart({ points: next }));
    expect(line.setData).toHaveBeenCalledTimes(1);
    expect(line.update).toHaveBeenLastCalledWith({ time: Math.floor((T0 + 3 * MINUTE) / 1000), value: 1010 });
    expect(container().getAttribute("data-points")).toBe("4");
  });

  it("reports range choices to the parent and marks the current one", () => {
    const onRangeChange = vi.fn<(range: EquityRange) => void>();
    render(chart({ onRangeChange, range: "1d" }));
    expect(screen.getByRole("button", { name: "1d" }).getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "1h" }));
    expect(onRangeChange).toHaveBeenCalledWith("1h");
  });

  it("plots only the chosen range before the newest point, redrawn with setData", () => {
    const week = [equityPoint(T0 - 2 * 86_400_000, "900"), ...POINTS];
    const view = render(chart({ points: week }));
    expect(container().getAttribute("data-points")).toBe("4");
    view.rerender(chart({ points: week, range: "1h" }));
    expect(container().getAttribute("data-points")).toBe("3");
    expect(totalLine().setData).toHaveBeenCalledTimes(2);
    expect(totalLine().points).toHaveLength(3);
  });

  it("adds and removes a per-asset line when its checkbox is ticked", () => {
    render(chart());
    const btc = screen.getByRole("checkbox", { name: /BTC/ });
    expect(screen.getByRole("checkbox", { name: /USDT/ })).toBeTruthy();
    fireEvent.click(btc);
    expect(liveChart().series).toHaveLength(2);
    expect(liveChart().series[1]?.points.map((p) => p.value)).toEqual([600, 601, 602]);
    fireEvent.click(btc);
    expect(liveChart().series).toHaveLength(1);
    expect(liveChart().removed).toHaveLength(1);
  });

  it("follows the theme", () => {
    const view = render(chart());
    view.rerender(chart({ theme: "light" }));
    const last = liveChart().applyOptions.mock.calls.at(-1)?.[0] as { layout: { textColor: string } };
    expect(last.layout.textColor).toBe(CHART_COLORS.light.muted);
    expect(totalLine().applyOptions).toHaveBeenLastCalledWith({ color: CHART_COLORS.light.accent });
  });

  it("resizes the chart with its box", () => {
    render(chart());
    act(() => FakeResizeObserver.instances.at(-1)?.resizeTo(640, 250));
    expect(liveChart().resize).toHaveBeenLastCalledWith(640, 250);
  });

  it("removes the chart and stops observing on unmount", () => {
    const view = render(chart());
    const instance = liveChart();
    view.unmount();
    expect(instance.remove).toHaveBeenCalledTimes(1);
    expect(FakeResizeObserver.instances.every((o) => o.disconnected)).toBe(true);
  });

  it("draws everything again on a chart re-created by a remount (StrictMode)", () => {
    render(<StrictMode>{chart()}</StrictMode>);
    expect(lightweight.charts.length).toBeGreaterThanOrEqual(1);
    expect(totalLine().points).toHaveLength(3);
  });

  it("draws the net deposits as a dashed step line over the plotted span, shown or hidden from the legend", () => {
    const flows: NetFlowPoint[] = [
      { time: T0 - 3_600_000, value: "900" },
      { time: T0 + 90_000, value: "950.5" },
    ];
    render(chart({ netDeposits: flows }));
    const deposits = liveChart().series[1];
    expect(deposits?.options).toMatchObject({ lineType: 1, lineStyle: 2, color: CHART_COLORS.dark.netDeposits });
    // The value held at the first plotted point, the step, and the last value carried to the newest point.
    expect(deposits?.points).toEqual([
      { time: T0 / 1000, value: 900 },
      { time: (T0 + 90_000) / 1000, value: 950.5 },
      { time: (T0 + 2 * MINUTE) / 1000, value: 950.5 },
    ]);
    const box = screen.getByRole("checkbox", { name: /net deposits/ }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    expect(liveChart().series).toHaveLength(1);
    expect(liveChart().removed).toEqual([deposits]);
  });

  it("has no net deposits line or legend without flows", () => {
    render(chart({ netDeposits: [] }));
    expect(liveChart().series).toHaveLength(1);
    expect(screen.queryByText("net deposits")).toBeNull();
  });

  it("draws equity worked out from the history faded, and says so in the legend", () => {
    const history = [{ ...equityPoint(T0 - 86_400_000, "950"), estimated: true }, ...POINTS];
    render(chart({ points: history }));
    const [estimated, measured] = totalLine().points as unknown as [{ color?: string }, { color?: string }];
    expect(estimated.color).toBe(faded(CHART_COLORS.dark.accent));
    expect(measured.color).toBeUndefined();
    expect(screen.getByText("estimated from history")).toBeTruthy();
  });

  it("has no 'estimated' legend when every plotted point was measured", () => {
    render(chart());
    expect(screen.queryByText("estimated from history")).toBeNull();
  });
});
