/**
 * The figures by pair: the position engine keyed by pair, fed a fill's legs (tradeLegs.ts), a sale
 * past what is held "uncovered". Average cost and FIFO worked by hand, and property-tested.
 */
import { type Decimal, dec, FixedCell, fixedDecimal, type Side } from "@mexc-live/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PriceBook } from "../priceBook.js";
import { PositionBook } from "./positionBook.js";
import { legsOf, moveLegs, type PnlFill } from "./tradeLegs.js";

/** A fill applied to the pair's position as the figures by pair apply it; the PnL it realized. */
function applyFill(positions: PositionBook, book: PriceBook, f: PnlFill): bigint {
  return moveLegs(positions, f.symbol, legsOf(f, book)).value;
}

function setup(method: "avg" | "fifo", markets = true) {
  const book = new PriceBook();
  if (markets) {
    book.setMarkets([
      { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
      { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" },
    ]);
  }
  const positions = new PositionBook(method, "uncovered");
  const view = () => {
    const p = positions.position("BTCUSDT");
    if (!p) return undefined;
    const quantity = fixedDecimal(p.quantity.value);
    return {
      position: quantity.toFixed(),
      averageCost: quantity.eq(0) ? "0" : fixedDecimal(p.cost.value).div(quantity).round(18).toFixed(),
      realized: fixedDecimal(p.realized.value).round(18).toFixed(),
    };
  };
  const apply = (f: PnlFill) => applyFill(positions, book, f);
  return { positions, view, apply };
}

/** A BTCUSDT fill: side, quantity @ price (amount exact), optional fee. */
function fill(
  side: Side,
  quantity: string,
  price: string,
  fee = "0",
  feeCurrency = "USDT",
  feePairValue?: string,
): PnlFill {
  const amount = dec(quantity).times(dec(price)).toFixed();
  return { symbol: "BTCUSDT", side, quantity, price, amount, fee, feeCurrency, feePairValue: feePairValue ?? null };
}

/** Worked by hand: the same fills, what average cost and FIFO make of them. */
const CASES: {
  name: string;
  fills: PnlFill[];
  open?: [string, string];
  avg: Record<string, string>;
  fifo: Record<string, string>;
}[] = [
  {
    name: "buy 1 @100, buy 1 @200, sell 1 @180",
    fills: [fill("BUY", "1", "100"), fill("BUY", "1", "200"), fill("SELL", "1", "180")],
    // average cost 150: 180 - 150; FIFO sells the 100 lot: 180 - 100, the 200 lot stays
    avg: { realized: "30", position: "1", averageCost: "150" },
    fifo: { realized: "80", position: "1", averageCost: "200" },
  },
  {
    name: "fees in the quote asset: on the cost of a buy, off the proceeds of a sell",
    fills: [fill("BUY", "1", "100", "0.1"), fill("BUY", "1", "200", "0.2"), fill("SELL", "1", "180", "0.18")],
    // avg: 300.3 / 2 = 150.15; 179.82 - 150.15. FIFO: 179.82 - 100.1; the 200.2 lot stays
    avg: { realized: "29.67", position: "1", averageCost: "150.15" },
    fifo: { realized: "79.72", position: "1", averageCost: "200.2" },
  },
  {
    name: "a fee in the base asset: less quantity received; on a sell, it leaves with no proceeds",
    fills: [fill("BUY", "1", "100", "0.001", "BTC"), { ...fill("SELL", "0.5", "110", "0.01", "BTC") }],
    // 0.999 BTC for 100; the sell takes 0.51 at 100/0.999 each for 55
    avg: { realized: "3.948948948948948949", position: "0.489", averageCost: "100.1001001001001001" },
    fifo: { realized: "3.948948948948948949", position: "0.489", averageCost: "100.1001001001001001" },
  },
  {
    name: "a fee in MX, valued at fill time, on the cost of a buy and off the proceeds of a sell",
    fills: [fill("BUY", "1", "100", "0.5", "MX", "1"), fill("SELL", "1", "120", "0.3", "MX", "0.6")],
    avg: { realized: "18.4", position: "0", averageCost: "0" },
    fifo: { realized: "18.4", position: "0", averageCost: "0" },
  },
  {
    name: "a partial sell across two lots",
    fills: [fill("BUY", "1", "100"), fill("BUY", "2", "130"), fill("SELL", "2", "150")],
    // avg: 360 / 3 = 120 each: 300 - 240. FIFO: 300 - (100 + 130); 1 @130 stays
    avg: { realized: "60", position: "1", averageCost: "120" },
    fifo: { realized: "70", position: "1", averageCost: "130" },
  },
  {
    name: "a sell beyond the known position realizes only the covered part; with nothing held, nothing",
    fills: [fill("BUY", "1", "100"), fill("SELL", "2", "150"), fill("SELL", "1", "150")],
    avg: { realized: "50", position: "0", averageCost: "0" },
    fifo: { realized: "50", position: "0", averageCost: "0" },
  },
  {
    name: "an opening position is the oldest lot, at its given cost",
    open: ["0.5", "45"],
    fills: [fill("BUY", "0.5", "120"), fill("SELL", "0.5", "100")],
    // avg: (45 + 60) / 1 = 105 a unit: 50 - 52.5. FIFO: the opening lot (90 a unit) goes first: 50 - 45
    avg: { realized: "-2.5", position: "0.5", averageCost: "105" },
    fifo: { realized: "5", position: "0.5", averageCost: "120" },
  },
];

describe("cost basis: average cost and FIFO, worked by hand", () => {
  for (const method of ["avg", "fifo"] as const) {
    for (const c of CASES) {
      it(`${method}: ${c.name}`, () => {
        const { positions, view, apply } = setup(method);
        if (c.open) positions.move("BTCUSDT", FixedCell.parse(c.open[0]), FixedCell.parse(c.open[1]));
        for (const f of c.fills) apply(f);
        expect(view()).toEqual(c[method]);
      });
    }
  }

  it("tells base from quote by the symbol's spelling when the symbol list is missing", () => {
    for (const method of ["avg", "fifo"] as const) {
      const { view, apply } = setup(method, false);
      apply(fill("BUY", "1", "100", "0.001", "BTC"));
      expect(view()?.position).toBe("0.999");
    }
  });

  it("gives each sell's disposal: quantity, proceeds, cost and gain", () => {
    const { positions, apply } = setup("fifo");
    apply(fill("BUY", "1", "100"));
    apply(fill("BUY", "2", "130"));
    const gain = apply(fill("SELL", "2", "150", "0.3"));
    const p = positions.positionOf("BTCUSDT");
    expect([p.closed.text(), p.closedMoney.text(), p.closedCost.text(), FixedCell.of(gain).text()]).toEqual([
      "2",
      "299.7",
      "230",
      "69.7",
    ]);
  });
});

/** Random trading that ends flat: buys and sells of whole lots, then a sell of what is left. */
const trading = fc
  .array(
    fc.record({
      buy: fc.boolean(),
      quantity: fc.integer({ min: 1, max: 50 }),
      price: fc.integer({ min: 1, max: 1_000 }),
      fee: fc.constantFrom("0", "0.05", "0.001BTC", "0.01MX"),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map((steps) => {
    const fills: PnlFill[] = [];
    let held = dec("0");
    for (const step of steps) {
      const quantity = dec(String(step.quantity)).div(10);
      const [fee, currency] = step.fee.endsWith("BTC")
        ? ["0.001", "BTC"]
        : step.fee.endsWith("MX")
          ? ["0.01", "MX"]
          : [step.fee, "USDT"];
      const side: Side = step.buy || held.lt(quantity.plus(currency === "BTC" ? fee : "0")) ? "BUY" : "SELL";
      const f = fill(
        side,
        quantity.toFixed(),
        String(step.price),
        fee,
        currency,
        currency === "MX" ? "0.02" : undefined,
      );
      fills.push(f);
      held =
        side === "BUY"
          ? held.plus(quantity).minus(currency === "BTC" ? fee : 0)
          : held.minus(quantity).minus(currency === "BTC" ? fee : 0);
    }
    if (held.gt(0)) fills.push(fill("SELL", held.toFixed(), "500"));
    return fills;
  });

describe("the two methods, property-tested", () => {
  it("agree on the total realized PnL once every position is closed", () => {
    fc.assert(
      fc.property(trading, (fills) => {
        const totals: Decimal[] = [];
        for (const method of ["avg", "fifo"] as const) {
          const { positions, apply } = setup(method);
          for (const f of fills) apply(f);
          const p = positions.position("BTCUSDT");
          expect(p?.quantity.value).toBe(0n);
          totals.push(fixedDecimal(p?.realized.value ?? 0n));
        }
        // Exact but for the last of the 18 places each share is rounded to (at most one unit a fill).
        expect(
          totals[0]
            ?.minus(totals[1] ?? "0")
            .abs()
            .lte(dec(String(fills.length)).times("1e-18")),
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
