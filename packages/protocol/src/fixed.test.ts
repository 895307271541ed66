import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, exact, OUTPUT_DP, ROUND_HALF_EVEN } from "./decimal.js";
import { fixed, fixedText, fixedTimes, product, share } from "./fixed.js";

/** Plain decimals of up to 20 integer and 24 fraction digits, either sign. */
const decimal = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 10n ** 20n }),
    fc.integer({ min: 0, max: 24 }),
    fc.bigInt({ min: 0n, max: 10n ** 24n }),
  )
  .map(([negative, whole, places, fraction]) => {
    const digits = places === 0 ? "" : `.${(fraction % 10n ** BigInt(places)).toString().padStart(places, "0")}`;
    return `${negative ? "-" : ""}${whole}${digits}`;
  });

/** big.js's value rounded half-even to the figures' places, as text. */
const rounded = (value: Decimal) => exact(value.round(OUTPUT_DP, ROUND_HALF_EVEN));

describe("the figures' fixed-point numbers", () => {
  it("read a decimal exactly to 18 places and round half-even beyond, and write it as big.js's toFixed() does", () => {
    fc.assert(
      fc.property(decimal, (text) => {
        expect(fixedText(fixed(text))).toBe(rounded(new Decimal(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it("take a share a x part / whole and a product rounded once, half-even at 18 places", () => {
    fc.assert(
      fc.property(decimal, decimal, decimal, (a, b, c) => {
        const [x, y, z] = [fixed(a), fixed(b), fixed(c)];
        const [dx, dy, dz] = [x, y, z].map((v) => new Decimal(fixedText(v))) as [Decimal, Decimal, Decimal];
        if (z !== 0n) expect(fixedText(share(x, y, z))).toBe(rounded(dx.times(dy).div(dz)));
        expect(fixedText(product(x, y))).toBe(rounded(dx.times(dy)));
      }),
      { numRuns: 3000 },
    );
    // a = ±whole (a lot that cost its quantity) skips the division: the same as big.js's.
    fc.assert(
      fc.property(decimal, decimal, fc.boolean(), (a, b, negate) => {
        const [x, y] = [fixed(a), fixed(b)];
        if (x === 0n) return;
        const [dx, dy] = [x, y].map((v) => new Decimal(fixedText(v))) as [Decimal, Decimal];
        const whole = negate ? -x : x;
        expect(fixedText(share(x, y, whole))).toBe(rounded(dx.times(dy).div(new Decimal(fixedText(whole)))));
      }),
      { numRuns: 1000 },
    );
    // Ties at the 19th place: to the even digit, either sign.
    const tie = `0.${"0".repeat(17)}15`;
    expect(fixedText(share(fixed("0.000000000000000003"), fixed("1"), fixed("2")))).toBe("0.000000000000000002");
    expect(fixedText(share(fixed("-0.000000000000000003"), fixed("1"), fixed("2")))).toBe("-0.000000000000000002");
    expect(fixedText(share(fixed("0.000000000000000001"), fixed("1"), fixed("2")))).toBe("0");
    expect(fixedText(fixed(tie))).toBe("0.000000000000000002");
    expect(fixedText(fixed(`-${tie}`))).toBe("-0.000000000000000002");
  });

  it("value a quantity at a big.js price of any places as roundFigure(quantity x price) does, to the digit", () => {
    // Prices of up to 24 places (a price through an intermediate is a product of two) and
    // exponents big.js keeps apart (1e-30, 5e+25).
    const price = fc.oneof(
      decimal.map((text) => new Decimal(text)),
      fc
        .tuple(fc.integer({ min: -40, max: 30 }), fc.integer({ min: -999, max: 999 }))
        .map(([e, c]) => new Decimal(`${c}e${e}`)),
      fc.tuple(decimal, decimal).map(([a, b]) => new Decimal(a).times(b)),
    );
    fc.assert(
      fc.property(decimal, price, (quantity, p) => {
        const q = fixed(quantity);
        expect(fixedText(fixedTimes(q, p))).toBe(rounded(new Decimal(fixedText(q)).times(p)));
      }),
      { numRuns: 3000 },
    );
    // Ties at the 19th place go to the even digit, either sign.
    expect(fixedText(fixedTimes(fixed("0.000000000000000003"), new Decimal("0.5")))).toBe("0.000000000000000002");
    expect(fixedText(fixedTimes(fixed("-0.000000000000000003"), new Decimal("0.5")))).toBe("-0.000000000000000002");
    expect(fixedText(fixedTimes(fixed("0.000000000000000001"), new Decimal("0.5")))).toBe("0");
  });

  it("refuses what is not a plain decimal, naming the field", () => {
    for (const bad of ["", "1e5", "NaN", ".5", "5.", "+1", " 1", "1.2.3", "--1", "-"]) {
      expect(() => fixed(bad, "fee")).toThrow(/fee/);
    }
  });
});
