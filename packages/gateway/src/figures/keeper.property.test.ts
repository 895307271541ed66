/**
 * The one loop, interrupted and resumed (issue 55 item 1): a random ledger (fills of USDT and
 * BTC pairs over days, fees in base, quote and MX, orders filled across midnight, deposits and
 * withdrawals) reaches one store in random batches, some older than what came before (a gap
 * reconciled, a late fill), with the keeper bringing its models up to date between batches and
 * now and then stopped and started again (from its last checkpoint). Every model must end where
 * one keeper fed the whole ledger at once ends: the figures by pair, by asset, by day, the
 * journal's trips and the realized PnL's causes (which add up, byAsset = byPair + causes), byte
 * for byte; and the causes over ranges cut at midnights of two zones and within a bucket add up,
 * range by range, to the range over them all, which is the whole history's answer.
 */
import type { RealizedCauses } from "@mexc-live/contract";
import { DAY_MS, dec } from "@mexc-live/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testKeeper } from "../../test/figuresKeeper.js";
import { balanceEvent, fillEvent, transferEvent } from "../../test/storeEvents.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { PriceBook, valueFill } from "./index.js";
import type { TripList } from "./journal/tripTable.js";
import type { FiguresKeeper } from "./keeper.js";
import { assetPnlOf } from "./portfolio/assetPnlAnswer.js";
import { pnlPeriodsOf } from "./portfolio/periodsAnswer.js";

const T0 = Date.UTC(2026, 2, 1);
const MARKETS = [
  { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
  { symbol: "ETHBTC", baseAsset: "ETH", quoteAsset: "BTC" },
  { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" },
];
const PRICES: Record<string, number> = { BTCUSDT: 50_000, ETHBTC: 0.05, MXUSDT: 2 };
/** Held before the history (the balances say so, no fill explains it). */
const OPENINGS: Record<string, string> = { USDT: "100000", BTC: "2", ETH: "10", MX: "1000" };

type Step =
  | {
      kind: "fill";
      time: number;
      symbol: string;
      side: "BUY" | "SELL";
      size: number;
      move: number;
      fee: number;
      order: number;
    }
  | { kind: "flow"; time: number; asset: string; out: boolean; size: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("fill" as const),
      // Ten days, and orders with fills on both sides of a midnight.
      time: fc.integer({ min: 0, max: 10 * 24 * 60 }).map((minute) => T0 + minute * 60_000),
      symbol: fc.constantFrom("BTCUSDT", "ETHBTC", "MXUSDT"),
      side: fc.constantFrom("BUY" as const, "SELL" as const),
      size: fc.integer({ min: 1, max: 40 }),
      move: fc.integer({ min: -20, max: 20 }),
      fee: fc.integer({ min: 0, max: 2 }),
      order: fc.integer({ min: 0, max: 12 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("flow" as const),
      time: fc.integer({ min: 0, max: 10 * 24 * 60 }).map((minute) => T0 + minute * 60_000 + 7),
      asset: fc.constantFrom("USDT", "BTC"),
      out: fc.boolean(),
      size: fc.integer({ min: 1, max: 20 }),
    }),
  },
);

function book(): PriceBook {
  const book = new PriceBook();
  book.setMarkets(MARKETS);
  for (const [symbol, price] of Object.entries(PRICES)) book.update(symbol, String(price), T0);
  return book;
}

/** Stores one step; returns how it moves the balances. */
function store1(store: GatewayStore, pricing: PriceBook, s: Step, n: number): Map<string, string> {
  const moved = new Map<string, string>();
  const add = (asset: string, amount: string) =>
    moved.set(
      asset,
      dec(moved.get(asset) ?? "0")
        .plus(amount)
        .toFixed(),
    );
  if (s.kind === "flow") {
    const amount = s.asset === "BTC" ? dec(String(s.size)).div(100).toFixed() : String(s.size * 10);
    store.upsertTransfer(
      transferEvent({
        id: `f${n}`,
        txId: `tx${n}`,
        type: s.out ? "withdrawal" : "deposit",
        direction: s.out ? "out" : "in",
        asset: s.asset,
        amount,
        fee: "0",
        time: s.time,
        updateTime: s.time,
      }),
    );
    add(s.asset, s.out ? `-${amount}` : amount);
    return moved;
  }
  const market = MARKETS.find((m) => m.symbol === s.symbol) as (typeof MARKETS)[number];
  const price = dec(String(PRICES[s.symbol])).times(String(1 + s.move / 100));
  const quantity = dec(String(s.size)).div(100);
  const amount = quantity.times(price).round(8);
  const feeCurrency = s.fee === 0 ? market.quoteAsset : s.fee === 1 ? market.baseAsset : "MX";
  const fee = s.fee === 0 ? amount.times("0.001").round(8) : s.fee === 1 ? quantity.times("0.001") : dec("0.01");
  const fill = fillEvent({
    symbol: s.symbol,
    tradeId: `t${String(n).padStart(4, "0")}`,
    orderId: `${s.symbol}-${s.side}-${s.order}`,
    clientOrderId: s.order % 3 === 0 ? "" : `c${s.order}`,
    side: s.side,
    price: price.toFixed(),
    quantity: quantity.toFixed(),
    amount: amount.toFixed(),
    fee: fee.toFixed(),
    feeCurrency,
    timestamp: s.time,
    localTimestamp: s.time + 5,
    source: "rest",
  });
  store.upsertFill(fill, valueFill(fill, pricing));
  const sign = s.side === "BUY" ? 1 : -1;
  add(market.baseAsset, quantity.times(sign).toFixed());
  add(market.quoteAsset, amount.times(-sign).toFixed());
  add(feeCurrency, fee.times(-1).toFixed());
  return moved;
}

/**
 * A keeper whose clock stands at the ledger's start: the openings are worked out before every
 * fill of it, as a live account's are before its next fills (a fill older than that is history
 * the balances held already, and sends the figures back to scratch).
 */
function keeperOf(store: GatewayStore, pricing: PriceBook): FiguresKeeper {
  // A pass yields at every chance (a slice of 0 ms), as a pass over a million fills does on a
  // loaded machine: a day's end split across slices (tried on 2026-11-28, not kept) lost its rows
  // here at once, and passed with the default slice.
  const keeper = testKeeper(store, pricing, { now: T0 - DAY_MS, sliceMs: 0 });
  keeper.load();
  keeper.start();
  return keeper;
}

/** The realized PnL's causes (realizedCauses.ts), checked to add up: byAsset = byPair + the causes, exactly. */
function addingUp(answer: RealizedCauses): RealizedCauses {
  const causes = answer.causes.map((cause) => cause.realized ?? "0");
  if (answer.causes.every((cause) => cause.realized !== null)) {
    const summed = causes.reduce((total, realized) => total.plus(realized), dec(answer.byPair));
    expect(summed.toFixed()).toBe(dec(answer.byAsset).toFixed());
  }
  return answer;
}

const realizedAddingUp = (keeper: FiguresKeeper, method: "avg" | "fifo") => addingUp(keeper.realizedCauses(method));

/**
 * Where the ranges of the causes are cut: the history's start, a quarter past a UTC midnight, a
 * Kathmandu midnight (UTC+5:45), a moment within a bucket (read from the mark before it), after
 * the ledger.
 */
const CUTS = [
  0,
  T0 + 2 * DAY_MS + 15 * 60_000,
  T0 + 5 * DAY_MS - (5 * 60 + 45) * 60_000,
  T0 + 7 * DAY_MS + 123_456,
  T0 + 20 * DAY_MS,
];

/**
 * The realized PnL's causes over ranges (realizedMarks.ts), each adding up: the ranges one after
 * another add up to the range over them all, cause by cause, and that range is the whole history's
 * answer (every cause, figure and name).
 */
function realizedRanges(keeper: FiguresKeeper, method: "avg" | "fifo"): RealizedCauses[] {
  const over = (from: number, to: number) => addingUp(keeper.realizedCausesOver({ from, to: to - 1 }, method));
  const pieces = CUTS.slice(1).map((to, i) => over(CUTS[i] as number, to));
  const all = over(CUTS[0] as number, CUTS.at(-1) as number);
  const { from: _from, to: _to, ...whole } = all;
  expect(whole).toEqual(keeper.realizedCauses(method));
  const summed = (read: (answer: RealizedCauses) => string | null | undefined) =>
    pieces.reduce((total, piece) => total.plus(read(piece) ?? "0"), dec("0")).toFixed();
  expect(summed((piece) => piece.byAsset)).toBe(dec(all.byAsset).toFixed());
  expect(summed((piece) => piece.byPair)).toBe(dec(all.byPair).toFixed());
  for (const cause of all.causes) {
    if (pieces.some((piece) => piece.causes.find((item) => item.cause === cause.cause)?.realized === null)) continue;
    const ofCause = (piece: RealizedCauses) => piece.causes.find((item) => item.cause === cause.cause)?.realized;
    expect(summed(ofCause), cause.cause).toBe(dec(cause.realized ?? "0").toFixed());
  }
  return [...pieces, all];
}

/** What a user reads of every model, as text. */
async function figuresOf(keeper: FiguresKeeper): Promise<string> {
  await keeper.ready();
  // A range's trips as the journal's reads take them (after a restart: read back in part), each
  // the trips the whole list has from there, in the same order.
  const closedFrom = (list: TripList, from: number) => [...list].filter((trip) => trip.closeTime >= from);
  const ranged = await Promise.all(CUTS.map((from) => keeper.journal.tripsFrom("fifo", from)));
  await keeper.journal.load();
  for (const [i, from] of CUTS.entries())
    expect(closedFrom(ranged[i] as TripList, from)).toEqual(closedFrom(keeper.journal.trips("fifo"), from));
  const pairs = keeper.figures;
  const trips = (method: "avg" | "fifo") => [...keeper.journal.trips(method)];
  const days = async (tz: string) =>
    pnlPeriodsOf(keeper.queries, { period: "day", from: T0 - DAY_MS, to: T0 + 12 * DAY_MS, tz });
  return JSON.stringify(
    {
      pnl: [pairs.pnl("avg"), pairs.pnl("fifo")],
      fees: pairs.fees(),
      volume: [pairs.volume(), pairs.volume({ tz: "Asia/Tokyo" })],
      assets: [await assetPnlOf(keeper.queries, "avg"), await assetPnlOf(keeper.queries, "fifo")],
      days: [await days("UTC"), await days("America/Los_Angeles")],
      trips: [trips("avg"), trips("fifo")],
      realized: [realizedAddingUp(keeper, "avg"), realizedAddingUp(keeper, "fifo")],
      realizedRanges: [realizedRanges(keeper, "avg"), realizedRanges(keeper, "fifo")],
    },
    (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value),
  );
}

/** A ledger: four fills and a deposit, then a deposit and four fills a minute later. */
const SUMS_BEFORE_BALANCES = JSON.parse(
  '[{"kind":"fill","time":1772323200000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0},{"kind":"fill","time":1772323200000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0},{"kind":"fill","time":1772323200000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0},{"kind":"flow","time":1772323200007,"asset":"USDT","out":false,"size":1},{"kind":"fill","time":1772323200000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0},{"kind":"fill","time":1772323260000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0},{"kind":"fill","time":1772323260000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0},{"kind":"flow","time":1772323200007,"asset":"USDT","out":false,"size":1},{"kind":"fill","time":1772323260000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0},{"kind":"fill","time":1772323260000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0}]',
) as Step[];

/** Fills a quarter of an hour apart, the earlier ones coming second. */
const OLDER_THAN_THE_START = JSON.parse(
  '[{"kind":"fill","time":1772323200000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0},{"kind":"fill","time":1772324100000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0},{"kind":"fill","time":1772323200000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":-1,"fee":0,"order":0},{"kind":"fill","time":1772324100000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0},{"kind":"fill","time":1772324100000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0},{"kind":"fill","time":1772324100000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0},{"kind":"fill","time":1772324100000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0},{"kind":"flow","time":1772324100007,"asset":"USDT","out":false,"size":1},{"kind":"fill","time":1772324100000,"symbol":"BTCUSDT","side":"BUY","size":1,"move":0,"fee":0,"order":0},{"kind":"fill","time":1772323200000,"symbol":"ETHBTC","side":"BUY","size":1,"move":0,"fee":0,"order":0}]',
) as Step[];

describe("the one loop, interrupted and resumed at random legs", () => {
  it("ends where one keeper fed the whole ledger at once ends, every model", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 10, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        fc.integer({ min: 0, max: 3 }),
        async (steps, batchSizes, restarts, lateEvery) => {
          // The ledger in time order; every `lateEvery`-th batch comes before the one it follows.
          const ledger = steps.map((s, n) => ({ s, n })).sort((a, b) => a.s.time - b.s.time || a.n - b.n);
          const batches: (typeof ledger)[] = [];
          for (let at = 0, b = 0; at < ledger.length; b++) {
            const size = batchSizes[b % batchSizes.length] as number;
            batches.push(ledger.slice(at, at + size));
            at += size;
          }
          for (let b = 1; lateEvery > 0 && b < batches.length; b += lateEvery + 1) {
            const swapped = batches[b - 1] as (typeof ledger)[number][];
            batches[b - 1] = batches[b] as (typeof ledger)[number][];
            batches[b] = swapped;
          }
          const pricing = book();
          // Interrupted: batch by batch, the balances moving with what came, restarts now and then.
          const store = openStore({ path: ":memory:" });
          const balances = new Map(Object.entries(OPENINGS));
          const setBalances = (time: number) => {
            for (const [asset, free] of balances)
              store.applyBalance(balanceEvent({ asset, free, source: "rest", timestamp: time }));
          };
          setBalances(T0 - DAY_MS);
          let keeper = keeperOf(store, pricing);
          let clock = T0;
          for (const [b, batch] of batches.entries()) {
            for (const { s, n } of batch) {
              for (const [asset, amount] of store1(store, pricing, s, n))
                balances.set(
                  asset,
                  dec(balances.get(asset) ?? "0")
                    .plus(amount)
                    .toFixed(),
                );
              clock = Math.max(clock, s.time);
            }
            setBalances(clock + 1);
            keeper.stored();
            await keeper.ready();
            if (restarts[b % restarts.length] === true) {
              keeper.close();
              keeper = keeperOf(store, pricing);
            }
          }
          const interrupted = await figuresOf(keeper);
          keeper.close();
          store.close();

          // At once: the whole ledger, then one keeper.
          const whole = openStore({ path: ":memory:" });
          const all = new Map(Object.entries(OPENINGS));
          for (const { s, n } of ledger)
            for (const [asset, amount] of store1(whole, pricing, s, n))
              all.set(
                asset,
                dec(all.get(asset) ?? "0")
                  .plus(amount)
                  .toFixed(),
              );
          for (const [asset, free] of all)
            whole.applyBalance(balanceEvent({ asset, free, source: "rest", timestamp: clock + 1 }));
          const once = keeperOf(whole, pricing);
          expect(interrupted).toBe(await figuresOf(once));
          once.close();
          whole.close();
        },
      ),
      {
        numRuns: Number(process.env.RUNS ?? 40),
        examples: [
          // Found by this test: a pass from scratch read the balances of after a batch and the
          // fills' sums of before it (the openings then held the batch twice).
          [SUMS_BEFORE_BALANCES, [5], Array<boolean>(10).fill(false), 0],
          // Found by this test: fills older than the history's start were applied before the
          // openings (which stood at the old start) instead of after them.
          [OLDER_THAN_THE_START, [3], Array<boolean>(10).fill(false), 1],
        ],
      },
    );
  }, 120_000);
});
