import { describe, expect, it } from "vitest";
import { volume } from "../../test/items.js";
import { volumeSeries } from "./volume.js";

describe("volumeSeries", () => {
  it("gives one bar series per symbol over consecutive UTC days, zero where none", () => {
    const result = volumeSeries([
      volume("2025-01-01", "BTCUSDT", "100"),
      volume("2025-01-03", "BTCUSDT", "50.5"),
      volume("2025-01-03", "ETHUSDT", "20"),
    ]);
    expect(result.days).toEqual(["2025-01-01", "2025-01-02", "2025-01-03"]);
    expect(result.series).toEqual([
      { symbol: "BTCUSDT", values: [100, 0, 50.5] },
      { symbol: "ETHUSDT", values: [0, 0, 20] },
    ]);
  });

  it("crosses month and year ends as calendar days", () => {
    const result = volumeSeries([volume("2024-12-31", "BTCUSDT", "1"), volume("2025-01-01", "BTCUSDT", "2")]);
    expect(result.days).toEqual(["2024-12-31", "2025-01-01"]);
  });

  it("shows only the most recent days", () => {
    const result = volumeSeries([volume("2025-01-01", "BTCUSDT", "1"), volume("2025-01-10", "BTCUSDT", "2")], {
      maxDays: 3,
    });
    expect(result.days).toEqual(["2025-01-08", "2025-01-09", "2025-01-10"]);
    expect(result.series[0]?.values).toEqual([0, 0, 2]);
  });

  it("sums symbols beyond the largest into Other", () => {
    const items = ["A", "B", "C", "D"].map((s, i) => volume("2025-01-01", `${s}USDT`, String(40 - i * 10)));
    const result = volumeSeries(items, { maxSymbols: 3 });
    expect(result.series.map((s) => [s.symbol, s.values[0]])).toEqual([
      ["AUSDT", 40],
      ["BUSDT", 30],
      ["Other", 30],
    ]);
  });

  it("counts items without a value in the quote currency instead of charting them", () => {
    const result = volumeSeries([volume("2025-01-01", "BTCUSDT", "5"), volume("2025-01-01", "XYZBTC", null)]);
    expect(result.series.map((s) => s.symbol)).toEqual(["BTCUSDT"]);
    expect(result.unpriced).toBe(1);
  });

  it("is empty without items or with malformed days", () => {
    expect(volumeSeries([])).toEqual({ days: [], series: [], unpriced: 0 });
    expect(volumeSeries([volume("2025-1-1", "BTCUSDT", "1")]).series).toEqual([]);
  });
});
