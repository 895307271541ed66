import { Decimal, fixedText } from "@mexc-live/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withFill } from "../../../test/legs.js";
import type { Leg } from "../ledger/legs.js";
import { bridgeOf, type Reading } from "./bridge.js";
import { type AssetTotals, Portfolio } from "./portfolio.js";

const PRICES: Record<string, (time: number) => Decimal> = {
  USDT: () => new Decimal(1),
  BTC: (time) => new Decimal(60_000 + ((time * 7919) % 9_000)),
  ETH: (time) => new Decimal(3_000 + ((time * 104_729) % 700)),
  MX: (time) => new Decimal("3.1").plus(new Decimal((time * 31) % 50).div(100)),
};
const PAIRS = [
  ["BTC", "USDT"],
  ["ETH", "USDT"],
  ["ETH", "BTC"],
  ["MX", "USDT"],
] as const;

const qty = (n: number) => new Decimal(n).div(1000);

/** A random history: trades on four pairs (fees in base, quote or MX), deposits, withdrawals, transfers, a conversion. */
const history = fc
  .array(
    fc.oneof(
      fc.record({
        kind: fc.constant("trade" as const),
        pair: fc.integer({ min: 0, max: PAIRS.length - 1 }),
        buy: fc.boolean(),
        size: fc.integer({ min: 1, max: 2_000 }),
        fee: fc.integer({ min: 0, max: 2 }),
        feeIn: fc.constantFrom("base", "quote", "MX"),
      }),
      fc.record({
        kind: fc.constant("flow" as const),
        asset: fc.constantFrom("USDT", "BTC", "ETH", "MX"),
        category: fc.constantFrom("deposits", "withdrawals", "transfers"),
        size: fc.integer({ min: 1, max: 5_000 }),
        out: fc.boolean(),
        priced: fc.boolean(),
      }),
      fc.record({ kind: fc.constant("conversion" as const), size: fc.integer({ min: 1, max: 500 }) }),
    ),
    { minLength: 1, maxLength: 60 },
  )
  .map((steps) =>
    steps.map((step, index): Leg => {
      const time = 1_000 + index * 100;
      const id = String(index);
      if (step.kind === "trade") {
        const [base, quote] = PAIRS[step.pair] as readonly [string, string];
        const quantity = qty(step.size);
        const price = (PRICES[base] as (t: number) => Decimal)(time).div(
          (PRICES[quote] as (t: number) => Decimal)(time),
        );
        const amount = quantity.times(price).round(8);
        const feeCurrency = step.feeIn === "base" ? base : step.feeIn === "quote" ? quote : "MX";
        const fee = qty(step.fee);
        const quoteRate = (PRICES[quote] as (t: number) => Decimal)(time);
        return withFill({
          kind: "trade",
          time,
          id,
          base,
          quote,
          side: step.buy ? "BUY" : "SELL",
          quantity: quantity.toFixed(),
          amount: amount.toFixed(),
          fee: fee.toFixed(),
          feeCurrency,
          value: amount.times(quoteRate).round(18).toFixed(),
          feeValue: fee
            .times((PRICES[feeCurrency] as (t: number) => Decimal)(time))
            .round(18)
            .toFixed(),
        });
      }
      if (step.kind === "flow") {
        const price = (PRICES[step.asset] as (t: number) => Decimal)(time);
        return {
          kind: "flow",
          time,
          id,
          category: step.category as "deposits" | "withdrawals" | "transfers",
          asset: step.asset,
          direction: step.out ? "out" : "in",
          amount: qty(step.size).toFixed(),
          fee: step.out ? "0.001" : "0",
          price: step.priced || step.asset === "USDT" ? price.toFixed() : null,
        };
      }
      return {
        kind: "conversion",
        time,
        id,
        gave: [
          { asset: "ETH", amount: qty(step.size).div(100).toFixed(), price: PRICES.ETH!(time).toFixed() },
          { asset: "BTC", amount: qty(step.size).div(10_000).toFixed(), price: PRICES.BTC!(time).toFixed() },
        ],
        got: { asset: "MX", amount: qty(step.size).times(3).toFixed() },
      };
    }),
  );

/** A portfolio fed the openings and the events before `time`, read then at the prices of `time`. */
function readingAt(events: readonly Leg[], time: number): Reading {
  const portfolio = new Portfolio();
  for (const opening of [
    { asset: "USDT", quantity: "100000", costPrice: "1" },
    { asset: "BTC", quantity: "2", costPrice: "50000" },
    { asset: "ETH", quantity: "20", costPrice: null },
    { asset: "MX", quantity: "1000", costPrice: "2" },
  ]) {
    portfolio.apply({ kind: "opening", time: 0, ...opening });
  }
  for (const event of events) if (event.time < time) portfolio.apply(event);
  const totals = new Map<string, AssetTotals>(portfolio.assets().map((asset) => [asset, portfolio.totals(asset)!]));
  return { time, totals, price: (asset) => PRICES[asset]?.(time) ?? null };
}

describe("the bridge over any range of any history", () => {
  it("adds up exactly: start + flows + realized + unrealized + fees = end, pnl = end - start - flows = sum by asset", () => {
    fc.assert(
      fc.property(history, fc.nat(), fc.nat(), fc.constantFrom("avg", "fifo"), (events, a, b, method) => {
        const span = events.length * 100 + 1_000;
        const [from, to] = [1 + (a % span), 1 + (b % span)].sort((x, y) => x - y) as [number, number];
        const result = bridgeOf(readingAt(events, from), readingAt(events, to), method);
        const bridge = result.bridge;
        const parts = [
          bridge.startEquity,
          bridge.deposits,
          bridge.withdrawals,
          bridge.transfers,
          bridge.realized,
          bridge.unrealized,
          bridge.fees,
        ].reduce((sum, part) => sum.plus(part), new Decimal(0));
        expect(parts.eq(bridge.endEquity)).toBe(true);
        const pnl = new Decimal(result.pnl);
        expect(new Decimal(bridge.realized).plus(bridge.unrealized).plus(bridge.fees).eq(pnl)).toBe(true);
        expect(new Decimal(bridge.endEquity).minus(bridge.startEquity).minus(result.netFlows).eq(pnl)).toBe(true);
        expect(result.byAsset.reduce((sum, part) => sum.plus(part.pnl), new Decimal(0)).eq(pnl)).toBe(true);
        expect(new Decimal(bridge.withdrawals).lte(0) && new Decimal(bridge.fees).lte(0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves out an asset with an event of the range that had no price, and still closes (ETH's opening has no cost)", () => {
    const events: Leg[] = [
      {
        kind: "flow",
        time: 10,
        id: "d",
        category: "deposits",
        asset: "BTC",
        direction: "in",
        amount: "1",
        fee: "0",
        price: null,
      },
    ];
    const result = bridgeOf(readingAt(events, 5), readingAt(events, 20), "avg");
    expect(result.unpriced).toEqual(["BTC", "ETH"]);
    // USDT and MX only: nothing moved them; MX's price did.
    expect(result.bridge).toMatchObject({ deposits: "0", realized: "0", fees: "0" });
    expect(new Decimal(result.bridge.startEquity).plus(result.bridge.unrealized).toFixed()).toBe(
      result.bridge.endEquity,
    );
    expect(result.byAsset.map((part) => part.asset)).toEqual(["MX"]);
  });

  it("acquires a deposit at its market value, and a withdrawal leaves at its market value (realizing the gain)", () => {
    const at = (time: number) => new Decimal(60_000 + ((time * 7919) % 9_000)).toFixed();
    const events: Leg[] = [
      {
        kind: "flow",
        time: 10,
        id: "d",
        category: "deposits",
        asset: "BTC",
        direction: "in",
        amount: "1",
        fee: "0",
        price: at(10),
      },
      {
        kind: "flow",
        time: 20,
        id: "w",
        category: "withdrawals",
        asset: "BTC",
        direction: "out",
        amount: "1",
        fee: "0",
        price: at(20),
      },
    ];
    const result = bridgeOf(readingAt(events, 5), readingAt(events, 30), "fifo");
    const byBtc = result.byAsset.find((part) => part.asset === "BTC");
    // FIFO: the opening lot (2 at 50 000) leaves first, so the withdrawal realizes on it.
    expect(byBtc?.realized).toBe(new Decimal(at(20)).minus(50_000).toFixed());
    expect(result.bridge.deposits).toBe(at(10));
    expect(result.bridge.withdrawals).toBe(new Decimal(at(20)).times(-1).toFixed());
  });

  it("closes with a BUY's fee in quote as MEXC charges it (item 11.25) beside an older BUY's fee in base", () => {
    const btc = PRICES.BTC!;
    const buy = (time: number, id: string, fee: string, feeCurrency: string): Leg => {
      const amount = btc(time).times("0.2");
      return withFill({
        kind: "trade",
        time,
        id,
        base: "BTC",
        quote: "USDT",
        side: "BUY",
        quantity: "0.2",
        amount: amount.toFixed(),
        fee,
        feeCurrency,
        value: amount.toFixed(),
        feeValue: new Decimal(fee).times(feeCurrency === "BTC" ? btc(time) : 1).toFixed(),
      });
    };
    // the older fill pays 0.0001 BTC out of the 0.2 received; today's pays 0.05 % of its cost in USDT
    const quoteFee = btc(20).times("0.2").times("0.0005").toFixed();
    const events = [buy(10, "old", "0.0001", "BTC"), buy(20, "new", quoteFee, "USDT")];
    const start = readingAt(events, 5);
    const end = readingAt(events, 30);
    // the buyer in quote keeps all 0.2 BTC and pays cost + fee in USDT
    expect(fixedText(end.totals.get("BTC")?.quantity ?? 0n)).toBe("2.3999");
    expect(fixedText(end.totals.get("USDT")?.quantity ?? 0n)).toBe(
      new Decimal(100_000).minus(btc(10).times("0.2")).minus(btc(20).times("0.2")).minus(quoteFee).toFixed(),
    );
    for (const method of ["avg", "fifo"] as const) {
      const result = bridgeOf(start, end, method);
      const { bridge } = result;
      // both fees are counted once, at their value when paid
      expect(bridge.fees).toBe(new Decimal(btc(10).times("0.0001")).plus(quoteFee).times(-1).toFixed());
      const pnl = new Decimal(result.pnl);
      expect(new Decimal(bridge.realized).plus(bridge.unrealized).plus(bridge.fees).eq(pnl)).toBe(true);
      expect(new Decimal(bridge.endEquity).minus(bridge.startEquity).minus(result.netFlows).eq(pnl)).toBe(true);
    }
  });
});
