import fc from "fast-check";
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

  it("defuses a formula hidden behind spaces, no-break spaces, a BOM, zero-width characters or fullwidth signs", () => {
    for (const cell of [
      " =1+1",
      "\u00a0=1+1",
      "\ufeff=1+1",
      "\u200b=1+1",
      "\u200b\u00a0 \ufeff@SUM(A1)",
      "\u3000+1",
      "\uff1dcmd|' /C calc'!A0",
      "\uff0b1",
      "\uff0d1",
      "\uff20x",
      " \u200b\uff1d1",
      "\n=1",
      " \t1",
    ]) {
      expect(csvCell(cell).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvCell(" \uff1d1")).toBe("' \uff1d1");
  });

  it("leaves text that only looks near a formula alone", () => {
    for (const cell of ["BTCUSDT", "a=b", " x", "\u00a0", "", "1e5", "12.5", "masked-0123abcd", "'=already"]) {
      expect(csvCell(cell)).toBe(cell);
    }
  });

  // The property: whatever the text, a spreadsheet reading the cell finds no formula start after
  // the ignorable characters, and the text is kept whole (only an apostrophe put before it).
  const ignorable = fc.constantFrom(" ", "\u00a0", "\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\u3000", "\n");
  const trigger = fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\u2212");
  const unquoted = (cell: string) => (cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell);

  it("property: ignorables + a formula sign + anything is defused (a plain negative number excepted), and kept whole", () => {
    fc.assert(
      fc.property(fc.array(ignorable, { maxLength: 6 }), trigger, fc.string({ maxLength: 20 }), (pad, sign, rest) => {
        const text = pad.join("") + sign + rest;
        const out = unquoted(csvCell(text));
        // A plain negative number ("-5", "-0.25") is the one exemption.
        expect(out).toBe(/^-\d+(\.\d+)?$/.test(text) ? text : `'${text}`);
      }),
      { numRuns: 2_000 },
    );
  });

  it("property: any string comes out whole, with an apostrophe exactly when it could start a formula", () => {
    const stripped = (text: string) => text.replace(/^[\p{Zs}\p{Cf}\n]*/u, "");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 12 }), (text) => {
        const out = unquoted(csvCell(text));
        const first = stripped(text).charAt(0);
        const dangerous = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212]$/.test(first);
        expect(out).toBe(dangerous && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text);
      }),
      { numRuns: 2_000 },
    );
  });

  it("property: a plain decimal, negative included, stays a number", () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,12}$/), fc.option(fc.stringMatching(/^\d{1,10}$/)))
      .map(([negative, int, frac]) => `${negative ? "-" : ""}${int}${frac === null ? "" : `.${frac}`}`);
    fc.assert(
      fc.property(decimal, (text) => {
        expect(csvCell(text)).toBe(text);
      }),
      { numRuns: 1_000 },
    );
  });
});
