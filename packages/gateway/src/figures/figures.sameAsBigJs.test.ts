import type { OpeningPosition } from "@mexc-live/contract";
import { DAY_MS } from "@mexc-live/protocol";
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

/** A state as JSON, its version aside (the big.js figures are the engine of before the one loop). */
function stateOf(figures: { checkpoint(): object }): string {
  return JSON.stringify({ ...figures.checkpoint(), version: 0 });
}

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
        expect(stateOf(now)).toBe(stateOf(before));
        for (const method of ["avg", "fifo"] as const) expect(now.pnl(method)).toEqual(before.pnl(method));
        expect(now.fees()).toEqual(before.fees());
        expect(now.volume()).toEqual(before.volume());
        expect(now.volume({ tz: "Asia/Tokyo" })).toEqual(before.volume({ tz: "Asia/Tokyo" }));
      }),
      { numRuns: 150 },
    );
  });

  it("a checkpoint row and its volume's day rows, taken up, carry on to big.js's figures", () => {
    fc.assert(
      fc.property(history, fc.nat(), (fills, cut) => {
        // A checkpoint is taken at a day's start: the split is before the first fill of a day.
        const dayOf = (fill: (typeof fills)[number]) => Math.floor(fill.time / DAY_MS) * DAY_MS;
        let split = cut % (fills.length + 1);
        while (split > 0 && split < fills.length && dayOf(fills[split - 1]!) === dayOf(fills[split]!)) split--;
        const before = new BigJsFigures(book());
        const saved = new Figures(book());
        before.replay(fills.slice(0, split));
        saved.replay(fills.slice(0, split));
        const days = [...new Set(fills.slice(0, split).map(dayOf))];
        const rows = days.map((day) => saved.endDay(day) ?? "");
        const now = new Figures(book());
        const resume = {
          day: 0,
          live: undefined,
          series: () => rows,
          seriesInPool: async function* () {
            yield* rows;
          },
        };
        expect(now.restore(saved.save(), resume)).toBe(true);
        now.replay(fills.slice(split));
        before.replay(fills.slice(split));
        expect(stateOf(now)).toBe(stateOf(before));
      }),
      { numRuns: 100 },
    );
  });
});
