import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv.js";

describe("CSV export", () => {
  it("quotes fields with commas, quotes and newlines, and keeps decimals as given", () => {
    const csv = toCsv(
      [
        { header: "id", value: (r: { id: string; price: string }) => r.id },
        { header: "price", value: (r) => r.price },
      ],
      [
        { id: 'a,"b"', price: "-0.00012300" },
        { id: "line\nbreak", price: "65000.10" },
      ],
    );
    expect(csv).toBe('id,price\r\n"a,""b""",-0.00012300\r\n"line\nbreak",65000.10\r\n');
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("-12.5")).toBe("-12.5");
  });
});
