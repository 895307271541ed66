import { describe, expect, it } from "vitest";
import {
  alignDecimals,
  compareDecimal,
  formatAmount,
  formatAtPlaces,
  formatDecimal,
  formatMoney,
  formatValue,
  roundDecimal,
  sumAsShown,
} from "./decimal.js";

describe("formatDecimal", () => {
  it("adds thousands separators and keeps every digit as given", () => {
    expect(formatDecimal("1234567.89000000")).toBe("1,234,567.89000000");
    expect(formatDecimal("-1000")).toBe("-1,000");
    expect(formatDecimal("999")).toBe("999");
    expect(formatDecimal("0.00000001")).toBe("0.00000001");
    expect(formatDecimal("123456789012345678901234.5")).toBe("123,456,789,012,345,678,901,234.5");
  });

  it("shows a dash for a missing value and anything else unchanged", () => {
    expect(formatDecimal(null)).toBe("–");
    expect(formatDecimal("1e5")).toBe("1e5");
  });
});

describe("compareDecimal", () => {
  it("orders by exact value, including digits a float would lose", () => {
    const values = ["10", "9.99", "-1", "0", "0.1", "-0.5", "100.000", "9007199254740993", "9007199254740992.5"];
    expect([...values].sort(compareDecimal)).toEqual([
      "-1",
      "-0.5",
      "0",
      "0.1",
      "9.99",
      "10",
      "100.000",
      "9007199254740992.5",
      "9007199254740993",
    ]);
    expect(compareDecimal("1.50", "1.5")).toBe(0);
    expect(compareDecimal("-0", "0")).toBe(0);
  });

  it("puts missing values first", () => {
    expect(compareDecimal(null, "0")).toBeLessThan(0);
    expect(compareDecimal("0", null)).toBeGreaterThan(0);
  });
});

describe("roundDecimal and formatValue", () => {
  it("rounds half away from zero by string operations, carrying through every digit", () => {
    expect(roundDecimal("87592.800307949353274588", 2)).toBe("87592.80");
    expect(roundDecimal("0.005", 2)).toBe("0.01");
    expect(roundDecimal("9999.995", 2)).toBe("10000.00");
    expect(roundDecimal("-1.234", 2)).toBe("-1.23");
    expect(roundDecimal("-0.001", 2)).toBe("0.00");
    expect(roundDecimal("12.5", 0)).toBe("13");
    expect(roundDecimal("1.2", 4)).toBe("1.2");
    expect(roundDecimal("123456789012345678.994999", 2)).toBe("123456789012345678.99");
  });

  it("formats a valuation with separators", () => {
    expect(formatValue("87592.800307949353274588")).toBe("87,592.80");
    expect(formatValue("10445.6")).toBe("10,445.60");
    expect(formatValue("7")).toBe("7.00");
    expect(formatValue(null)).toBe("–");
  });
});

describe("formatMoney and formatAmount", () => {
  it("shows a value in the quote currency to 2 places, whatever its size", () => {
    expect(formatMoney("0.058985642358274672")).toBe("0.06");
    expect(formatMoney("1.594420226314200251")).toBe("1.59");
    expect(formatMoney("87592.800307949353274588")).toBe("87,592.80");
    expect(formatMoney("6.750")).toBe("6.75");
    expect(formatMoney("0.875123")).toBe("0.88");
    expect(formatMoney("0.5")).toBe("0.50");
    expect(formatMoney("0.000012345")).toBe("0.00");
    expect(formatMoney("0")).toBe("0.00");
    expect(formatMoney("0.000")).toBe("0.00");
    expect(formatMoney("-0.0041234")).toBe("0.00");
    expect(formatMoney("-1234.005")).toBe("-1,234.01");
    expect(formatMoney(null)).toBe("–");
  });

  it("shows an amount of an asset to at most 8 places, tiny ones to 3 significant digits", () => {
    expect(formatAmount("890.782027217490899872")).toBe("890.78202722");
    expect(formatAmount("0.018433013236960835")).toBe("0.01843301");
    expect(formatAmount("0.000000001234")).toBe("0.00000000123");
    expect(formatAmount("0.10000000")).toBe("0.10000000"); // short enough: as given
    expect(formatAmount("1.000000001")).toBe("1");
    expect(formatAmount("25011.26928")).toBe("25,011.26928");
  });
});

describe("alignDecimals", () => {
  it("pads a column to the same number of places without rounding", () => {
    expect(alignDecimals(["3.2", "3.1995", "3", "0.0000178"])).toEqual([
      "3.2000000",
      "3.1995000",
      "3.0000000",
      "0.0000178",
    ]);
    expect(alignDecimals(["100", "99"])).toEqual(["100", "99"]);
  });
});

describe("formatAtPlaces", () => {
  it("shows an amount at its asset's or pair's places, rounded or padded, dust with 3 significant digits", () => {
    expect(formatAtPlaces("1210.938121686452551931", 2)).toBe("1,210.94"); // MX, issue 40 item 8
    expect(formatAtPlaces("0.5", 6)).toBe("0.500000");
    expect(formatAtPlaces("52582351", 0)).toBe("52,582,351");
    expect(formatAtPlaces("0.0000178081", 10)).toBe("0.0000178081");
    expect(formatAtPlaces("0.000000123", 6)).toBe("0.000000123");
    expect(formatAtPlaces("-3.14159", 2)).toBe("-3.14");
    expect(formatAtPlaces(null, 2)).toBe("–");
  });
});

describe("sumAsShown", () => {
  it("adds the figures as shown: under 87,575.94 and 87,582.58 the total is 175,158.52, not their exact sum rounded", () => {
    const parts = ["87575.944", "87582.584"];
    expect(parts.map(formatMoney)).toEqual(["87,575.94", "87,582.58"]);
    // The exact sum, 175158.528, would show as 175,158.53.
    expect(formatMoney("175158.528")).toBe("175,158.53");
    expect(sumAsShown(parts)).toEqual({ value: "175158.52", missing: 0 });
  });

  it("leaves out what is not a figure and counts it; signed figures and other places", () => {
    expect(sumAsShown(["-0.004", "0.006", null, "garbage"])).toEqual({ value: "0.01", missing: 2 });
    expect(sumAsShown(["0.00004", "0.00004"], 4)).toEqual({ value: "0", missing: 0 });
    expect(sumAsShown([])).toEqual({ value: "0", missing: 0 });
  });
});
