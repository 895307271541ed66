import type { OpeningPosition } from "@mexc-live/contract";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Figures as BigJsFigures } from "../../test/bigJsFigures/figures.js";
import { amount, twoPairs as book, history } from "../../test/randomHistory.js";
import { Figures } from "./figures.js";

const openings = fc.array(
  fc.record({
    asset: fc.constantFrom("BTC", "ETH"),
    quantity: amount,
    costPrice: fc.option(amount, { nil: null }),
  }),
  { maxLength: 2 },
);

describe("the figures by pair in bigints equal big.js's, byte for byte", () => {
  it("a rebuild of a random history (average cost and FIFO, fees in base, quote and a third asset) gives the same figures", () => {
    fc.assert(
      fc.property(history, openings, (fills, opened) => {
        const positions: OpeningPosition[] = opened.map((o) => ({
          asset: o.asset,
          quantity: o.quantity,
          time: 0,
          costPrice: o.costPrice,
          source: "user",
          quote: o.asset === "BTC" ? "USDT" : "BTC",
        }));
        const now = new Figures(book());
        const before = new BigJsFigures(book());
        now.rebuild(fills, positions);
        before.rebuild(fills, positions);
        expect(JSON.stringify(now.checkpoint())).toBe(JSON.stringify(before.checkpoint()));
        // The checkpoint's text, written from the days' texts kept: the same bytes.
        expect(now.checkpointText()).toBe(JSON.stringify(before.checkpoint()));
        for (const method of ["avg", "fifo"] as const) expect(now.pnl(method)).toEqual(before.pnl(method));
        expect(now.fees()).toEqual(before.fees());
        expect(now.volume()).toEqual(before.volume());
        expect(now.volume({ tz: "Asia/Tokyo" })).toEqual(before.volume({ tz: "Asia/Tokyo" }));
      }),
      { numRuns: 150 },
    );
  });

  it("a state big.js's figures saved is taken up and carried on to the same figures", () => {
    fc.assert(
      fc.property(history, fc.nat(), (fills, cut) => {
        const split = cut % (fills.length + 1);
        const before = new BigJsFigures(book());
        before.replay(fills.slice(0, split));
        const now = new Figures(book());
        expect(now.restore(JSON.parse(JSON.stringify(before.checkpoint())))).toBe(true);
        now.checkpointText();
        now.replay(fills.slice(split));
        before.replay(fills.slice(split));
        expect(JSON.stringify(now.checkpoint())).toBe(JSON.stringify(before.checkpoint()));
        // Days changed since the last text are written again.
        expect(now.checkpointText()).toBe(JSON.stringify(before.checkpoint()));
      }),
      { numRuns: 100 },
    );
  });
});
