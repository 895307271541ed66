import {
  type EquityPoint,
  FIGURES_VERSION_HEADER,
  type MoneyWeightedAnswer,
  type PerformanceSummary,
} from "@mexc-live/contract";
import { DAY_MS, HOUR_MS } from "@mexc-live/protocol";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeResizeObserver, lightweight, resetFakes } from "../../test/fakeCharts.js";
import { storeWithHistory } from "../../test/healthStores.js";
import { equityPoint } from "../../test/items.js";
import { TimeZoneProvider } from "../format/TimeZoneContext.js";
import { PROVISIONAL_WORDS } from "../header/useProvisional.js";
import { LiveStoreProvider } from "../store/LiveContext.js";
import { LiveStore } from "../store/liveStore.js";
import { PerformanceSection } from "./PerformanceSection.js";

vi.mock("lightweight-charts", async () => (await import("../../test/fakeCharts.js")).lightweightModule);

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const MIDNIGHT = Date.UTC(2026, 10, 23);

const EQUITY: EquityPoint[] = [
  equityPoint(MIDNIGHT, "87695.11", { BTC: "50000", USDT: "37695.11" }),
  equityPoint(MIDNIGHT + 4 * HOUR_MS, "88720.4", { BTC: "50025.29", USDT: "38695.11" }),
  equityPoint(NOW - HOUR_MS, "88413.74", { BTC: "49718.63", USDT: "38695.11" }),
];
/** Today: 87,695.11 at midnight, 1,000 deposited at 02:00, some trading. */
const TODAY: PerformanceSummary = {
  from: MIDNIGHT,
  to: NOW,
  quote: "USDT",
  startEquity: "87695.11",
  endEquity: "88413.74",
  netFlows: "1000",
  twr: "-0.0034831",
  netDeposits: [
    { time: MIDNIGHT - 10 * DAY_MS, value: "86695.11" },
    { time: MIDNIGHT + 2 * HOUR_MS, value: "87695.11" },
  ],
  pnl: "-281.37",
  byAsset: [],
  bridge: {
    startEquity: "87695.11",
    deposits: "1000",
    withdrawals: "0",
    transfers: "0",
    realized: "12.345",
    unrealized: "-290.505",
    fees: "-3.21",
    endEquity: "88413.74",
  },
  unpriced: ["FROP"],
  method: "fifo",
};

/** Today's money-weighted return: 1,000 in at 02:00 of 87,695.11, 88,413.74 now. */
const TODAY_IRR: MoneyWeightedAnswer = {
  from: MIDNIGHT,
  to: NOW,
  quote: "USDT",
  startEquity: "87695.11",
  endEquity: "88413.74",
  flows: [{ time: MIDNIGHT + 2 * HOUR_MS, value: "1000" }],
  period: "-0.0031972517",
  annual: "-0.6981003342",
  noRate: null,
  unpriced: ["FROP"],
  coverage: { status: "covered", historyStartsAt: MIDNIGHT - 10 * DAY_MS },
};

/** The gateway: equity history and the range's performance and money-weighted return; records every URL. */
function fakeGateway(
  performance: PerformanceSummary = TODAY,
  equity: readonly EquityPoint[] = EQUITY,
  version?: number,
  moneyWeighted: MoneyWeightedAnswer = TODAY_IRR,
) {
  const urls: string[] = [];
  vi.stubGlobal("fetch", async (input: string) => {
    const url = String(input);
    urls.push(url);
    const body = url.startsWith("/api/equity")
      ? { items: equity }
      : url.startsWith("/api/performance/money-weighted")
        ? moneyWeighted
        : performance;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (version !== undefined && url.startsWith("/api/performance")) headers[FIGURES_VERSION_HEADER] = String(version);
    return new Response(JSON.stringify(body), { status: 200, headers });
  });
  return urls;
}

beforeEach(() => {
  resetFakes();
  vi.stubGlobal("ResizeObserver", FakeResizeObserver);
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function section(store = new LiveStore()) {
  return (
    <TimeZoneProvider initial="UTC">
      <LiveStoreProvider store={store}>
        <PerformanceSection store={store} method="fifo" />
      </LiveStoreProvider>
    </TimeZoneProvider>
  );
}

describe("PerformanceSection", () => {
  it("answers 'am I up or down today' in the quote currency and as a TWR, from one answer, and names what is left out", async () => {
    fakeGateway();
    render(section());
    const headline = screen.getByTestId("performance-headline");
    await waitFor(() => expect(within(headline).getByTestId("headline-pnl").textContent).toBe("-281.37"));
    expect(within(headline).getByTestId("headline-pnl").className).toBe("change-down");
    expect(within(headline).getByTestId("headline-twr").textContent).toBe("-0.35 %");
    expect(headline.textContent).toContain("Today: 2026-11-23 00:00 – now (UTC) · FIFO");
    expect(within(headline).getByTestId("unpriced").textContent).toMatch(/^Not in these figures: FROP, for want of/);
    // Each figure says what it is.
    expect(within(headline).getByText("PnL").parentElement?.getAttribute("title")).toMatch(/end equity minus start/);
    expect(within(headline).getByText("TWR").parentElement?.getAttribute("title")).toMatch(/time-weighted return/);
  });

  it("shows the money-weighted return beside the TWR, as a rate a year only over a year or more; and why there is none", async () => {
    const urls = fakeGateway();
    render(section());
    const headline = screen.getByTestId("performance-headline");
    await waitFor(() => expect(within(headline).getByTestId("headline-irr").textContent).toBe("-0.32 %"));
    expect(within(headline).getByTestId("headline-irr").getAttribute("data-value")).toBe("-0.0031972517");
    // Today's -0.32 % is no "-69.81 % a year": under a year, the range's rate alone.
    expect(within(headline).queryByTestId("headline-irr-annual")).toBeNull();
    cleanup();
    const year = { ...TODAY_IRR, from: NOW - 365 * DAY_MS, period: "0.0885", annual: "0.0885" };
    fakeGateway(TODAY, EQUITY, undefined, year);
    render(section());
    await waitFor(() => expect(screen.getByTestId("headline-irr-annual").textContent).toBe(" (+8.85 % a year)"));
    cleanup();
    fakeGateway(TODAY, EQUITY, undefined, { ...year, from: year.from + 1 });
    render(section());
    await waitFor(() => expect(screen.getByTestId("headline-irr").textContent).toBe("+8.85 %"));
    expect(screen.queryByTestId("headline-irr-annual")).toBeNull();
    expect(within(headline).getByText("IRR").parentElement?.getAttribute("title")).toMatch(/money-weighted return/);
    // The same range as the performance, without a cost-basis method (equity and flows have none).
    expect(urls).toContain(`/api/performance/money-weighted?from=${MIDNIGHT}`);
    cleanup();
    fakeGateway(TODAY, EQUITY, undefined, { ...TODAY_IRR, period: null, annual: null, noRate: "nothingInvested" });
    render(section());
    await waitFor(() =>
      expect(screen.getByText("IRR").parentElement?.getAttribute("title")).toMatch(
        /None for this range: nothing was invested/,
      ),
    );
    expect(screen.getByTestId("headline-irr").textContent).toBe("–");
    expect(screen.queryByTestId("headline-irr-annual")).toBeNull();
  });

  it("draws the bridge from the same answer, its parts in order, each figure to 2 places with the exact one on hover", async () => {
    fakeGateway();
    render(section());
    const bridge = await screen.findByTestId("bridge");
    const rows = [...bridge.querySelectorAll("li")].map((li) => [
      li.getAttribute("data-key"),
      li.querySelector(".bridge-value")?.textContent,
    ]);
    expect(rows).toEqual([
      ["startEquity", "87,695.11"],
      ["deposits", "+1,000.00"],
      ["withdrawals", "0.00"],
      ["transfers", "0.00"],
      ["realized", "+12.35"],
      ["unrealized", "-290.51"],
      ["fees", "-3.21"],
      ["endEquity", "88,413.74"],
    ]);
    const realized = bridge.querySelector("[data-key=realized]") as HTMLElement;
    expect(realized.getAttribute("title")).toMatch(/PnL of what was disposed of/);
    expect(within(realized).getByText("+12.35").getAttribute("title")).toBe("12.345");
    expect(bridge.textContent).not.toContain("do not add up");
    // FROP has no price: the bridge's start and end equity are without it, and say so where they stand.
    expect(within(bridge).getByTestId("bridge-left-out").textContent).toContain("without FROP");
  });

  it("says its figures are provisional while MEXC's history is still being read, and not once it is complete", async () => {
    const withHistory = (state: "backfilling" | "complete") => storeWithHistory(state, NOW);
    fakeGateway();
    render(section(withHistory("backfilling")));
    expect((await screen.findByTestId("provisional")).textContent).toBe(PROVISIONAL_WORDS);
    cleanup();
    fakeGateway();
    render(section(withHistory("complete")));
    await waitFor(() => expect(screen.getByTestId("headline-pnl").textContent).toBe("-281.37"));
    expect(screen.queryByTestId("provisional")).toBeNull();
  });

  it("says its figures are as last seen once the page's connection to the gateway is lost, and not before", async () => {
    fakeGateway();
    const store = new LiveStore();
    render(section(store));
    await waitFor(() => expect(screen.getByTestId("headline-pnl").textContent).toBe("-281.37"));
    expect(screen.queryByTestId("performance-last-seen")).toBeNull();
    act(() => {
      store.setConnection("open");
      store.setConnection("reconnecting");
      store.flush();
    });
    expect(screen.getByTestId("performance-last-seen").textContent).toMatch(
      /^As last seen: the connection to the gateway is lost since \d\d:\d\d:\d\d/,
    );
  });

  it("says end equity is updating while its answer is older than the equity point shown above it (one moment)", async () => {
    // The stream's latest point moved the figures to version 7; the answer was computed at 6.
    const live = (version: number) => {
      const store = new LiveStore();
      const points = EQUITY.map((point, i) => (i === EQUITY.length - 1 ? { ...point, version } : point));
      store.receive({ type: "snapshot", topic: "equity", data: points, exchangeTime: 0, receiveTime: NOW });
      return store;
    };
    const endRow = async () =>
      (await screen.findByTestId("bridge")).querySelector("[data-key=endEquity] .bridge-value");
    fakeGateway(TODAY, EQUITY, 6);
    render(section(live(7)));
    await waitFor(async () => expect((await endRow())?.textContent).toBe("updating…"));
    expect((await endRow())?.getAttribute("data-value")).toBeNull();
    cleanup();
    // An answer of that version (or later) holds the point: its end equity is shown.
    fakeGateway(TODAY, EQUITY, 7);
    render(section(live(7)));
    await waitFor(async () => expect((await endRow())?.textContent).toBe("88,413.74"));
  });

  it("asks for the range picked: today from midnight, 7 days, picked days, by the method picked", async () => {
    const urls = fakeGateway();
    render(section());
    await waitFor(() =>
      expect(urls).toEqual(
        expect.arrayContaining([
          `/api/performance?from=${MIDNIGHT}&method=fifo`,
          `/api/equity?from=${MIDNIGHT}&step=60s`,
        ]),
      ),
    );
    fireEvent.click(screen.getByRole("button", { name: "7 d" }));
    await waitFor(() => expect(urls).toContain(`/api/performance?from=${NOW - 7 * DAY_MS}&method=fifo`));
    fireEvent.click(screen.getByRole("button", { name: "All" }));
    await waitFor(() => expect(urls).toContain("/api/performance?method=fifo"));
    fireEvent.click(screen.getByRole("button", { name: "Days…" }));
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-11-01" } });
    fireEvent.change(screen.getByLabelText("to"), { target: { value: "2026-11-10" } });
    await waitFor(() =>
      expect(urls).toContain(
        `/api/performance?from=${Date.UTC(2026, 10, 1)}&to=${Date.UTC(2026, 10, 11) - 1}&method=fifo`,
      ),
    );
    // The last day before the first: no request, and it says why.
    const before = urls.length;
    fireEvent.change(screen.getByLabelText("to"), { target: { value: "2026-10-01" } });
    expect(screen.getByText("pick a first day on or before the last")).toBeTruthy();
    expect(urls.slice(before).filter((url) => url.startsWith("/api/performance"))).toEqual([]);
  });

  it("draws start equity plus the deposits since beside equity, and the gap between them as the PnL over time", async () => {
    fakeGateway({ ...TODAY, unpriced: [] });
    render(section());
    await waitFor(() => expect(lightweight.charts[0]?.series).toHaveLength(2));
    const [equityChart, pnlChart] = lightweight.charts;
    const baseline = equityChart?.series[1]?.points.filter((p) => p.value !== undefined);
    // 87,695.11 from midnight; 88,695.11 after the 1,000 deposited at 02:00 (on the chart's 1-minute grid).
    expect(baseline?.map((p) => p.value)).toEqual([87695.11, 88695.11, 88695.11]);
    const pnl = pnlChart?.series[0]?.points.filter((p) => p.value !== undefined).map((p) => p.value) ?? [];
    expect(pnl[0]).toBe(0);
    expect(pnl[1]).toBeCloseTo(25.29, 6);
    // Its last point is the headline's PnL at the last equity point.
    expect(pnl[2]).toBeCloseTo(-281.37, 6);
  });

  it("starts both charts at the range's start with its start equity, the PnL at 0, not at a later estimated day end", async () => {
    // The first point of the day is the estimated UTC day end an hour after midnight (GMT+1's case).
    const equity = [
      { ...equityPoint(MIDNIGHT + HOUR_MS - 1, "87439.89", { BTC: "49744.78", USDT: "37695.11" }), estimated: true },
      ...EQUITY.slice(1),
    ];
    fakeGateway({ ...TODAY, unpriced: [] }, equity);
    render(section());
    await waitFor(() => expect(lightweight.charts[0]?.series).toHaveLength(2));
    await waitFor(() => expect(lightweight.charts[1]?.series[0]?.points.length ?? 0).toBeGreaterThan(0));
    const [equityChart, pnlChart] = lightweight.charts;
    const firstEquity = equityChart?.series[0]?.points.find((p) => p.value !== undefined);
    expect(firstEquity).toMatchObject({ time: MIDNIGHT / 1000, value: 87695.11 });
    const firstPnl = pnlChart?.series[0]?.points.find((p) => p.value !== undefined);
    expect(firstPnl).toMatchObject({ time: MIDNIGHT / 1000, value: 0 });
  });

  it("starts both charts where the history does when the range reaches before it (YTD), not at 1 January", async () => {
    const historyStart = MIDNIGHT - 27 * DAY_MS + 17 * HOUR_MS;
    const equity = [
      { ...equityPoint(historyStart + 7 * HOUR_MS - 1, "80000", { USDT: "80000" }), estimated: true },
      ...EQUITY,
    ];
    fakeGateway(
      {
        ...TODAY,
        from: historyStart,
        startEquity: "0",
        unpriced: [],
        coverage: { status: "startsBeforeHistory", historyStartsAt: historyStart },
      },
      equity,
    );
    render(section());
    fireEvent.click(screen.getByRole("button", { name: "YTD" }));
    await waitFor(() => expect(screen.getByText(/the figures start there/)).toBeTruthy());
    await waitFor(() => expect(lightweight.charts[1]?.series[0]?.points.length ?? 0).toBeGreaterThan(0));
    const [equityChart, pnlChart] = lightweight.charts;
    const firstTime = (points: readonly { time: number }[] | undefined) => points?.[0]?.time;
    // Every slot of either chart's grid, whitespace included, from the history's start on.
    expect(firstTime(equityChart?.series[0]?.points)).toBeGreaterThanOrEqual(Math.floor(historyStart / 1000) - 3600);
    expect(equityChart?.series[0]?.points.find((p) => p.value !== undefined)).toMatchObject({ value: 0 });
    expect(firstTime(pnlChart?.series[0]?.points)).toBeGreaterThanOrEqual(Math.floor(historyStart / 1000) - 3600);
    expect(screen.getByTestId("equity-chart").getAttribute("data-first-time")).toBe(String(historyStart));
  });

  it("draws no 'start + net deposits' line beside total equity while the answer leaves unpriced assets out", async () => {
    // BTC had no price: start equity is USDT's alone.
    fakeGateway({ ...TODAY, unpriced: ["BTC"], startEquity: "37695.11" });
    render(section());
    await screen.findByTestId("unpriced");
    await waitFor(() => expect(lightweight.charts[1]?.series[0]?.points.length ?? 0).toBeGreaterThan(0));
    expect(lightweight.charts[0]?.series).toHaveLength(1);
    // The PnL over time leaves BTC out of equity too: 0 at midnight, not -50,000 nor +50,000.
    const pnl = lightweight.charts[1]?.series[0]?.points.filter((p) => p.value !== undefined).map((p) => p.value);
    expect(pnl?.[0]).toBeCloseTo(0, 6);
    expect(screen.getByTestId("pnl-time-chart").textContent).toContain("without BTC (unpriced)");
    // The start equity beside the equity line is USDT's alone: the bridge's own figures say so.
    expect((await screen.findByTestId("bridge-left-out")).textContent).toBe(
      " · without BTC: start and end equity leave them out",
    );
  });

  it("says the assets left out wait on past prices still being fetched, not that MEXC has none, while the gateway says so", async () => {
    fakeGateway({ ...TODAY, unpriced: ["BTC", "ETH"], pricesPending: true, startEquity: "37695.11" });
    render(section());
    const words = await screen.findByTestId("unpriced");
    expect(words.textContent).toBe(
      "Not in these figures yet: BTC, ETH. Their past prices or their history are still being fetched from MEXC; the figures take them in as they come.",
    );
    expect(words.textContent).not.toContain("for want of");
    await waitFor(() =>
      expect(screen.getByTestId("pnl-time-chart").textContent).toContain("without BTC, ETH (past prices loading)"),
    );
  });

  it("shows no figure of an earlier range for days picked the wrong way round, and says so in words", async () => {
    fakeGateway();
    render(section());
    await waitFor(() => expect(screen.getByTestId("headline-pnl").textContent).toBe("-281.37"));
    fireEvent.click(screen.getByRole("button", { name: "Days…" }));
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-11-24" } });
    fireEvent.change(screen.getByLabelText("to"), { target: { value: "2026-11-20" } });
    expect(screen.getByTestId("headline-pnl").textContent).toBe("–");
    expect(screen.getByTestId("headline-twr").textContent).toBe("–");
    expect(screen.queryByTestId("bridge")).toBeNull();
    expect(screen.getByTestId("range-words").textContent).toMatch(
      /^No figures: the first day picked is after the last/,
    );
    expect(screen.getByTestId("performance-headline").textContent).not.toContain("now (UTC)");
  });

  it("says a range before the history has no figures and when the history starts, with the range it is", async () => {
    const from = Date.UTC(2025, 0, 31);
    fakeGateway({
      ...TODAY,
      from,
      to: from + DAY_MS,
      startEquity: null,
      endEquity: null,
      pnl: null,
      twr: null,
      bridge: null,
      netFlows: "0",
      netDeposits: [],
      unpriced: [],
      coverage: { status: "beforeHistory", historyStartsAt: Date.UTC(2026, 9, 26) },
    });
    render(section());
    const words = await screen.findByTestId("range-words");
    expect(words.textContent).toBe(
      "No figures: this range ends before the history mexc-live knows, which starts on 2026-10-26 00:00.",
    );
    const headline = screen.getByTestId("performance-headline");
    expect(headline.textContent).toContain("2025-01-31 00:00 – 2025-01-31 24:00 (UTC)");
    expect(screen.getByTestId("headline-pnl").textContent).toBe("–");
    expect(screen.queryByText(/0\.00/)).toBeNull();
    expect(screen.queryByText(/^No bridge/)).toBeNull();
  });

  it("says a range after now has no figures yet", async () => {
    const from = Date.UTC(2026, 10, 25);
    fakeGateway({
      ...TODAY,
      from,
      to: from + DAY_MS,
      startEquity: null,
      endEquity: null,
      pnl: null,
      twr: null,
      bridge: null,
      unpriced: [],
      coverage: { status: "future", historyStartsAt: Date.UTC(2026, 9, 26) },
    });
    render(section());
    expect((await screen.findByTestId("range-words")).textContent).toBe("No figures yet: this range starts after now.");
    expect(screen.getByTestId("performance-headline").textContent).toContain(
      "2026-11-25 00:00 – 2026-11-25 24:00 (UTC)",
    );
  });

  it("says so when the gateway has no bridge for the range, and shows no PnL rather than a guess", async () => {
    fakeGateway({ ...TODAY, pnl: null, bridge: null, startEquity: null, twr: null, unpriced: [] });
    render(section());
    await screen.findByText("No bridge for this range: the balances at its start or end are not known.");
    expect(screen.getByTestId("headline-pnl").textContent).toBe("–");
    expect(screen.queryByTestId("unpriced")).toBeNull();
  });
});
