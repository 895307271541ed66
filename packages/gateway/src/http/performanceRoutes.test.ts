import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../test/items.js";
import { fillEvent, transferEvent } from "../../test/storeEvents.js";
import { Figures, PriceBook, valueFill } from "../derive/index.js";
import { TopicHub } from "../fanout/topicHub.js";
import { createFieldMask } from "../ingest/fieldMask.js";
import { rebuildFigures } from "../ingest/figuresFromStore.js";
import { createMetrics } from "../metrics.js";
import { storeQueries } from "../queries/storeQueries.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { buildApp } from "./app.js";

let app: FastifyInstance;
let store: GatewayStore;
afterEach(async () => {
  await app?.close();
  store?.close();
});

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 4, 5);

function start() {
  store = openStore({ path: ":memory:" });
  const book = new PriceBook();
  book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
  const fills = [
    fillEvent({
      tradeId: "a",
      side: "BUY",
      price: "100",
      quantity: "1",
      amount: "100",
      fee: "0",
      feeCurrency: "USDT",
      timestamp: T0,
    }),
    fillEvent({
      tradeId: "b",
      side: "BUY",
      price: "200",
      quantity: "1",
      amount: "200",
      fee: "0",
      feeCurrency: "USDT",
      timestamp: T0 + DAY,
    }),
    fillEvent({
      tradeId: "c",
      side: "SELL",
      price: "180",
      quantity: "1",
      amount: "180",
      fee: "0.18",
      feeCurrency: "USDT",
      timestamp: T0 + 2 * DAY,
    }),
  ];
  for (const fill of fills) store.upsertFill(fill, valueFill(fill, book));
  store.upsertTransfer(transferEvent({ id: "dep", amount: "500", time: T0 - DAY }));
  store.addEquitySnapshot({ time: T0 - DAY / 2, equity: "500", byAsset: { USDT: "500" } });
  store.addEquitySnapshot({ time: T0 + 3 * DAY, equity: "510", byAsset: { USDT: "510" } });
  const figures = new Figures(book, "avg");
  rebuildFigures(figures, store, book);
  app = buildApp({
    queries: storeQueries(store, figures, book, createFieldMask([])),
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
}

const get = async (url: string) => {
  const response = await app.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.body, json: () => response.json() };
};

describe("PnL and performance routes", () => {
  it("GET /api/pnl follows the method asked for", async () => {
    start();
    expect((await get("/api/pnl")).json().items[0]).toMatchObject({ method: "avg", realized: "29.82" });
    expect((await get("/api/pnl?method=fifo")).json().items[0]).toMatchObject({ method: "fifo", realized: "79.82" });
    const bad = await get("/api/pnl?method=lifo");
    expect(bad.status).toBe(400);
    expect(bad.json().message).toMatch(/^method:/);
  });

  it("GET /api/pnl/periods gives realized PnL and fees per day", async () => {
    start();
    const days = (await get(`/api/pnl/periods?period=day&from=${T0}&to=${T0 + 3 * DAY - 1}&method=fifo`)).json().items;
    expect(days.map((d: { period: string; realized: string; fees: string }) => [d.period, d.realized, d.fees])).toEqual(
      [
        ["2025-05-05", "0", "0"],
        ["2025-05-06", "0", "0"],
        ["2025-05-07", "79.82", "0.18"],
      ],
    );
    expect((await get("/api/pnl/periods?period=year")).status).toBe(400);
  });

  it("GET /api/performance sets the deposit apart", async () => {
    start();
    const summary = (await get(`/api/performance?from=${T0 - 2 * DAY}&to=${T0 + 4 * DAY}`)).json();
    expect(summary).toMatchObject({ netFlows: "500", startEquity: "500", endEquity: "510" });
    expect(summary.netDeposits).toEqual([{ time: T0 - DAY, value: "500" }]);
  });

  it("GET /api/export/tax.csv lists the year's disposals by the method asked for", async () => {
    start();
    const csv = await get("/api/export/tax.csv?year=2025&method=fifo");
    expect(csv.status).toBe(200);
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe(
      "date,time,symbol,asset,quantity,proceeds,costBasis,gain,currency,fee,feeCurrency,proceedsValue,costBasisValue,gainValue,quote,method,tradeId",
    );
    expect(lines.slice(1)).toEqual([
      "2025-05-07,2025-05-07T00:00:00.000Z,BTCUSDT,BTC,1,179.82,100,79.82,USDT,0.18,USDT,179.82,100,79.82,USDT,fifo,c",
    ]);
    expect((await get("/api/export/tax.csv?year=2024")).body.trim().split("\r\n")).toHaveLength(1);
    expect((await get("/api/export/tax.csv")).status).toBe(400);
  });
});
