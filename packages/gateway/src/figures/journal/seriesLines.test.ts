import { FixedCell } from "@mexc-live/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Disposal, LineRecord, lineOf, readLine } from "./seriesLines.js";

/** Fixed amounts of every size: a few units, the limbs' end (~4.5e30), 40 digits; either sign. */
const amount = fc
  .oneof(
    fc.bigInt({ min: -(10n ** 21n), max: 10n ** 21n }),
    fc.bigInt({ min: -(2n ** 52n * 10n ** 15n) - 5n, max: 2n ** 52n * 10n ** 15n + 5n }),
    fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
  )
  .map((value) => FixedCell.of(value));
const text = fc.string({ maxLength: 12 });

const disposal: fc.Arbitrary<Disposal> = fc.record({
  symbol: text,
  orderId: text,
  clientOrderId: text,
  time: fc.integer({ min: 0, max: 4e12 }),
  openTime: fc.option(fc.integer({ min: 0, max: 4e12 })),
  closed: amount,
  feeValue: fc.option(amount),
  amount,
  amountValue: fc.option(amount),
  avgRealized: amount,
  avgCost: amount,
  avgMoney: amount,
  fifoRealized: amount,
  fifoCost: amount,
  fifoMoney: amount,
  heldQuantity: amount,
  heldWeight: amount,
});

/** A disposal's fields with its amounts as bigints (what the trips keep). */
const values = (d: Disposal) =>
  Object.fromEntries(Object.entries(d).map(([key, value]) => [key, value instanceof FixedCell ? value.value : value]));

describe("the journal's series lines", () => {
  it("read back every field as written: texts with tabs and quotes, nulls, amounts of any size and sign", () => {
    const record = new LineRecord();
    fc.assert(
      fc.property(disposal, (d) => {
        const line = lineOf(d);
        expect(line.includes("\n")).toBe(false);
        const read = readLine(line, record);
        const { fee: _fee, valued: _valued, ...fields } = values(read);
        expect(fields).toEqual(values(d));
        expect(lineOf(read)).toBe(line);
      }),
      { numRuns: 2000 },
    );
  });
});
