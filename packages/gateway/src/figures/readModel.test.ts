import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { twoPairs as book } from "../../test/randomHistory.js";
import type { JournalFill } from "../store/index.js";
import { Figures, type ValuedFillItem } from "./figures.js";
import { RoundTrips } from "./journal/roundTrips.js";
import type { PortfolioEvent } from "./portfolio/events.js";
import { Portfolio } from "./portfolio/portfolio.js";

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

/** The fills as the portfolio reads them (portfolio/portfolioEvents.ts): trades valued in USDT. */
function eventsOf(all: readonly ValuedFillItem[]): PortfolioEvent[] {
  const markets = book();
  return all.map((fill) => {
    const market = markets.marketOf(fill.symbol);
    return {
      kind: "trade",
      time: fill.time,
      id: fill.tradeId,
      base: market?.baseAsset ?? "",
      quote: market?.quoteAsset ?? "",
      side: fill.side,
      quantity: fill.quantity,
      amount: fill.amount,
      fee: fill.fee,
      feeCurrency: fill.feeCurrency,
      value: fill.amountValue,
      feeValue: fill.feeValue,
    };
  });
}

/** The fills as the journal reads them (store/journalFills.ts); two fills an order now and then. */
function journalOf(all: readonly ValuedFillItem[]): JournalFill[] {
  return all.map((fill, i) => ({
    ...fill,
    orderId: `o${i - (i % 2)}`,
    clientOrderId: i % 3 === 0 ? "grid-1" : "",
    feeValue: fill.feeValue ?? null,
    feePairValue: fill.feePairValue ?? null,
    amountValue: fill.amountValue ?? null,
  }));
}

describe("every read model's checkpoint (readModel.ts)", () => {
  it("the portfolio: a checkpoint taken anywhere, read back as JSON and fed the rest, equals one fed everything", () => {
    fc.assert(
      fc.property(fills, fc.nat(), (all, cut) => {
        const events = eventsOf(all);
        const split = cut % (events.length + 1);
        const full = new Portfolio();
        for (const event of events) full.apply(event);
        const before = new Portfolio();
        for (const event of events.slice(0, split)) before.apply(event);
        const resumed = new Portfolio();
        expect(resumed.restore(JSON.parse(JSON.stringify(before.checkpoint())))).toBe(true);
        for (const event of events.slice(split)) resumed.apply(event);
        expect(resumed.checkpoint()).toEqual(full.checkpoint());
        for (const asset of full.assets()) expect(resumed.totals(asset)).toEqual(full.totals(asset));
      }),
      { numRuns: 200 },
    );
    // A state another version wrote: refused, nothing changed.
    const portfolio = new Portfolio();
    for (const event of eventsOf(fc.sample(fills, 1)[0] ?? [])) portfolio.apply(event);
    const kept = portfolio.checkpoint();
    expect(portfolio.restore({ ...kept, version: 99 })).toBe(false);
    expect(portfolio.checkpoint()).toEqual(kept);
  });

  it("the journal's round trips: the same, their trips read back beside the checkpoint", () => {
    fc.assert(
      fc.property(fills, fc.nat(), fc.constantFrom("avg" as const, "fifo" as const), (all, cut, method) => {
        const journal = journalOf(all);
        const split = cut % (journal.length + 1);
        const full = new RoundTrips(book(), method);
        for (const fill of journal) full.apply(fill);
        const before = new RoundTrips(book(), method);
        for (const fill of journal.slice(0, split)) before.apply(fill);
        const resumed = new RoundTrips(book(), method);
        const state = JSON.parse(JSON.stringify(before.checkpoint()));
        expect(resumed.restore({ state, trips: structuredClone([...before.trips()]) })).toBe(true);
        for (const fill of journal.slice(split)) resumed.apply(fill);
        expect(resumed.checkpoint()).toEqual(full.checkpoint());
        expect(resumed.trips()).toEqual(full.trips());
      }),
      { numRuns: 200 },
    );
    // Trips not the ones the checkpoint counted (a chunk lost): refused, nothing changed.
    const trips = new RoundTrips(book(), "fifo");
    for (const fill of journalOf(fc.sample(fills, 1)[0] ?? [])) trips.apply(fill);
    const kept = trips.checkpoint();
    expect(trips.restore({ state: { ...kept, trips: kept.trips + 1 }, trips: [...trips.trips()] })).toBe(false);
    expect(trips.checkpoint()).toEqual(kept);
  });

  it("the figures by pair: a checkpoint taken anywhere, saved as JSON and replayed from, equals a full replay", () => {
    fc.assert(
      fc.property(fills, fc.nat(), (all, cut) => {
        const split = cut % (all.length + 1);
        const full = new Figures(book());
        full.replay(all);

        const before = new Figures(book());
        before.replay(all.slice(0, split));
        const saved = JSON.parse(JSON.stringify(before.checkpoint()));
        const resumed = new Figures(book());
        expect(resumed.restore(saved)).toBe(true);
        resumed.replay(all.slice(split));

        expect(resumed.checkpoint()).toEqual(full.checkpoint());
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
    expect(figures.restore({ ...figures.checkpoint(), version: 99 } as never)).toBe(false);
  });
});
