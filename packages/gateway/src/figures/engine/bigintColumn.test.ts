import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BigintColumn } from "./bigintColumn.js";

/** Numbers of every size the figures make, and past what three words hold, either sign. */
const number = fc.oneof(
  fc.bigInt({ min: 0n, max: (1n << 192n) - 1n }),
  fc.constantFrom(
    0n,
    (1n << 64n) - 1n,
    1n << 64n,
    (1n << 191n) - 1n,
    1n << 191n,
    -1n,
    -(1n << 191n),
    -(1n << 191n) - 1n,
  ),
  fc.bigInt({ min: -(1n << 300n), max: 1n << 300n }),
);

describe("a column of bigints in typed-array memory", () => {
  it("gives back every number it was given, whatever its size or sign, after growing and slicing", () => {
    fc.assert(
      fc.property(fc.array(number, { minLength: 1, maxLength: 60 }), fc.nat(), (numbers, cut) => {
        const column = new BigintColumn(2);
        numbers.forEach((value, i) => {
          if (i >= column.capacity) column.grow(column.capacity * 2);
          column.set(i, value);
        });
        expect(numbers.map((_, i) => column.get(i))).toEqual(numbers);
        const from = cut % numbers.length;
        const part = column.slice(from, numbers.length, 100);
        expect(numbers.slice(from).map((_, i) => part.get(i))).toEqual(numbers.slice(from));
        expect(part.capacity).toBe(100);
      }),
      { numRuns: 300 },
    );
  });

  it("writes over a number that did not fit with one that does, and the other way", () => {
    const column = new BigintColumn(1);
    column.set(0, -5n);
    column.set(0, 7n);
    expect(column.get(0)).toBe(7n);
    column.set(0, 1n << 200n);
    expect(column.get(0)).toBe(1n << 200n);
  });
});
