import { describe, expect, it } from "vitest";
import { approxLabel, chartNumber, decimalsOf, fixedLabel, moneyLabel, toChartSeconds } from "./numbers.js";

describe("chartNumber", () => {
  it("turns decimal strings into numbers", () => {
    expect(chartNumber("123.45")).toBe(123.45);
    expect(chartNumber("-0.001")).toBe(-0.001);
    expect(chartNumber("0")).toBe(0);
  });

  it("leaves out null, blank and non-finite values instead of drawing them as 0", () => {
    for (const bad of [null, undefined, "", "  ", "NaN", "Infinity", "-Infinity", "1e400", "abc", "1.2.3"]) {
      expect(chartNumber(bad)).toBeUndefined();
    }
  });
});

describe("chart units", () => {
  it("uses whole seconds for chart times", () => {
    expect(toChartSeconds(1_736_417_034_999)).toBe(1_736_417_034);
  });

  it("counts the decimals a price carries", () => {
    expect(decimalsOf("0.00012300")).toBe(8);
    expect(decimalsOf("65000")).toBe(0);
  });

  it("labels approximate values readably at any magnitude", () => {
    expect(approxLabel(12345.678)).toBe("12,345.68");
    expect(approxLabel(0.000123456)).toBe("0.0001235");
    expect(approxLabel(0)).toBe("0");
  });

  it("labels a money axis with separators and 2 places", () => {
    expect(moneyLabel(87588)).toBe("87,588.00");
    expect(moneyLabel(87578.625)).toBe("87,578.63");
    expect(moneyLabel(0.000123456)).toBe("0.0001235");
  });
});

describe("fixedLabel", () => {
  it("writes a price on an axis at its places, thousands separated, as every price on the screen", () => {
    expect(fixedLabel(98400, 2)).toBe("98,400.00");
    expect(fixedLabel(3.2015, 4)).toBe("3.2015");
    expect(fixedLabel(0.035176, 6)).toBe("0.035176");
  });
});
