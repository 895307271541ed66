import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareCanonical,
  Decimal,
  dec,
  exact,
  fmt,
  isDecimal,
  isDecimalBytes,
  isUnsignedDecimal,
  midDecimal,
  normalize,
  subtractDecimal,
} from "./decimal.js";

describe("subtractDecimal", () => {
  it("subtracts exactly at the larger scale", () => {
    expect(subtractDecimal("65000.50", "64999.9")).toBe("0.60");
    expect(subtractDecimal("0.1", "0.2")).toBe("-0.1");
    expect(subtractDecimal("0.00000123", "0.00000120")).toBe("0.00000003");
    expect(subtractDecimal("100", "99")).toBe("1");
    expect(subtractDecimal("123456789012345678.9", "0.1")).toBe("123456789012345678.8");
  });

  it("refuses what is not a plain decimal", () => {
    expect(subtractDecimal("1e3", "1")).toBeUndefined();
    expect(subtractDecimal("", "1")).toBeUndefined();
  });
});

describe("midDecimal", () => {
  it("halves the sum exactly, with one more place only when needed", () => {
    expect(midDecimal("3.2007", "3.2015")).toBe("3.2011");
    expect(midDecimal("3.2007", "3.2014")).toBe("3.20105");
    expect(midDecimal("65000.00", "65000.2")).toBe("65000.10");
    expect(midDecimal("0.0000178032", "0.0000178102")).toBe("0.0000178067");
    expect(midDecimal("1", "2")).toBe("1.5");
    expect(midDecimal("", "2")).toBeUndefined();
  });
});

describe("isDecimal and dec", () => {
  it("accepts plain decimal strings only", () => {
    for (const good of ["0", "12", "-0.5", "0.00010300", "117145.49"]) expect(isDecimal(good)).toBe(true);
    for (const bad of ["", "-", "1.", ".5", "+1", "1e5", "NaN", " 1", "1,5", "0x10", "--1"]) {
      expect(isDecimal(bad)).toBe(false);
    }
  });

  it("names the field of a bad value", () => {
    expect(() => dec("1e5", "fill.price")).toThrow('fill.price is not a decimal: "1e5"');
  });

  it("formats exact sums and bounded quotients", () => {
    expect(exact(dec("0.1").plus("0.2"))).toBe("0.3");
    expect(fmt(dec("1").div(3))).toBe("0.333333333333333333");
    expect(normalize("1.500")).toBe("1.5");
    expect(normalize("-0")).toBe("0");
  });
});

describe("compareCanonical", () => {
  it("orders canonical decimals exactly as big.js does", () => {
    const decimal = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 10 }))
      .map(([units, scale]) => normalize(new Decimal(units.toString()).div(new Decimal(10).pow(scale)).toFixed(scale)));
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(Math.sign(compareCanonical(a, b))).toBe(new Decimal(a).cmp(new Decimal(b)));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("isUnsignedDecimal", () => {
  it("is isDecimal without a sign", () => {
    for (const good of ["0", "12", "0.5", "0096987.90"]) expect(isUnsignedDecimal(good), good).toBe(true);
    for (const bad of ["-1", "", "1.", ".5", "1e5", "+1", " 1", "NaN"]) expect(isUnsignedDecimal(bad), bad).toBe(false);
  });
});

describe("isDecimalBytes", () => {
  it("is isDecimal of the string the bytes spell, for any bytes (a byte >= 0x80 is never part of a decimal)", () => {
    const decimalish = fc.string({ unit: fc.constantFrom(..."-.0123456789"), maxLength: 14 });
    const bytes = fc.oneof(
      decimalish.map((text) => new TextEncoder().encode(text)),
      fc.string({ unit: "grapheme", maxLength: 10 }).map((text) => new TextEncoder().encode(text)),
      fc.uint8Array({ maxLength: 14 }),
    );
    fc.assert(
      fc.property(bytes, fc.nat(4), fc.nat(4), (body, before, after) => {
        // The bytes sit inside a larger buffer, as in a frame.
        const buf = new Uint8Array(before + body.length + after).fill(0x31);
        buf.set(body, before);
        const latin1 = String.fromCharCode(...body);
        expect(isDecimalBytes(buf, before, before + body.length)).toBe(isDecimal(latin1));
      }),
      { numRuns: 20_000 },
    );
  });

  it("agrees with isDecimal on every string of up to 6 bytes over digits, edges and separators", () => {
    // "0" and "9" and their neighbours "/" and ":", the two separators, and a byte >= 0x80.
    const alphabet = [0x30, 0x39, 0x2f, 0x3a, 0x2e, 0x2d, 0xff];
    for (let length = 0; length <= 6; length++) {
      const bytes = new Uint8Array(length);
      for (let n = 0; n < alphabet.length ** length; n++) {
        for (let k = 0, rest = n; k < length; k++, rest = Math.floor(rest / alphabet.length)) {
          bytes[k] = alphabet[rest % alphabet.length]!;
        }
        const text = String.fromCharCode(...bytes);
        if (isDecimalBytes(bytes, 0, length) !== isDecimal(text)) expect.fail(`disagree on ${JSON.stringify(text)}`);
      }
    }
  });
});
