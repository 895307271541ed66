import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { TaxExport } from "./TaxExport.js";

afterEach(cleanup);

function link(): HTMLAnchorElement {
  return screen.getByRole("link", { name: /Download/ }) as HTMLAnchorElement;
}

describe("TaxExport", () => {
  it("offers the current year and the 5 before, and links the CSV of the year picked by the method picked", () => {
    render(<TaxExport method="fifo" shownMethod="fifo" year={2026} />);
    const year = screen.getByLabelText("Year") as HTMLSelectElement;
    expect([...year.options].map((o) => o.value)).toEqual(["2026", "2025", "2024", "2023", "2022", "2021"]);
    expect(link().getAttribute("href")).toBe("/api/export/tax.csv?year=2026&method=fifo");
    expect(link().hasAttribute("download")).toBe(true);
    expect(screen.getByText(/cost basis: FIFO/)).toBeTruthy();

    fireEvent.change(year, { target: { value: "2024" } });
    expect(link().getAttribute("href")).toBe("/api/export/tax.csv?year=2024&method=fifo");
    expect(link().textContent).toBe("Download 2024 CSV");
  });

  it("leaves the method to the gateway's default until one is picked", () => {
    render(<TaxExport method={null} shownMethod="avg" year={2026} />);
    expect(link().getAttribute("href")).toBe("/api/export/tax.csv?year=2026");
    expect(screen.getByText(/cost basis: Average cost/)).toBeTruthy();
  });
});
