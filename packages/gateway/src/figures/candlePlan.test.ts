import type { RestKlineInterval } from "@mexc-live/protocol";
import { DAY_MS, MINUTE_MS } from "@mexc-live/protocol";
import type { RestKlineRow } from "@mexc-live/protocol/rest";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test/e2eKit.js";
import { holdOneBought } from "../../test/oneBuy.js";
import { CandleFetcher } from "../ingest/candleFetcher.js";
import { createLogger } from "../logging.js";
import { CandleStore } from "../store/candles.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { KLINE_REQUESTS_PER_READ, planRequests, ReadPlan } from "./candlePlan.js";
import { PriceBook } from "./index.js";
import { FiguresKeeper } from "./keeper.js";
import type { WantedCandle } from "./pastPrices.js";
import { pnlPeriodsOf } from "./portfolio/periodsAnswer.js";

const T0 = Date.UTC(2025, 0, 1);
const NOW = T0 + 366 * DAY_MS + 3 * 60 * MINUTE_MS;
const logger = createLogger({ level: "silent" }).logger;
const dir = tempDir("candle-reads");
const open: { close(): void }[] = [];
afterEach(() => {
  for (const each of open.splice(0)) each.close();
  dir.remove();
});

/** A local MEXC klines endpoint that has no candle at all for XYZUSDT (listed after these moments), counting requests. */
function emptyKlines() {
  const requests: string[] = [];
  const klines = async (symbol: string, interval: RestKlineInterval, range: { startTime: number }) => {
    requests.push(`${symbol} ${interval} ${new Date(range.startTime).toISOString()}`);
    return [] as RestKlineRow[];
  };
  return { requests, klines };
}

/** An account that bought 1 XYZ for 100 USDT a year ago and holds it: its day ends are valued at XYZUSDT's closes. */
function accountHoldingXyz(store: GatewayStore, candles: CandleStore, fetcher: CandleFetcher): FiguresKeeper {
  const book = new PriceBook();
  book.setMarkets([{ symbol: "XYZUSDT", baseAsset: "XYZ", quoteAsset: "USDT" }]);
  book.update("XYZUSDT", "120", NOW);
  holdOneBought(store, book, { symbol: "XYZUSDT", quoteLeft: "0", boughtAt: T0 + 1_000, heldAt: NOW });
  return new FiguresKeeper({
    store,
    book,
    candles,
    fetcher,
    method: "avg",
    logger,
    now: () => NOW,
  });
}

describe("past prices fetched within bounds (issue 37)", () => {
  it("a year's PnL by day of a pair MEXC has no candles for: a few requests, and none at all the second time", async () => {
    const store = openStore({ path: ":memory:" });
    const candles = new CandleStore(`${dir.path}/market.db`, undefined, () => NOW);
    const mexc = emptyKlines();
    const fetcher = new CandleFetcher({
      klines: mexc.klines,
      store: candles,
      logger,
      now: () => NOW,
      retryAfterMs: 10,
    });
    fetcher.start();
    const figures = accountHoldingXyz(store, candles, fetcher);
    open.push(figures, candles, store);
    figures.start();
    await figures.ready();
    const read = () => pnlPeriodsOf(figures.queries, { period: "day", from: T0, to: NOW });

    const first = await read();
    // The days (one request covers 1000), then the weeks and the months that hold them: nothing finer.
    expect(mexc.requests.map((request) => request.split(" ")[1])).toEqual(["1d", "1W", "1M"]);
    expect(mexc.requests.length).toBeLessThanOrEqual(KLINE_REQUESTS_PER_READ);
    // Unpriced, never a guess: the past days have no value.
    expect(first.length).toBeGreaterThan(360);
    expect(first.slice(0, -2).every((day) => day.unrealized === null)).toBe(true);

    const before = mexc.requests.length;
    const second = await read();
    expect(mexc.requests.length - before).toBe(0);
    expect(second).toEqual(first);
    await fetcher.close();
  });

  it(`one read makes at most KLINE_REQUESTS_PER_READ (${KLINE_REQUESTS_PER_READ}) requests; the next read goes on from there`, async () => {
    const candles = new CandleStore(":memory:", undefined, () => NOW);
    open.push(candles);
    const mexc = emptyKlines();
    const fetcher = new CandleFetcher({
      klines: mexc.klines,
      store: candles,
      logger,
      now: () => NOW,
      retryAfterMs: 10,
    });
    fetcher.start();
    // A deposit a day at 13:07: each needs its own 1-minute page (1000 minutes hold one of them).
    const moments: WantedCandle[] = Array.from({ length: 365 }, (_, day) => ({
      symbol: "XYZUSDT",
      interval: "1m",
      time: T0 + day * DAY_MS + 13 * 60 * MINUTE_MS + 7 * MINUTE_MS,
    }));
    expect(planRequests(moments, NOW)).toHaveLength(365);
    const read = new ReadPlan(() => NOW);
    const admitted = read.admit(moments);
    expect(admitted).toHaveLength(KLINE_REQUESTS_PER_READ);
    expect(read.admit(moments)).toEqual([]);
    fetcher.want(admitted);
    await fetcher.idle();
    expect(mexc.requests).toHaveLength(KLINE_REQUESTS_PER_READ);
    // The day ends of the same year are one request: moments of one symbol and interval share pages.
    const dayEnds = moments.map((moment) => ({ ...moment, interval: "1d" as RestKlineInterval }));
    expect(planRequests(dayEnds, NOW)).toHaveLength(1);
    await fetcher.close();
  });

  it("serves the candles a read waits for before the background's queued ahead of them", async () => {
    const candles = new CandleStore(":memory:", undefined, () => NOW);
    open.push(candles);
    const mexc = emptyKlines();
    const fetcher = new CandleFetcher({
      klines: mexc.klines,
      store: candles,
      logger,
      now: () => NOW,
      retryAfterMs: 10,
    });
    fetcher.start();
    // The estimated equity history's minutes, a day apart: 30 requests waiting.
    fetcher.want(
      Array.from({ length: 30 }, (_, day) => ({
        symbol: "XYZUSDT",
        interval: "1m" as RestKlineInterval,
        time: T0 + day * DAY_MS + 7 * MINUTE_MS,
      })),
    );
    // A read's day end, later than all of them.
    await fetcher.wantNow([{ symbol: "ABCUSDT", interval: "1d", time: T0 + 300 * DAY_MS - 1 }]);
    expect(mexc.requests.findIndex((request) => request.startsWith("ABCUSDT 1d"))).toBeLessThanOrEqual(1);
    expect(mexc.requests.length).toBeLessThan(30);
    await fetcher.idle();
    expect(mexc.requests).toHaveLength(31);
    await fetcher.close();
  });
});
