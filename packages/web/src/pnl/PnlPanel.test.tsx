import type { OpeningPosition, PnlPeriodItem } from "@mexc-live/contract";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeResizeObserver, resetFakes } from "../../test/fakeCharts.js";
import { assetPnlItem, openingPosition, pnlItem } from "../../test/items.js";
import { LIVE_MIN_GAP_MS, LIVE_SETTLE_MS } from "../api/useLiveJson.js";
import { PnlPanel, type PnlPanelProps } from "./PnlPanel.js";

// ECharts draws on canvas, which happy-dom lacks: the library is replaced by a recorder.
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

const PERIOD: PnlPeriodItem = {
  period: "2026-11-02",
  from: Date.UTC(2026, 10, 2),
  to: Date.UTC(2026, 10, 3) - 1,
  realized: "5.05",
  unrealized: "-1.25",
  fees: "0.26",
  method: "avg",
};

function panel(props: Partial<PnlPanelProps> = {}) {
  return <PnlPanel pnl={PNL} height={200} method={null} onMethodChange={() => {}} version={0} {...props} />;
}

interface Sent {
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
}

/**
 * A gateway holding the opening positions: GET lists them, PUT sets a cost, or answers
 * `refusal` (status and body) when one is given. Records what it was sent.
 */
function fakeGateway(positions: OpeningPosition[], refusal?: { status: number; body: unknown }) {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", async (input: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    const body = init?.body === undefined ? undefined : JSON.parse(String(init.body));
    sent.push({ method, url: String(input), body });
    const json = (status: number, value: unknown) =>
      new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });
    if (String(input).startsWith("/api/pnl/periods")) return json(200, { items: [PERIOD] });
    if (method === "PUT") {
      if (refusal) return json(refusal.status, refusal.body);
      const asset = decodeURIComponent(String(input).split("/").pop() ?? "");
      const cost = (body as { costPrice: string | null }).costPrice;
      positions = positions.map((p) =>
        p.asset !== asset
          ? p
          : cost === null
            ? { ...p, costPrice: "42000.5", source: "market_price" }
            : { ...p, costPrice: cost, source: "user" },
      );
    }
    return json(200, { items: positions });
  });
  return sent;
}

const PNL = [
  pnlItem("BTCUSDT", { opening: { quantity: "0.3", costPrice: "42000.5", source: "market_price" } }),
  pnlItem("ETHUSDT"),
];

describe("PnlPanel", () => {
  it("marks a symbol whose position was partly held before the known history", async () => {
    fakeGateway([openingPosition("BTC")]);
    render(panel());
    const table = screen.getByRole("table", { name: "PnL" });
    const btc = table.querySelector("tr[data-row-id='BTCUSDT']") as HTMLElement;
    expect(within(btc).getByText("opening").getAttribute("title")).toBe(
      "incl. 0.3 BTC held before history, at its market price when the history starts",
    );
    expect(within(table.querySelector("tr[data-row-id='ETHUSDT']") as HTMLElement).queryByText("opening")).toBeNull();
    expect(
      screen.getByText(/BTCUSDT: incl\. 0\.3 BTC held before history, at its market price when the history starts/),
    ).toBeTruthy();

    const openings = await screen.findByRole("table", { name: "Opening positions" });
    const row = within(openings).getByRole("row", { name: /BTC/ });
    expect(within(row).getByText("42,000.5 USDT")).toBeTruthy();
    expect(within(row).getByText("market price at the start of the history")).toBeTruthy();
  });

  it("shows each opening position as a card at phone width, its cost field on the card", async () => {
    // A 390 px viewport, as matchMedia answers it.
    vi.stubGlobal("matchMedia", (query: string) => {
      const max = Number(/max-width:\s*(\d+)px/.exec(query)?.[1] ?? Number.POSITIVE_INFINITY);
      return { matches: 390 <= max, media: query, addEventListener: () => {}, removeEventListener: () => {} };
    });
    const sent = fakeGateway([openingPosition("BTC")]);
    render(panel());
    const cards = await screen.findByRole("list", { name: "Opening positions" });
    expect(screen.queryByRole("table", { name: "Opening positions" })).toBeNull();
    const card = within(cards.querySelector<HTMLElement>("li.opening-card") as HTMLElement);
    expect(card.getByText("BTC")).toBeTruthy();
    expect(card.getByText("Cost per unit").nextElementSibling?.textContent).toBe("42,000.5 USDT");
    expect(card.getByText("Counted at").nextElementSibling?.textContent).toBe(
      "market price at the start of the history",
    );
    fireEvent.change(card.getByLabelText("Your cost per BTC, in USDT"), { target: { value: "27150.5" } });
    fireEvent.click(card.getByRole("button", { name: "Save" }));
    await waitFor(() =>
      expect(sent.filter((s) => s.method === "PUT")).toEqual([
        { method: "PUT", url: "/api/opening-positions/BTC", body: { costPrice: "27150.5" } },
      ]),
    );
  });

  it("saves the cost the user types with a PUT, then shows it as their cost and refreshes the PnL", async () => {
    const sent = fakeGateway([openingPosition("BTC")]);
    const onCostSaved = vi.fn();
    render(panel({ onCostSaved }));
    const input = await screen.findByLabelText("Your cost per BTC, in USDT");
    fireEvent.change(input, { target: { value: " 27150.5 " } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("your cost");
    expect(sent.filter((s) => s.method === "PUT")).toEqual([
      { method: "PUT", url: "/api/opening-positions/BTC", body: { costPrice: "27150.5" } },
    ]);
    expect(screen.getByText("27,150.5 USDT")).toBeTruthy();
    expect(onCostSaved).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole("button", { name: "Reset" }));
    await screen.findByText("market price at the start of the history");
    expect(sent.filter((s) => s.method === "PUT").at(-1)).toEqual({
      method: "PUT",
      url: "/api/opening-positions/BTC",
      body: { costPrice: null },
    });
    await waitFor(() => expect((input as HTMLInputElement).value).toBe(""));
  });

  it("shows the gateway's message when it refuses the cost", async () => {
    fakeGateway([openingPosition("BTC")], {
      status: 400,
      body: { error: "BAD_REQUEST", message: "costPrice: must be a plain decimal such as 27150.5" },
    });
    const onCostSaved = vi.fn();
    render(panel({ onCostSaved }));
    fireEvent.change(await screen.findByLabelText("Your cost per BTC, in USDT"), { target: { value: "27,150" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "BTC: costPrice: must be a plain decimal such as 27150.5",
    );
    expect(screen.getByText("market price at the start of the history")).toBeTruthy();
    expect(onCostSaved).not.toHaveBeenCalled();
  });
});

describe("PnlPanel: method and periods", () => {
  function periodUrls(sent: readonly Sent[]): string[] {
    return sent.map((s) => s.url).filter((url) => url.startsWith("/api/pnl/periods"));
  }

  it("asks for PnL by day, then by week or month as toggled, by the method picked", async () => {
    const sent = fakeGateway([]);
    const view = render(panel());
    await waitFor(() => expect(periodUrls(sent)).toEqual(["/api/pnl/periods?period=day&tz=UTC"]));
    expect(screen.getByRole("button", { name: "Day" }).getAttribute("aria-pressed")).toBe("true");

    fireEvent.click(screen.getByRole("button", { name: "Week" }));
    await waitFor(() => expect(periodUrls(sent).at(-1)).toBe("/api/pnl/periods?period=week&tz=UTC"));
    expect(screen.getByRole("button", { name: "Week" }).getAttribute("aria-pressed")).toBe("true");

    view.rerender(panel({ method: "fifo" }));
    await waitFor(() => expect(periodUrls(sent).at(-1)).toBe("/api/pnl/periods?period=week&method=fifo&tz=UTC"));
    fireEvent.click(screen.getByRole("button", { name: "Month" }));
    await waitFor(() => expect(periodUrls(sent).at(-1)).toBe("/api/pnl/periods?period=month&method=fifo&tz=UTC"));
  });

  it("reads PnL by period again when the fills move, once however many fills, at most every few seconds", async () => {
    const sent = fakeGateway([]);
    const view = render(panel({ version: "fill-1" }));
    await waitFor(() => expect(periodUrls(sent)).toHaveLength(1));
    vi.useFakeTimers();
    try {
      view.rerender(panel({ version: "fill-2" }));
      view.rerender(panel({ version: "fill-3" }));
      vi.advanceTimersByTime(LIVE_SETTLE_MS - 1);
      expect(periodUrls(sent)).toHaveLength(1);
      vi.advanceTimersByTime(LIVE_MIN_GAP_MS);
      expect(periodUrls(sent)).toEqual(["/api/pnl/periods?period=day&tz=UTC", "/api/pnl/periods?period=day&tz=UTC"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("offers average cost and FIFO, shows the one the figures follow, and reports a pick", () => {
    fakeGateway([]);
    const onMethodChange = vi.fn();
    const fifo = [pnlItem("BTCUSDT", { method: "fifo" })];
    render(panel({ pnl: fifo, onMethodChange }));
    const group = screen.getByRole("group", { name: "Cost basis" });
    expect(within(group).getByRole("button", { name: "FIFO" }).getAttribute("aria-pressed")).toBe("true");
    expect(within(group).getByRole("button", { name: "Average cost" }).getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(within(group).getByRole("button", { name: "Average cost" }));
    expect(onMethodChange).toHaveBeenCalledWith("avg");
  });

  it("says which method the table's figures follow, with each symbol's fees and last price", () => {
    fakeGateway([]);
    const pnl = [pnlItem("ETHUSDT", { method: "fifo", fees: "1.4199", lastPrice: "3406.82" })];
    render(panel({ pnl, method: "fifo" }));
    expect(screen.getByRole("heading", { name: /By pair FIFO/ })).toBeTruthy();
    const table = screen.getByRole("table", { name: "PnL" });
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((th) => th.textContent?.replace(/[▲▼]/g, "").trim());
    expect(headers).toEqual([
      "Pair",
      "In",
      "Position",
      "Avg cost",
      "Last price",
      "Realized",
      "Unrealized",
      "Fees (USDT)",
    ]);
    const row = table.querySelector("tr[data-row-id='ETHUSDT']") as HTMLElement;
    expect(within(row).getByText("1.42").getAttribute("title")).toBe("1.4199");
    expect(within(row).getByText("3,406.82")).toBeTruthy();
    // Each figure says what it is.
    expect(within(table).getByText("Realized").getAttribute("title")).toMatch(/PnL of the pair's sells/);
  });

  it("adds up the pairs quoted in the quote currency as shown, every cell over the same pairs, and says which pair it leaves out", () => {
    fakeGateway([]);
    const pnl = [
      pnlItem("BTCUSDT", { realized: "10.005", unrealized: "-2.5", fees: "1.1" }),
      pnlItem("ETHUSDT", { realized: "0.000000000000000001", unrealized: null, fees: "0.4" }),
      pnlItem("ETHBTC", { realized: "0.00084331", unrealized: "0.00006617", fees: "7.81" }),
    ];
    render(panel({ pnl }));
    const table = screen.getByRole("table", { name: "PnL" });
    const total = table.querySelector("tfoot tr") as HTMLElement;
    const cells = [...total.querySelectorAll("td")].map((td) => td.textContent);
    // Fees too over the USDT pairs only (1.10 + 0.40): ETHBTC's 7.81 is not in the row.
    expect(cells).toEqual(["Total of USDT pairs", "USDT", "", "", "", "+10.01", "-2.50 +?", "1.50"]);
    // The sum of the cells as shown (+10.01 and +0.00), not a figure of its own.
    expect(within(total).getByText("+10.01").getAttribute("title")).toBeNull();
    const note = "Total: the USDT pairs, in USDT. Left out: ETHBTC (in BTC), its fees too.";
    expect(within(total).getByText("Total of USDT pairs").getAttribute("title")).toBe(note);
    expect(screen.getByTestId("pair-total-note").textContent).toBe(note);
    // ETHBTC's figures are in BTC: to the asset's places, not money.
    const ethbtc = table.querySelector("tr[data-row-id='ETHBTC']") as HTMLElement;
    expect(within(ethbtc).getByText("+0.00084331")).toBeTruthy();
    expect(within(ethbtc).getByText("BTC")).toBeTruthy();
  });

  it("shows every asset held with its quantity, cost basis and PnL in the quote currency, and their total", () => {
    fakeGateway([]);
    const byAsset = [
      assetPnlItem("BTC"),
      assetPnlItem("USDT", {
        quantity: "34724.35",
        costBasis: "34724.35",
        averageCost: "1",
        realized: "0",
        unrealized: "0",
        fees: "40.5",
        value: "34724.35",
        price: "1",
      }),
      assetPnlItem("FROP", {
        quantity: "1425.17",
        costBasis: null,
        averageCost: null,
        unrealized: null,
        value: null,
        price: null,
        realized: "-3",
        fees: "0",
      }),
    ];
    render(panel({ pnlByAsset: byAsset }));
    const table = screen.getByRole("table", { name: "PnL by asset" });
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((th) => th.textContent?.replace(/[▲▼]/g, "").trim());
    expect(headers).toEqual([
      "Asset",
      "Quantity",
      "Price (USDT)",
      "Value (USDT)",
      "Cost basis (USDT)",
      "Avg cost (USDT)",
      "Realized (USDT)",
      "Unrealized (USDT)",
      "Fees (USDT)",
    ]);
    const btc = [...(table.querySelector("tr[data-row-id=':BTC']")?.querySelectorAll("td") ?? [])].map(
      (td) => td.textContent,
    );
    expect(btc).toEqual(["BTC", "0.314", "87,000", "27,318.00", "20,410.00", "65,000", "+120.50", "+6,908.00", "1.25"]);
    const frop = table.querySelector("tr[data-row-id=':FROP']") as HTMLElement;
    expect(within(frop).getAllByTitle("No market price for it")).toHaveLength(5);
    const total = [...(table.querySelector("tfoot tr")?.querySelectorAll("td") ?? [])].map((td) => td.textContent);
    expect(total).toEqual(["Total", "", "", "62,042.35 +?", "55,134.35 +?", "", "+117.50", "+6,908.00 +?", "41.75"]);
    expect(within(table).getByText("Cost basis (USDT)").getAttribute("title")).toMatch(
      /deposited or transferred in at its market value/,
    );
  });
});
