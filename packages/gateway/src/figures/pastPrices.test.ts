import { DAY_MS, Decimal } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import type { CandleAnswer, CandleSource } from "./pastPrices.js";
import { candleOrder, PastPrices } from "./pastPrices.js";
import { PriceBook } from "./priceBook.js";

const NOW = Date.UTC(2026, 10, 20, 12);

function book(): PriceBook {
  const markets = new PriceBook();
  markets.setMarkets([
    { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
    { symbol: "ETHBTC", baseAsset: "ETH", quoteAsset: "BTC" },
    { symbol: "USDTTRY", baseAsset: "USDT", quoteAsset: "TRY" },
  ]);
  markets.update("BTCUSDT", "90000", NOW);
  return markets;
}

/** Candles by symbol and interval: a table of answers, "unknown" for the rest. */
function candles(
  table: Record<string, (time: number) => CandleAnswer | undefined>,
): CandleSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    at(symbol, interval, time) {
      asked.push(`${symbol} ${interval}`);
      return table[`${symbol} ${interval}`]?.(time) ?? { kind: "unknown" };
    },
  };
}

const candle =
  (close: string) =>
  (time: number): CandleAnswer => ({
    kind: "candle",
    candle: { interval: "1m", openTime: time, closeTime: time + 60_000, close },
  });

describe("the market price of a past moment", () => {
  it("reads a day end from the day candle (it closes where the last minute does), a mid-minute moment from the minute", () => {
    const dayEnd = Date.UTC(2026, 10, 10) - 1;
    expect(candleOrder(dayEnd)[0]).toBe("Day1");
    expect(candleOrder(Date.UTC(2026, 10, 10, 13, 7, 30))[0]).toBe("Min1");
    // A quarter-hour boundary: the 15-minute candle ends there too.
    expect(candleOrder(Date.UTC(2026, 10, 10, 13, 15) - 1).slice(0, 2)).toEqual(["Min15", "Min5"]);
  });

  it("prices an asset directly, inversely, or through one intermediate pair, at the close of its time", () => {
    const source = candles({ "BTCUSDT 1m": candle("80000"), "ETHBTC 1m": candle("0.04"), "USDTTRY 1m": candle("40") });
    const prices = new PastPrices({ quote: "USDT", markets: book(), candles: source, now: () => NOW });
    const moment = NOW - 3 * DAY_MS + 30_000;
    expect(prices.priceOf("BTC", moment)?.toFixed()).toBe("80000");
    expect(prices.priceOf("ETH", moment)?.toFixed()).toBe("3200");
    expect(prices.priceOf("TRY", moment)?.toFixed()).toBe(new Decimal(1).div(40).toFixed());
    expect(prices.priceOf("USDT", moment)?.toFixed()).toBe("1");
  });

  it("asks for the candle it lacks (pending), never a price of another time", () => {
    const source = candles({});
    const prices = new PastPrices({ quote: "USDT", markets: book(), candles: source, now: () => NOW });
    expect(prices.lookup("BTC", NOW - DAY_MS)).toEqual({ kind: "pending" });
    expect(prices.takeWanted()).toEqual([{ symbol: "BTCUSDT", interval: "1m", time: NOW - DAY_MS }]);
    expect(prices.takeWanted()).toEqual([]);
  });

  it("answers from any stored candle that closes with the moment's minute before asking for a coarser one", () => {
    // 13:14:30: its minute, the 5-minute and the 15-minute candle all close at 13:15, at one price.
    const quarterHourEnd = Date.UTC(2026, 10, 10, 13, 15) - 30_000;
    const source = candles({ "BTCUSDT 5m": candle("71000") });
    const prices = new PastPrices({ quote: "USDT", markets: book(), candles: source, now: () => NOW });
    expect(prices.priceOf("BTC", quarterHourEnd)?.toFixed()).toBe("71000");
    expect(prices.takeWanted()).toEqual([]);
    // With none of them stored, the coarsest is asked for (one request covers the most moments).
    const empty = new PastPrices({ quote: "USDT", markets: book(), candles: candles({}), now: () => NOW });
    expect(empty.lookup("BTC", quarterHourEnd)).toEqual({ kind: "pending" });
    expect(empty.takeWanted()).toEqual([{ symbol: "BTCUSDT", interval: "15m", time: quarterHourEnd }]);
  });

  it("falls back to a coarser interval when MEXC has no minute candle then, and says unpriced when it has none at all", () => {
    const none = (): CandleAnswer => ({ kind: "none" });
    const source = candles({ "BTCUSDT 1m": none, "BTCUSDT 5m": none, "BTCUSDT 15m": candle("70000") });
    const prices = new PastPrices({ quote: "USDT", markets: book(), candles: source, now: () => NOW });
    expect(prices.priceOf("BTC", NOW - 200 * DAY_MS + 7_000)?.toFixed()).toBe("70000");
    const nothing = new PastPrices({
      quote: "USDT",
      markets: book(),
      candles: { at: () => ({ kind: "none" }) },
      now: () => NOW,
    });
    expect(nothing.lookup("BTC", NOW - DAY_MS)).toEqual({ kind: "none" });
    expect(nothing.lookup("DOGE", NOW - DAY_MS)).toEqual({ kind: "none" });
  });

  it("waits, pending with nothing to fetch, for a coarser window about to close rather than saying none, and prices the moment from it once closed", () => {
    let now = Date.UTC(2026, 10, 20, 12, 8);
    // 12:05:30: its minute closed at 12:06 and MEXC answered none of it, believed until 12:11;
    // the 5-minute window holding it closes at 12:10, the hour's at 13:00, the 4-hour's at 16:00.
    const moment = Date.UTC(2026, 10, 20, 12, 5, 30);
    const askAgainAt = Date.UTC(2026, 10, 20, 12, 11);
    const table: Record<string, (time: number) => CandleAnswer | undefined> = {
      "BTCUSDT 1m": () => ({ kind: "none", askAgainAt }),
    };
    const prices = new PastPrices({ quote: "USDT", markets: book(), candles: candles(table), now: () => now });
    expect(prices.lookup("BTC", moment)).toEqual({ kind: "pending" });
    expect(prices.takeWanted()).toEqual([]);
    expect(prices.recheckAt).toBe(Date.UTC(2026, 10, 20, 12, 10));
    expect(prices.forNowAnswers).toBe(1);
    // Once the 5-minute window has closed, its candle is asked for, then read.
    now = Date.UTC(2026, 10, 20, 12, 10, 5);
    prices.rechecked(now);
    expect(prices.recheckAt).toBeUndefined();
    expect(prices.lookup("BTC", moment)).toEqual({ kind: "pending" });
    expect(prices.takeWanted()).toEqual([{ symbol: "BTCUSDT", interval: "5m", time: moment }]);
    table["BTCUSDT 5m"] = candle("91000");
    expect(prices.priceOf("BTC", moment)?.toFixed()).toBe("91000");
    // A moment no window closing within OPEN_WAIT_MS can price is unpriced, as before.
    const none = (): CandleAnswer => ({ kind: "none" });
    const quiet = new PastPrices({ quote: "USDT", markets: book(), candles: { at: none }, now: () => now });
    expect(quiet.lookup("BTC", Date.UTC(2026, 10, 20, 9, 30))).toEqual({ kind: "none" });
    expect(quiet.recheckAt).toBeUndefined();
  });

  it("asks no finer candle inside a day MEXC answered empty: only the week's and the month's are left (issue 37)", () => {
    const dayEnd = Date.UTC(2026, 9, 14) - 1;
    const none = (): CandleAnswer => ({ kind: "none" });
    const prices = new PastPrices({
      quote: "USDT",
      markets: book(),
      candles: candles({ "BTCUSDT 1d": none }),
      now: () => NOW,
    });
    expect(prices.lookup("BTC", dayEnd)).toEqual({ kind: "pending" });
    expect(prices.takeWanted()).toEqual([{ symbol: "BTCUSDT", interval: "1W", time: dayEnd }]);
    // The week answered empty too: the month is the last to ask; then unpriced.
    const emptyWeek = new PastPrices({
      quote: "USDT",
      markets: book(),
      candles: candles({ "BTCUSDT 1d": none, "BTCUSDT 1W": none }),
      now: () => NOW,
    });
    expect(emptyWeek.lookup("BTC", dayEnd)).toEqual({ kind: "pending" });
    expect(emptyWeek.takeWanted()).toEqual([{ symbol: "BTCUSDT", interval: "1M", time: dayEnd }]);
  });

  it("takes the live price for a moment of the last two minutes", () => {
    const markets = book();
    const prices = new PastPrices({
      quote: "USDT",
      markets,
      candles: candles({}),
      live: (asset) => markets.priceOf(asset),
      now: () => NOW,
    });
    expect(prices.priceOf("BTC", NOW - 30_000)?.toFixed()).toBe("90000");
    expect(prices.takeWanted()).toEqual([]);
  });

  it("says a moment of the last two minutes is pending while the live prices are still to come, and unpriced once they say none", () => {
    let live: Decimal | null | undefined;
    const prices = new PastPrices({
      quote: "USDT",
      markets: book(),
      candles: candles({}),
      live: () => live,
      now: () => NOW,
    });
    expect(prices.lookup("BTC", NOW - 30_000)).toEqual({ kind: "pending" });
    live = null;
    expect(prices.lookup("BTC", NOW - 30_000)).toEqual({ kind: "none" });
  });
});
