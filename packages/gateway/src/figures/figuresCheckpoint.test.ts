import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { twoPairs as book } from "../../test/randomHistory.js";
import { Figures, type ValuedFillItem } from "./figures.js";

/** Random fills over a few weeks, in the store's order (time, then trade id). */
const fills = fc
  .array(
    fc.record({
      symbol: fc.constantFrom("BTCUSDT", "ETHBTC"),
      buy: fc.boolean(),
      quantity: fc.integer({ min: 1, max: 40 }),
      price: fc.integer({ min: 1, max: 900 }),
      gap: fc.integer({ min: 0, max: 3 * 86_400_000 }),
      fee: fc.constantFrom<[string, string]>(["0", "USDT"], ["0.01", "MX"], ["0.001", "BTC"], ["0.02", "ETH"]),
    }),
    { minLength: 1, maxLength: 80 },
  )
  .map((steps) => {
    let time = Date.UTC(2025, 2, 1);
    return steps.map((step, i): ValuedFillItem => {
      time += step.gap;
      const quantity = (step.quantity / 10).toString();
      const amount = ((step.quantity * step.price) / 10).toString();
      return {
        tradeId: `t${String(i).padStart(4, "0")}`,
        orderId: `o${i}`,
        symbol: step.symbol,
        side: step.buy ? "BUY" : "SELL",
        price: String(step.price),
        quantity,
        amount,
        fee: step.fee[0],
        feeCurrency: step.fee[1],
        feeValue: step.fee[0] === "0" ? "0" : "0.5",
        isMaker: false,
        time,
        source: "rest",
        feePairValue: step.fee[1] === "MX" ? "0.02" : null,
        amountValue: step.symbol === "ETHBTC" ? String(Number(amount) * 60_000) : amount,
      };
    });
  });

describe("checkpoints", () => {
  it("a checkpoint taken anywhere, saved as JSON and replayed from, equals a full replay", () => {
    fc.assert(
      fc.property(fills, fc.nat(), (all, cut) => {
        const split = cut % (all.length + 1);
        const full = new Figures(book());
        full.replay(all);

        const before = new Figures(book());
        before.replay(all.slice(0, split));
        const saved = JSON.parse(JSON.stringify(before.save()));
        const resumed = new Figures(book());
        expect(resumed.restore(saved)).toBe(true);
        resumed.replay(all.slice(split));

        expect(resumed.save()).toEqual(full.save());
        for (const method of ["avg", "fifo"] as const) {
          expect(resumed.pnl(method)).toEqual(full.pnl(method));
        }
        expect(resumed.fees()).toEqual(full.fees());
        expect(resumed.volume()).toEqual(full.volume());
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a state another version wrote", () => {
    const figures = new Figures(book());
    expect(figures.restore({ ...figures.save(), version: 99 } as never)).toBe(false);
  });
});
