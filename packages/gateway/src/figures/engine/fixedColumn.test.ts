import { FixedCell } from "@mexc-live/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FixedColumn } from "./fixedColumn.js";

/** Numbers of every size the figures make, at the limbs' edges and past them, either sign. */
const LIMBS_END = 2n ** 52n * 10n ** 15n;
const number = fc.oneof(
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
  fc.constantFrom(
    0n,
    -1n,
    10n ** 15n - 1n,
    10n ** 15n,
    -(10n ** 15n),
    LIMBS_END - 1n,
    LIMBS_END,
    -LIMBS_END,
    -LIMBS_END - 1n,
  ),
  fc.bigInt({ min: -(1n << 300n), max: 1n << 300n }),
);

function read(column: FixedColumn, index: number): bigint {
  return column.read(index, new FixedCell()).value;
}

describe("a column of Fixed numbers in typed-array memory", () => {
  it("gives back every number it was given, whatever its size or sign, after growing and slicing", () => {
    fc.assert(
      fc.property(fc.array(number, { minLength: 1, maxLength: 60 }), fc.nat(), (numbers, cut) => {
        const column = new FixedColumn(2);
        numbers.forEach((value, i) => {
          if (i >= column.capacity) column.grow(column.capacity * 2);
          column.write(i, FixedCell.of(value));
        });
        expect(numbers.map((_, i) => read(column, i))).toEqual(numbers);
        const from = cut % numbers.length;
        const part = column.slice(from, numbers.length, 100);
        expect(numbers.slice(from).map((_, i) => read(part, i))).toEqual(numbers.slice(from));
        expect(part.capacity).toBe(100);
      }),
      { numRuns: 300 },
    );
  });

  it("writes over a number that did not fit with one that does, and the other way", () => {
    const column = new FixedColumn(1);
    column.write(0, FixedCell.of(-5n));
    column.write(0, FixedCell.of(1n << 200n));
    expect(read(column, 0)).toBe(1n << 200n);
    column.write(0, FixedCell.of(7n));
    expect(read(column, 0)).toBe(7n);
  });
});
