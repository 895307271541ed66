import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleFill, sampleHealth, T0 } from "../../../contract/test/items.js";
import { parseCsv } from "../../test/csvReader.js";
import { TopicHub } from "../fanout/topicHub.js";
import { createMetrics } from "../metrics.js";
import { buildApp } from "./app.js";
import { MemoryQueries } from "./queries/memoryQueries.js";

let app: FastifyInstance;
afterEach(() => app?.close());

function start(queries: MemoryQueries) {
  app = buildApp({
    queries,
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
  return app;
}

describe("GET /api/export/fills.csv", () => {
  it("streams a header and every fill oldest first, decimals exactly as stored", async () => {
    start(new MemoryQueries({ fills: [3, 1, 2].map((n) => sampleFill(n)) }));
    const response = await app.inject({ method: "GET", url: "/api/export/fills.csv" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="mexc-live-fills.csv"');
    const rows = parseCsv(response.body);
    expect(rows[0]).toEqual([
      "time",
      "timeIso",
      "tradeId",
      "orderId",
      "symbol",
      "side",
      "price",
      "quantity",
      "amount",
      "fee",
      "feeCurrency",
      "feeValue",
      "isMaker",
      "source",
    ]);
    expect(rows.slice(1).map((row) => row[2])).toEqual(["5044000001", "5044000002", "5044000003"]);
    expect(rows[1]).toEqual([
      String(T0 + 1000),
      "2025-01-02T00:00:01.000Z",
      "5044000001",
      "C02__400000000001",
      "BTCUSDT",
      "SELL",
      "97000.01",
      "0.00010300",
      "9.99100103",
      "0.00999100",
      "USDT",
      "0.00999100",
      "false",
      "stream",
    ]);
  });

  it("escapes fields with commas and quotes, and leaves an unknown fee value empty", async () => {
    start(new MemoryQueries({ fills: [sampleFill(1, { orderId: 'a,"b"', feeValue: null })] }));
    const response = await app.inject({ method: "GET", url: "/api/export/fills.csv" });
    expect(response.body).toContain(',"a,""b""",');
    const row = parseCsv(response.body)[1] as string[];
    expect(row[3]).toBe('a,"b"');
    expect(row[11]).toBe("");
  });

  it("exports a long history in full, filtered by symbol and range", async () => {
    const fills = Array.from({ length: 2500 }, (_, n) => sampleFill(n, n % 5 === 0 ? { symbol: "ETHUSDT" } : {}));
    start(new MemoryQueries({ fills }));
    const all = parseCsv((await app.inject({ method: "GET", url: "/api/export/fills.csv" })).body);
    expect(all).toHaveLength(2501);
    const eth = await app.inject({
      method: "GET",
      url: `/api/export/fills.csv?symbol=ETHUSDT&from=${T0}&to=${T0 + 99_000}`,
    });
    expect(eth.headers["content-disposition"]).toContain("mexc-live-fills-ETHUSDT.csv");
    expect(parseCsv(eth.body)).toHaveLength(1 + 20);
  });

  it("refuses a bad range naming the parameter", async () => {
    start(new MemoryQueries());
    const response = await app.inject({ method: "GET", url: "/api/export/fills.csv?to=soon" });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^to: /);
  });
});
