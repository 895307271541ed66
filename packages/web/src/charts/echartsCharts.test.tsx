import type { FeeDaysAnswer, FeeSummary, PnlPeriodItem } from "@mexc-live/contract";
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { echarts, FakeResizeObserver, resetFakes } from "../../test/fakeCharts.js";
import { valuedBalance, volume } from "../../test/items.js";
import { AllocationChart, allocationOption } from "./AllocationChart.js";
import { groupAllocation } from "./allocation.js";
import { FeesChart } from "./FeesChart.js";
import { PnlPeriodsChart, periodTooltip } from "./PnlPeriodsChart.js";
import { CHART_COLORS } from "./palette.js";
import { loadECharts } from "./useEChart.js";
import { VolumeChart } from "./VolumeChart.js";

vi.mock("echarts/core", async () => (await import("../../test/fakeCharts.js")).echartsCoreModule);
vi.mock("echarts/charts", () => ({ PieChart: {}, BarChart: {}, LineChart: {} }));
vi.mock("echarts/components", () => ({ GridComponent: {}, TooltipComponent: {}, LegendComponent: {} }));
vi.mock("echarts/features", () => ({ LabelLayout: {} }));
vi.mock("echarts/renderers", () => ({ CanvasRenderer: {} }));

beforeEach(() => {
  resetFakes();
  vi.stubGlobal("ResizeObserver", FakeResizeObserver);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

interface SeriesOption {
  id?: string;
  name?: string;
  type?: string;
  stack?: string;
  data?: unknown[];
  label?: { color?: string };
}

/** ECharts arrives asynchronously (fetched with the first chart): wait for it and the draws it allows. */
async function loaded(): Promise<void> {
  await act(async () => {
    await loadECharts();
  });
}

function onlyChart() {
  expect(echarts.charts).toHaveLength(1);
  return echarts.charts[0] as (typeof echarts.charts)[number];
}

function lastOption() {
  const options = onlyChart().options;
  const last = options[options.length - 1];
  if (!last) throw new Error("no option was set");
  return last as { option: { animation?: boolean; series?: SeriesOption[] }; opts: unknown };
}

const BALANCES = [valuedBalance("BTC", "750.5"), valuedBalance("USDT", "250.50"), valuedBalance("NEW", null)];

describe("AllocationChart", () => {
  it("keeps its size and says 'no data yet' without valued balances", () => {
    render(<AllocationChart balances={[valuedBalance("NEW", null)]} quote="USDT" theme="dark" height={240} />);
    const frame = screen.getByTestId("allocation-chart");
    expect(frame.style.height).toBe("240px");
    expect(screen.getByText("no data yet")).toBeTruthy();
  });

  it("names the assets held with no price instead of 'no data yet' when it has nothing else to draw", () => {
    const view = render(
      <AllocationChart balances={[valuedBalance("BTC", null)]} unpriced={["BTC"]} quote="USDT" theme="dark" />,
    );
    expect(screen.getByText("No price for BTC")).toBeTruthy();
    expect(screen.queryByText("no data yet")).toBeNull();
    // Once one is valued, it is drawn: no words over the donut.
    view.rerender(<AllocationChart balances={BALANCES} unpriced={["NEW"]} quote="USDT" theme="dark" />);
    expect(screen.queryByText(/No price for|no data yet/)).toBeNull();
  });

  it("says it is loading over its data until ECharts is there and has drawn it, not a blank box", async () => {
    render(<AllocationChart balances={BALANCES} quote="USDT" theme="dark" />);
    expect(screen.getByText("Loading…")).toBeTruthy();
    await loaded();
    expect(echarts.charts).toHaveLength(1);
    expect(screen.queryByText("Loading…")).toBeNull();
  });

  it("draws one slice per valued asset without animation, replacing series on update", async () => {
    render(<AllocationChart balances={BALANCES} quote="USDT" theme="dark" />);
    await loaded();
    const { option, opts } = lastOption();
    expect(option.animation).toBe(false);
    expect(opts).toMatchObject({ replaceMerge: ["series"] });
    expect(option.series?.[0]?.data?.map((d) => (d as { name: string }).name)).toEqual(["BTC", "USDT"]);
    expect(screen.queryByText("no data yet")).toBeNull();
  });

  it("follows the theme", async () => {
    const view = render(<AllocationChart balances={BALANCES} quote="USDT" theme="dark" />);
    await loaded();
    view.rerender(<AllocationChart balances={BALANCES} quote="USDT" theme="light" />);
    await loaded();
    expect(lastOption().option.series?.[0]?.label?.color).toBe(CHART_COLORS.light.text);
  });

  it("escapes asset names in the tooltip (ECharts renders it as HTML)", () => {
    const option = allocationOption(groupAllocation([valuedBalance("<img src=x>", "10")]), "USDT", "dark");
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const data = (option.series as SeriesOption[])[0]?.data?.[0];
    const html = formatter({ data });
    expect(html).toContain("&lt;img src=x&gt;");
    expect(html).not.toContain("<img");
  });

  it("resizes with its box and disposes the chart on unmount", async () => {
    const view = render(<AllocationChart balances={BALANCES} quote="USDT" theme="dark" />);
    await loaded();
    const chart = onlyChart();
    act(() => FakeResizeObserver.instances.at(-1)?.resizeTo(300, 200));
    expect(chart.resize).toHaveBeenCalled();
    view.unmount();
    expect(chart.dispose).toHaveBeenCalledTimes(1);
  });
});

describe("FeesChart", () => {
  const summary: FeeSummary = {
    quote: "USDT",
    byCurrency: { USDT: "1.50", MX: "2" },
    valueByCurrency: { USDT: "1.50", MX: "5.25" },
    totalValue: "6.750",
  };
  const day = (n: number, fees: string, cumulative: string) => ({
    day: `2025-01-0${n}`,
    from: Date.UTC(2025, 0, n),
    to: Date.UTC(2025, 0, n + 1) - 1,
    fees,
    cumulative,
  });
  /** Every fee of the history by day: the line must end at the total printed under it. */
  const days: FeeDaysAnswer = {
    quote: "USDT",
    items: [day(1, "1.0", "1.0"), day(2, "0.5", "1.5"), day(3, "5.25", "6.750")],
    total: "6.750",
  };

  it("says 'Loading…' before the fees are read, never a false 'no data yet'; 'no data yet' once read empty", () => {
    const view = render(<FeesChart days={null} summary={null} quote="USDT" theme="dark" height={240} />);
    expect(screen.getByTestId("fees-chart").style.height).toBe("240px");
    expect(screen.getByText("Loading…")).toBeTruthy();
    expect(screen.queryByText("no data yet")).toBeNull();
    const none: FeeDaysAnswer = { quote: "USDT", items: [], total: "0" };
    view.rerender(<FeesChart days={none} summary={null} quote="USDT" theme="dark" height={240} />);
    expect(screen.getByText("no data yet")).toBeTruthy();
    expect(screen.queryByText("Loading…")).toBeNull();
  });

  it("says 'Loading…' in the allocation and volume charts until their data came, then 'no data yet' when there is none", () => {
    const view = render(
      <>
        <AllocationChart balances={[]} quote="USDT" theme="dark" loading={true} />
        <VolumeChart items={[]} quote="USDT" theme="dark" loading={true} />
      </>,
    );
    expect(screen.getAllByText("Loading…")).toHaveLength(2);
    expect(screen.queryByText("no data yet")).toBeNull();
    view.rerender(
      <>
        <AllocationChart balances={[]} quote="USDT" theme="dark" loading={false} />
        <VolumeChart items={[]} quote="USDT" theme="dark" loading={false} />
      </>,
    );
    expect(screen.getAllByText("no data yet")).toHaveLength(2);
  });

  it("draws the whole history's running total by day, ending at the total printed under it, and a bar per fee currency", async () => {
    render(<FeesChart days={days} summary={summary} quote="USDT" theme="dark" />);
    await loaded();
    const series = lastOption().option.series ?? [];
    const line = series.find((s) => s.type === "line")?.data as [number, number][];
    expect(line).toEqual([
      [Date.UTC(2025, 0, 1), 1],
      [Date.UTC(2025, 0, 2), 1.5],
      [Date.UTC(2025, 0, 3), 6.75],
    ]);
    expect(series.find((s) => s.type === "bar")?.data?.map((d) => (d as { value: number }).value)).toEqual([5.25, 1.5]);
    expect(screen.getByTestId("fees-total").textContent).toBe("Total 6.75 USDT");
    expect(line.at(-1)?.[1]).toBe(Number("6.75"));
    expect(screen.queryByText(/do not add up/)).toBeNull();
  });

  it("gives each day's fees and running total, exact, in the tooltip, and reads days in the zone picked", async () => {
    render(<FeesChart days={days} summary={summary} quote="USDT" theme="dark" />);
    await loaded();
    const option = lastOption().option as {
      useUTC?: boolean;
      tooltip?: { formatter?: (params: unknown) => string };
    };
    expect(option.useUTC).toBe(true); // the tests' browser zone is UTC
    const text = option.tooltip?.formatter?.([{ seriesId: "fees-cumulative", data: [Date.UTC(2025, 0, 2), 1.5] }]);
    expect(text).toContain("<b>2025-01-02</b> (UTC)");
    expect(text).toContain("fees that day 0.50 USDT <small>0.5</small>");
    expect(text).toContain("all fees so far 1.50 USDT <small>1.5</small>");
  });

  it("says the total is loading while the days are read, the summary already drawn", async () => {
    render(<FeesChart days={null} summary={summary} quote="USDT" theme="dark" />);
    await loaded();
    expect(screen.getByTestId("fees-total").textContent).toBe("Total: loading…");
  });

  it("rounds the total to 2 places and keeps the per-currency labels whole", async () => {
    const long: FeeSummary = {
      quote: "USDT",
      byCurrency: { MX: "0.018433013236960835" },
      valueByCurrency: { MX: "0.058985642358274672" },
      totalValue: "0.058985642358274672",
    };
    const tiny: FeeDaysAnswer = {
      quote: "USDT",
      items: [day(1, long.totalValue, long.totalValue)],
      total: long.totalValue,
    };
    render(<FeesChart days={tiny} summary={long} quote="USDT" theme="dark" />);
    await loaded();
    expect(screen.getByTestId("fees-total").textContent).toBe("Total 0.06 USDT");
    expect(screen.getByTestId("fees-total").getAttribute("title")).toContain("0.058985642358274672");
    const yAxes = (lastOption().option as { yAxis?: { axisLabel?: Record<string, unknown> }[] }).yAxis ?? [];
    const label = yAxes[1]?.axisLabel?.formatter as (value: string, index: number) => string;
    expect(label("MX", 0)).toBe("0.0184 MX");
    expect(yAxes[1]?.axisLabel?.overflow).toBeUndefined();
    // The running total's axis names its unit.
    expect((yAxes[0] as { name?: string }).name).toBe("USDT");
  });
});

describe("VolumeChart", () => {
  it("says 'no data yet' without volume", () => {
    render(<VolumeChart items={[]} quote="USDT" theme="light" height={240} />);
    expect(screen.getByTestId("volume-chart").style.height).toBe("240px");
    expect(screen.getByText("no data yet")).toBeTruthy();
  });

  it("stacks one bar series per symbol over the days", async () => {
    const items = [
      volume("2025-01-01", "BTCUSDT", "100"),
      volume("2025-01-02", "ETHUSDT", "20"),
      volume("2025-01-02", "BTCUSDT", "10"),
    ];
    render(<VolumeChart items={items} quote="USDT" theme="dark" />);
    await loaded();
    const series = lastOption().option.series ?? [];
    expect(series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ["BTCUSDT", "volume", [100, 10]],
      ["ETHUSDT", "volume", [0, 20]],
    ]);
    expect(screen.getByTestId("volume-chart").getAttribute("data-points")).toBe("2");
    // The axis names its unit: volume in the quote currency, under the legend's row, not on it
    // (the unit's 10 px line ends nameGap over the plot; the legend's 8 px swatches start at its top).
    const option = lastOption().option as {
      yAxis?: { name?: string; nameGap?: number };
      grid?: { top?: number };
      legend?: { top?: number; itemHeight?: number };
    };
    expect(option.yAxis?.name).toBe("USDT");
    const unitTop = (option.grid?.top ?? 0) - (option.yAxis?.nameGap ?? 15) - 10;
    expect(unitTop).toBeGreaterThanOrEqual((option.legend?.top ?? 0) + (option.legend?.itemHeight ?? 14) + 4);
  });

  it("names every symbol on the rows a phone's width takes, the unit under them; a row that pages only past three", async () => {
    const symbols = ["BTCUSDT", "ETHUSDT", "ETHBTC", "MXUSDT", "SOLUSDT"];
    const view = render(
      <VolumeChart items={symbols.map((s) => volume("2025-01-01", s, "1"))} quote="USDT" theme="dark" />,
    );
    await loaded();
    const drawn = () =>
      lastOption().option as { grid?: { top?: number }; legend?: { type?: string }; yAxis?: { nameGap?: number } };
    const resize = async (width: number) =>
      act(async () => {
        for (const observer of FakeResizeObserver.instances) observer.resizeTo(width, 240);
      });
    // A 390 px phone's chart (~340 px): the five names need two rows, every one shown (no page).
    await resize(340);
    expect(drawn().legend?.type).toBe("plain");
    // The unit's 10 px line ends nameGap over the plot, under the second row's 8 px swatches (a row is 24 px).
    const unitTop = (drawn().grid?.top ?? 0) - (drawn().yAxis?.nameGap ?? 15) - 10;
    expect(unitTop).toBeGreaterThanOrEqual(24 + 8 + 4);
    // Wide, one row, and the plot takes back the room.
    await resize(1200);
    expect(drawn().legend?.type).toBe("plain");
    expect(drawn().grid?.top).toBeLessThan(2 * 24);
    // Six long names (the chart's most, "Other" included) in a narrow box would take the plot: one row that pages.
    const long = ["1000000MOGUSDT", "1000SATSUSDT", "BABYDOGEUSDT", "BTCDOMUSDT", "PEOPLEUSDT", "WLDUSDT", "XAIUSDT"];
    view.rerender(<VolumeChart items={long.map((s) => volume("2025-01-01", s, "1"))} quote="USDT" theme="dark" />);
    await resize(250);
    expect(drawn().legend?.type).toBe("scroll");
    expect(drawn().grid?.top).toBeLessThan(2 * 24);
  });

  it("replaces the bars of a symbol that is gone instead of keeping them", async () => {
    const view = render(<VolumeChart items={[volume("2025-01-01", "BTCUSDT", "1")]} quote="USDT" theme="dark" />);
    await loaded();
    view.rerender(<VolumeChart items={[volume("2025-01-01", "ETHUSDT", "1")]} quote="USDT" theme="dark" />);
    await loaded();
    const { option, opts } = lastOption();
    expect(option.series?.map((s) => s.id)).toEqual(["volume-ETHUSDT"]);
    expect(opts).toMatchObject({ replaceMerge: ["series"] });
  });
});

describe("PnlPeriodsChart", () => {
  const week = (first: string, realized: string, unrealized: string | null, fees: string): PnlPeriodItem => {
    const from = Date.parse(`${first}T00:00:00Z`);
    return { period: first, from, to: from + 7 * 86_400_000 - 1, realized, unrealized, fees, method: "fifo" };
  };
  const WEEKS = [
    week("2026-11-09", "-8.125", null, "0.5"),
    week("2026-11-02", "12.5", "3.25", "1.255"),
    week("2026-11-16", "0.000000000000000001", "-1.5", "0.000000000000000002"),
  ];

  it("draws realized PnL per period as bars coloured by sign and the unrealized PnL at each end as a line", async () => {
    render(<PnlPeriodsChart items={WEEKS} period="week" quote="USDT" theme="dark" height={250} />);
    await loaded();
    const option = lastOption().option as { xAxis?: { data?: string[] }; series?: SeriesOption[] };
    expect(option.xAxis?.data).toEqual(["11-02", "11-09", "11-16"]);
    const [bars, line] = option.series ?? [];
    expect(bars?.type).toBe("bar");
    expect(bars?.data).toEqual([
      { value: 12.5, itemStyle: { color: CHART_COLORS.dark.buy } },
      { value: -8.125, itemStyle: { color: CHART_COLORS.dark.sell } },
      { value: 1e-18, itemStyle: { color: CHART_COLORS.dark.buy } },
    ]);
    expect(line?.type).toBe("line");
    expect(line?.data).toEqual([3.25, null, -1.5]);
    // Exact sums of the decimal strings: 12.5 - 8.125 + 0.000000000000000001; fees 1.755000000000000002.
    expect(screen.getByTestId("pnl-periods-chart").textContent).toContain("3 weeks: realized +4.38 · fees 1.76 USDT");
  });

  it("gives the exact figures and the fees of a period in its tooltip", () => {
    const html = periodTooltip(WEEKS[1] as PnlPeriodItem, "week", "USDT");
    expect(html).toBe(
      "<b>Week of Monday 2026-11-02</b><br/>realized +12.50 USDT<br/>unrealized at end +3.25 USDT<br/>" +
        "fees paid 1.26 USDT (not in realized)",
    );
    expect(periodTooltip(WEEKS[0] as PnlPeriodItem, "day", "USDT")).toContain("unrealized at end not valued");
  });

  it("names what a period leaves out for want of a price, in its tooltip and under the chart", async () => {
    const [first, second, third] = WEEKS as [PnlPeriodItem, PnlPeriodItem, PnlPeriodItem];
    const items = [
      first,
      { ...second, unpriced: ["ETH", "MX"], pricesPending: true },
      { ...third, unpriced: ["DUST"] },
    ];
    expect(periodTooltip(items[1] as PnlPeriodItem, "week", "USDT")).toContain(
      "<br/>without ETH, MX (past prices or history still being fetched from MEXC)",
    );
    expect(periodTooltip(items[2] as PnlPeriodItem, "week", "USDT")).toContain("<br/>without DUST (no market price)");
    expect(periodTooltip(first, "week", "USDT")).not.toContain("without");
    render(<PnlPeriodsChart items={items} period="week" quote="USDT" theme="dark" height={250} />);
    await loaded();
    const note = screen.getByTestId("pnl-periods-left-out");
    expect(note.textContent).toBe("Some periods without ETH, MX (past prices loading); DUST (no price)");
    expect(note.title).toBe(
      "Some periods (their tooltips say which) leave out ETH, MX until their past prices or history are in: they are still being fetched from MEXC. Some periods (their tooltips say which) leave out DUST for want of a market price.",
    );
  });

  it("draws no bar and no point for a period of nothing still being read from MEXC, and says why", async () => {
    const nothing = week("2026-11-09", "0", "0", "0");
    const items = [WEEKS[1] as PnlPeriodItem, nothing, WEEKS[2] as PnlPeriodItem];
    // The backfill still reads the span 2026-11-05 .. 2026-11-12: the week of 11-02 holds fills read already.
    const reading = { from: Date.parse("2026-11-05T00:00:00Z"), to: Date.parse("2026-11-12T00:00:00Z") };
    render(<PnlPeriodsChart items={items} period="week" quote="USDT" theme="dark" height={250} reading={reading} />);
    await loaded();
    const option = lastOption().option as { xAxis?: { data?: string[] }; series?: SeriesOption[] };
    expect(option.xAxis?.data).toEqual(["11-02", "11-09…", "11-16"]);
    const [bars, line] = option.series ?? [];
    expect(((bars?.data ?? []) as { value: number | null }[]).map((bar) => bar.value)).toEqual([12.5, null, 1e-18]);
    expect(line?.data).toEqual([3.25, null, -1.5]);
    expect(periodTooltip(nothing, "week", "USDT", true)).toBe(
      "<b>Week of Monday 2026-11-09</b><br/>not read from MEXC yet (its history is still being read)",
    );
    const note = screen.getByTestId("pnl-periods-unread");
    expect(note.textContent).toBe("Weeks marked …: not read from MEXC yet");
    expect(note.title).toBe("Weeks marked … hold nothing read so far: MEXC's history of them is still being read.");
    cleanup();
    resetFakes();
    // Once the history is read, that week is one of nothing: a 0 bar, no note.
    render(<PnlPeriodsChart items={items} period="week" quote="USDT" theme="dark" height={250} reading={null} />);
    await loaded();
    expect((lastOption().option as { xAxis?: { data?: string[] } }).xAxis?.data).toEqual(["11-02", "11-09", "11-16"]);
    expect(screen.queryByTestId("pnl-periods-unread")).toBeNull();
  });

  it("says 'no data yet' without periods", () => {
    render(<PnlPeriodsChart items={[]} period="month" quote="USDT" theme="light" height={250} />);
    expect(screen.getByText("no data yet")).toBeTruthy();
  });
});
