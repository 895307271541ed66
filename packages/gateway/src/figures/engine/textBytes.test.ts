import { FixedCell } from "@mexc-live/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextBytes } from "./textBytes.js";

const decoder = new TextDecoder();
const written = (write: (out: TextBytes) => void, out = new TextBytes()): string => {
  write(out);
  return decoder.decode(out.take());
};

/** Values of every size: a few units, about the limbs' seams (10^15, 2^52 x 10^15), 40 digits; either sign. */
const value = fc.oneof(
  fc.bigInt({ min: -(10n ** 21n), max: 10n ** 21n }),
  fc.bigInt({ min: 10n ** 15n - 3n, max: 10n ** 15n + 3n }),
  fc.bigInt({ min: -(2n ** 52n * 10n ** 15n) - 5n, max: 2n ** 52n * 10n ** 15n + 5n }),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
);

describe("a row written as bytes", () => {
  it("writes a cell's integer and decimal as String(value) and its text()", () => {
    fc.assert(
      fc.property(value, (v) => {
        const cell = FixedCell.of(v);
        expect(written((out) => out.integer(cell))).toBe(String(v));
        expect(written((out) => out.decimal(cell))).toBe(cell.text());
      }),
      { numRuns: 5000 },
    );
  });

  it("writes whole numbers up to 2^53 as String() does, and any text as UTF-8", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.string(), (n, text) => {
        expect(written((out) => out.digits(n))).toBe(String(n));
        expect(written((out) => out.text(text))).toBe(text);
      }),
    );
    for (const n of [0, 9, 10, 999_999_999_999_999, 1e15, 2 ** 53])
      expect(written((out) => out.digits(n))).toBe(String(n));
    expect(written((out) => out.text("grid-ü€😀 end"))).toBe("grid-ü€😀 end");
  });

  it("grows past its first buffer and starts again empty after a take", () => {
    const out = new TextBytes();
    const long = "x".repeat(200_000);
    expect(written((sink) => sink.text(long), out)).toBe(long);
    expect(out.length).toBe(0);
    expect(written((sink) => sink.digits(42), out)).toBe("42");
  });
});
