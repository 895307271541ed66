import { FixedCell } from "@mexc-live/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextBytes } from "../engine/textBytes.js";
import { type Disposal, LineRecord, readLine, writeLine } from "./seriesLines.js";

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

const out = new TextBytes();
const decoder = new TextDecoder();
/** A disposal's series line, as the row's text holds it. */
const lineOf = (d: Disposal): string => {
  writeLine(d, out);
  return decoder.decode(out.take());
};

describe("the journal's series lines", () => {
  it("are the fields tab-separated, amounts as their integer, nulls empty, a text with a tab as JSON", () => {
    const cell = (value: bigint) => FixedCell.of(value);
    const line = lineOf({
      symbol: "BTCUSDT",
      orderId: "C02__1\t2",
      clientOrderId: "grid-ü",
      time: 1_793_366_099_000,
      openTime: null,
      closed: cell(-1_500_000_000_000_000_000n),
      feeValue: null,
      amount: cell(97_000_120_000_000_000_000_000n),
      amountValue: cell(10n ** 40n),
      avgRealized: cell(0n),
      avgCost: cell(-1n),
      avgMoney: cell(1_000_000_000_000_000n),
      fifoRealized: cell(999_999_999_999_999n),
      fifoCost: cell(-(2n ** 52n) * 10n ** 15n - 1n),
      fifoMoney: cell(123n),
      heldQuantity: cell(5n * 10n ** 17n),
      heldWeight: cell(86_400_000n * 10n ** 18n),
    });
    expect(line).toBe(
      [
        "BTCUSDT",
        '"C02__1\\t2"',
        "grid-ü",
        "1793366099000",
        "",
        "-1500000000000000000",
        "",
        "97000120000000000000000",
        String(10n ** 40n),
        "0",
        "-1",
        "1000000000000000",
        "999999999999999",
        String(-(2n ** 52n) * 10n ** 15n - 1n),
        "123",
        "500000000000000000",
        "86400000000000000000000000",
      ].join("\t"),
    );
  });

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
