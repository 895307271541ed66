import { createMexcClient, type MexcClient } from "@mexc-live/client";
import type { RestKlineInterval } from "@mexc-live/protocol";
import { DAY_MS, MINUTE_MS } from "@mexc-live/protocol";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../test/e2eKit.js";
import { PastPrices } from "../figures/pastPrices.js";
import { PriceBook } from "../figures/priceBook.js";
import { CandleStore } from "../store/candles.js";
import { CandleFetcher } from "./candleFetcher.js";

const dir = tempDir("candles");
let sim: RunningSimulator;
let client: MexcClient;
const requests: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 12, demoTrader: false, historyDays: 2 });
  client = createMexcClient({ restUrl: sim.rest });
});
afterAll(async () => {
  await client?.close();
  await sim?.close();
  dir.remove();
});

function fetcherOver(store: CandleStore) {
  return new CandleFetcher({
    klines: (symbol, interval, range) => {
      requests.push(`${symbol} ${interval} ${range.startTime}`);
      return client.klines(symbol, interval, range);
    },
    store,
    logger: pino({ level: "silent" }),
    retryAfterMs: 10,
  });
}

describe("MEXC's candles, fetched once and kept", () => {
  /**
   * A moment is read from the coarsest candle that closes with its minute (figures/pastPrices.ts), so
   * which later moments one request answers depends on where the moment's minute ends: the moments
   * are placed by where their minute ends (around the first quarter hour of the simulator's past
   * day), so the outcome is the same whatever the time of the run.
   */
  function pastQuarterHour(): number {
    const quarter = 15 * MINUTE_MS;
    return Math.floor((Date.now() - DAY_MS) / quarter) * quarter + quarter;
  }

  function pricesOverSimulator(name: string) {
    const store = new CandleStore(`${dir.path}/${name}.db`);
    const book = new PriceBook();
    book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
    const prices = new PastPrices({ quote: "USDT", markets: book, candles: store });
    const fetcher = fetcherOver(store);
    fetcher.start();
    const fetchWanted = async () => {
      fetcher.want(prices.takeWanted());
      await fetcher.idle();
    };
    return { store, prices, fetchWanted };
  }

  /** The simulator's own 1-minute close of the minute holding `time`. */
  function minuteClose(time: number): string {
    const minute = Math.floor(time / MINUTE_MS) * MINUTE_MS;
    const [bar] = sim.market.klines("BTCUSDT", "Min1", { startTime: minute, endTime: minute, limit: 1 });
    if (bar === undefined) throw new Error(`the simulator has no 1-minute candle at ${new Date(minute).toISOString()}`);
    return bar.close;
  }

  it.each([
    // Its minute ends at q+3: read from the 1-minute candles, as is q+13.
    { where: "mid-way through a 5-minute window", offset: 2 * MINUTE_MS + 17_000 },
    // Its minute ends at q+5: read from the 5-minute candles, whose q+15 one closes with q+14's minute.
    { where: "at a 5-minute boundary", offset: 4 * MINUTE_MS + 17_000 },
  ])(
    "fetches what a past price waits for, once, and the price is then the 1-minute close of that time ($where)",
    async ({ offset }) => {
      const { store, prices, fetchWanted } = pricesOverSimulator(`once-${offset}`);
      const moment = pastQuarterHour() + offset;
      expect(prices.lookup("BTC", moment)).toEqual({ kind: "pending" });
      await fetchWanted();
      expect(prices.priceOf("BTC", moment)?.toFixed()).toBe(minuteClose(moment));
      // Ten minutes later closes in the same kind of candle, fetched with it: no second request.
      const before = requests.length;
      expect(prices.priceOf("BTC", moment + 10 * MINUTE_MS)?.toFixed()).toBe(minuteClose(moment + 10 * MINUTE_MS));
      expect(prices.takeWanted()).toEqual([]);
      expect(requests.length).toBe(before);
      store.close();
    },
  );

  it("reads a quarter-hour end from the 15-minute (or coarser) candles, and asks once more for a minute that none of them closes", async () => {
    const { store, prices, fetchWanted } = pricesOverSimulator("quarter");
    const moment = pastQuarterHour() - MINUTE_MS + 17_000;
    const first = requests.length;
    expect(prices.lookup("BTC", moment)).toEqual({ kind: "pending" });
    await fetchWanted();
    expect(prices.priceOf("BTC", moment)?.toFixed()).toBe(minuteClose(moment));
    expect(requests.slice(first)).toHaveLength(1);
    expect(requests[first]).not.toMatch(/ 1m /);
    // Ten minutes later ends a 5-minute candle, not a quarter hour: unpriced until its own candle comes.
    const later = moment + 10 * MINUTE_MS;
    const before = requests.length;
    expect(prices.lookup("BTC", later)).toEqual({ kind: "pending" });
    await fetchWanted();
    expect(requests.length).toBe(before + 1);
    expect(prices.priceOf("BTC", later)?.toFixed()).toBe(minuteClose(later));
    store.close();
  });

  it("remembers a window MEXC answered without candles (before the pair's past) and never asks it again", async () => {
    const store = new CandleStore(`${dir.path}/empty.db`);
    const fetcher = fetcherOver(store);
    fetcher.start();
    const ancient = Date.UTC(2020, 0, 1, 12);
    fetcher.want([{ symbol: "BTCUSDT", interval: "1m" as RestKlineInterval, time: ancient }]);
    await fetcher.idle();
    expect(store.at("BTCUSDT", "1m", ancient)).toEqual({ kind: "none" });
    expect(store.at("BTCUSDT", "1m", ancient + 999 * MINUTE_MS)).toEqual({ kind: "none" });
    const before = requests.length;
    fetcher.want([{ symbol: "BTCUSDT", interval: "1m" as RestKlineInterval, time: ancient + 5 * MINUTE_MS }]);
    await fetcher.idle();
    expect(requests.length).toBe(before);
    store.close();
  });

  it("takes a symbol MEXC refuses as one without candles, and waits to be started", async () => {
    const store = new CandleStore(`${dir.path}/refused.db`);
    const fetcher = fetcherOver(store);
    const time = Date.now() - DAY_MS;
    fetcher.want([{ symbol: "NOSUCHUSDT", interval: "1m" as RestKlineInterval, time }]);
    await fetcher.idle();
    expect(fetcher.stats().requests).toBe(0);
    fetcher.start();
    await fetcher.idle();
    expect(store.at("NOSUCHUSDT", "1m", time)).toEqual({ kind: "none" });
    await fetcher.close();
    store.close();
  });

  it("merges the windows it was asked into disjoint spans", () => {
    const store = new CandleStore(":memory:");
    store.put("BTCUSDT", "1m", [], { start: 0, end: 100 });
    store.put("BTCUSDT", "1m", [], { start: 200, end: 300 });
    store.put("BTCUSDT", "1m", [], { start: 50, end: 250 });
    for (const time of [0, 99, 150, 299]) expect(store.at("BTCUSDT", "1m", time).kind).toBe("none");
    expect(store.at("BTCUSDT", "1m", 300).kind).toBe("unknown");
    expect(() => store.put("BTCUSDT", "1m", [], { start: 5, end: 5 })).toThrow(/end must be after start/);
    store.close();
  });
});
