import type { EquityPoint, NetFlowPoint } from "@mexc-live/contract";
import { DAY_MS, MINUTE_MS } from "@mexc-live/protocol";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { StrictMode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeResizeObserver, lightweight, resetFakes } from "../../test/fakeCharts.js";
import { equityPoint, T0 } from "../../test/items.js";
import { EquityChart } from "./EquityChart.js";
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

/** Three points a minute apart (T0 is on a whole minute). */
const POINTS: EquityPoint[] = [0, 1, 2].map((i) =>
  equityPoint(T0 + i * MINUTE_MS, String(1000 + i), { BTC: String(600 + i), USDT: "400" }),
);

function chart(props: Partial<Parameters<typeof EquityChart>[0]> = {}) {
  return <EquityChart points={POINTS} window={{}} theme="dark" quote="USDT" height={300} {...props} />;
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

const valued = <P extends { value?: number }>(points: readonly P[]) => points.filter((p) => p.value !== undefined);

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
    expect(valued(totalLine().points).map((p) => p.time)).toEqual(POINTS.map((p) => p.time / 1000));
    // Between them, a second apart, the grid's empty slots: the axis counts seconds, not points.
    expect(totalLine().points).toHaveLength(121);
    // The time axis's zone is named beside the total (issue 40); the first point is where the line begins.
    expect(screen.getByTestId("chart-zone").textContent).toMatch(/^\S+$/);
    expect(container().getAttribute("data-first-time")).toBe(String(POINTS[0]?.time));
  });

  it("gives 30 days of daily history and minutes of live data widths in proportion to time", () => {
    const history = Array.from({ length: 30 }, (_, d) => ({
      ...equityPoint(T0 - (30 - d) * DAY_MS, String(900 + d), { BTC: "1" }),
      estimated: true,
    }));
    const live = Array.from({ length: 240 }, (_, s) => equityPoint(T0 + s * 1000, String(1000 + s), { BTC: "1" }));
    render(chart({ points: [...history, ...live] }));
    const points = totalLine().points;
    const step = (points[1]?.time ?? 0) - (points[0]?.time ?? 0);
    for (let i = 1; i < points.length; i++) expect((points[i]?.time ?? 0) - (points[i - 1]?.time ?? 0)).toBe(step);
    // 4 live minutes in a month: a sliver of the axis, not half of it.
    const liveSlots = points.filter((p) => p.time * 1000 >= T0).length;
    expect(liveSlots / points.length).toBeLessThan(0.01);
    expect(valued(points).at(-1)?.value).toBe(1239);
  });

  it("draws no point while the balances were unknown: no ramp from 0", () => {
    render(chart({ points: [equityPoint(T0 - 2 * MINUTE_MS, "0"), equityPoint(T0 - MINUTE_MS, "0"), ...POINTS] }));
    expect(valued(totalLine().points).map((p) => p.value)).toEqual([1000, 1001, 1002]);
    expect(container().getAttribute("data-points")).toBe("3");
  });

  it("draws an appended live point with series.update, not setData", () => {
    const view = render(chart());
    const line = totalLine();
    expect(line.setData).toHaveBeenCalledTimes(1);
    const next = [...POINTS, equityPoint(T0 + 3 * MINUTE_MS, "1010", { BTC: "610" })];
    view.rerender(chart({ points: next }));
    expect(line.setData).toHaveBeenCalledTimes(1);
    expect(line.update).toHaveBeenLastCalledWith({ time: (T0 + 3 * MINUTE_MS) / 1000, value: 1010 });
    expect(container().getAttribute("data-points")).toBe("4");
  });

  it("plots only the range given", () => {
    const week = [equityPoint(T0 - 2 * DAY_MS, "900"), ...POINTS];
    const view = render(chart({ points: week }));
    // Over two days the grid's step is 5 minutes: the three points of T0's minutes share a slot.
    expect(container().getAttribute("data-points")).toBe("2");
    view.rerender(chart({ points: week, window: { from: T0 - 30_000 } }));
    // From 30 s before T0: what was held then (the point of two days before), then T0's three.
    expect(container().getAttribute("data-points")).toBe("4");
    expect(valued(totalLine().points).map((p) => p.value)).toEqual([900, 1000, 1001, 1002]);
    expect(totalLine().points[0]?.time).toBe((T0 - 30_000) / 1000);
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

  it("resizes the chart with its box, and removes it on unmount", () => {
    const view = render(chart());
    act(() => FakeResizeObserver.instances.at(-1)?.resizeTo(640, 250));
    const instance = liveChart();
    expect(instance.resize).toHaveBeenLastCalledWith(640, 250);
    view.unmount();
    expect(instance.remove).toHaveBeenCalledTimes(1);
    expect(FakeResizeObserver.instances.every((o) => o.disconnected)).toBe(true);
  });

  it("draws everything again on a chart re-created by a remount (StrictMode)", () => {
    render(<StrictMode>{chart()}</StrictMode>);
    expect(valued(totalLine().points)).toHaveLength(3);
  });

  it("draws 'start + net deposits' as a dashed step line over the plotted span, shown or hidden from the legend", () => {
    const steps: NetFlowPoint[] = [
      { time: T0 - 3_600_000, value: "900" },
      { time: T0 + 90_000, value: "950.5" },
    ];
    render(chart({ baseline: steps }));
    const line = liveChart().series[1];
    expect(line?.options).toMatchObject({ lineType: 1, lineStyle: 2, color: CHART_COLORS.dark.netDeposits });
    // No tag of its own on the price axis: it covered an axis label; the legend names the line.
    expect(line?.options).toMatchObject({ lastValueVisible: false });
    expect(line?.options).not.toHaveProperty("title");
    // The value held at the first plotted point, the step, the last value carried to the newest point.
    expect(line?.points).toEqual([
      { time: T0 / 1000, value: 900 },
      { time: (T0 + 90_000) / 1000, value: 950.5 },
      { time: (T0 + 2 * MINUTE_MS) / 1000, value: 950.5 },
    ]);
    const box = screen.getByRole("checkbox", { name: /start \+ net deposits/ }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    expect(liveChart().series).toHaveLength(1);
    expect(liveChart().removed).toEqual([line]);
  });

  it("has no such line or legend without a baseline", () => {
    render(chart({ baseline: [] }));
    expect(liveChart().series).toHaveLength(1);
    expect(screen.queryByText("start + net deposits")).toBeNull();
  });

  it("draws equity worked out from the history faded up to the first live point, and says so in the legend", () => {
    const history = [{ ...equityPoint(T0 - DAY_MS, "950"), estimated: true }, ...POINTS];
    render(chart({ points: history }));
    const [estimated, ...rest] = valued(totalLine().points) as { color?: string }[];
    expect(estimated?.color).toBe(faded(CHART_COLORS.dark.accent));
    expect(rest.every((p) => p.color === undefined)).toBe(true);
    expect(screen.getByText("estimated from history")).toBeTruthy();
  });

  it("has no 'estimated' legend when every plotted point was measured", () => {
    render(chart());
    expect(screen.queryByText("estimated from history")).toBeNull();
  });
});
