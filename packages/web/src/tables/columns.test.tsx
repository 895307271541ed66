import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { balance, fill, order } from "../../test/items.js";
import { balanceColumns, FILL_COLUMNS, ORDER_COLUMNS } from "./columns.js";
import { DataTable } from "./DataTable.js";

afterEach(cleanup);

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

function cells(table: HTMLElement, rowId: string): string[] {
  const row = table.querySelector(`tbody tr[data-row-id='${rowId}']`) as HTMLElement;
  return [...row.querySelectorAll("td")].map((td) => td.textContent ?? "");
}

describe("table columns", () => {
  it("rounds a balance left with 18 decimals by fees to 8, the exact amount on hover", () => {
    const items = [balance("MX", "890.782027217490899872", { value: "2852.190000000000000001" })];
    render(
      <DataTable
        label="Balances"
        data={items}
        columns={balanceColumns("USDT")}
        getRowId={(b) => b.asset}
        height={300}
      />,
    );
    const table = screen.getByRole("table", { name: "Balances" });
    expect(cells(table, "MX")).toEqual(["MX ", "2,852.19", "890.78202722", "0"]);
    expect(within(table).getByText("890.78202722").getAttribute("title")).toBe("890.782027217490899872");
  });

  it("shows a fee as charged to at most 8 places, its asset and its value in the quote currency each in a column of its own", () => {
    const items = [
      fill("1", T0, { fee: "0.054466022791438837", feeCurrency: "MX", feeValue: "0.174291272932604278" }),
      fill("2", T0 + 1, { fee: "0.01", feeCurrency: "FROP", feeValue: null }),
    ];
    render(<DataTable label="Fills" data={items} columns={FILL_COLUMNS} getRowId={(f) => f.tradeId} height={300} />);
    const table = screen.getByRole("table", { name: "Fills" });
    const header = [...table.querySelectorAll("thead th")].map((th) => th.textContent ?? "");
    const row = cells(table, "1");
    expect(row[header.indexOf("Fee")]).toBe("0.05446602");
    expect(row[header.indexOf("Fee asset")]).toBe("MX");
    expect(row[header.indexOf("Fee (USDT)")]).toBe("0.17");
    expect(within(table).getByText("0.05446602").getAttribute("title")).toBe("0.054466022791438837");
    expect(within(table).getByText("0.17").getAttribute("title")).toBe("0.174291272932604278");
    expect(cells(table, "2")[header.indexOf("Fee (USDT)")]).toBe("–");
  });

  it("shows a dash, not 0, for a market order's price and an unfilled order's average price", () => {
    const items = [order("1", T0, { type: "MARKET", price: "0", quantity: "0", cumulativeQuoteQuantity: "0" })];
    render(<DataTable label="Orders" data={items} columns={ORDER_COLUMNS} getRowId={(o) => o.orderId} height={300} />);
    const row = cells(screen.getByRole("table", { name: "Orders" }), "1");
    const header = ORDER_COLUMNS.map((c) => String(c.header));
    expect(row[header.indexOf("Price")]).toBe("–");
    expect(row[header.indexOf("Avg price")]).toBe("–");
    expect(row[header.indexOf("Total")]).toBe("0");
  });

  it("shows a stop-limit order's trigger and state, an OCO leg's marker, and an UNKNOWN status with MEXC's value", () => {
    const items = [
      order("stop", T0, {
        type: "STOP_LIMIT",
        trigger: { price: "95000", type: "LTE", state: "UNTRIGGERED" },
        ocoId: "OCO000000000001",
      }),
      order("odd", T0, { status: "UNKNOWN", rawValues: { status: 99 } }),
      order("plain", T0),
    ];
    render(<DataTable label="Orders" data={items} columns={ORDER_COLUMNS} getRowId={(o) => o.orderId} height={300} />);
    const table = screen.getByRole("table", { name: "Orders" });
    const header = ORDER_COLUMNS.map((c) => String(c.header));
    const stop = cells(table, "stop");
    expect(stop[header.indexOf("Type")]).toBe("STOP_LIMIT OCO");
    expect(stop[header.indexOf("Trigger")]).toBe("≤ 95,000 · waiting");
    expect(cells(table, "odd")[header.indexOf("Status")]).toBe("UNKNOWN (99)");
    expect(cells(table, "plain")[header.indexOf("Trigger")]).toBe("–");
  });

  it("shows a MARKET order's price as MEXC's protective limit, labelled, its fill price as the average", () => {
    const items = [
      order("sell", T0, {
        type: "MARKET",
        side: "SELL",
        price: "95000",
        quantity: "0.3",
        executedQuantity: "0.2",
        avgPrice: "98500",
        cumulativeQuoteQuantity: "19700",
        status: "PARTIALLY_CANCELED",
      }),
      order("buy", T0, {
        type: "MARKET",
        side: "BUY",
        price: "105001.05",
        executedQuantity: "0.1",
        avgPrice: "100001",
      }),
      order("limit", T0, { type: "LIMIT", price: "97000" }),
    ];
    render(<DataTable label="Orders" data={items} columns={ORDER_COLUMNS} getRowId={(o) => o.orderId} height={300} />);
    const table = screen.getByRole("table", { name: "Orders" });
    const header = ORDER_COLUMNS.map((c) => String(c.header));
    const sell = cells(table, "sell");
    expect(sell[header.indexOf("Price")]).toBe("≥ 95,000 protective");
    expect(sell[header.indexOf("Avg price")]).toBe("98,500");
    expect(cells(table, "buy")[header.indexOf("Price")]).toBe("≤ 105,001.05 protective");
    expect(within(table).getByText(/≥/).getAttribute("title")).toMatch(/protective limit.*at least this price/);
    expect(cells(table, "limit")[header.indexOf("Price")]).toBe("97,000");
  });

  it("says why MEXC canceled an order: self-trade prevention in words; another reason as MEXC sent it", () => {
    const items = [
      order("stp", T0, { status: "CANCELED", cancelReason: "stp_cancel" }),
      order("other", T0, { status: "PARTIALLY_CANCELED", cancelReason: "risk_cancel" }),
      order("plain", T0, { status: "CANCELED" }),
    ];
    render(<DataTable label="Orders" data={items} columns={ORDER_COLUMNS} getRowId={(o) => o.orderId} height={300} />);
    const table = screen.getByRole("table", { name: "Orders" });
    const status = ORDER_COLUMNS.map((c) => String(c.header)).indexOf("Status");
    expect(cells(table, "stp")[status]).toBe("CANCELED (self-trade prevention)");
    expect(
      within(table)
        .getByText(/self-trade prevention/)
        .getAttribute("title"),
    ).toMatch(/strategy group/);
    expect(cells(table, "other")[status]).toBe("PARTIALLY_CANCELED (risk_cancel)");
    expect(cells(table, "plain")[status]).toBe("CANCELED");
  });
});
