import { DAY_MS } from "@mexc-live/protocol";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeResizeObserver } from "../../test/fakeCharts.js";
import { storeWithHistory } from "../../test/healthStores.js";
import { TimeZoneProvider } from "../format/TimeZoneContext.js";
import { PROVISIONAL_WORDS, updatingWords } from "../header/useProvisional.js";
import { LiveStoreProvider } from "../store/LiveContext.js";
import type { LiveStore } from "../store/liveStore.js";
import { JournalPanel } from "./JournalPanel.js";

const NOW = Date.UTC(2026, 10, 23, 12);

/** A gateway with no trip yet: an empty journal, no trips, no day. */
function emptyGateway(): void {
  vi.stubGlobal("fetch", async (input: string) => {
    const url = String(input);
    const body = url.startsWith("/api/journal/trips")
      ? { items: [], total: 0, nextCursor: null }
      : url.startsWith("/api/pnl/periods")
        ? { items: [] }
        : {};
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  });
}

function panel(store: LiveStore) {
  return (
    <TimeZoneProvider initial="UTC">
      <LiveStoreProvider store={store}>
        <JournalPanel method="fifo" version={1} />
      </LiveStoreProvider>
    </TimeZoneProvider>
  );
}

beforeEach(() => {
  vi.stubGlobal("ResizeObserver", FakeResizeObserver);
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("JournalPanel", () => {
  it("says its trips and days are provisional while MEXC's history is still being read, and not once it is complete", async () => {
    emptyGateway();
    render(panel(storeWithHistory("backfilling", NOW)));
    expect((await screen.findByTestId("journal-provisional")).textContent).toBe(PROVISIONAL_WORDS);
    cleanup();
    emptyGateway();
    render(panel(storeWithHistory("complete", NOW)));
    await waitFor(() => expect(screen.getByText("No trip closed in this range.")).toBeTruthy());
    expect(screen.queryByTestId("journal-provisional")).toBeNull();
  });

  it("shows a day of nothing as not read yet while MEXC's history is being read, and as 0.00 once it is", async () => {
    const zeroDay = {
      period: "2026-11-22",
      from: Date.UTC(2026, 10, 22),
      to: Date.UTC(2026, 10, 23) - 1,
      realized: "0",
      unrealized: "0",
      fees: "0",
      method: "fifo",
    };
    const gateway = () =>
      vi.stubGlobal("fetch", async (input: string) => {
        const url = String(input);
        const body = url.startsWith("/api/journal/trips")
          ? { items: [], total: 0, nextCursor: null }
          : url.startsWith("/api/pnl/periods")
            ? { items: [zeroDay] }
            : {};
        return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
      });
    gateway();
    render(panel(storeWithHistory("backfilling", NOW)));
    await waitFor(() => expect(document.querySelector('[data-day="2026-11-22"]')?.textContent).toBe("22…"));
    cleanup();
    gateway();
    render(panel(storeWithHistory("complete", NOW)));
    await waitFor(() => expect(document.querySelector('[data-day="2026-11-22"]')?.textContent).toBe("220.00"));
  });

  it("reads the realized PnL's causes over the calendar's range, from its first day's start to its last day's end", async () => {
    const day = (period: string, realized: string) => ({
      period,
      from: Date.parse(`${period}T00:00:00Z`),
      to: Date.parse(`${period}T00:00:00Z`) + DAY_MS - 1,
      realized,
      unrealized: "0",
      fees: "0",
      method: "fifo",
    });
    const days = [day("2026-11-22", "2"), day("2026-11-23", "1")];
    const asked: string[] = [];
    vi.stubGlobal("fetch", async (input: string) => {
      const url = String(input);
      asked.push(url);
      const body = url.startsWith("/api/journal/trips")
        ? { items: [], total: 0, nextCursor: null }
        : url.startsWith("/api/pnl/periods")
          ? { items: days }
          : url.startsWith("/api/pnl/realized")
            ? {
                quote: "USDT",
                method: "fifo",
                byAsset: "3",
                byPair: "2.5",
                causes: [{ cause: "feeCoins", realized: "0.5", names: ["MX"], more: 0, unpriced: [] }],
              }
            : url.startsWith("/api/journal?")
              ? {
                  stats: {
                    count: 1,
                    wins: 1,
                    losses: 0,
                    breakeven: 0,
                    winRate: "1",
                    profitFactor: null,
                    averageWin: "2.5",
                    averageLoss: null,
                    expectancy: "2.5",
                    best: "2.5",
                    worst: "2.5",
                    longestWinStreak: 1,
                    longestLossStreak: 0,
                    realized: "2.5",
                    unpriced: 0,
                  },
                  byStrategy: [],
                }
              : {};
      return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    });
    render(panel(storeWithHistory("complete", NOW)));
    await waitFor(() => expect(screen.getByTestId("journal-realized-causes")).toBeTruthy());
    const realized = new URL(asked.find((url) => url.startsWith("/api/pnl/realized")) ?? "", "http://x");
    expect(Object.fromEntries(realized.searchParams)).toEqual({
      from: String(days[0]?.from),
      to: String(days[1]?.to),
      method: "fifo",
    });
    expect(screen.getByTestId("journal-realized-causes").querySelector('[data-cause="feeCoins"]')?.textContent).toMatch(
      /^\+0\.50 fees paid in MX/,
    );
  });

  it("says what the gateway is still bringing up to date once the history is read", async () => {
    const updating = ["valuing 120 fills at the prices of their time", "working out PnL by asset again"];
    emptyGateway();
    render(panel(storeWithHistory("complete", NOW, updating)));
    expect((await screen.findByTestId("journal-provisional")).textContent).toBe(
      "Updating: valuing 120 fills at the prices of their time; working out PnL by asset again. These figures move until that is done.",
    );
    expect(updatingWords(updating)).toBe(screen.getByTestId("journal-provisional").textContent);
  });
});

describe("JournalPanel's drawdown", () => {
  it("names a day worked out from the history by its day, not by the UTC day end's clock time; a live moment to the minute", async () => {
    const peak = Date.UTC(2026, 10, 4) - 1; // the end of 3 Nov (UTC): an estimated day's equity
    const trough = Date.UTC(2026, 10, 15, 10, 23, 45);
    const stats = {
      count: 0,
      wins: 0,
      losses: 0,
      breakeven: 0,
      winRate: null,
      profitFactor: null,
      averageWin: null,
      averageLoss: null,
      expectancy: null,
      best: null,
      worst: null,
      longestWinStreak: 0,
      longestLossStreak: 0,
      realized: "0",
      unpriced: 0,
    };
    const journal = {
      from: null,
      to: null,
      method: "fifo",
      stats,
      byStrategy: [],
      drawdown: { max: "12.5", maxPct: "0.01", peakTime: peak, troughTime: trough, current: "0", currentPct: "0" },
      againstHolding: null,
      againstBenchmark: null,
    };
    vi.stubGlobal("fetch", async (input: string) => {
      const url = String(input);
      const body = url.startsWith("/api/journal/trips")
        ? { items: [], total: 0, nextCursor: null }
        : url.startsWith("/api/journal")
          ? journal
          : { items: [] };
      return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    });
    render(panel(storeWithHistory("complete", NOW)));
    const span = await screen.findByTestId("drawdown-span");
    expect(span.textContent).toBe("Largest drawdown: from 2026-11-03 to 2026-11-15 10:23.");
    expect(span.querySelector("span")?.getAttribute("title")).toBe(
      "The equity at the end of that UTC day (2026-11-03 23:59:59 UTC), worked out from the history",
    );
  });
});

describe("JournalPanel's holding time by pair", () => {
  it("shows each pair's trips and their average and median time held, exact days on hover, and the trips not measured", async () => {
    const urls: string[] = [];
    const holding = [
      { symbol: "BTCUSDT", trips: 2, measured: 2, averageDays: "2.75", medianDays: "2.75" },
      { symbol: "ETHUSDT", trips: 3, measured: 3, averageDays: "3", medianDays: "0.0625" },
      { symbol: "XRPUSDT", trips: 1, measured: 0, averageDays: null, medianDays: null },
    ];
    vi.stubGlobal("fetch", async (input: string) => {
      const url = String(input);
      urls.push(url);
      const body = url.startsWith("/api/journal/holding-times")
        ? { items: holding }
        : url.startsWith("/api/journal/trips")
          ? { items: [], total: 0, nextCursor: null }
          : url.startsWith("/api/pnl/periods")
            ? { items: [] }
            : {};
      return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    });
    render(panel(storeWithHistory("complete", NOW)));
    const table = await screen.findByRole("table", { name: "Holding time by pair" });
    const cells = (symbol: string) =>
      [...(table.querySelector(`[data-symbol="${symbol}"]`)?.children ?? [])].map((cell) => cell.textContent);
    expect(cells("BTCUSDT")).toEqual(["BTCUSDT", "2", "2 d 18 h", "2 d 18 h"]);
    expect(cells("ETHUSDT")).toEqual(["ETHUSDT", "3", "3 d 0 h", "1 h 30 m"]);
    expect(cells("XRPUSDT")).toEqual(["XRPUSDT", "1", "–", "–"]);
    expect(table.querySelector('[data-symbol="BTCUSDT"] [data-cell="average"] span')?.getAttribute("title")).toBe(
      "2.75 days",
    );
    expect(screen.getByTestId("holding-times").querySelector('[data-note="unmeasured"]')?.textContent).toBe(
      "1 trip sold coins held from before the known history: counted, not measured.",
    );
    // The journal's range, in the page's zone; no method or strategies (the days held have neither).
    expect(urls).toContain(`/api/journal/holding-times?from=${NOW - 30 * DAY_MS}&tz=UTC`);
  });
});
