import { TAX_METHODS } from "@mexc-live/contract";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { TaxExport } from "./TaxExport.js";

afterEach(cleanup);

function link(): HTMLAnchorElement {
  return screen.getByRole("link", { name: /Download/ }) as HTMLAnchorElement;
}

const legend = () => (document.querySelector(".tax-export .legend") as HTMLElement).textContent ?? "";

describe("TaxExport", () => {
  it("offers the current year and the 5 before, and links the CSV of the year picked by the method picked", () => {
    render(<TaxExport method="fifo" shownMethod="fifo" quote="USDT" year={2026} />);
    const year = screen.getByLabelText("Year") as HTMLSelectElement;
    expect([...year.options].map((o) => o.value)).toEqual(["2026", "2025", "2024", "2023", "2022", "2021"]);
    expect(link().getAttribute("href")).toBe("/api/export/tax.csv?year=2026&method=fifo");
    expect(link().hasAttribute("download")).toBe(true);
    expect(legend()).toContain("Cost basis: FIFO.");

    fireEvent.change(year, { target: { value: "2024" } });
    expect(link().getAttribute("href")).toBe("/api/export/tax.csv?year=2024&method=fifo");
    expect(link().textContent).toBe("Download 2024 CSV");
  });

  it("leaves the method to the gateway's default until one is picked", () => {
    render(<TaxExport method={null} shownMethod="avg" quote="USDT" year={2026} />);
    expect(link().getAttribute("href")).toBe("/api/export/tax.csv?year=2026");
    expect(legend()).toContain("Cost basis: Average cost.");
  });

  it("offers every method of the report, LOFO among them, lots split and the currencies; the link and the words follow", () => {
    render(<TaxExport method="avg" shownMethod="avg" quote="USDT" year={2026} />);
    const method = screen.getByLabelText("Method") as HTMLSelectElement;
    expect([...method.options].map((o) => o.value)).toEqual([...TAX_METHODS]);
    fireEvent.change(method, { target: { value: "lofo" } });
    fireEvent.change(screen.getByLabelText("Rows"), { target: { value: "split" } });
    const currency = screen.getByLabelText("Currency") as HTMLSelectElement;
    expect([...currency.options].map((o) => o.value).slice(0, 3)).toEqual(["USDT", "USD", "EUR"]);
    fireEvent.change(currency, { target: { value: "EUR" } });
    expect(link().getAttribute("href")).toBe("/api/export/tax.csv?year=2026&method=lofo&lots=split&currency=EUR");
    const words = legend();
    expect(words).toContain("one per lot each takes, with the day it was acquired, the days held and its term");
    expect(words).toContain("Then the withdrawals and transfers out (not gains), then the totals per term.");
    expect(words).toContain("Cost basis: LOFO (lowest cost first).");
    expect(words).toContain("Amounts in EUR, at the ECB's rate of each day (USDT at par with USD).");
  });
});
