import { describe, expect, it } from "vitest";
import { sampleHealth } from "../../../../contract/test/items.js";
import { TopicHub } from "../../fanout/topicHub.js";
import { PriceBook } from "../../figures/index.js";
import { createMetrics } from "../../metrics.js";
import { buildApp } from "../app.js";
import { MemoryQueries } from "../queries/memoryQueries.js";

/** The API on queries answering the precisions from `book` (storeQueries.ts), or held in memory (a web instance's fallback). */
function app(book?: PriceBook) {
  const queries = new MemoryQueries({});
  if (book !== undefined) queries.precisions = () => book.precisions();
  return buildApp({
    queries,
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
}

describe("GET /api/precisions", () => {
  it("answers the places of each pair and asset from the price book's exchangeInfo", async () => {
    const book = new PriceBook();
    book.setMarkets([
      { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT", baseAssetPrecision: 6, quotePrecision: 2 },
      { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT", baseAssetPrecision: 2, quotePrecision: 4 },
    ]);
    const server = app(book);
    const answer = await server.inject({ method: "GET", url: "/api/precisions" });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      assets: { BTC: 6, MX: 2, USDT: 2 },
      symbols: { BTCUSDT: { price: 2, quantity: 6 }, MXUSDT: { price: 4, quantity: 2 } },
    });
    const refused = await server.inject({ method: "GET", url: "/api/precisions?asset=BTC" });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("asset");
    await server.close();
  });

  it("answers empty maps where no exchangeInfo is held (a web instance without its collector)", async () => {
    const server = app();
    expect((await server.inject({ method: "GET", url: "/api/precisions" })).json()).toEqual({
      assets: {},
      symbols: {},
    });
    await server.close();
  });
});
