/**
 * Random ledgers (buys, sells, deposits, withdrawals, transfers, fees in base, quote and MX,
 * crypto-to-crypto trades, dust conversions, an opening) through the tax report and the figures
 * by asset, in every method: each SELL of the year is a line with its whole quantity, what each
 * asset gave up is in the lines, and the gains add up to PnL by asset (docs/figures.md).
 */
import { dec, type Fixed, fixed } from "@mexc-live/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withFill } from "../../test/legs.js";
import { POSITION_METHODS, type PositionMethod } from "./engine/lots.js";
import type { Leg } from "./ledger/legs.js";
import { compareLegs } from "./ledger/legs.js";
import { Portfolio } from "./portfolio/portfolio.js";
import { type TaxEnd, type TaxLine, taxRows } from "./taxReport.js";

const QUOTE = "USDT";
const YEAR = 2025;
const START = Date.UTC(YEAR, 0, 1);
const END = Date.UTC(YEAR + 1, 0, 1);
const PAIRS = [
  ["BTC", "USDT"],
  ["ETH", "USDT"],
  ["MX", "USDT"],
  ["ETH", "BTC"],
] as const;
const ASSETS = ["BTC", "ETH", "MX", "USDT"] as const;

/** Prices in USDT, whole numbers: every value is an exact decimal. */
const PRICE: Record<(typeof ASSETS)[number], number> = { BTC: 400, ETH: 20, MX: 2, USDT: 1 };

const step = fc.record({
  kind: fc.constantFrom("trade", "trade", "trade", "flow", "conversion"),
  pair: fc.nat(PAIRS.length - 1),
  asset: fc.nat(ASSETS.length - 1),
  buy: fc.boolean(),
  out: fc.boolean(),
  transfer: fc.boolean(),
  quantity: fc.integer({ min: 1, max: 400 }),
  move: fc.integer({ min: -3, max: 3 }),
  fee: fc.constantFrom("none", "base", "quote", "mx"),
  unpriced: fc.nat(19),
  day: fc.integer({ min: 0, max: 3 * 365 }),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** A ledger over 2024-2026 from random steps, oldest first. */
function ledgerOf(steps: readonly Step[], opening: number): Leg[] {
  const events: Leg[] = [];
  if (opening > 0)
    events.push({
      kind: "opening",
      time: Date.UTC(2024, 0, 1) - 1,
      asset: "BTC",
      quantity: String(opening),
      costPrice: "250",
    });
  steps.forEach((s, n) => {
    const time = Date.UTC(2024, 0, 1) + s.day * 86_400_000 + n;
    const quantity = dec(String(s.quantity)).div(100);
    if (s.kind === "trade") {
      const [base, quote] = PAIRS[s.pair] as readonly [(typeof ASSETS)[number], (typeof ASSETS)[number]];
      const price = dec(String(PRICE[base]))
        .div(PRICE[quote])
        .times(1 + s.move / 10);
      const amount = quantity.times(price);
      const value = amount.times(PRICE[quote]);
      const fee = s.fee === "none" ? undefined : s.fee === "base" ? base : s.fee === "quote" ? quote : "MX";
      const feeQuantity = dec(fee === undefined ? "0" : "0.01");
      events.push(
        withFill({
          kind: "trade",
          time,
          id: `t${n}`,
          base,
          quote,
          side: s.buy ? "BUY" : "SELL",
          quantity: quantity.toFixed(),
          amount: amount.toFixed(),
          fee: feeQuantity.toFixed(),
          feeCurrency: fee ?? "",
          value: s.unpriced === 0 ? null : value.toFixed(),
          feeValue: fee === undefined ? "0" : feeQuantity.times(PRICE[fee as (typeof ASSETS)[number]]).toFixed(),
        }),
      );
    } else if (s.kind === "flow") {
      const asset = ASSETS[s.asset] as (typeof ASSETS)[number];
      events.push({
        kind: "flow",
        time,
        id: `f${n}`,
        category: s.transfer ? "transfers" : s.out ? "withdrawals" : "deposits",
        asset,
        direction: s.out ? "out" : "in",
        amount: quantity.toFixed(),
        fee: s.out && !s.transfer ? "0.01" : "0",
        price: s.unpriced === 0 ? null : String(PRICE[asset] * (1 + s.move / 10)),
      });
    } else {
      const asset = ASSETS[s.asset % 2] as "BTC" | "ETH";
      events.push({
        kind: "conversion",
        time,
        id: `c${n}`,
        gave: [{ asset, amount: quantity.div(10).toFixed(), price: String(PRICE[asset]) }],
        got: { asset: "MX", amount: quantity.toFixed() },
      });
    }
  });
  return events.sort(compareLegs);
}

/** Every asset's realized PnL by `method`, at the year's start and end, as PnL by asset keeps it. */
function realizedOverYear(events: readonly Leg[], method: PositionMethod): Fixed {
  const figures = method === "avg" || method === "fifo";
  const portfolio = figures ? new Portfolio() : new Portfolio([method]);
  const realized = () => {
    let sum = 0n;
    for (const asset of portfolio.assets()) {
      sum += figures
        ? (portfolio.totals(asset)?.realized[method as "avg" | "fifo"] ?? 0n)
        : (portfolio.position(asset, method)?.realized.value ?? 0n);
    }
    return sum;
  };
  let before: Fixed | undefined;
  for (const event of events) {
    if (event.time >= END) break;
    if (before === undefined && event.time >= START) before = realized();
    portfolio.apply(event);
  }
  return realized() - (before ?? realized());
}

/** What `asset` gave up in the year, straight from the ledger (nothing of the engine). */
function disposedOf(events: readonly Leg[], asset: string): Fixed {
  let out = 0n;
  for (const e of events) {
    if (e.time < START || e.time >= END) continue;
    if (e.kind === "trade") {
      if (e.side === "SELL" && e.base === asset) out += fixed(e.quantity);
      if (e.side === "BUY" && e.quote === asset) out += fixed(e.amount);
      if (e.feeCurrency === asset) out += fixed(e.fee);
    } else if (e.kind === "flow" && e.direction === "out" && e.asset === asset) out += fixed(e.amount) + fixed(e.fee);
    else if (e.kind === "conversion") for (const leg of e.gave) if (leg.asset === asset) out += fixed(leg.amount);
  }
  return out;
}

const sum = (lines: readonly TaxLine[], pick: (line: TaxLine) => string) =>
  lines.reduce((total, line) => total + fixed(pick(line)), 0n);

describe("the tax report against the figures by asset, random ledgers, every method", () => {
  it("lists every SELL whole, every coin given up, and gains = realized by asset - realized by movements", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), fc.nat(3), (steps, opening) => {
        const events = ledgerOf(steps, opening);
        for (const method of POSITION_METHODS) {
          const rows = taxRows({ events, method, year: YEAR, quote: QUOTE });
          const lines = rows.filter((row): row is TaxLine => row.section !== "end");
          const disposals = lines.filter((line) => line.section === "disposal");
          const movements = lines.filter((line) => line.section === "movement");
          // Every SELL of the year, its whole quantity.
          for (const e of events) {
            if (e.kind !== "trade" || e.side !== "SELL" || e.time < START || e.time >= END) continue;
            const line = disposals.find((l) => l.kind === "sell" && l.tradeId === e.id);
            expect(line && fixed(line.quantity), `${method} ${e.id}`).toBe(fixed(e.quantity));
          }
          // Quantities conserved: what each coin gave up is in the lines (the quote currency only when it realized).
          for (const asset of ASSETS.filter((a) => a !== QUOTE)) {
            const given = lines.filter((l) => l.asset === asset && l.kind !== "cover" && l.kind !== "deposit");
            expect(
              sum(given, (l) => l.quantity),
              `${method} ${asset}`,
            ).toBe(disposedOf(events, asset));
          }
          // Each line: proceeds - cost = gain.
          for (const l of lines)
            if (l.proceeds !== "") expect(fixed(l.proceeds) - fixed(l.costBasis)).toBe(fixed(l.gain));
          // The identity of docs/figures.md, to the last digit.
          const gains = sum(disposals, (l) => l.gain);
          expect(gains, method).toBe(realizedOverYear(events, method) - sum(movements, (l) => l.gain));
          // lots=split: the rows of each line add up to it, to the last digit; the end's terms
          // add up to the gains; a line's quantity per term is its split rows' by term.
          const end = rows.at(-1) as TaxEnd;
          expect(fixed(end.terms.short.gain) + fixed(end.terms.long.gain), method).toBe(gains);
          const split = taxRows({ events, method, year: YEAR, quote: QUOTE, split: true, longTermDays: 20 });
          const splitLines = split.filter((row): row is TaxLine => row.section !== "end");
          const lineKey = (l: TaxLine) => `${l.section} ${l.kind} ${l.tradeId} ${l.asset}`;
          const byLine = new Map<string, TaxLine[]>();
          for (const l of splitLines) byLine.set(lineKey(l), [...(byLine.get(lineKey(l)) ?? []), l]);
          const whole = taxRows({ events, method, year: YEAR, quote: QUOTE, longTermDays: 20 });
          const wholeLines = whole.filter((row): row is TaxLine => row.section !== "end");
          expect([...byLine.keys()], method).toEqual([...new Set(wholeLines.map(lineKey))]);
          for (const line of wholeLines) {
            const parts = byLine.get(lineKey(line)) ?? [];
            for (const pick of [
              (l: TaxLine) => l.quantity,
              (l: TaxLine) => l.costBasis || "0",
              (l: TaxLine) => l.gain,
              (l: TaxLine) => l.proceeds || "0",
              (l: TaxLine) => l.shortQuantity,
              (l: TaxLine) => l.longQuantity,
            ])
              expect(sum(parts, pick), `${method} ${lineKey(line)}`).toBe(fixed(pick(line)));
            const terms = new Set(parts.map((part) => part.term));
            if (fixed(line.longQuantity) === 0n) expect(terms.has("long")).toBe(false);
          }
          // The same totals per term (the ends count their own rows).
          expect((split.at(-1) as TaxEnd).terms, method).toEqual((whole.at(-1) as TaxEnd).terms);
        }
      }),
      { numRuns: 150 },
    );
  });
});
