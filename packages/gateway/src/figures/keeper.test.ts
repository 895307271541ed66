import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dec } from "@mexc-live/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { minuteCandles } from "../../test/candles.js";
import { testKeeper } from "../../test/figuresKeeper.js";
import { holdOneBought } from "../../test/oneBuy.js";
import { fillEvent, transferEvent } from "../../test/storeEvents.js";
import { CandleStore } from "../store/candles.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { estimateTimes } from "./equityHistory.js";
import { valueFillAt } from "./fees.js";
import { equityPoint, PriceBook, valueFill } from "./index.js";
import { Journal } from "./journal/trips.js";
import type { FiguresKeeper } from "./keeper.js";
import { LedgerModels } from "./ledger/models.js";
import { type CandleAnswer, type CandleSource, PastPrices } from "./pastPrices.js";
import { assetPnlOf } from "./portfolio/assetPnlAnswer.js";
import { comparisonsOf } from "./portfolio/comparisonsAnswer.js";
import { performanceOf } from "./portfolio/performanceAnswer.js";
import { pnlPeriodsOf } from "./portfolio/periodsAnswer.js";
import { MOMENT_MS } from "./portfolio/readings.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);
let store: GatewayStore | undefined;
let candles: CandleStore | undefined;
let dir: string | undefined;
afterEach(() => {
  store?.close();
  candles?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** The account's figures on `store` and `candles`, at the moment `now`, with no candle to fetch. */
function keeperOn(
  store: GatewayStore,
  candles: CandleSource,
  book: PriceBook,
  now: number | (() => number),
): FiguresKeeper {
  return testKeeper(store, book, { candles, now });
}

/** A store in memory and a book of BTCUSDT, BTC at 100 since T0; with `quoteLeft`, 1 BTC bought at 100 (holdOneBought). */
function btcAccount(quoteLeft?: string, heldAt = T0 + 2_000): { store: GatewayStore; book: PriceBook } {
  store = openStore({ path: ":memory:" });
  const book = new PriceBook();
  book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
  book.update("BTCUSDT", "100", T0);
  if (quoteLeft !== undefined) holdOneBought(store, book, { quoteLeft, boughtAt: T0 + 1_000, heldAt });
  return { store, book };
}

/** Performance of the history's first day, and the unrealized PnL of `now`, from a keeper started on `store`. */
async function firstDayAndNow(store: GatewayStore, source: CandleSource, book: PriceBook, now: number) {
  const figures = keeperOn(store, source, book, now);
  figures.start();
  await figures.ready();
  const answer = await performanceOf(figures.queries, { from: T0, to: T0 + DAY });
  const unrealized = figures.equityMoment(now);
  figures.close();
  return { ...answer, unrealized };
}

describe("the estimated equity history", () => {
  it("is built a slice of days at a time, the event loop served between them", async () => {
    dir = mkdtempSync(join(tmpdir(), "account-figures-"));
    store = openStore({ path: ":memory:" });
    candles = new CandleStore(join(dir, "candles.db"));
    const book = new PriceBook();
    book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
    // A year of history: a fill a day.
    for (let n = 0; n < 365; n++) {
      const fill = fillEvent({
        tradeId: `t${n}`,
        side: n % 2 === 0 ? "BUY" : "SELL",
        price: "100",
        quantity: "1",
        amount: "100",
        fee: "0",
        feeCurrency: "USDT",
        timestamp: T0 + n * DAY + 1_000,
        source: "rest",
      });
      store.upsertFill(fill, valueFill(fill, book));
    }
    const figures = keeperOn(store, candles, book, T0 + 366 * DAY);
    figures.start();
    await figures.ready();
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    // The slices are SLICE_MS long: the days are made slower here so that a year takes several.
    const totalsAt = figures.totalsAt.bind(figures);
    figures.totalsAt = (time) => {
      const until = performance.now() + 0.5;
      while (performance.now() < until);
      return totalsAt(time);
    };
    await figures.rebuildEquityHistory();
    clearInterval(ticking);
    figures.close();
    expect(turns).toBeGreaterThan(2);
  });

  it("stores nothing of a walk a pass began during: never days of two histories", async () => {
    const held = openStore({ path: ":memory:" });
    store = held;
    const book = new PriceBook();
    book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
    const fill = (n: number, time: number) =>
      fillEvent({
        ...{ tradeId: `t${n}`, side: n % 2 === 0 ? "BUY" : "SELL", price: "100", quantity: "1", amount: "100" },
        ...{ fee: "0", feeCurrency: "USDT", timestamp: time, source: "rest" },
      });
    for (let n = 0; n < 60; n++) held.upsertFill(fill(n, T0 + n * DAY + 1_000), valueFill(fill(n, T0), book));
    const candleSource = minuteCandles({ BTCUSDT: (time) => String(100 + Math.floor((time - T0) / DAY)) });
    const figures = testKeeper(held, book, { candles: candleSource, now: T0 + 61 * DAY });
    figures.start();
    await figures.ready();
    await figures.rebuildEquityHistory();
    const estimated = () => JSON.stringify(held.equity({}).filter((point) => point.estimated));
    const before = estimated();
    // Days made slower, so the walk takes several slices; a fill older than the history stored
    // during it: a pass from scratch rewrites every day's rows while the walk reads them.
    const totalsAt = figures.totalsAt.bind(figures);
    let reads = 0;
    figures.totalsAt = (time) => {
      if (++reads === 20) {
        const late = fill(99, T0 - DAY);
        held.upsertFill(late, valueFill(late, book));
        figures.stored();
      }
      const until = performance.now() + 0.5;
      while (performance.now() < until);
      return totalsAt(time);
    };
    await figures.rebuildEquityHistory();
    const duringPass = estimated();
    figures.totalsAt = totalsAt;
    await figures.ready();
    await figures.rebuildEquityHistory();
    const afterPass = estimated();
    figures.close();
    expect(afterPass).not.toBe(before); // the older fill moved the days
    expect([before, afterPass]).toContain(duringPass);
  });
});

describe("the moments of the estimated equity", () => {
  const HOUR = 3_600_000;
  it("are each day's end, then each hour's end in the last day before the first live point", () => {
    const until = T0 + 3 * DAY + 13.5 * HOUR; // a fresh start at 13:30 on the fourth day
    const times = estimateTimes(T0 + 1_000, until);
    expect(times.slice(0, 3)).toEqual([T0 + DAY, T0 + 2 * DAY, T0 + 2 * DAY + 14 * HOUR]);
    expect(times.at(-1)).toBe(T0 + 3 * DAY + 13 * HOUR);
    expect(times).toHaveLength(2 + 24);
    for (let i = 1; i < times.length; i++) expect(times[i]! > times[i - 1]!).toBe(true);
    // The days before the last one, then its 24 hours: the history's days plus 24 at most; none before the history or at `until`.
    expect(estimateTimes(T0, T0 + 366 * DAY)).toHaveLength(364 + 24);
    expect(estimateTimes(until - 2 * HOUR + 1, until)).toEqual([until - 1.5 * HOUR, until - 0.5 * HOUR]);
    expect(estimateTimes(until, until)).toEqual([]);
  });

  it("value the portfolio at each hour's price: today drawn on a fresh start follows the day's path", async () => {
    dir = mkdtempSync(join(tmpdir(), "account-figures-"));
    store = openStore({ path: ":memory:" });
    // BTC's price: 100 plus the hour of the day.
    const price = (time: number) => String(100 + Math.floor((time % DAY) / HOUR));
    const book = new PriceBook();
    book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
    const fill = fillEvent({
      ...{ tradeId: "t1", side: "BUY", price: "100", quantity: "1", amount: "100", fee: "0" },
      ...{ feeCurrency: "USDT", timestamp: T0 + 1_000, source: "rest" },
    });
    store.upsertFill(fill, valueFill(fill, book));
    const now = T0 + 2 * DAY + 13.5 * HOUR;
    // What the account holds now: the BTC bought, no USDT left.
    for (const [asset, free] of [
      ["BTC", "1"],
      ["USDT", "0"],
    ] as const) {
      store.applyBalance({
        ...{ asset, free, locked: "0", freeChange: "0", lockedChange: "0" },
        ...{ changeType: "RECONCILE", timestamp: now, source: "rest" },
      });
    }
    const figures = keeperOn(store, minuteCandles({ BTCUSDT: price }), book, now);
    figures.start();
    await figures.ready();
    await figures.rebuildEquityHistory();
    const estimated = store.equity({}).filter((point) => point.estimated === true);
    figures.close();
    const today = estimated.filter((point) => point.time >= T0 + 2 * DAY);
    // A day's end at its last instant: the first day's, and the midnight inside the hourly stretch.
    expect(estimated[0]?.time).toBe(T0 + DAY - 1);
    expect(estimated.filter((point) => point.time === T0 + 2 * DAY - 1)).toHaveLength(1);
    expect(today.map((point) => (point.time - T0 - 2 * DAY) / HOUR)).toEqual(
      Array.from({ length: 13 }, (_, i) => i + 1),
    );
    // On the hour (the day ends keep their last instant): 1 BTC held, at the close of the
    // hour's last minute (the candle ending at the hour).
    for (const point of today) {
      expect(point.byAsset.BTC, new Date(point.time).toISOString()).toBe(price(point.time));
    }
    expect(new Set(today.map((point) => point.equity)).size).toBe(today.length);
  });
});

describe("the unrealized PnL of now (carried by each equity point)", () => {
  it("is what the PnL by period says of the period ending now, and moves with the live price", async () => {
    dir = mkdtempSync(join(tmpdir(), "account-figures-"));
    candles = new CandleStore(join(dir, "candles.db"));
    const now = T0 + 2 * DAY;
    // 1 BTC bought at 100 with 100 USDT held before: 1 BTC held at a cost of 100.
    const { store, book } = btcAccount("0", now);
    const figures = keeperOn(store, candles, book, now);
    // Not known before the portfolio is worked out: never a figure of another moment.
    expect(figures.equityMoment(now)).toBeUndefined();
    figures.start();
    await figures.ready();
    const periodEndingNow = async () =>
      (await pnlPeriodsOf(figures.queries, { period: "day", from: T0, to: now })).at(-1)?.unrealized;

    book.update("BTCUSDT", "150.25", now);
    expect(figures.equityMoment(now)).toBe("50.25");
    expect(await periodEndingNow()).toBe("50.25");
    book.update("BTCUSDT", "99.5", now);
    expect(figures.equityMoment(now)).toBe("-0.5");
    expect(await periodEndingNow()).toBe("-0.5");
    figures.close();
  });
});

describe("one moment on one screen (issue 40 item 4)", () => {
  it("values every figure of now at the prices of the last equity point, until the next one or MOMENT_MS", async () => {
    let clock = T0 + 2 * DAY;
    // 1 BTC bought at 100, with 400 USDT left: what the balances say too.
    const { store, book } = btcAccount("400");
    // The market's past: BTC at 100 until the history starts, so a range from then is priced.
    const figures = keeperOn(store, minuteCandles({ BTCUSDT: () => "100" }), book, () => clock);
    figures.start();
    await figures.ready();
    const now = async () => {
      const performance = await performanceOf(figures.queries, { from: T0 });
      const byAsset = await assetPnlOf(figures.queries);
      const value = byAsset.reduce((sum, item) => sum + Number(item.value ?? Number.NaN), 0);
      const period = (await pnlPeriodsOf(figures.queries, { period: "day", from: T0, to: clock })).at(-1);
      return { endEquity: performance.endEquity, value, unrealized: period?.unrealized };
    };

    // The equity point of this moment, as the ingest measures it, and the moment taken with it.
    book.update("BTCUSDT", "150.25", clock);
    const point = equityPoint(store.balances(), book, clock);
    expect(point.equity).toBe("550.25");
    const unrealized = figures.equityMoment(clock);
    expect(unrealized).toBe("50.25");
    expect(await now()).toEqual({ endEquity: "550.25", value: 550.25, unrealized: "50.25" });

    // The market moves before the next point: the screen's figures of now stay with the point.
    book.update("BTCUSDT", "170", clock + 1_000);
    clock += 1_000;
    expect(await now()).toEqual({ endEquity: point.equity, value: 550.25, unrealized: "50.25" });

    // The next point takes the new prices, and every figure with it.
    clock += 1_000;
    expect(equityPoint(store.balances(), book, clock).equity).toBe("570");
    expect(figures.equityMoment(clock)).toBe("70");
    expect(await now()).toEqual({ endEquity: "570", value: 570, unrealized: "70" });

    // No point for longer than MOMENT_MS (the points stopped): the live prices again.
    book.update("BTCUSDT", "90", clock + 1_000);
    clock += MOMENT_MS + 1;
    expect(await now()).toEqual({ endEquity: "490", value: 490, unrealized: "-10" });
    figures.close();
  });
});

/**
 * A fresh store (the last one closed; closed after the test) and a book of BTCUSDT and ETHUSDT,
 * BTC at 100: the set-up of the tests whose ETH waits on its past price.
 */
function storeWithBtcAndEth(): { readonly store: GatewayStore; readonly book: PriceBook } {
  store?.close();
  const fresh = openStore({ path: ":memory:" });
  store = fresh;
  const book = new PriceBook();
  book.setMarkets([
    { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
    { symbol: "ETHUSDT", baseAsset: "ETH", quoteAsset: "USDT" },
  ]);
  book.update("BTCUSDT", "100", T0);
  return { store: fresh, book };
}

/** 0.5 ETH deposited at `time`, and MEXC's balance of it read at `heldAt`. */
function depositEth(into: GatewayStore, time: number, heldAt: number): void {
  into.upsertTransfer(transferEvent({ id: "eth-in", asset: "ETH", amount: "0.5", time }));
  into.applyBalance({
    ...{ asset: "ETH", free: "0.5", locked: "0", freeChange: "0", lockedChange: "0" },
    ...{ changeType: "RECONCILE", timestamp: heldAt, source: "rest" },
  });
}

describe("prices still being fetched (issue 40: nothing false while loading)", () => {
  it("Performance says its unpriced assets wait on past prices not fetched yet, and not once MEXC answered", async () => {
    const now = T0 + 2 * DAY;
    const { store, book } = btcAccount("400");
    // The candles the range's end needs: not asked yet, then fetched (the fetcher's answer), or
    // asked with none at MEXC.
    let answer: "unknown" | "candle" | "none" = "unknown";
    const source: CandleSource = {
      at: (symbol, interval, time) =>
        answer === "candle"
          ? minuteCandles({ BTCUSDT: () => "120" }).at(symbol, interval, time)
          : { kind: answer === "none" ? "none" : "unknown" },
    };
    const figures = keeperOn(store, source, book, now);
    figures.start();
    await figures.ready();
    const range = { from: T0, to: T0 + DAY };

    const waiting = await performanceOf(figures.queries, range);
    expect(waiting.unpriced).toEqual(["BTC"]);
    expect(waiting.pricesPending).toBe(true);
    // The journal's comparisons stand on the same figures: they say so too.
    const comparedWaiting = await comparisonsOf(figures.queries, range, "BTC");
    expect(comparedWaiting.holding).toMatchObject({ unpriced: ["BTC"], pricesPending: true });
    expect(comparedWaiting.benchmark).toMatchObject({ unpriced: ["BTC"], pricesPending: true });
    // And PnL by period (the range's two days), each period that leaves BTC out.
    const periodsOf = async () =>
      (await pnlPeriodsOf(figures.queries, { period: "day", from: T0, to: T0 + DAY })).map(
        ({ unpriced, pricesPending }) => ({ unpriced, pricesPending }),
      );
    expect(await periodsOf()).toEqual(Array(2).fill({ unpriced: ["BTC"], pricesPending: true }));

    answer = "candle";
    const priced = await performanceOf(figures.queries, range);
    expect(priced.unpriced).toEqual([]);
    expect(priced.endEquity).toBe("520");
    expect(priced.pricesPending).toBeUndefined();
    const comparedPriced = await comparisonsOf(figures.queries, range, "BTC");
    expect(comparedPriced.holding.unpriced).toEqual([]);
    expect(comparedPriced.holding.pricesPending).toBeUndefined();
    expect(await periodsOf()).toEqual(Array(2).fill({ unpriced: undefined, pricesPending: undefined }));

    answer = "none";
    const none = await performanceOf(figures.queries, range);
    expect(none.unpriced).toEqual(["BTC"]);
    expect(none.pricesPending).toBeUndefined();
    const comparedNone = await comparisonsOf(figures.queries, range, "BTC");
    expect(comparedNone.holding.unpriced).toEqual(["BTC"]);
    expect(comparedNone.holding.pricesPending).toBeUndefined();
    expect(await periodsOf()).toEqual(Array(2).fill({ unpriced: ["BTC"], pricesPending: undefined }));
    figures.close();
  });

  it.each([
    ["planned", "planned"],
    ["started, its plan waiting for the live stream", "expected"],
  ] as const)(
    "leaves an asset out for now, not for good, while the first backfill still reads the history (%s)",
    async (_name, backfill) => {
      const now = T0 + 2 * DAY;
      const { store, book } = btcAccount("400");
      // MEXC has no candle of the range's end: BTC is left out; for good only once the history is read.
      const source: CandleSource = { at: () => ({ kind: "none" }) };
      const plan = () => store.planBackfill({ plannedAt: now, historyFrom: T0 - 30 * DAY }, []);
      // A first start's figures answer from the reconciled last day before the backfill plans.
      if (backfill === "planned") plan();
      else store.expectHistory();
      const figures = keeperOn(store, source, book, now);
      figures.start();
      await figures.ready();
      const range = { from: T0, to: T0 + DAY };
      const reading = await performanceOf(figures.queries, range);
      expect(reading).toMatchObject({ unpriced: ["BTC"], pricesPending: true });
      const periods = await pnlPeriodsOf(figures.queries, { period: "day", from: T0, to: T0 + DAY });
      expect(periods.map(({ unpriced, pricesPending }) => ({ unpriced, pricesPending }))).toEqual(
        Array(2).fill({ unpriced: ["BTC"], pricesPending: true }),
      );
      if (backfill === "expected") plan();
      store.completeBackfill(now);
      const read = await performanceOf(figures.queries, range);
      expect(read.unpriced).toEqual(["BTC"]);
      expect(read.pricesPending).toBeUndefined();
      figures.close();
    },
  );

  it("says so for a deposit of the range whose value waits on its price, and not once MEXC says it has none; the unrealized PnL of now is not known yet meanwhile", async () => {
    const now = T0 + 2 * DAY;
    const performanceWith = async (eth: "unknown" | "none") => {
      const { store, book } = storeWithBtcAndEth();
      holdOneBought(store, book, { quoteLeft: "400", boughtAt: T0 + 1_000, heldAt: T0 + 2_000 });
      depositEth(store, T0 + 1_500, T0 + 2_000);
      // The range's end is priced (BTC and ETH at its close): only the deposit's moment waits.
      const known = minuteCandles({ BTCUSDT: () => "120", ETHUSDT: () => "2000" });
      const source: CandleSource = {
        at: (symbol, interval, time) =>
          symbol === "BTCUSDT" || time > T0 + DAY / 2
            ? known.at(symbol, interval, time)
            : { kind: eth === "none" ? "none" : "unknown" },
      };
      return firstDayAndNow(store, source, book, now);
    };
    const pending = await performanceWith("unknown");
    expect(pending).toMatchObject({ unpriced: ["ETH"], pricesPending: true });
    // Not "something held has no price": its cost is still being fetched (absent: not known now).
    expect(pending.unrealized).toBeUndefined();
    const none = await performanceWith("none");
    expect(none.unpriced).toEqual(["ETH"]);
    expect(none.pricesPending).toBeUndefined();
    expect(none.unrealized).toBeNull(); // ETH has no price now and no known cost: that is what null says
  });

  it("measures the return over the assets the bridge values, and none while their past prices are still being fetched", async () => {
    const HOUR = 3_600_000;
    const performanceWith = async (eth: "unknown" | "none") => {
      const { store, book } = storeWithBtcAndEth();
      book.update("ETHUSDT", "2000", T0);
      // 1 BTC bought at 100, 0.5 ETH deposited (its past price not known), 100 USDT withdrawn; BTC
      // at 100 all along: nothing gained or lost.
      holdOneBought(store, book, { quoteLeft: "300", boughtAt: T0 + 1_000, heldAt: T0 + 4 * HOUR });
      depositEth(store, T0 + HOUR, T0 + 4 * HOUR);
      store.upsertTransfer(
        transferEvent({ id: "w", type: "withdrawal", direction: "out", amount: "100", time: T0 + 3 * HOUR }),
      );
      // Measured live before the withdrawal, ETH at its live price in it.
      store.addEquitySnapshot({
        time: T0 + 2 * HOUR,
        equity: "1500",
        byAsset: { USDT: "400", BTC: "100", ETH: "1000" },
      });
      const known = minuteCandles({ BTCUSDT: () => "100" });
      const source: CandleSource = {
        at: (symbol, interval, time) => (symbol === "BTCUSDT" ? known.at(symbol, interval, time) : { kind: eth }),
      };
      const figures = keeperOn(store, source, book, T0 + 2 * DAY);
      figures.start();
      await figures.ready();
      const answer = await performanceOf(figures.queries, { from: T0 + HOUR / 2, to: T0 + 6 * HOUR });
      figures.close();
      return answer;
    };
    // MEXC has no ETH price then: ETH is out of every figure, the points measured live included.
    const none = await performanceWith("none");
    expect(none).toMatchObject({ unpriced: ["ETH"], pnl: "0", startEquity: "500", endEquity: "400" });
    expect(none.twr).toBe("0"); // not 1500 / 500 before the withdrawal: ETH is in no figure beside it
    // Its price is still coming: money may move between ETH and what is valued meanwhile, which no
    // flow of the return shows: no return until it is in, rather than a false one.
    const pending = await performanceWith("unknown");
    expect(pending).toMatchObject({ unpriced: ["ETH"], pricesPending: true, pnl: "0" });
    expect(pending.twr).toBeNull();
  });

  /** An account that bought ETH with BTC and holds it (holdOneBought), its book priced at BTC 100. */
  const holdingEthBoughtWithBtc = (into: GatewayStore): PriceBook => {
    const book = new PriceBook();
    book.setMarkets([
      { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
      { symbol: "ETHBTC", baseAsset: "ETH", quoteAsset: "BTC" },
    ]);
    book.update("BTCUSDT", "100", T0);
    holdOneBought(into, book, { quoteLeft: "400", boughtAt: T0 + 1_000, heldAt: T0 + 2_000 });
    return book;
  };

  it("says the periods ending now leave an asset out only until the book's first live prices are in (a fresh start)", async () => {
    // Local CI #63, 2026-11-28: a fresh demo's journal said "Days marked * leave out BTC, ETH, MX
    // for want of a market price": its periods were read before the first REST read of every
    // pair's price had answered, and the day ending now had no live price for anything held.
    const now = T0 + 2 * DAY + 3_600_000; // an hour into the day ending now
    const { store } = btcAccount("400");
    const book = new PriceBook();
    book.setMarkets([
      { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
      { symbol: "ETHUSDT", baseAsset: "ETH", quoteAsset: "USDT" },
    ]);
    const figures = keeperOn(store, minuteCandles({ BTCUSDT: () => "120" }), book, now);
    figures.start();
    await figures.ready();
    const today = async () => {
      const days = await pnlPeriodsOf(figures.queries, { period: "day", from: now - DAY, to: now });
      const { unpriced, pricesPending } = days.at(-1) ?? {};
      return { unpriced, pricesPending };
    };
    expect(await today()).toEqual({ unpriced: ["BTC"], pricesPending: true });
    // Prices in, but none for BTC: left out for want of one, as before.
    book.update("ETHUSDT", "2000", now);
    expect(await today()).toEqual({ unpriced: ["BTC"], pricesPending: undefined });
    book.update("BTCUSDT", "130", now);
    expect(await today()).toEqual({ unpriced: undefined, pricesPending: undefined });
    figures.close();
  });

  it("values a fill stored minutes after its time once the window holding it closes, never as unpriced for good meanwhile", async () => {
    // Its fee in MX; MEXC had no candle of MX's minute yet (believed a while), and the 5-minute
    // window holding it closes in 2 minutes: the fill waits, and is valued at that window's close.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      let now = Date.UTC(2026, 10, 20, 12, 8);
      const at = Date.UTC(2026, 10, 20, 12, 5, 30);
      store = openStore({ path: ":memory:" });
      const book = new PriceBook();
      book.setMarkets([
        { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
        { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" },
      ]);
      book.update("BTCUSDT", "100", now);
      book.update("MXUSDT", "3", now);
      const late = fillEvent({
        ...{ symbol: "BTCUSDT", tradeId: "late", side: "BUY", price: "100", quantity: "1", amount: "100" },
        ...{ fee: "0.5", feeCurrency: "MX", timestamp: at, source: "rest" },
      });
      store.upsertFill(late, undefined);
      const fiveMinutes = (close: string): CandleAnswer => ({
        kind: "candle",
        candle: {
          interval: "5m",
          openTime: Date.UTC(2026, 10, 20, 12, 5),
          closeTime: Date.UTC(2026, 10, 20, 12, 10),
          close,
        },
      });
      const source: CandleSource = {
        at: (symbol, interval) =>
          interval === "1m"
            ? { kind: "none", askAgainAt: Date.UTC(2026, 10, 20, 12, 11) }
            : interval === "5m"
              ? fiveMinutes(symbol === "MXUSDT" ? "2.5" : "100")
              : { kind: "unknown" },
      };
      const figures = keeperOn(store, source, book, () => now);
      figures.start();
      await figures.ready();
      const turns = async () => {
        for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
      };
      await turns();
      // The keeper's other timers (the estimated equity's) run while the window is still open.
      vi.advanceTimersByTime(10_000);
      await turns();
      // Waiting, not valued null: the fee's value is not known yet.
      expect(store.firstPendingValuation()).toBe(at);
      // The window closes; the keeper looks again by itself (no candle came to wake it).
      now = Date.UTC(2026, 10, 20, 12, 10, 5);
      vi.advanceTimersByTime(2 * 60_000);
      await turns();
      expect(store.firstPendingValuation()).toBeUndefined();
      const [valued] = store.fills({ limit: 1 }).items;
      expect(valued?.feeValue).toBe("1.25");
      figures.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it("says so for a fill stored late whose value waits on the prices of its time", async () => {
    const now = T0 + 2 * DAY;
    store = openStore({ path: ":memory:" });
    const book = holdingEthBoughtWithBtc(store);
    // Backfilled: stored with no value, to be valued at BTC's price of its time (not fetched yet).
    const late = fillEvent({
      ...{ symbol: "ETHBTC", tradeId: "late", side: "BUY", price: "0.05", quantity: "0.5", amount: "0.025" },
      ...{ fee: "0", feeCurrency: "BTC", timestamp: T0 + 1_500, source: "rest" },
    });
    store.upsertFill(late, undefined);
    expect(store.firstPendingValuation()).toBe(T0 + 1_500);
    const known = minuteCandles({ BTCUSDT: () => "120", ETHBTC: () => "0.05" });
    const source: CandleSource = {
      at: (symbol, interval, time) => (time > T0 + DAY / 2 ? known.at(symbol, interval, time) : { kind: "unknown" }),
    };
    const { unrealized, ...answer } = await firstDayAndNow(store, source, book, now);
    expect(answer.unpriced?.length).toBeGreaterThan(0);
    expect(answer.pricesPending).toBe(true);
    expect(unrealized).toBeUndefined(); // not known yet, not "no price or no known cost"
  });

  it("takes in the fills a valuation round stored before it said so: no equity point of now and no read sees them unvalued", async () => {
    // CI, 2026-11-27: a fresh demo under load said "Unrealized: something held has no price or no
    // known cost" while its backfilled fills were valued: a round stores its batches a turn apart
    // and tells the keeper after the last, and in between the models held those fills unvalued.
    const now = T0 + 2 * DAY;
    const lateAt = T0 + 1_500;
    store = openStore({ path: ":memory:" });
    const book = holdingEthBoughtWithBtc(store);
    store.upsertFill(
      fillEvent({
        ...{ symbol: "ETHBTC", tradeId: "late", side: "BUY", price: "0.05", quantity: "0.5", amount: "0.025" },
        ...{ fee: "0", feeCurrency: "BTC", timestamp: lateAt, source: "rest" },
      }),
      undefined,
    );
    // Every past price is known but BTC's of the late fill's moment, until it is fetched.
    let fetched = false;
    const known = minuteCandles({ BTCUSDT: () => "120", ETHBTC: () => "0.05" });
    const source: CandleSource = {
      at: (symbol, interval, time) =>
        fetched || time !== lateAt ? known.at(symbol, interval, time) : { kind: "unknown" },
    };
    const figures = keeperOn(store, source, book, now);
    figures.start();
    await figures.ready();
    expect(figures.equityMoment(now)).toBeUndefined(); // its value waits on BTC's price of its time
    fetched = true;
    const [late] = store.pendingValuations(10);
    const valuation =
      late &&
      valueFillAt(
        late,
        { baseAsset: "ETH", quoteAsset: "BTC" },
        new PastPrices({ quote: "USDT", markets: book, candles: known }),
      );
    if (late === undefined || valuation === undefined) throw new Error("the late fill is not valued");
    // A round's batch, stored before the round tells the keeper (valuePendingFills, then a turn).
    store.setValuations([{ tradeId: late.tradeId, time: late.time, valuation }]);
    expect(store.firstPendingValuation()).toBeUndefined();
    expect(figures.equityMoment(now)).toBeUndefined(); // not known yet: not "no price or no known cost"
    await figures.ready();
    expect(figures.equityMoment(now)).toMatch(/^-?\d+(\.\d+)?$/);
    expect((await performanceOf(figures.queries, { from: T0, to: T0 + DAY })).unpriced).toEqual([]);
    figures.close();
  });

  it("says in words what its figures are still taking in (health), and nothing once they hold everything stored", async () => {
    const now = T0 + 2 * DAY;
    store = openStore({ path: ":memory:" });
    const book = holdingEthBoughtWithBtc(store);
    for (const n of [1, 2]) {
      const late = fillEvent({
        ...{ symbol: "ETHBTC", tradeId: `late-${n}`, side: "BUY", price: "0.05", quantity: "0.5", amount: "0.025" },
        ...{ fee: "0", feeCurrency: "BTC", timestamp: T0 + 1_500 + n, source: "rest" },
      });
      store.upsertFill(late, undefined); // backfilled: valued at BTC's price of its time, not fetched yet
    }
    let priced = false;
    const known = minuteCandles({ BTCUSDT: () => "120", ETHBTC: () => "0.05" });
    const source: CandleSource = { at: (...args) => (priced ? known.at(...args) : { kind: "unknown" }) };
    const figures = keeperOn(store, source, book, now);
    expect(figures.updating()).toEqual([]); // not started: the history's progress says why
    figures.start();
    await figures.ready();
    expect(figures.updating()).toEqual([
      "valuing 2 fills at the prices of their time",
      "waiting on past prices from MEXC",
    ]);
    priced = true;
    figures.pricesArrived();
    // The valuation rounds run a turn at a time, the portfolio is recomputed after them.
    await vi.waitFor(async () => {
      await figures.ready();
      expect(figures.updating()).toEqual([]);
    });
    figures.close();
  });
});

describe("the one keeper of an account's figures", () => {
  /** BTC bought at T0 (and `heldBefore` more held before the history), the keeper started and caught up. */
  async function startedKeeper(candles: CandleSource = minuteCandles({ BTCUSDT: () => "100" }), heldBefore = "0") {
    const { store, book } = btcAccount("400");
    store.applyBalance({
      ...{ asset: "BTC", free: String(1 + Number(heldBefore)), locked: "0", freeChange: "0", lockedChange: "0" },
      ...{ changeType: "RECONCILE", timestamp: T0 + 3_000, source: "rest" },
    });
    const keeper = keeperOn(store, candles, book, T0 + 2 * DAY);
    keeper.start();
    await keeper.idle();
    await keeper.ready();
    return { store, book, keeper };
  }

  it("holds every model while an import writes: what was stored meanwhile is taken in once, at the release", async () => {
    const { store, book, keeper } = await startedKeeper();
    const passes = keeper.stats().passes;
    const release = keeper.hold();
    // An import's older fills, stored slice by slice while held.
    for (let n = 0; n < 3; n++) {
      const fill = fillEvent({
        ...{ tradeId: `old${n}`, side: "BUY", price: "90", quantity: "0.1", amount: "9", fee: "0" },
        ...{ feeCurrency: "USDT", timestamp: T0 - DAY + n, source: "import" },
      });
      store.upsertFill(fill, valueFill(fill, book));
      keeper.stored();
      void keeper.request(fill.timestamp);
    }
    expect(keeper.updating()).toEqual(["taking in an import"]);
    // Nothing ran while held: neither the figures by pair nor the portfolio have seen the old fills.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(keeper.stats().passes).toBe(passes);
    expect(keeper.figures.fills).toBe(1);
    expect(keeper.historyStart()).toBe(T0 + 1_000);
    release();
    release(); // a second call changes nothing
    await keeper.idle();
    await keeper.ready();
    // One pass for the three fills, and the portfolio's history starts at the first of them.
    expect(keeper.stats().passes).toBe(passes + 1);
    expect(keeper.figures.fills).toBe(4);
    expect(keeper.historyStart()).toBe(T0 - DAY);
    expect(keeper.updating()).toEqual([]);
    keeper.close();
  });

  it("asks the figures by pair for a pass when candles arrive: they price what was held before the history", async () => {
    // 1 BTC held before the history, its price at the history's start not fetched yet.
    let priced = false;
    const known = minuteCandles({ BTCUSDT: () => "80" });
    const source: CandleSource = { at: (...args) => (priced ? known.at(...args) : { kind: "unknown" }) };
    const { keeper } = await startedKeeper(source, "1");
    const opening = () => keeper.figures.pnl().find((item) => item.symbol === "BTCUSDT")?.opening;
    expect(opening()?.costPrice ?? null).toBeNull();
    const passes = keeper.stats().passes;
    priced = true;
    keeper.pricesArrived();
    await keeper.idle();
    expect(keeper.stats().passes).toBe(passes + 1);
    expect(opening()?.costPrice).toBe("80");
    keeper.close();
  });

  /** BTC bought at T0 and half of it sold a day later: a round trip. */
  function oneTrip() {
    const { store, book } = btcAccount("400");
    const sell = (tradeId: string, time: number) =>
      fillEvent({
        ...{ tradeId, orderId: `o-${tradeId}`, side: "SELL", price: "120", quantity: "0.25", amount: "30" },
        ...{ fee: "0", feeCurrency: "USDT", timestamp: time, source: "rest" },
      });
    const store1 = (fill: ReturnType<typeof sell>) => store.upsertFill(fill, valueFill(fill, book));
    store1(sell("s1", T0 + DAY));
    return { store, book, sell: (tradeId: string, time: number) => store1(sell(tradeId, time)) };
  }

  it("after a restart, resumes every model from the last checkpoint, not from scratch: the journal's trips read back the same", async () => {
    const { store, book, sell } = oneTrip();
    for (let day = 2; day < 5; day++) sell(`s${day}`, T0 + day * DAY);
    const before = testKeeper(store, book);
    before.start();
    await before.ready();
    const trips = before.journal.trips("avg");
    expect(trips).toHaveLength(4);
    before.close();

    const keeper = testKeeper(store, book);
    expect(keeper.load()).toBe("checkpoint");
    keeper.start();
    await keeper.ready();
    expect(keeper.stats().lastPassFrom).toBeGreaterThan(T0);
    const read = (list: typeof trips) => list.map((trip) => [trip.symbol, trip.closeTime, String(trip.realized)]);
    expect(read(keeper.journal.trips("avg"))).toEqual(read(trips));
    keeper.close();
  });

  it("after a restart, reads the journal's trips back in slices before its first checkpoint, never at once inside it", async () => {
    const { store, book, sell } = oneTrip();
    sell("s2", T0 + 2 * DAY);
    // The openings worked out before the later fills (as a running gateway's are): a restart resumes.
    const candles = minuteCandles({ BTCUSDT: () => "100" });
    const before = keeperOn(store, candles, book, T0 + 2 * DAY + 3_600_000);
    before.start();
    await before.ready();
    before.close();
    // Sold on later days, a little at a time: the restart's pass ends a day with a checkpoint due.
    for (let day = 3; day < 6; day++)
      for (let n = 0; n < 10; n++) {
        const part = fillEvent({
          ...{ tradeId: `p${day}-${n}`, orderId: `op${day}-${n}`, side: "SELL", price: "120", quantity: "0.01" },
          ...{ amount: "1.2", fee: "0", feeCurrency: "USDT", timestamp: T0 + day * DAY + n, source: "rest" },
        });
        store.upsertFill(part, valueFill(part, book));
      }
    const readingBackAtSave: boolean[] = [];
    const save = Journal.prototype.save;
    const spy = vi.spyOn(Journal.prototype, "save").mockImplementation(function (this: Journal) {
      readingBackAtSave.push(this.readingBack);
      return save.call(this);
    });
    try {
      const keeper = keeperOn(store, candles, book, T0 + 6 * DAY);
      expect(keeper.load()).toBe("checkpoint");
      keeper.start();
      await keeper.ready();
      expect(keeper.stats().lastPassFrom).toBeGreaterThan(T0);
      // At a million fills save() reading half a million trips back at once held the loop ~3 s.
      expect(readingBackAtSave.length).toBeGreaterThan(0);
      expect(readingBackAtSave).not.toContain(true);
      expect(keeper.journal.trips("avg")).toHaveLength(32);
      keeper.close();
    } finally {
      spy.mockRestore();
    }
  });

  it("is read between two slices of a pass as it is read after it", async () => {
    const candles = minuteCandles({ BTCUSDT: (time) => String(100 + Math.floor((time - T0) / DAY)) });
    const days = Array.from({ length: 12 }, (_, day) => T0 + day * DAY);
    const read = (at: FiguresKeeper) =>
      days.map((day) => [...at.totalsAt(day)].map(([asset, t]) => [asset, String(t.quantity), String(t.realized.avg)]));
    // A fill older than the history, stored once a keeper is running (`late`) or before it starts.
    const account = () => {
      const { store, book, sell } = oneTrip();
      for (let day = 2; day < 12; day++) for (let n = 0; n < 3; n++) sell(`s${day}-${n}`, T0 + day * DAY + n * 1_000);
      const older = fillEvent({
        ...{ tradeId: "early", orderId: "o-early", side: "BUY", price: "90", quantity: "0.1", amount: "9" },
        ...{ fee: "0", feeCurrency: "USDT", timestamp: T0 - DAY, source: "rest" },
      });
      return { store, book, late: () => store.upsertFill(older, valueFill(older, book)) };
    };
    const whole = account();
    whole.late();
    const fresh = testKeeper(whole.store, whole.book, { candles, now: T0 + 13 * DAY });
    fresh.start();
    await fresh.ready();
    const expected = read(fresh);
    fresh.close();
    whole.store.close();

    const { store, book, late } = account();
    const keeper = testKeeper(store, book, { candles, now: T0 + 13 * DAY, sliceMs: 0 });
    keeper.start();
    await keeper.ready();
    late();
    // Every day read at every turn while the next pass works every day out again, a leg a slice.
    let reading = true;
    const readAll = () => {
      read(keeper);
      if (reading) setImmediate(readAll);
    };
    setImmediate(readAll);
    keeper.stored();
    await keeper.ready();
    reading = false;
    expect(read(keeper)).toEqual(expected);
    keeper.close();
  });

  it("answers a read whose candles came while a pass runs once that pass has ended: one history, a bridge that closes", async () => {
    // 1 BTC held before the history, its price at the history's start not fetched yet: the openings
    // wait on it. The read of performance wants candles; their arrival sends a pass from scratch,
    // and the read runs again (CI on e504a86a: a start from the new pass's rows, an end from the old
    // models, a bridge off by 188.92).
    let priced = false;
    const known = minuteCandles({ BTCUSDT: (time) => String(80 + Math.floor((time - T0) / DAY)) });
    const source: CandleSource = { at: (...args) => (priced ? known.at(...args) : { kind: "unknown" }) };
    const { store, book, sell } = oneTrip();
    for (let day = 2; day < 9; day++) for (let n = 0; n < 4; n++) sell(`s${day}-${n}`, T0 + day * DAY + n * 1_000);
    store.applyBalance({
      ...{ asset: "BTC", free: "1", locked: "0", freeChange: "0", lockedChange: "0" },
      ...{ changeType: "RECONCILE", timestamp: T0 + 9 * DAY, source: "rest" },
    });
    let keeper: FiguresKeeper | undefined;
    const fetcher = {
      want: () => {},
      wantNow: async () => {
        priced = true;
        keeper?.pricesArrived();
      },
    };
    keeper = testKeeper(store, book, { candles: source, fetcher, now: T0 + 10 * DAY, sliceMs: 0 });
    keeper.start();
    await keeper.ready();
    const passes = keeper.stats().passes;
    const answer = await performanceOf(keeper.queries, { from: T0 + 3 * DAY });
    expect(keeper.stats().passes).toBeGreaterThan(passes); // the candles sent a pass
    const b = answer.bridge;
    expect(b).toBeTruthy();
    if (b === null || b === undefined) return;
    const parts = [b.startEquity, b.deposits, b.withdrawals, b.transfers, b.realized, b.unrealized, b.fees];
    const sum = parts.reduce((total, part) => total.plus(part), dec("0"));
    expect(sum.toFixed(), JSON.stringify(b)).toBe(dec(b.endEquity).toFixed());
    // The same range read again, no pass under way: the same answer.
    expect(await performanceOf(keeper.queries, { from: T0 + 3 * DAY })).toEqual(answer);
    keeper.close();
  });

  it("takes each checkpoint in a turn of the event loop of its own, however long its slices may run", async () => {
    const { store, book, sell } = oneTrip();
    // Sold a little on each of the next days: a checkpoint due at most days' ends.
    for (let day = 2; day < 9; day++) for (let n = 0; n < 4; n++) sell(`s${day}-${n}`, T0 + day * DAY + n * 1_000);
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const legsInTurn = new Map<number, number>();
    const checkpointTurns: number[] = [];
    const { apply, states } = LedgerModels.prototype;
    const applied = vi.spyOn(LedgerModels.prototype, "apply").mockImplementation(function (this: LedgerModels, leg) {
      legsInTurn.set(turn, (legsInTurn.get(turn) ?? 0) + 1);
      apply.call(this, leg);
    });
    const saved = vi.spyOn(LedgerModels.prototype, "states").mockImplementation(function (this: LedgerModels, day) {
      checkpointTurns.push(turn);
      return states.call(this, day);
    });
    try {
      // Slices that never run out of time: only a checkpoint makes the pass give the loop a turn.
      const keeper = testKeeper(store, book, { sliceMs: 1e9, now: T0 + 10 * DAY });
      keeper.start();
      await keeper.ready();
      keeper.close();
    } finally {
      ticking = false;
      applied.mockRestore();
      saved.mockRestore();
    }
    // Every model's state took ~25 ms at 1M fills, and the collection it brings as much again.
    expect(checkpointTurns.length).toBeGreaterThan(3);
    for (const at of checkpointTurns) expect(legsInTurn.get(at)).toBe(1);
  });

  it("takes a fill stored while an import holds it into the journal's trips at the release", async () => {
    const { store, book, sell } = oneTrip();
    const keeper = testKeeper(store, book);
    keeper.start();
    await keeper.ready();
    expect(keeper.journal.trips("avg")).toHaveLength(1);
    const release = keeper.hold();
    sell("s2", T0 + 2 * DAY);
    keeper.stored();
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(keeper.journal.trips("avg")).toHaveLength(1); // held
    release();
    await keeper.ready();
    expect(keeper.journal.trips("avg").map((trip) => trip.closeTime)).toEqual([T0 + DAY, T0 + 2 * DAY]);
    keeper.close();
  });
});

describe("a keeper whose store was closed under it (CI, 2026-11-27: 'The database connection is not open')", () => {
  it("ends its own timers instead of reading the closed store", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
    try {
      const { store: open, book } = btcAccount("900");
      const figures = keeperOn(open, minuteCandles({ BTCUSDT: () => "100" }), book, T0 + DAY);
      figures.start();
      open.close();
      // The balance check's interval fires on a closed store: before the fix it threw from a timer.
      await vi.advanceTimersByTimeAsync(60_000);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
