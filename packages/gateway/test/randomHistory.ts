/**
 * Random fill histories for the figures' property tests (fast-check): buys and sells of BTCUSDT
 * and ETHBTC in the store's order, fees in base, quote and MX, valued or not.
 */
import fc from "fast-check";
import type { ValuedFillItem } from "../src/figures/figures.js";
import { PriceBook } from "../src/figures/priceBook.js";

export function twoPairs(): PriceBook {
  const b = new PriceBook();
  b.setMarkets([
    { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
    { symbol: "ETHBTC", baseAsset: "ETH", quoteAsset: "BTC" },
    { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" },
  ]);
  return b;
}

/** A decimal of up to 8 places with digits that divide badly (3, 7, 9...), as MEXC sends them. */
export const amount = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 99_999_999 }))
  .map(([whole, places, fraction]) =>
    places === 0 ? String(whole) : `${whole}.${String(fraction % 10 ** places).padStart(places, "0")}`,
  );

/** Random fills in the store's order: buys and sells of two pairs, fees in base, quote and MX, valued or not. */
export const history = fc
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
