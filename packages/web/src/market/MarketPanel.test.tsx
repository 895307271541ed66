import type { MarketNote } from "@mexc-live/contract";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeResizeObserver, lightweight, resetFakes } from "../../test/fakeCharts.js";
import { book, kline, T0, ticker, trade } from "../../test/items.js";
import { MarketPanel, type MarketPanelProps } from "./MarketPanel.js";

vi.mock("lightweight-charts", async () => (await import("../../test/fakeCharts.js")).lightweightModule);

beforeEach(() => {
  resetFakes();
  vi.stubGlobal("ResizeObserver", FakeResizeObserver);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const MIN = 60_000;

function panel(props: Partial<MarketPanelProps> = {}) {
  return (
    <MarketPanel
      symbol="BTCUSDT"
      symbols={["BTCUSDT", "ETHUSDT"]}
      onSymbolChange={() => {}}
      ticker={ticker("BTCUSDT")}
      depth={book("BTCUSDT", 25)}
      trades={[trade("BTCUSDT", T0, "BUY", "65000.1"), trade("BTCUSDT", T0 + 1000, "SELL", "64999.9")]}
      klines={[kline("BTCUSDT", T0, "100.5"), kline("BTCUSDT", T0 + MIN, "101")]}
      klinesIn
      theme="dark"
      height={460}
      {...props}
    />
  );
}

function liveChart() {
  const live = lightweight.charts.filter((c) => c.remove.mock.calls.length === 0);
  expect(live).toHaveLength(1);
  return live[0] as (typeof live)[number];
}

describe("MarketPanel", () => {
  it("shows the ticker's digits as received, thousands separated, the last price in the pair's quote asset", () => {
    render(panel());
    const tickerBar = screen.getByLabelText("Ticker");
    expect(tickerBar.querySelector(".market-last")?.textContent).toBe("65,000.10 USDT");
    expect(within(tickerBar).getByText("65,000.00")).toBeTruthy();
    expect(within(tickerBar).getByText(/× 0\.512/)).toBeTruthy();
  });

  it("shows the top 20 levels per side with size bars and the spread", () => {
    render(panel());
    const bids = screen.getByRole("table", { name: "Bids" });
    const asks = screen.getByRole("table", { name: "Asks" });
    expect(bids.querySelectorAll("tbody tr")).toHaveLength(20);
    expect(asks.querySelectorAll("tbody tr")).toHaveLength(20);
    const bestBid = bids.querySelector("tbody tr") as HTMLElement;
    expect(within(bestBid).getByText("99.9")).toBeTruthy();
    expect(bestBid.style.backgroundImage).toContain("5.0%");
    expect(screen.getByText("0.1 (0.100%)")).toBeTruthy();
  });

  it("lists trades newest first, coloured by side", () => {
    render(panel());
    const rows = screen.getByRole("table", { name: "Recent trades" }).querySelectorAll("tbody tr");
    expect([...rows].map((r) => r.getAttribute("data-side"))).toEqual(["SELL", "BUY"]);
    expect(within(rows[0] as HTMLElement).getByText("64,999.9").className).toContain("side-sell");
    expect(within(rows[1] as HTMLElement).getByText("65,000.1").className).toContain("side-buy");
  });

  it("charts the klines as candlesticks and reports how many", () => {
    render(panel());
    const series = liveChart().series[0];
    expect(series?.type).toBe("Candlestick");
    expect(series?.points).toHaveLength(2);
    expect(screen.getByTestId("kline-chart").getAttribute("data-points")).toBe("2");
  });

  it("updates the forming candle with series.update and a new symbol with setData", () => {
    const view = render(panel());
    const series = liveChart().series[0];
    view.rerender(panel({ klines: [kline("BTCUSDT", T0, "100.5"), kline("BTCUSDT", T0 + MIN, "101.2")] }));
    expect(series?.setData).toHaveBeenCalledTimes(1);
    expect(series?.update).toHaveBeenLastCalledWith(expect.objectContaining({ close: 101.2 }));
    series?.update.mockClear();
    view.rerender(panel({ symbol: "ETHUSDT", klines: [kline("ETHUSDT", T0, "5"), kline("ETHUSDT", T0 + MIN, "6")] }));
    expect(series?.update).not.toHaveBeenCalled();
    expect(series?.setData).toHaveBeenLastCalledWith([
      expect.objectContaining({ close: 5 }),
      expect.objectContaining({ close: 6 }),
    ]);
    expect(series?.points.map((p) => p.close)).toEqual([5, 6]);
  });

  it("clears the previous symbol's candles while the new one has none yet", () => {
    const view = render(panel());
    const series = liveChart().series[0];
    view.rerender(panel({ symbol: "ETHUSDT" }));
    expect(series?.points).toEqual([]);
    expect(screen.getByTestId("kline-chart").getAttribute("data-points")).toBe("0");
  });

  it("says under the ticker what the gateway cannot show of this symbol, and nothing of another's", () => {
    const note = (symbol: string, part: MarketNote["part"], kind: MarketNote["kind"], words: string): MarketNote => ({
      symbol,
      part,
      kind,
      words,
      since: T0,
    });
    render(
      panel({
        notes: [
          note("BTCUSDT", "kline", "pastCandlesUnread", "MEXC did not answer BTCUSDT's past candles."),
          note("ETHUSDT", "trades", "streamDown", "MEXC's trades stream for ETHUSDT is reconnecting."),
          note("BTCUSDT", "depth", "streamDown", "MEXC's order book stream for BTCUSDT is reconnecting."),
        ],
      }),
    );
    const said = screen.getByRole("status");
    expect([...said.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      "MEXC did not answer BTCUSDT's past candles.",
      "MEXC's order book stream for BTCUSDT is reconnecting.",
    ]);
    cleanup();
    render(panel({ notes: [note("ETHUSDT", "trades", "streamDown", "elsewhere")] }));
    expect(screen.queryByTestId("market-notes")).toBeNull();
  });

  it("reports the picked symbol", () => {
    const onSymbolChange = vi.fn();
    render(panel({ onSymbolChange }));
    fireEvent.change(screen.getByRole("combobox", { name: "Symbol" }), { target: { value: "ETHUSDT" } });
    expect(onSymbolChange).toHaveBeenCalledWith("ETHUSDT");
  });

  it("shows nothing of another symbol's data while the parent switches", () => {
    render(panel({ symbol: "ETHUSDT", klinesIn: false }));
    expect(screen.queryByText("65,000.10")).toBeNull();
    expect(screen.queryByRole("table", { name: "Bids" })).toBeNull();
    expect(screen.queryByRole("table", { name: "Recent trades" })).toBeNull();
    expect(screen.getByTestId("kline-chart").getAttribute("data-points")).toBe("0");
    // Nothing of ETHUSDT came yet: loading, not "no data yet" (issue 40: nothing false while loading).
    expect(screen.getAllByText("Loading…")).toHaveLength(2);
    expect(screen.queryByText("no data yet")).toBeNull();
    expect(screen.getByText("waiting for trades")).toBeTruthy();
  });

  it("keeps its height and says 'Loading…' in each part until the symbol's market came, 'no data yet' once it came empty", () => {
    render(panel({ ticker: null, depth: null, trades: [], klines: [], klinesIn: false }));
    expect(screen.getByTestId("market-panel").style.getPropertyValue("--market-height")).toBe("460px");
    expect(screen.getAllByText("Loading…")).toHaveLength(2);
    expect(screen.getByText("waiting for trades")).toBeTruthy();
    cleanup();
    // The book and the ticker came before the candles (CI, under load): the chart still loads.
    const emptyBook = { symbol: "BTCUSDT", version: "1", bids: [], asks: [], resyncs: 0 };
    render(panel({ depth: emptyBook, trades: [], klines: [], klinesIn: false }));
    expect(screen.getByText("Loading…").closest(".market-chart")).not.toBeNull();
    expect(screen.getByText("no data yet").closest(".market-chart")).toBeNull();
    cleanup();
    render(
      panel({ depth: { symbol: "BTCUSDT", version: "1", bids: [], asks: [], resyncs: 0 }, trades: [], klines: [] }),
    );
    expect(screen.getAllByText("no data yet")).toHaveLength(2);
    expect(screen.queryByText("Loading…")).toBeNull();
  });

  it("labels the candles' price axis thousands separated at the pair's places, like every price on the screen", () => {
    render(panel({ klines: [kline("BTCUSDT", T0, "98400.5"), kline("BTCUSDT", T0 + MIN, "98401.25")] }));
    const calls = liveChart().series[0]?.applyOptions.mock.calls ?? [];
    const last = (calls.at(-1)?.[0] ?? {}) as { priceFormat?: { type: string; formatter: (v: number) => string } };
    const format = last.priceFormat;
    if (format === undefined) throw new Error("the candles were given no price format");
    expect(format.type).toBe("custom");
    expect(format.formatter(98400.5)).toBe("98,400.50");
  });

  it("shows the mid price, labelled Mid, while the ticker has no last trade", () => {
    render(panel({ ticker: ticker("BTCUSDT", { last: "", bidPrice: "65000.0", askPrice: "65000.25" }), trades: [] }));
    const tickerBar = screen.getByLabelText("Ticker");
    expect(within(tickerBar).getByText("Mid")).toBeTruthy();
    expect(within(tickerBar).getByText("65,000.125")).toBeTruthy();
    expect(within(tickerBar).getByText("65,000.00")).toBeTruthy(); // bid padded to the ask's decimals
  });

  it("lines up the book's prices and sizes on the decimal point without rounding", () => {
    const depth = {
      symbol: "BTCUSDT",
      version: "1",
      bids: [
        ["3.2", "116.11"],
        ["3.1995", "7.5"],
      ],
      asks: [["3.2015", "32"]],
      resyncs: 0,
    } as const;
    render(panel({ depth }));
    const bids = screen.getByRole("table", { name: "Bids" });
    expect([...bids.querySelectorAll("tbody td")].map((td) => td.textContent)).toEqual([
      "116.11",
      "3.2000",
      "7.50",
      "3.1995",
    ]);
    expect(within(screen.getByRole("table", { name: "Asks" })).getByText("32.00")).toBeTruthy();
  });

  it("resizes the kline chart with its box and removes it on unmount", () => {
    const view = render(panel());
    const chart = liveChart();
    act(() => FakeResizeObserver.instances.at(-1)?.resizeTo(500, 380));
    expect(chart.resize).toHaveBeenLastCalledWith(500, 380);
    view.unmount();
    expect(chart.remove).toHaveBeenCalledTimes(1);
  });
});
