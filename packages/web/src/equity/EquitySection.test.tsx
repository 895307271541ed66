import type { EquityPoint, PerformanceSummary, PnlPeriodItem } from "@mexc-live/contract";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeResizeObserver, lightweight, resetFakes } from "../../test/fakeCharts.js";
import { equityPoint } from "../../test/items.js";
import { LiveStoreProvider } from "../store/LiveContext.js";
import { LiveStore } from "../store/liveStore.js";
import { EquitySection } from "./EquitySection.js";

vi.mock("lightweight-charts", async () => (await import("../../test/fakeCharts.js")).lightweightModule);

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const EQUITY: EquityPoint[] = [equityPoint(NOW - 2 * HOUR, "100000"), equityPoint(NOW - HOUR, "112290.27")];
const PERFORMANCE: PerformanceSummary = {
  from: NOW - DAY,
  to: NOW,
  startEquity: "100000",
  endEquity: "112290.27",
  netFlows: "12290.27",
  twr: "0.0123",
  netDeposits: [
    { time: NOW - 10 * DAY, value: "87695.11" },
    { time: NOW - 90 * 60_000, value: "99985.38" },
  ],
};
const PERIODS: PnlPeriodItem[] = [
  {
    period: "2026-11-22",
    from: Date.UTC(2026, 10, 22),
    to: Date.UTC(2026, 10, 23) - 1,
    realized: "21.5",
    unrealized: "-1.25",
    fees: "0.3",
    method: "fifo",
  },
  {
    period: "2026-11-23",
    from: Date.UTC(2026, 10, 23),
    to: Date.UTC(2026, 10, 24) - 1,
    realized: "-4.25",
    unrealized: "2",
    fees: "0.1",
    method: "fifo",
  },
];

/** The gateway: equity history, the range's performance and PnL by day; records every URL. */
function fakeGateway() {
  const urls: string[] = [];
  vi.stubGlobal("fetch", async (input: string) => {
    const url = String(input);
    urls.push(url);
    const body = url.startsWith("/api/equity")
      ? { items: EQUITY }
      : url.startsWith("/api/performance")
        ? PERFORMANCE
        : { items: PERIODS };
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  });
  return urls;
}

beforeEach(() => {
  resetFakes();
  vi.stubGlobal("ResizeObserver", FakeResizeObserver);
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function section() {
  const store = new LiveStore();
  return (
    <LiveStoreProvider store={store}>
      <EquitySection store={store} quote="USDT" theme="dark" method="fifo" />
    </LiveStoreProvider>
  );
}

describe("EquitySection", () => {
  it("shows the range's time-weighted return, coloured, and its net deposits, explaining that they are not gains", async () => {
    fakeGateway();
    render(section());
    const figures = screen.getByTestId("range-performance");
    const twr = await within(figures).findByText("+1.23 %");
    expect(twr.className).toBe("change-up");
    expect(figures.textContent).toMatch(/^1dTWR \+1\.23 %net deposits \+12,290\.27 USDT/);
    expect(figures.getAttribute("title")).toContain("Money paid in is not a gain and money taken out is not a loss");
  });

  it("asks for the performance and the PnL by day of the chart's range, by the method picked", async () => {
    const urls = fakeGateway();
    render(section());
    await waitFor(() =>
      expect(urls).toEqual(
        expect.arrayContaining([
          `/api/equity?from=${NOW - DAY}&step=1m`,
          `/api/performance?from=${NOW - DAY}`,
          `/api/pnl/periods?period=day&from=${NOW - DAY}&method=fifo`,
        ]),
      ),
    );
    fireEvent.click(screen.getByRole("button", { name: "1w" }));
    await waitFor(() =>
      expect(urls).toEqual(
        expect.arrayContaining([
          `/api/performance?from=${NOW - 7 * DAY}`,
          `/api/pnl/periods?period=day&from=${NOW - 7 * DAY}&method=fifo`,
        ]),
      ),
    );
    // "all": from the UTC day of the oldest equity point held.
    fireEvent.click(screen.getByRole("button", { name: "all" }));
    await waitFor(() => expect(urls).toContain(`/api/performance?from=${Date.UTC(2026, 10, 23)}`));
  });

  it("draws the net deposits on the equity chart and the cumulative PnL under it", async () => {
    fakeGateway();
    render(section());
    await waitFor(() => expect(lightweight.charts[0]?.series).toHaveLength(2));
    const [equityChart, pnlChart] = lightweight.charts;
    expect(equityChart?.series[1]?.points).toEqual([
      { time: (NOW - 2 * HOUR) / 1000, value: 87695.11 },
      { time: (NOW - 90 * 60_000) / 1000, value: 99985.38 },
      { time: (NOW - HOUR) / 1000, value: 99985.38 },
    ]);
    // 21.5 - 1.25 = 20.25; 21.5 - 4.25 + 2 = 19.25
    await waitFor(() =>
      expect(pnlChart?.series[0]?.points).toEqual([
        { time: Date.UTC(2026, 10, 22) / 1000, value: 20.25 },
        { time: Date.UTC(2026, 10, 23) / 1000, value: 19.25 },
      ]),
    );
    expect(screen.getByText("net deposits")).toBeTruthy();
    expect(screen.getByTestId("pnl-time-chart").textContent).toContain("daily · FIFO · now +19.25 USDT");
  });
});
