import { Big } from "big.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exact, ROUND_DOWN, ROUND_HALF_EVEN } from "./decimal.js";
import { DecimalError } from "./errors.js";
import { type Fixed, fixed, fixedText, product, share } from "./fixed.js";
import { FixedCell } from "./fixedCell.js";

/** The first magnitude the limbs do not hold: 2^52 x 10^15 (fixedCell.ts). */
const LIMBS_END = 2n ** 52n * 10n ** 15n;

/** Fixed numbers of every size: everyday amounts, at the limbs' seams (10^15, their end), far past them. */
const value: fc.Arbitrary<Fixed> = fc.oneof(
  fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
  fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
  fc
    .tuple(fc.bigInt({ min: -1000n, max: 1000n }), fc.constantFrom(10n ** 15n, 10n ** 18n, LIMBS_END))
    .map(([delta, seam]) => seam + delta),
  fc
    .tuple(fc.bigInt({ min: -1000n, max: 1000n }), fc.constantFrom(10n ** 15n, 10n ** 18n, LIMBS_END))
    .map(([delta, seam]) => -seam + delta),
  fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }),
);

/** Plain decimals of up to 22 whole digits and 24 places (40-digit amounts), either sign. */
const decimal = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 10n ** 22n })),
    fc.integer({ min: 0, max: 24 }),
    fc.bigInt({ min: 0n, max: 10n ** 24n }),
  )
  .map(([negative, whole, places, fraction]) => {
    const digits = places === 0 ? "" : `.${(fraction % 10n ** BigInt(places)).toString().padStart(places, "0")}`;
    return `${negative ? "-" : ""}${whole}${digits}`;
  });

/**
 * A quantity as fills give them: a whole number of 10^-places, places up to 18, of every width the
 * long division takes in its own way (five digits a step, three, one) and past it; as a Fixed.
 */
const quantity = fc
  .tuple(
    fc.oneof(
      fc.bigInt({ min: 1n, max: 10n ** 4n }),
      fc.bigInt({ min: 1n, max: 4n * 10n ** 10n }),
      fc.bigInt({ min: 4n * 10n ** 10n, max: 4n * 10n ** 12n }),
      fc.bigInt({ min: 4n * 10n ** 12n, max: 4n * 10n ** 14n }),
      fc.bigInt({ min: 1n, max: 10n ** 17n }),
    ),
    fc.integer({ min: 0, max: 18 }),
  )
  .map(([units, places]) => units * 10n ** BigInt(18 - places));

/** big.js carried far enough that rounding its quotient half-even at 18 places is exact (see the share test). */
const Exact = Big();
Exact.DP = 120;
Exact.RM = ROUND_DOWN;
const decimalOf = (x: Fixed) => new Exact(fixedText(x));
const rounded = (x: Big) => exact(x.round(18, ROUND_HALF_EVEN));

/** In the limbs exactly while it fits (|hi| < 2^52, hi = floor(x / 10^15)), so one value has one form. */
function expectCanonical(cell: FixedCell): void {
  const x = cell.value;
  const hi = x >= 0n ? x / 10n ** 15n : -((-x + 10n ** 15n - 1n) / 10n ** 15n);
  expect(cell.big === undefined, String(x)).toBe(hi > -(2n ** 52n) && hi < 2n ** 52n);
}

describe("a Fixed in a cell (two doubles while it fits, else the bigint)", () => {
  it("reads a decimal as fixed() does: the same number, the same rounding past 18 places, the same error", () => {
    const edges = [
      "0",
      "-0",
      "0.000",
      "999999999999",
      "999999999999.999999999999999999",
      "1000000000000",
      "4503599627370.4959999",
      "-0.0000000000000000005",
      "0.0000000000000000015",
      "0.000000000001",
      "123456789012345678901234567890.123456789012",
    ];
    for (const text of edges) expect(FixedCell.parse(text).value, text).toBe(fixed(text));
    fc.assert(
      fc.property(decimal, (text) => {
        expect(FixedCell.parse(text).value).toBe(fixed(text));
      }),
      { numRuns: 3000 },
    );
    for (const bad of ["", "-", ".5", "1.", "1e5", "1.2.3", "+1", " 1", "1,5", "0x10", "--1", "1.5x"]) {
      expect(() => FixedCell.parse(bad, "quantity"), bad).toThrow(DecimalError);
      expect(() => FixedCell.parse(bad, "quantity"), bad).toThrow(/quantity/);
    }
  });

  it("writes a number as fixedText() does, and gives back the Fixed it holds", () => {
    fc.assert(
      fc.property(value, (x) => {
        const cell = FixedCell.of(x);
        expect(cell.value).toBe(x);
        expect(cell.text()).toBe(fixedText(x));
        expectCanonical(cell);
      }),
      { numRuns: 3000 },
    );
  });

  it("reads its whole number as BigInt does (the journal's series lines), in the limbs where it fits", () => {
    fc.assert(
      fc.property(value, (x) => {
        const cell = new FixedCell().setInteger(String(x));
        expect(cell.value).toBe(x);
        expectCanonical(cell);
      }),
      { numRuns: 3000 },
    );
    expect(new FixedCell().setInteger("-0").value).toBe(0n);
    expect(() => new FixedCell().setInteger("12x")).toThrow(SyntaxError);
  });

  it("adds, subtracts, negates and compares as bigints do, across the limbs' end and back", () => {
    fc.assert(
      fc.property(value, value, value, (x, y, z) => {
        const sum = FixedCell.of(x).add(FixedCell.of(y));
        expect(sum.value).toBe(x + y);
        expectCanonical(sum);
        expect(sum.add(FixedCell.of(z)).value).toBe(x + y + z);
        expectCanonical(sum);
        const difference = FixedCell.of(x).sub(FixedCell.of(y));
        expect(difference.value).toBe(x - y);
        expectCanonical(difference);
        expect(difference.sub(FixedCell.of(z)).value).toBe(x - y - z);
        expectCanonical(difference);
        // Out past the end and back: the limbs again, the same number.
        const back = FixedCell.of(x).add(FixedCell.of(LIMBS_END)).sub(FixedCell.of(LIMBS_END));
        expect(back.value).toBe(x);
        expect(back.equals(FixedCell.of(x))).toBe(true);
        expect(FixedCell.of(x).negate().value).toBe(-x);
        expect(FixedCell.of(x).abs().value).toBe(x < 0n ? -x : x);
        expect(FixedCell.of(x).compare(FixedCell.of(y))).toBe(x < y ? -1 : x > y ? 1 : 0);
        expect(FixedCell.of(x).equals(FixedCell.of(y))).toBe(x === y);
        expect(FixedCell.of(x).sign()).toBe(x < 0n ? -1 : x > 0n ? 1 : 0);
        expect(FixedCell.of(x).isZero()).toBe(x === 0n);
      }),
      { numRuns: 3000 },
    );
  });

  it("takes a share a x part / whole rounded half-even at 18 places as fixed.ts's share and big.js do", () => {
    // big.js truncated at 120 places keeps which side of a half the quotient is on whenever
    // 10^(120 - 18) > 2 x whole (in 10^-18): wholes here are below 10^78.
    const check = (a: Fixed, part: Fixed, whole: Fixed) => {
      const cell = new FixedCell().setShare(FixedCell.of(a), FixedCell.of(part), FixedCell.of(whole));
      expect(cell.value).toBe(share(a, part, whole));
      expect(cell.text()).toBe(rounded(decimalOf(a).times(decimalOf(part)).div(decimalOf(whole))));
    };
    // A lot's cost, the units taken of it and what it holds (part <= whole): the limbs' long division.
    fc.assert(
      fc.property(value, quantity, quantity, (a, x, y) => (x < y ? check(a, x, y) : check(a, y, x))),
      { numRuns: 4000 },
    );
    // Anything else (part > whole, negative, 40 digits): fixed.ts's bigints.
    fc.assert(
      fc.property(value, value, value, (a, part, whole) => {
        if (whole !== 0n) check(a, part, whole);
      }),
      { numRuns: 2000 },
    );
    // A lot that cost its quantity (the quote currency's own): exactly the part, either sign.
    fc.assert(
      fc.property(quantity, quantity, fc.boolean(), (x, y, negative) => {
        const [part, whole] = x < y ? [x, y] : [y, x];
        check(negative ? -whole : whole, part, whole);
      }),
      { numRuns: 500 },
    );
    // Ties at the 19th place: to the even digit, either sign; a remainder of exactly half a unit.
    check(3n, 1n * 10n ** 18n, 2n * 10n ** 18n);
    check(-3n, 1n * 10n ** 18n, 2n * 10n ** 18n);
    check(1n, 1n * 10n ** 18n, 2n * 10n ** 18n);
    check(5n * 10n ** 29n + 5n, 1n * 10n ** 16n, 2n * 10n ** 16n);
    check(LIMBS_END - 1n, 3n * 10n ** 10n, 7n * 10n ** 10n);
    check(-(LIMBS_END - 1n), 4n * 10n ** 10n - 1n, 4n * 10n ** 10n);
  });

  it("multiplies as fixed.ts's product does", () => {
    fc.assert(
      fc.property(value, value, (x, y) => {
        expect(new FixedCell().setProduct(FixedCell.of(x), FixedCell.of(y)).value).toBe(product(x, y));
      }),
      { numRuns: 1000 },
    );
  });
});
