import { describe, expect, it } from "vitest";
import { DEFAULT_SYMBOLS, selectSymbols } from "./symbols.js";

describe("symbols", () => {
  it("default to a realistic set with MEXC-like precisions, fees and one API-disabled pair", () => {
    const names = DEFAULT_SYMBOLS.map((s) => s.symbol);
    for (const name of ["BTCUSDT", "ETHUSDT", "SOLUSDT", "MXUSDT", "ETHBTC", "PEPEUSDT"]) expect(names).toContain(name);
    expect(new Set(names).size).toBe(names.length);
    expect(DEFAULT_SYMBOLS.filter((s) => s.apiTradingDisabled).length).toBeGreaterThanOrEqual(1);
    for (const s of DEFAULT_SYMBOLS) {
      expect(s.symbolId).toMatch(/^[0-9a-f]{32}$/);
      expect(s.symbol).toBe(`${s.baseAsset}${s.quoteAsset}`);
      const decimals = (text: string) => text.split(".")[1]?.length ?? 0;
      expect(decimals(s.initialPrice)).toBeLessThanOrEqual(s.pricePrecision);
      expect(decimals(s.minQuantity)).toBeLessThanOrEqual(s.quantityPrecision);
    }
    expect(DEFAULT_SYMBOLS.find((s) => s.symbol === "BTCUSDT")).toMatchObject({
      pricePrecision: 2,
      quantityPrecision: 6,
      makerFee: "0",
      takerFee: "0.0005",
    });
  });

  it("select by name, case-insensitive, and name the unknown one", () => {
    expect(selectSymbols().length).toBe(DEFAULT_SYMBOLS.length);
    expect(selectSymbols(["ethusdt", " BTCUSDT "]).map((s) => s.symbol)).toEqual(["ETHUSDT", "BTCUSDT"]);
    expect(() => selectSymbols(["BTCUSDT", "FOOBAR"])).toThrow(/unknown symbol "FOOBAR"/);
  });
});
