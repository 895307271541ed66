import type { FillItem } from "@mexc-live/contract";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fill, order } from "../../test/items.js";
import { FILL_CARD, FILL_COLUMNS } from "./columns.js";
import { DataTable } from "./DataTable.js";
import { TablesPanel } from "./TablesPanel.js";

afterEach(cleanup);

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

const FILLS: FillItem[] = [
  fill("1", T0, { symbol: "BTCUSDT", side: "BUY", price: "65000.5" }),
  fill("2", T0 + 60_000, { symbol: "ETHUSDT", side: "SELL", price: "3100" }),
  fill("3", T0 + 86_400_000, { symbol: "BTCUSDT", side: "SELL", price: "9.25" }),
  fill("4", T0 + 2 * 86_400_000, { symbol: "ETHUSDT", side: "BUY", price: "100000" }),
];

function fillsTable(data: readonly FillItem[], height = 400) {
  return render(
    <DataTable label="Fills" data={data} columns={FILL_COLUMNS} getRowId={(f) => f.tradeId} height={height} />,
  );
}

/** Trade ids of the body rows in order (spacer rows have no id). */
function rowIds(table: HTMLElement): string[] {
  return [...table.querySelectorAll("tbody tr[data-row-id]")].map((tr) => tr.getAttribute("data-row-id") ?? "");
}

describe("DataTable", () => {
  it("renders real table markup with a header cell per column and a row per item", () => {
    fillsTable(FILLS);
    const table = screen.getByRole("table", { name: "Fills" });
    expect(table.tagName).toBe("TABLE");
    expect(table.querySelector("thead")?.querySelectorAll("th")).toHaveLength(FILL_COLUMNS.length);
    expect(rowIds(table)).toEqual(["1", "2", "3", "4"]);
    const firstRow = table.querySelector("tbody tr[data-row-id='1']") as HTMLElement;
    expect(within(firstRow).getByText("65,000.5")).toBeTruthy();
    expect(firstRow.querySelectorAll("td")).toHaveLength(FILL_COLUMNS.length);
  });

  it("sorts by a column when its header is clicked, exactly by decimal value", () => {
    fillsTable(FILLS);
    const table = screen.getByRole("table", { name: "Fills" });
    const price = screen.getByRole("button", { name: /Price/ });
    fireEvent.click(price);
    const th = price.closest("th") as HTMLElement;
    const first = th.getAttribute("aria-sort");
    const ascending = ["3", "2", "1", "4"]; // 9.25 < 3100 < 65000.5 < 100000
    expect(rowIds(table)).toEqual(first === "ascending" ? ascending : [...ascending].reverse());
    fireEvent.click(price);
    expect(rowIds(table)).toEqual(first === "ascending" ? [...ascending].reverse() : ascending);
  });

  it("renders only a window of rows for 50,000 items, and the scroll height of all of them", () => {
    const many = Array.from({ length: 50_000 }, (_, i) => fill(String(i), T0 + i));
    fillsTable(many, 420);
    const table = screen.getByRole("table", { name: "Fills" });
    const rendered = rowIds(table).length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    const spacer = table.querySelector("tbody tr.spacer:last-child") as HTMLElement;
    expect(Number.parseInt(spacer.style.height, 10)).toBeGreaterThan(49_000 * 28 - 1);
  });

  it("highlights a row that changed live", () => {
    const now = Date.now();
    render(
      <DataTable
        label="Fills"
        data={FILLS}
        columns={FILL_COLUMNS}
        getRowId={(f) => f.tradeId}
        height={400}
        changedAt={(id) => (id === "2" ? now : undefined)}
      />,
    );
    const table = screen.getByRole("table", { name: "Fills" });
    expect([...table.querySelectorAll("tr.flash")].map((tr) => tr.getAttribute("data-row-id"))).toEqual(["2"]);
  });
});

describe("TablesPanel counts", () => {
  it("says how many fills are held out of how many the gateway stored, for the symbol and dates picked", async () => {
    const urls: string[] = [];
    vi.stubGlobal("fetch", async (input: string) => {
      const url = String(input);
      urls.push(url);
      const total = url.startsWith("/api/orders") ? 40 : url.includes("symbol=BTCUSDT") ? 3_101 : 7_833;
      return new Response(JSON.stringify({ items: [], nextCursor: null, total }), { status: 200 });
    });
    try {
      render(
        <TablesPanel
          orders={new Map([["9", order("9", T0)]])}
          fills={[...FILLS].reverse()}
          changed={new Map()}
          height={400}
        />,
      );
      await waitFor(() => expect(screen.getByTestId("fills-count").textContent).toBe("4 of 7,833 fills"));
      expect(screen.getByRole("tab", { name: "Fills (7,833)" })).toBeTruthy();
      fireEvent.change(screen.getByLabelText("Symbol"), { target: { value: "BTCUSDT" } });
      await waitFor(() => expect(screen.getByTestId("fills-count").textContent).toBe("2 of 3,101 fills"));
      expect(urls).toContain("/api/fills?symbol=BTCUSDT&limit=1");
      // The tab still counts every fill.
      expect(screen.getByRole("tab", { name: "Fills (7,833)" })).toBeTruthy();
      fireEvent.change(screen.getByLabelText("Side"), { target: { value: "SELL" } });
      expect(screen.getByTestId("fills-count").textContent).toBe("1 SELL fill held · 3,101 fills in all");
      fireEvent.change(screen.getByLabelText("Side"), { target: { value: "" } });
      fireEvent.click(screen.getByRole("tab", { name: "Order history" }));
      // 40 stored, the one open order held apart: 39 closed ones, none of them held yet.
      expect(screen.getByText("0 of 39 orders")).toBeTruthy();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe("TablesPanel filters", () => {
  beforeEach(() => {
    vi.stubGlobal("fetch", async () => new Response(JSON.stringify({ items: [], nextCursor: null, total: 0 })));
  });
  afterEach(() => vi.unstubAllGlobals());

  function panel() {
    render(
      <TablesPanel
        orders={new Map([["9", order("9", T0, { symbol: "ETHUSDT", apiTradingDisabled: true })]])}
        fills={[...FILLS].reverse()}
        changed={new Map()}
        height={400}
      />,
    );
    return screen.getByRole("table", { name: "Fills" });
  }

  it("filters fills by symbol and by side", () => {
    const table = panel();
    fireEvent.change(screen.getByLabelText("Symbol"), { target: { value: "BTCUSDT" } });
    expect(rowIds(table).sort()).toEqual(["1", "3"]);
    fireEvent.change(screen.getByLabelText("Side"), { target: { value: "SELL" } });
    expect(rowIds(table)).toEqual(["3"]);
    fireEvent.click(screen.getByRole("button", { name: "Clear" }));
    expect(rowIds(table)).toHaveLength(4);
  });

  it("filters fills by date range, the end minute inclusive", () => {
    const table = panel();
    const local = (ms: number) => {
      const d = new Date(ms);
      const p = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    };
    fireEvent.change(screen.getByLabelText("From"), { target: { value: local(T0 + 60_000) } });
    expect(rowIds(table).sort()).toEqual(["2", "3", "4"]);
    fireEvent.change(screen.getByLabelText("To"), { target: { value: local(T0 + 86_400_000) } });
    expect(rowIds(table).sort()).toEqual(["2", "3"]);
  });

  it("links the fills export to the gateway's CSV with the filter, and marks API-disabled pairs", () => {
    panel();
    fireEvent.change(screen.getByLabelText("Symbol"), { target: { value: "ETHUSDT" } });
    const link = screen.getByRole("link", { name: "Export CSV" });
    expect(link.getAttribute("href")).toBe("/api/export/fills.csv?symbol=ETHUSDT");
    fireEvent.click(screen.getByRole("tab", { name: /Open orders/ }));
    const marker = screen.getByRole("img", { name: "API trading disabled" });
    expect(marker.getAttribute("title")).toMatch(/MEXC has disabled API trading on this pair/);
    expect(screen.getByText(/mexc-live can show it but MEXC rejects API orders on it/)).toBeTruthy();
  });
  it("explains a MARKET order's protective price under the orders that show one, in words", () => {
    render(
      <TablesPanel
        orders={
          new Map([
            ["9", order("9", T0, { status: "FILLED", type: "MARKET", side: "SELL", price: "3230" })],
            ["8", order("8", T0, { status: "NEW" })],
          ])
        }
        fills={[]}
        changed={new Map()}
        height={400}
      />,
    );
    fireEvent.click(screen.getByRole("tab", { name: /Open orders/ }));
    expect(screen.queryByTestId("protective-legend")).toBeNull(); // the open LIMIT order has a price of its own
    fireEvent.click(screen.getByRole("tab", { name: "Order history" }));
    expect(screen.getByTestId("protective-legend").textContent).toMatch(
      /a MARKET order has no price of its own; MEXC fills it no further than this limit/,
    );
  });

  it("links each order tab's export to the gateway's whole filtered set, not the rows loaded", () => {
    panel();
    fireEvent.change(screen.getByLabelText("Symbol"), { target: { value: "ETHUSDT" } });
    fireEvent.change(screen.getByLabelText("Side"), { target: { value: "SELL" } });
    fireEvent.click(screen.getByRole("tab", { name: "Order history" }));
    const history = screen.getByRole("link", { name: "Export CSV" });
    expect(history.getAttribute("href")).toBe("/api/export/orders.csv?status=closed&symbol=ETHUSDT&side=SELL");
    expect(history.getAttribute("title")).toMatch(/Every order the gateway stored/);
    fireEvent.click(screen.getByRole("tab", { name: /Open orders/ }));
    const open = screen.getByRole("link", { name: "Export CSV" });
    expect(open.getAttribute("href")).toBe("/api/export/orders.csv?status=open&symbol=ETHUSDT&side=SELL");
  });
});

describe("DataTable at phone width", () => {
  /** A viewport `width` px wide, as matchMedia answers it. */
  function viewport(width: number) {
    vi.stubGlobal("matchMedia", (query: string) => {
      const max = Number(/max-width:\s*(\d+)px/.exec(query)?.[1] ?? Number.POSITIVE_INFINITY);
      return { matches: width <= max, media: query, addEventListener: () => {}, removeEventListener: () => {} };
    });
  }
  afterEach(() => vi.unstubAllGlobals());

  it("shows each fill as a card with the figures a trader reads, not a table wider than the phone", () => {
    viewport(390);
    render(
      <DataTable
        label="Fills"
        data={FILLS}
        columns={FILL_COLUMNS}
        getRowId={(f) => f.tradeId}
        height={400}
        cards={FILL_CARD}
      />,
    );
    expect(screen.queryByRole("table", { name: "Fills" })).toBeNull();
    const cards = screen.getByRole("list", { name: "Fills" });
    const card = cards.querySelector("[data-row-id='1']") as HTMLElement;
    expect(card.querySelector(".table-card-head")?.textContent).toMatch(/BTCUSDT.*BUY/);
    const fields = Object.fromEntries(
      [...card.querySelectorAll(".table-card-field")].map((field) => [
        field.querySelector("dt")?.textContent,
        field.querySelector("dd")?.textContent,
      ]),
    );
    expect(fields).toMatchObject({ Price: "65,000.5", Quantity: "0.0100", Amount: "650.001", "Fee (USDT)": "0.65" });
  });

  it("keeps the table where there is room, and the total row with the cards", () => {
    viewport(1280);
    const view = render(
      <DataTable
        label="Fills"
        data={FILLS}
        columns={FILL_COLUMNS}
        getRowId={(f) => f.tradeId}
        height={400}
        cards={FILL_CARD}
        totals={{ time: "Total", amount: "1,300.00" }}
      />,
    );
    expect(screen.getByRole("table", { name: "Fills" }).querySelector("tfoot")?.textContent).toContain("1,300.00");
    view.unmount();
    viewport(390);
    render(
      <DataTable
        label="Fills"
        data={FILLS}
        columns={FILL_COLUMNS}
        getRowId={(f) => f.tradeId}
        height={400}
        cards={FILL_CARD}
        totals={{ time: "Total", amount: "1,300.00" }}
      />,
    );
    // Its first line is the total's own head ("Total"), the figures under it as a row's.
    expect(screen.getByLabelText("Fills: total").textContent).toBe("TotalAmount1,300.00");
  });
});

describe("DataTable column widths", () => {
  it("widens a column whose values do not fit, instead of cutting them short with '…'", () => {
    // A layout where a cell needs 7 px a character and gets its column's width.
    const scroll = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "scrollWidth");
    const client = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientWidth");
    Object.defineProperty(HTMLElement.prototype, "scrollWidth", {
      configurable: true,
      get(this: HTMLElement) {
        return this.tagName === "TD" ? (this.textContent?.length ?? 0) * 7 : 0;
      },
    });
    Object.defineProperty(HTMLElement.prototype, "clientWidth", {
      configurable: true,
      get(this: HTMLElement) {
        if (this.tagName !== "TD") return 0;
        const cell = this as HTMLTableCellElement;
        const col = cell.closest("table")?.querySelectorAll("col")[cell.cellIndex] as HTMLElement | undefined;
        return Number.parseInt(col?.style.width ?? "0", 10);
      },
    });
    try {
      const long = [fill("1", T0, { price: "123456789.906681234567", amount: "1234567890.123456789012" })];
      render(<DataTable label="Fills" data={long} columns={FILL_COLUMNS} getRowId={(f) => f.tradeId} height={200} />);
      const table = screen.getByRole("table", { name: "Fills" });
      const widthOf = (header: string) => {
        const index = [...table.querySelectorAll("thead th")].findIndex((th) => th.textContent?.startsWith(header));
        return Number.parseInt((table.querySelectorAll("col")[index] as HTMLElement).style.width, 10);
      };
      // "1,234,567,890.123456789012": 26 characters, 182 px, in a 140 px column.
      expect(widthOf("Amount")).toBeGreaterThanOrEqual(182);
      // A price at most 8 places where the pair's are not known (the exact one on hover).
      expect(widthOf("Price")).toBeGreaterThanOrEqual("123,456,789.90668123".length * 7);
      // A column whose values fit keeps its width.
      expect(widthOf("Side")).toBe(64);
    } finally {
      // Back to what the DOM had (on Element's prototype, where happy-dom defines them).
      if (scroll) Object.defineProperty(HTMLElement.prototype, "scrollWidth", scroll);
      else Reflect.deleteProperty(HTMLElement.prototype, "scrollWidth");
      if (client) Object.defineProperty(HTMLElement.prototype, "clientWidth", client);
      else Reflect.deleteProperty(HTMLElement.prototype, "clientWidth");
    }
  });
});
