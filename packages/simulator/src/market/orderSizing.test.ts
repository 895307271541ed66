import { Decimal as Big } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { DEFAULT_SYMBOLS } from "../symbols.js";
import { fromSteps, toSteps } from "./decimalSteps.js";
import { minLots, priceOf, quantityOf } from "./orderSizing.js";

describe("decimal steps", () => {
  it("turns whole steps into exact trimmed decimals and back", () => {
    expect(fromSteps(9_700_012, 2)).toBe("97000.12");
    expect(fromSteps(9_700_000, 2)).toBe("97000");
    expect(fromSteps(178, 10)).toBe("0.0000000178");
    expect(fromSteps(0, 4)).toBe("0");
    expect(fromSteps(-5n, 2)).toBe("-0.05");
    expect(fromSteps(123_456_789_012_345_678n, 10)).toBe("12345678.9012345678");
    expect(toSteps("97000.12", 2)).toBe(9_700_012);
    expect(toSteps("0.0000000178", 10)).toBe(178);
    expect(toSteps("1.239", 2)).toBe(123);
    expect(toSteps("1.231", 2, true)).toBe(124);
    expect(toSteps("1.230", 2, true)).toBe(123);
    expect(toSteps(new Big("5"), 3)).toBe(5_000);
    expect(() => toSteps("1000000000000000", 6)).toThrow(/too many steps/);
  });
});

describe("order sizing", () => {
  it("gives the fewest lots that reach both the minimum quantity and the minimum notional, on every default symbol", () => {
    for (const config of DEFAULT_SYMBOLS) {
      const ticks = toSteps(config.initialPrice, config.pricePrecision);
      const lots = minLots(config, ticks);
      const notional = (n: number) => new Big(priceOf(config, ticks)).times(quantityOf(config, n));
      expect(new Big(quantityOf(config, lots)).gte(config.minQuantity), config.symbol).toBe(true);
      expect(notional(lots).gte(config.minNotional), config.symbol).toBe(true);
      if (lots > toSteps(config.minQuantity, config.quantityPrecision)) {
        expect(notional(lots - 1).lt(config.minNotional), config.symbol).toBe(true);
      }
    }
  });
});
