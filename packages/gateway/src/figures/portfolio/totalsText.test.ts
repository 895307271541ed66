import { FixedCell } from "@mexc-live/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextBytes } from "../engine/textBytes.js";
import { type AssetTotals, writeTotals } from "./portfolio.js";
import { totalsOfText } from "./totalsText.js";

const out = new TextBytes();
/** A mark's text as writeTotals writes the totals' amounts. */
function totalsText(t: AssetTotals): string {
  const amounts = [t.quantity, t.cost.avg, t.cost.fifo, t.realized.avg, t.realized.fifo, t.fees, t.deposits]
    .concat([t.withdrawals, t.transfers, t.traded])
    .map((value) => FixedCell.of(value));
  writeTotals(out, amounts, (t.costUnknown.avg ? 1 : 0) + (t.costUnknown.fifo ? 2 : 0), t.unpriced);
  const text = out.textOf(0, out.length);
  out.length = 0;
  return text;
}

/** Fixed-point amounts of either sign, up to 30 integer digits. */
const amount = fc.bigInt({ min: -(10n ** 48n), max: 10n ** 48n });
const byMethod = <T>(value: fc.Arbitrary<T>) => fc.record({ avg: value, fifo: value });
const totals: fc.Arbitrary<AssetTotals> = fc.record({
  quantity: amount,
  cost: byMethod(amount),
  realized: byMethod(amount),
  costUnknown: byMethod(fc.boolean()),
  fees: amount,
  deposits: amount,
  withdrawals: amount,
  transfers: amount,
  traded: amount,
  unpriced: fc.nat(),
});

describe("a portfolio mark as text", () => {
  it("reads back every total it wrote, exactly", () => {
    fc.assert(
      fc.property(totals, (t) => {
        expect(totalsOfText(totalsText(t))).toEqual(t);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses a mark it did not write (an older version's JSON, a cut line, a word), naming it", () => {
    const json = '{"q":"0","cost":{"avg":"0","fifo":"0"},"realized":{"avg":"1","fifo":"1"},"unpriced":0}';
    expect(() => totalsOfText(json)).toThrow(/portfolio mark/);
    expect(() => totalsOfText("1 2 3")).toThrow(/portfolio mark/);
    expect(() => totalsOfText("1 2 3 4 5 6 7 8 9 10 4 0")).toThrow(/portfolio mark/);
    expect(() => totalsOfText("1 2 3 4 5 6 7 8  10 0 0")).toThrow(/portfolio mark/);
    expect(() => totalsOfText("1 2 3 4 5 6 7 8 9 1e5 0 0")).toThrow(/portfolio mark/);
    expect(() => totalsOfText("1 2 3 4 5 6 7 8 9 ten 0 0")).toThrow(/portfolio mark/);
  });
});
