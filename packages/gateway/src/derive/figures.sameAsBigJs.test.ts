import type { OpeningPosition } from "@mexc-live/contract";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Figures as BigJsFigures } from "../../test/bigJsFigures/figures.js";
import { Figures, type ValuedFillItem } from "./figures.js";
import { PriceBook } from "./priceBook.js";

function book(): PriceBook {
  const b = new PriceBook();
  b.setMarkets([
    { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
    { symbol: "ETHBTC", baseAsset: "ETH", quoteAsset: "BTC" },
    { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" },
  ]);
  return b;
}

/** A decimal of up to 8 places with digits that divide badly (3, 7, 9...), as MEXC sends them. */
const amount = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 99_999_999 }))
  .map(([whole, places, fraction]) =>
    places === 0 ? String(whole) : `${whole}.${String(fraction % 10 ** places).padStart(places, "0")}`,
  );

/** Random fills in the store's order: buys and sells of two pairs, fees in base, quote and MX, valued or not. */
const history = fc
  .array(
    fc.record({
      symbol: fc.constantFrom("BTCUSDT", "ETHBTC"),
      buy: fc.boolean(),
      quantity: amount,
      price: amount,
      zeroAmount: fc.boolean(),
      gap: fc.integer({ min: 0, max: 2 * 86_400_000 }),
      fee: fc.constantFrom("quote", "base", "MX", "none"),
      feeAmount: amount,
      feeValue: fc.option(amount, { nil: null }),
      feePairValue: fc.option(amount, { nil: null }),
      amountValue: fc.option(amount, { nil: null }),
    }),
    { minLength: 1, maxLength: 300 },
  )
  .map((steps) => {
    let time = Date.UTC(2025, 2, 1);
    return steps.map((step, i): ValuedFillItem => {
      time += step.gap;
      const [base, quote] = step.symbol === "BTCUSDT" ? ["BTC", "USDT"] : ["ETH", "BTC"];
      const feeCurrency = { quote, base, MX: "MX", none: "" }[step.fee] as string;
      return {
        tradeId: `t${String(i).padStart(4, "0")}`,
        orderId: `o${i}`,
        symbol: step.symbol,
        side: step.buy ? "BUY" : "SELL",
        price: step.price,
        quantity: step.quantity,
        // Now and then "0": the books take price x quantity then.
        amount: step.zeroAmount ? "0" : (Number(step.price) * Number(step.quantity)).toFixed(6),
        fee: step.fee === "none" ? "0" : step.feeAmount,
        feeCurrency,
        feeValue: step.feeValue,
        isMaker: false,
        time,
        source: "rest",
        feePairValue: step.feePairValue,
        amountValue: step.amountValue,
      };
    });
  });

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
        expect(JSON.stringify(now.save())).toBe(JSON.stringify(before.save()));
        // The checkpoint's text, written from the days' texts kept: the same bytes.
        expect(now.saveText()).toBe(JSON.stringify(before.save()));
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
        expect(now.restore(JSON.parse(JSON.stringify(before.save())))).toBe(true);
        now.saveText();
        now.replay(fills.slice(split));
        before.replay(fills.slice(split));
        expect(JSON.stringify(now.save())).toBe(JSON.stringify(before.save()));
        // Days changed since the last text are written again.
        expect(now.saveText()).toBe(JSON.stringify(before.save()));
      }),
      { numRuns: 100 },
    );
  });
});
