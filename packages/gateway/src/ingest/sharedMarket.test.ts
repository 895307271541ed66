import { EventEmitter } from "node:events";
import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import { PriceBook } from "../figures/index.js";
import { createMetrics } from "../metrics.js";
import { marketsReadText, type SharedMarketDeps, startSharedMarket } from "./sharedMarket.js";

describe("the exchangeInfo read, said at the terminal", () => {
  it("names the pairs MEXC refuses API orders on and those it lists to signed requests only, in words", () => {
    expect(marketsReadText(9, 1, 1)).toBe(
      "MEXC's pairs read: 9; 1 with API trading off at MEXC (shown, but MEXC refuses API orders on it); 1 listed to signed requests only (MEXC's Assessment Zone)",
    );
    expect(marketsReadText(2_000, 3, 0)).toBe(
      "MEXC's pairs read: 2000; 3 with API trading off at MEXC (shown, but MEXC refuses API orders on them)",
    );
    expect(marketsReadText(9, 0, 0)).toBe("MEXC's pairs read: 9");
  });
});

/** A client whose price stream stays silent until `push`; its REST read of every price answers `tickerPrices`. */
function quietMarket(tickerPrices: () => Promise<{ symbol: string; price: string }[]>) {
  const stream = Object.assign(new EventEmitter(), { close: async () => {} });
  const client = {
    exchangeInfo: async () => ({ timezone: "UTC", serverTime: 0, symbols: [] }),
    offlineSymbols: async () => [],
    marketStream: () => stream,
    tickerPrices,
    announcements: async () => [],
    orderBook: () => {
      throw new Error("not used");
    },
    klines: async () => [],
    recentTrades: async () => [],
  } as unknown as SharedMarketDeps["client"];
  const outlet = { publish: () => {}, drop: () => {}, onDemand: () => () => {}, wanted: () => [] };
  const book = new PriceBook();
  const deps: SharedMarketDeps = {
    client,
    signedReads: false,
    book,
    bus: () => outlet,
    metrics: createMetrics(),
    logger: pino({ level: "silent" }),
    serveTopics: false,
  };
  return { deps, book, stream };
}

/** With the REST read answering as `read` does, the first prices are not settled once it is done, but by the stream's first push. */
async function waitsForThePush(read: () => Promise<never>): Promise<void> {
  let asked = false;
  const { deps, stream } = quietMarket(async () => {
    asked = true;
    return read();
  });
  const market = await startSharedMarket(deps);
  let settled = false;
  void market.firstPrices.then(() => {
    settled = true;
  });
  await vi.waitFor(() => expect(asked).toBe(true), { interval: 1 });
  await new Promise((resolve) => setImmediate(resolve));
  expect(settled).toBe(false);
  stream.emit("event", { type: "miniTickers", timestamp: 1, tickers: [{ symbol: "MXUSDT", price: "2.3" }] });
  await vi.waitFor(() => expect(settled).toBe(true), { interval: 1 });
  await market.close();
}

describe("the first prices at start", () => {
  it("come from one REST read of every pair when the stream has not pushed yet (MEXC pushes every 3 s)", async () => {
    const { deps, book } = quietMarket(async () => [
      { symbol: "BTCUSDT", price: "91000.5" },
      { symbol: "MXUSDT", price: "2.31" },
    ]);
    const market = await startSharedMarket(deps);
    let settled = false;
    void market.firstPrices.then(() => {
      settled = true;
    });
    // Long before the 5 s wait ends: the REST answer alone settles it, with the prices in the book.
    await vi.waitFor(() => expect(settled).toBe(true), { interval: 1 });
    expect(book.price("BTCUSDT")).toBe("91000.5");
    expect(book.price("MXUSDT")).toBe("2.31");
    await market.close();
  });

  it("leave out what is not a symbol and a positive price, and wait for the stream when nothing is left", async () => {
    const bad = [null, { symbol: "ETHUSDT" }, { symbol: 5, price: "1" }, { symbol: "SOLUSDT", price: "-1" }, "x"];
    const { deps, book } = quietMarket(async () => [...bad, { symbol: "MXUSDT", price: "2.31" }] as never);
    const market = await startSharedMarket(deps);
    await market.firstPrices;
    expect(book.price("MXUSDT")).toBe("2.31");
    expect(book.price("SOLUSDT")).toBeUndefined();
    await market.close();

    await waitsForThePush(async () => bad as never);
  });

  it("wait for the stream's push when the REST read fails", async () => {
    await waitsForThePush(async () => {
      throw new Error("503");
    });
  });
});
