import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fillEvent } from "../../test/storeEvents.js";
import type { CandleFetcher } from "../ingest/candleFetcher.js";
import { createLogger } from "../logging.js";
import { CandleStore } from "../store/candles.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { AccountFigures } from "./accountFigures.js";
import { PriceBook, valueFill } from "./index.js";

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
function accountFigures(store: GatewayStore, candles: CandleStore, book: PriceBook, now: number): AccountFigures {
  const fetcher = {
    want: () => {},
    wantNow: async () => {},
    idle: async () => {},
    start: () => {},
  } as unknown as CandleFetcher;
  return new AccountFigures({
    store,
    book,
    candles,
    fetcher,
    method: "avg",
    logger: createLogger({ level: "silent" }).logger,
    now: () => now,
  });
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
    const figures = accountFigures(store, candles, book, T0 + 366 * DAY);
    figures.start();
    await figures.sync.ready();
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    // The slices are SLICE_MS long: the days are made slower here so that a year takes several.
    const totalsAt = figures.sync.totalsAt.bind(figures.sync);
    figures.sync.totalsAt = (time, assets) => {
      const until = performance.now() + 0.5;
      while (performance.now() < until);
      return totalsAt(time, assets);
    };
    await figures.rebuildEquityHistory();
    clearInterval(ticking);
    figures.close();
    expect(turns).toBeGreaterThan(2);
  });
});

describe("the unrealized PnL of now (carried by each equity point)", () => {
  it("is what the PnL by period says of the period ending now, and moves with the live price", async () => {
    dir = mkdtempSync(join(tmpdir(), "account-figures-"));
    store = openStore({ path: ":memory:" });
    candles = new CandleStore(join(dir, "candles.db"));
    const book = new PriceBook();
    book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
    const now = T0 + 2 * DAY;
    book.update("BTCUSDT", "100", T0);
    // 1 BTC bought at 100 with 100 USDT held before: 1 BTC held at a cost of 100.
    const fill = fillEvent({
      tradeId: "t1",
      side: "BUY",
      price: "100",
      quantity: "1",
      amount: "100",
      fee: "0",
      feeCurrency: "USDT",
      timestamp: T0 + 1_000,
      source: "rest",
    });
    store.upsertFill(fill, valueFill(fill, book));
    for (const [asset, free] of [
      ["BTC", "1"],
      ["USDT", "0"],
    ] as const) {
      store.applyBalance({
        asset,
        free,
        locked: "0",
        freeChange: "0",
        lockedChange: "0",
        changeType: "RECONCILE",
        timestamp: now,
        source: "rest",
      });
    }
    const figures = accountFigures(store, candles, book, now);
    // Not known before the portfolio is worked out: never a figure of another moment.
    expect(figures.unrealizedNow()).toBeUndefined();
    figures.start();
    await figures.sync.ready();
    const periodEndingNow = async () =>
      (await figures.queries.pnlPeriods({ period: "day", from: T0, to: now })).at(-1)?.unrealized;

    book.update("BTCUSDT", "150.25", now);
    expect(figures.unrealizedNow()).toBe("50.25");
    expect(await periodEndingNow()).toBe("50.25");
    book.update("BTCUSDT", "99.5", now);
    expect(figures.unrealizedNow()).toBe("-0.5");
    expect(await periodEndingNow()).toBe("-0.5");
    figures.close();
  });
});
