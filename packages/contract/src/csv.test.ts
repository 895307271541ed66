import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv.js";

describe("CSV rules (the fills export and the dashboard downloads)", () => {
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

  it("quotes commas, quotes and line breaks", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it("keeps numbers (also negative) as they are and defuses cells a spreadsheet would run as formulas", () => {
    expect(csvCell("-12.5")).toBe("-12.5");
    expect(csvCell("0.00010300")).toBe("0.00010300");
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-cmd")).toBe("'-cmd");
    expect(csvCell("@x")).toBe("'@x");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell(null)).toBe("");
    expect(csvCell(true)).toBe("true");
  });
});
