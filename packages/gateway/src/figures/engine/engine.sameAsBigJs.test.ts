/**
 * The position engine's fast path (protocol's FixedCell: two doubles while a number fits, the
 * bigint once it outgrows them) against the engine written again in big.js
 * (test/bigJsFigures/positionEngine.ts), byte for byte, over random ledgers at the edges:
 * everyday fills (the limbs and their long division), 40-digit amounts and huge quantities (past
 * the limbs: fixed.ts's bigints), tiny prices (1e-12 and below: 18-place money), every method,
 * fees in base, quote and a third asset, lots taken in part, sales past what is held (short by
 * asset, uncovered by pair), money unknown, and a position restored from its checkpoint midway.
 */
import { type Decimal, dec, exact, FixedCell, type FixedRead } from "@mexc-live/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { legsOf as bigJsLegsOf } from "../../../test/bigJsFigures/costBasis/tradeLegs.js";
import { BigJsPosition, read } from "../../../test/bigJsFigures/positionEngine.js";
import { withFill } from "../../../test/legs.js";
import type { TradeLeg } from "../ledger/legs.js";
import { Portfolio } from "../portfolio/portfolio.js";
import { PriceBook } from "../priceBook.js";
import { POSITION_METHODS } from "./lots.js";
import { type Overreach, Position } from "./position.js";
import { PositionBook } from "./positionBook.js";
import { legsOf, moveLegs, type PnlFill } from "./tradeLegs.js";

/** `whole` and `places` places of `fraction`, as a plain decimal. */
function decimalText(whole: bigint, places: number, fraction: bigint): string {
  if (places === 0) return String(whole);
  return `${whole}.${String(fraction % 10n ** BigInt(places)).padStart(places, "0")}`;
}

const decimal = (wholes: [bigint, bigint], places: [number, number]) =>
  fc
    .tuple(
      fc.bigInt({ min: wholes[0], max: wholes[1] }),
      fc.integer({ min: places[0], max: places[1] }),
      fc.bigInt({ min: 0n, max: 10n ** 18n }),
    )
    .map(([whole, p, fraction]) => decimalText(whole, p, fraction));

/** Quantities: a fill's (up to a million units, 8 places), dust, and up to 40 digits (22 whole, 18 places). */
const quantity = fc.oneof(
  { weight: 6, arbitrary: decimal([0n, 10n ** 6n], [0, 8]) },
  { weight: 1, arbitrary: decimal([0n, 0n], [8, 18]) },
  { weight: 2, arbitrary: decimal([10n ** 12n, 10n ** 22n], [0, 18]) },
);

/** Prices: a market's (8 places), tiny (1e-12 and below, to 18 places), and huge. */
const price = fc.oneof(
  { weight: 5, arbitrary: decimal([0n, 100_000n], [0, 8]) },
  { weight: 2, arbitrary: decimal([0n, 0n], [12, 18]) },
  { weight: 1, arbitrary: decimal([1_000_000n, 10n ** 12n], [0, 4]) },
);

/** price x quantity, as a fill's amount: exact to 18 places, then rounded as the engine reads it. */
const amountOf = (p: string, q: string) => exact(read(dec(p).times(q)));

const step = fc.record({
  sell: fc.boolean(),
  quantity,
  price,
  /** Or exactly what is held (a position made flat), or half of it (a share on a tie at the 19th place). */
  of: fc.constantFrom("quantity", "quantity", "quantity", "quantity", "all", "half"),
  unknown: fc.nat(14).map((n) => n === 0),
});

/** A cell's representation: the limbs, or the bigint it outgrew them into. */
const representations = new Set<"limbs" | "bigint">();
const seen = (...cells: FixedRead[]) => {
  for (const cell of cells) representations.add(cell.big === undefined ? "limbs" : "bigint");
};

const OVERREACHES: readonly Overreach[] = ["short", "uncovered"];

describe("the position engine in fixed-point cells equals the engine in big.js, byte for byte", () => {
  it("moves at the edges, every method, short and uncovered, restored midway from a checkpoint", () => {
    representations.clear();
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), fc.nat(60), (steps, cut) => {
        for (const method of POSITION_METHODS)
          for (const overreach of OVERREACHES) {
            let position = new Position(method, overreach);
            const reference = new BigJsPosition(method, overreach);
            steps.forEach((s, i) => {
              if (i === cut) position = new Position(method, overreach, JSON.parse(JSON.stringify(position.save())));
              const held = reference.quantity.abs();
              const units =
                s.of === "quantity" || held.eq(0) ? s.quantity : exact(read(s.of === "all" ? held : held.div(2)));
              const signed = s.sell ? `-${units}` : units;
              const money = s.unknown ? null : amountOf(s.price, units);
              const realized = position.move(FixedCell.parse(signed), money === null ? null : FixedCell.parse(money));
              const expected = reference.move(read(signed), money === null ? null : read(money));
              const where = `${method} ${overreach} move ${i}: ${signed} for ${money}`;
              expect(realized.text(), where).toBe(exact(expected));
              expect([position.closed.text(), position.closedMoney.text(), position.closedCost.text()], where).toEqual([
                exact(reference.closed),
                exact(reference.closedMoney),
                exact(reference.closedCost),
              ]);
              expect(position.save(), where).toEqual(reference.save());
              seen(position.quantity, position.cost, position.realized);
            });
          }
      }),
      { numRuns: 120 },
    );
    // Both paths ran: numbers in the limbs, and numbers past them.
    expect([...representations].sort()).toEqual(["bigint", "limbs"]);
  });

  it("by pair: fills with fees in base, quote and a third asset, their legs moved, every method", () => {
    const book = new PriceBook();
    book.setMarkets([
      { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
      { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" },
    ]);
    const fill = fc.record({
      sell: fc.boolean(),
      quantity,
      price,
      /** The source left the amount at zero: price x quantity. */
      zeroAmount: fc.nat(9).map((n) => n === 0),
      fee: fc.constantFrom("USDT", "BTC", "MX", ""),
      feeAmount: fc.oneof(decimal([0n, 10n], [0, 8]), quantity),
      feePairValue: fc.option(price, { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(fill, { minLength: 1, maxLength: 60 }), (steps) => {
        const fills: PnlFill[] = steps.map((s) => ({
          symbol: "BTCUSDT",
          side: s.sell ? "SELL" : "BUY",
          price: s.price,
          quantity: s.quantity,
          amount: s.zeroAmount ? "0" : amountOf(s.price, s.quantity),
          fee: s.fee === "" ? "0" : s.feeAmount,
          feeCurrency: s.fee,
          feePairValue: s.feePairValue,
        }));
        for (const method of POSITION_METHODS) {
          const positions = new PositionBook(method, "uncovered");
          const reference = new BigJsPosition(method, "uncovered");
          fills.forEach((f, i) => {
            const realized = moveLegs(positions, f.symbol, legsOf(f, book));
            const legs = bigJsLegsOf(f, book);
            const expected =
              legs.side === "SELL"
                ? reference.move(read(legs.quantity.times(-1)), read(legs.proceeds))
                : legs.quantity.gt(0)
                  ? reference.move(read(legs.quantity), read(legs.cost))
                  : read("0");
            const where = `${method} fill ${i}: ${JSON.stringify(f)}`;
            expect(realized.text(), where).toBe(exact(expected));
            expect(positions.position(f.symbol)?.save(), where).toEqual(reference.save());
          });
        }
      }),
      { numRuns: 120 },
    );
  });

  it("by asset: trades of three assets going short, fees in base, quote and a third asset, every method", () => {
    const PAIRS = [
      ["BTC", "USDT"],
      ["ETH", "BTC"],
      ["MX", "USDT"],
    ] as const;
    const trade = fc.record({
      pair: fc.nat(PAIRS.length - 1),
      sell: fc.boolean(),
      quantity,
      price,
      fee: fc.constantFrom("base", "quote", "MX", "none"),
      feeAmount: fc.oneof(decimal([0n, 10n], [0, 8]), quantity),
      value: fc.option(price, { nil: null, freq: 8 }),
      feeValue: fc.option(price, { nil: null, freq: 8 }),
    });
    fc.assert(
      fc.property(fc.array(trade, { minLength: 1, maxLength: 60 }), (steps) => {
        const legs: TradeLeg[] = steps.map((s, n) => {
          const [base, quote] = PAIRS[s.pair] as readonly [string, string];
          const amount = amountOf(s.price, s.quantity);
          const feeCurrency = { base, quote, MX: "MX", none: "" }[s.fee];
          return withFill({
            kind: "trade",
            time: Date.UTC(2025, 0, 1) + n * 60_000,
            id: `t${n}`,
            base,
            quote,
            side: s.sell ? "SELL" : "BUY",
            quantity: s.quantity,
            amount,
            fee: feeCurrency === "" ? "0" : s.feeAmount,
            feeCurrency,
            // The trade's value in USDT: its amount for a USDT pair, else at a price of its own.
            value: quote === "USDT" ? amount : s.value === null ? null : amountOf(s.value, amount),
            feeValue: s.feeValue === null ? null : amountOf(s.feeValue, s.feeAmount),
          });
        });
        for (const method of POSITION_METHODS) {
          const portfolio = new Portfolio([method]);
          const reference = new Map<string, BigJsPosition>();
          const move = (asset: string, units: Decimal, money: string | null) => {
            let position = reference.get(asset);
            if (position === undefined) {
              position = new BigJsPosition(method, "short");
              reference.set(asset, position);
            }
            position.move(units, money === null ? null : read(money));
          };
          legs.forEach((leg, i) => {
            portfolio.apply(leg);
            const buy = leg.side === "BUY";
            move(leg.base, buy ? read(leg.quantity) : read(leg.quantity).times(-1), leg.value);
            move(leg.quote, buy ? read(leg.amount).times(-1) : read(leg.amount), leg.value);
            if (read(leg.fee).gt(0) && leg.feeCurrency !== "")
              move(leg.feeCurrency, read(leg.fee).times(-1), leg.feeValue);
            for (const [asset, expected] of reference)
              expect(portfolio.position(asset, method)?.save(), `${method} ${asset} after trade ${i}`).toEqual(
                expected.save(),
              );
          });
        }
      }),
      { numRuns: 100 },
    );
  });
});
