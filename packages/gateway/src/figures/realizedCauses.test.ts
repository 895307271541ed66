/**
 * Why the realized PnL by asset and the pairs' total differ (issue 57 item 1), on a ledger shaped
 * like the demo's: USDT deposited, BTC bought on BTCUSDT and spent on ETHBTC at another price, ETH
 * bought on both ETHBTC and ETHUSDT, fees in the quote, the base and MX, a withdrawal of BTC. The
 * answer adds up: byAsset = byPair + the causes, to the last place, by both methods; byAsset is
 * PnL by asset's realized summed and byPair PnL by pair's over the USDT pairs, as the API gives
 * them; each cause is the one the engine's moves say.
 */
import type { AssetPnlItem, PnlItem, RealizedCauses } from "@mexc-live/contract";
import { DAY_MS, type Decimal, dec, ZERO } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { minuteCandles } from "../../test/candles.js";
import { testKeeper } from "../../test/figuresKeeper.js";
import { balanceEvent, fillEvent, transferEvent } from "../../test/storeEvents.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { PriceBook, valueFill } from "./index.js";
import type { FiguresKeeper } from "./keeper.js";
import { assetPnlOf } from "./portfolio/assetPnlAnswer.js";
import { pnlPeriodsOf } from "./portfolio/periodsAnswer.js";

const T0 = Date.UTC(2026, 9, 28);
const HOUR = 3_600_000;
const MARKETS = [
  { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
  { symbol: "ETHUSDT", baseAsset: "ETH", quoteAsset: "USDT" },
  { symbol: "ETHBTC", baseAsset: "ETH", quoteAsset: "BTC" },
  { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" },
];

type Fill = {
  readonly at: number;
  readonly symbol: string;
  readonly side: "BUY" | "SELL";
  readonly price: string;
  readonly quantity: string;
  readonly fee: string;
  readonly feeCurrency: string;
  /** The market's prices at that moment (the fill and its fee are valued at them). */
  readonly prices?: Readonly<Record<string, string>>;
};
type Flow = { readonly at: number; readonly asset: string; readonly out: boolean; readonly amount: string };

const LEDGER: readonly (Fill | Flow)[] = [
  { at: 0, asset: "USDT", out: false, amount: "10000" },
  { at: 1, symbol: "BTCUSDT", side: "BUY", price: "50000", quantity: "0.1", fee: "5", feeCurrency: "USDT" },
  { at: 2, symbol: "MXUSDT", side: "BUY", price: "2", quantity: "100", fee: "0.2", feeCurrency: "USDT" },
  {
    at: 3,
    symbol: "ETHBTC",
    side: "BUY",
    price: "0.05",
    quantity: "1",
    fee: "0.001",
    feeCurrency: "ETH",
    prices: { BTCUSDT: "52000", ETHBTC: "0.05", ETHUSDT: "2600", MXUSDT: "2.1" },
  },
  { at: 4, symbol: "ETHUSDT", side: "BUY", price: "2650", quantity: "0.5", fee: "1.325", feeCurrency: "USDT" },
  {
    at: 30,
    symbol: "ETHBTC",
    side: "SELL",
    price: "0.055",
    quantity: "0.5",
    fee: "0.04",
    feeCurrency: "MX",
    prices: { BTCUSDT: "48000", ETHBTC: "0.055", ETHUSDT: "2640", MXUSDT: "2.4" },
  },
  { at: 31, symbol: "BTCUSDT", side: "SELL", price: "49000", quantity: "0.05", fee: "0.03", feeCurrency: "MX" },
  { at: 32, symbol: "ETHUSDT", side: "SELL", price: "2800", quantity: "0.6", fee: "1.68", feeCurrency: "USDT" },
  { at: 50, asset: "BTC", out: true, amount: "0.01", prices: { BTCUSDT: "51000" } } as Flow,
  { at: 51, symbol: "ETHBTC", side: "SELL", price: "0.052", quantity: "0.3", fee: "0.0000156", feeCurrency: "BTC" },
];

/** The market's past prices, one a pair all along (the days of PnL by period value what is held at their ends). */
const CANDLES = minuteCandles({
  BTCUSDT: () => "51000",
  ETHBTC: () => "0.052",
  ETHUSDT: () => "2700",
  MXUSDT: () => "2.2",
});

const stores: GatewayStore[] = [];
const keepers: FiguresKeeper[] = [];
afterEach(() => {
  for (const keeper of keepers.splice(0)) keeper.close();
  for (const store of stores.splice(0)) store.close();
});

function priced(): PriceBook {
  const book = new PriceBook();
  book.setMarkets(MARKETS);
  for (const [symbol, price] of Object.entries({ BTCUSDT: "50000", ETHBTC: "0.05", ETHUSDT: "2600", MXUSDT: "2" }))
    book.update(symbol, price, T0);
  return book;
}

/** The ledger stored, and the balances it leaves (nothing held before it). */
function storeLedger(): { store: GatewayStore; book: PriceBook } {
  const store = openStore({ path: ":memory:" });
  stores.push(store);
  const book = priced();
  const held = new Map<string, Decimal>();
  const add = (asset: string, amount: Decimal) => held.set(asset, (held.get(asset) ?? ZERO).plus(amount));
  for (const [n, event] of LEDGER.entries()) {
    const time = T0 + event.at * HOUR;
    for (const [symbol, price] of Object.entries((event as { prices?: Record<string, string> }).prices ?? {}))
      book.update(symbol, price, time);
    if ("asset" in event) {
      store.upsertTransfer(
        transferEvent({
          id: `f${n}`,
          txId: `tx${n}`,
          type: event.out ? "withdrawal" : "deposit",
          direction: event.out ? "out" : "in",
          asset: event.asset,
          amount: event.amount,
          fee: "0",
          time,
          updateTime: time,
        }),
      );
      add(event.asset, dec(event.amount).times(event.out ? -1 : 1));
      continue;
    }
    const market = MARKETS.find((m) => m.symbol === event.symbol) as (typeof MARKETS)[number];
    const amount = dec(event.price).times(event.quantity);
    const fill = fillEvent({
      symbol: event.symbol,
      tradeId: `t${String(n).padStart(3, "0")}`,
      orderId: `o${n}`,
      side: event.side,
      price: event.price,
      quantity: event.quantity,
      amount: amount.toFixed(),
      fee: event.fee,
      feeCurrency: event.feeCurrency,
      timestamp: time,
      localTimestamp: time + 5,
      source: "rest",
    });
    store.upsertFill(fill, valueFill(fill, book));
    const sign = event.side === "BUY" ? 1 : -1;
    add(market.baseAsset, dec(event.quantity).times(sign));
    add(market.quoteAsset, amount.times(-sign));
    add(event.feeCurrency, dec(event.fee).times(-1));
  }
  const end = T0 + 60 * HOUR;
  for (const [asset, free] of held)
    store.applyBalance(balanceEvent({ asset, free: free.toFixed(), source: "rest", timestamp: end }));
  return { store, book };
}

/** A keeper on the ledger; `now` after it: its days are read at the prices of their time (CANDLES). */
async function keeperOn(store: GatewayStore, book: PriceBook, now = T0 - DAY_MS): Promise<FiguresKeeper> {
  const keeper = testKeeper(store, book, { now, ...(now > T0 ? { candles: CANDLES } : {}) });
  keepers.push(keeper);
  keeper.load();
  keeper.start();
  await keeper.ready();
  return keeper;
}

const sum = (values: readonly string[]) => values.reduce((total, value) => total.plus(value), ZERO);
const causeOf = (answer: RealizedCauses, cause: string) => answer.causes.find((item) => item.cause === cause);

describe("the realized PnL by asset against the pairs' total, by cause", () => {
  for (const method of ["avg", "fifo"] as const) {
    it(`adds up to the last place, byAsset = byPair + the causes (${method})`, async () => {
      const { store, book } = storeLedger();
      const keeper = await keeperOn(store, book);
      const answer = keeper.realizedCauses(method);
      const assets: AssetPnlItem[] = await assetPnlOf(keeper.queries, method);
      const pairs: PnlItem[] = keeper.figures.pnl(method);

      // The leading figure is PnL by asset's realized summed; the pairs' total the USDT pairs'.
      expect(dec(answer.byAsset).eq(sum(assets.map((item) => item.realized)))).toBe(true);
      const usdtPairs = pairs.filter((item) => item.symbol.endsWith("USDT"));
      expect(usdtPairs.map((item) => item.symbol).sort()).toEqual(["BTCUSDT", "ETHUSDT", "MXUSDT"]);
      expect(dec(answer.byPair).eq(sum(usdtPairs.map((item) => item.realized)))).toBe(true);
      expect(answer.byAsset).not.toBe(answer.byPair);

      // Exactly: every cause priced, and the sum to the last of the 18 places.
      const causes = answer.causes.map((item) => item.realized);
      expect(causes.every((realized) => realized !== null)).toBe(true);
      expect(
        dec(answer.byPair)
          .plus(sum(causes as string[]))
          .toFixed(),
      ).toBe(dec(answer.byAsset).toFixed());

      // The causes the moves say: BTC spent on ETHBTC at 52,000 after costing 50,000 (a gain by
      // asset, nothing by pair), ETH sold on ETHBTC, MX (and BTC) spent as fees, MX above its cost of 2, the
      // BTC withdrawn at 51,000.
      expect(answer.causes.map((item) => item.cause)).toEqual([
        "quotePairs",
        "otherBase",
        "otherQuote",
        "feeCoins",
        "flows",
      ]);
      expect(causeOf(answer, "otherQuote")?.names).toEqual(["ETHBTC"]);
      expect(dec(causeOf(answer, "otherQuote")?.realized ?? "0").gt(0)).toBe(true);
      expect(causeOf(answer, "otherBase")?.names).toEqual(["ETHBTC"]);
      expect(causeOf(answer, "feeCoins")?.names).toEqual(["BTC", "MX"]);
      expect(dec(causeOf(answer, "feeCoins")?.realized ?? "0").gt(0)).toBe(true);
      expect(causeOf(answer, "flows")?.names).toEqual(["BTC"]);
      expect(answer.causes.every((item) => item.unpriced.length === 0 && item.more === 0)).toBe(true);
    });
  }

  for (const zone of ["Asia/Kathmandu", "America/Los_Angeles"]) {
    it(`over the calendar's days in ${zone}: byAsset is the days' realized summed, = byPair + the causes of the range`, async () => {
      const { store, book } = storeLedger();
      // Read a day after the ledger: every day of the calendar has ended.
      const keeper = await keeperOn(store, book, T0 + 4 * DAY_MS);
      for (const method of ["avg", "fifo"] as const) {
        // The calendar from the day holding hour 20: in both zones after the buys of hours 0 to 4
        // (BTC spent on ETHBTC at hour 3: the range's otherQuote has nothing), before the sells.
        const days = await pnlPeriodsOf(keeper.queries, {
          period: "day",
          from: T0 + 20 * HOUR,
          to: T0 + 3 * DAY_MS,
          tz: zone,
          method,
        });
        expect(days.length).toBeGreaterThan(1);
        expect(days.every((day) => day.unpriced === undefined)).toBe(true);
        const first = days[0] as (typeof days)[number];
        const last = days.at(-1) as (typeof days)[number];
        expect(first.from % DAY_MS).not.toBe(0);
        const answer = keeper.realizedCausesOver({ from: first.from, to: last.to }, method);
        expect(answer).toMatchObject({ from: first.from, to: last.to, method });
        expect(dec(answer.byAsset).eq(sum(days.map((day) => day.realized)))).toBe(true);
        expect(
          dec(answer.byPair)
            .plus(sum(answer.causes.map((cause) => cause.realized ?? "x")))
            .toFixed(),
        ).toBe(dec(answer.byAsset).toFixed());
        // The buys before the range realized nothing by pair: the range's pairs' total is the whole's.
        const whole = keeper.realizedCauses(method);
        expect(answer.byPair).toBe(whole.byPair);
        expect(whole.causes.map((cause) => cause.cause)).toContain("otherQuote");
        expect(answer.causes.map((cause) => cause.cause)).toEqual(["quotePairs", "otherBase", "feeCoins", "flows"]);
        expect(causeOf(answer, "otherBase")?.names).toEqual(["ETHBTC"]);
        expect(causeOf(answer, "flows")?.names).toEqual(["BTC"]);
        // Every cause but the one the range leaves out is the whole's (nothing else realized before it).
        for (const cause of answer.causes)
          if (cause.cause !== "quotePairs") expect(cause).toEqual(causeOf(whole, cause.cause));
        // The range that ends where this one starts holds what this one leaves out.
        const before = keeper.realizedCausesOver({ from: 0, to: first.from - 1 }, method);
        expect(before.causes.map((cause) => cause.cause)).toEqual(["otherQuote"]);
        expect(dec(before.byAsset).plus(answer.byAsset).toFixed()).toBe(dec(whole.byAsset).toFixed());
      }
    });
  }

  it("over a range before the history or after it: nothing", async () => {
    const { store, book } = storeLedger();
    const keeper = await keeperOn(store, book, T0 + 4 * DAY_MS);
    for (const range of [
      { from: T0 - 3 * DAY_MS, to: T0 - 1 },
      { from: T0 + 3 * DAY_MS, to: T0 + 4 * DAY_MS },
    ])
      expect(keeper.realizedCausesOver(range, "avg")).toMatchObject({ byAsset: "0", byPair: "0", causes: [] });
  });

  it("answers the same after a restart from the stored checkpoints", async () => {
    const { store, book } = storeLedger();
    const first = await keeperOn(store, book);
    const ranges = (keeper: FiguresKeeper) =>
      [T0 - DAY_MS, T0 + 20 * HOUR, T0 + 31 * HOUR].map((from) =>
        keeper.realizedCausesOver({ from, to: T0 + 50 * HOUR + 1 }, "fifo"),
      );
    const before = [first.realizedCauses("avg"), first.realizedCauses("fifo"), ...ranges(first)];
    first.close();
    const again = await keeperOn(store, book);
    expect([again.realizedCauses("avg"), again.realizedCauses("fifo"), ...ranges(again)]).toEqual(before);
  });

  it("says a cause is not known, and on which asset, when a move of it had no price", async () => {
    const { store } = storeLedger();
    // No BTC price at all: the BTC spent on ETHBTC, and withdrawn, cannot be valued.
    const book = new PriceBook();
    book.setMarkets(MARKETS);
    book.update("ETHUSDT", "2600", T0);
    book.update("MXUSDT", "2", T0);
    const keeper = await keeperOn(store, book);
    const answer = keeper.realizedCauses("avg");
    expect(causeOf(answer, "flows")).toMatchObject({ realized: null, unpriced: ["BTC"] });
  });
});
