/**
 * "By pair" and "by asset" are two views of one position engine (positionBook.ts): random trading
 * on two USDT pairs that ends flat, through the pair view (the figures by pair and the journal key
 * the engine by pair, fees in the cost and proceeds) and the asset view (the figures by asset and
 * the tax report key it by asset, fees apart), in all four methods. Once every position is closed
 * the views agree to the last digit: realized by pair = realized by asset - the fees paid; and the
 * tax report's gains are realized by asset (docs/figures.md).
 */
import { dec, type Fixed, fixed, type Side } from "@mexc-live/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withFill } from "../../../test/legs.js";
import type { Leg } from "../ledger/legs.js";
import { Portfolio } from "../portfolio/portfolio.js";
import { PriceBook } from "../priceBook.js";
import { type TaxLine, taxRows } from "../taxReport.js";
import { POSITION_METHODS } from "./lots.js";
import { PositionBook } from "./positionBook.js";
import { legsOf, moveLegs, type PnlFill } from "./tradeLegs.js";

const BASES = ["BTC", "ETH"] as const;
const YEAR = 2025;

const trading = fc
  .array(
    fc.record({
      pair: fc.nat(BASES.length - 1),
      buy: fc.boolean(),
      quantity: fc.integer({ min: 1, max: 90 }),
      price: fc.integer({ min: 1, max: 90_000 }),
      fee: fc.constantFrom("0", "0.01", "1.234567"),
    }),
    { minLength: 1, maxLength: 80 },
  )
  .map((steps) => {
    const fills: PnlFill[] = [];
    const held = new Map<string, Fixed>();
    const add = (base: string, side: Side, quantity: string, price: string, fee: string) => {
      const amount = dec(quantity).times(price).toFixed();
      fills.push({ symbol: `${base}USDT`, side, quantity, price, amount, fee, feeCurrency: "USDT" });
      held.set(base, (held.get(base) ?? 0n) + (side === "BUY" ? fixed(quantity) : -fixed(quantity)));
    };
    for (const step of steps) {
      const base = BASES[step.pair] as string;
      // Quantities of 3 places and prices of 2: amounts with 5 places, shares that do not divide.
      const quantity = dec(String(step.quantity)).div(7).round(3).toFixed();
      const side: Side = step.buy || (held.get(base) ?? 0n) < fixed(quantity) ? "BUY" : "SELL";
      add(base, side, quantity, dec(String(step.price)).div(100).toFixed(), step.fee);
    }
    for (const [base, quantity] of held)
      if (quantity > 0n) add(base, "SELL", dec(quantity.toString()).div("1e18").toFixed(), "123.45", "0.5");
    return fills;
  });

/** The fills as the asset view reads them (figures/ledger/ledgerCursor.ts): a USDT pair's amount is its value. */
function eventsOf(fills: readonly PnlFill[]): Leg[] {
  return fills.map((f, n) =>
    withFill({
      kind: "trade",
      time: Date.UTC(YEAR, 0, 1) + n * 60_000,
      id: `t${n}`,
      base: f.symbol.slice(0, -4),
      quote: "USDT",
      side: f.side,
      quantity: f.quantity,
      amount: f.amount,
      fee: f.fee,
      feeCurrency: f.feeCurrency,
      value: f.amount,
      feeValue: f.fee,
    }),
  );
}

describe("the pair and asset views of the position engine, random trading, every method", () => {
  it("agree once flat: realized by pair = realized by asset - fees, and the tax gains are realized by asset", () => {
    const book = new PriceBook();
    book.setMarkets(BASES.map((base) => ({ symbol: `${base}USDT`, baseAsset: base, quoteAsset: "USDT" })));
    fc.assert(
      fc.property(trading, (fills) => {
        const fees = fills.reduce((sum, f) => sum + fixed(f.fee), 0n);
        const events = eventsOf(fills);
        for (const method of POSITION_METHODS) {
          const pairs = new PositionBook(method, "uncovered");
          for (const f of fills) moveLegs(pairs, f.symbol, legsOf(f, book));
          const portfolio = new Portfolio([method]);
          for (const event of events) portfolio.apply(event);
          let byPair = 0n;
          for (const key of pairs.keys()) {
            const position = pairs.position(key);
            expect(position?.quantity.value, `${method} ${key} flat by pair`).toBe(0n);
            byPair += position?.realized.value ?? 0n;
          }
          let byAsset = 0n;
          for (const asset of portfolio.assets()) byAsset += portfolio.position(asset, method)?.realized.value ?? 0n;
          expect(byPair, `${method}: realized by pair`).toBe(byAsset - fees);
          const lines = taxRows({ events, method, year: YEAR, quote: "USDT" }).filter(
            (row): row is TaxLine => row.section === "disposal",
          );
          const gains = lines.reduce((sum, line) => sum + fixed(line.gain), 0n);
          expect(gains, `${method}: the tax report's gains`).toBe(byAsset);
        }
      }),
      { numRuns: 200 },
    );
  });
});
