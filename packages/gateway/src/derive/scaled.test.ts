import { Decimal, INTERNAL_DP } from "@mexc-live/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mulDiv, scaled, scaledText } from "./scaled.js";

/** Plain decimals of up to 20 integer and 20 fraction digits, either sign. */
const decimal = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 10n ** 20n }),
    fc.integer({ min: 0, max: 20 }),
    fc.bigInt({ min: 0n, max: 10n ** 20n }),
  )
  .map(([negative, whole, places, fraction]) => {
    const digits = places === 0 ? "" : `.${(fraction % 10n ** BigInt(places)).toString().padStart(places, "0")}`;
    return `${negative ? "-" : ""}${whole}${digits}`;
  });

describe("scaled decimals give big.js's numbers", () => {
  it("reads and writes a decimal as big.js's toFixed() does", () => {
    fc.assert(
      fc.property(decimal, (text) => {
        expect(scaledText(scaled(text))).toBe(new Decimal(text).toFixed());
      }),
      { numRuns: 2000 },
    );
  });

  it("a x b / c rounds as big.js's a.times(b).div(c) at INTERNAL_DP places, half away from zero", () => {
    expect(INTERNAL_DP).toBe(40);
    fc.assert(
      fc.property(decimal, decimal, decimal, (a, b, c) => {
        fc.pre(!new Decimal(c).eq(0));
        const expected = new Decimal(a).times(b).div(c).toFixed();
        expect(scaledText(mulDiv(scaled(a), scaled(b), scaled(c)))).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    // Ties at the 41st place: away from zero, either sign.
    const tie = `0.${"0".repeat(39)}5`;
    expect(scaledText(mulDiv(scaled(tie), scaled("1"), scaled("10")))).toBe(new Decimal(tie).div(10).toFixed());
    expect(scaledText(mulDiv(scaled(`-${tie}`), scaled("1"), scaled("10")))).toBe(
      new Decimal(`-${tie}`).div(10).toFixed(),
    );
  });

  it("refuses what is not a plain decimal, naming the field", () => {
    for (const bad of ["", "1e5", "NaN", ".5", "5.", "+1", " 1", "1.2.3", "--1"]) {
      expect(() => scaled(bad, "fee")).toThrow(/fee/);
    }
  });
});
