import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { orderEvent } from "../../test/storeEvents.js";
import { TopicHub } from "../fanout/topicHub.js";
import { PriceBook } from "../figures/index.js";
import { standaloneKeeper } from "../figures/keeper.js";
import { createMetrics } from "../metrics.js";
import { MAX_PAGE_LIMIT } from "../store/cursor.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { buildApp } from "./app.js";
import { createFieldMask } from "./fieldMask.js";
import { storeQueries } from "./queries/storeQueries.js";

/** More orders than one page, so the export must read several (a browser holds only its first). */
const ORDERS = MAX_PAGE_LIMIT + 181;
/** Every tenth order is still open; the rest are the Order history. */
const OPEN_EVERY = 10;
const T = Date.UTC(2025, 0, 1);
const orderId = (n: number) => `C02__${String(n).padStart(9, "0")}`;

let app: FastifyInstance;
let store: GatewayStore;
afterEach(async () => {
  await app?.close();
  store?.close();
});

function start(maskFields: ("orderId" | "clientOrderId")[] = []) {
  store = openStore({ path: ":memory:" });
  store.batch(() => {
    for (let n = 0; n < ORDERS; n++) {
      const open = n % OPEN_EVERY === 0;
      store.upsertOrder(
        orderEvent({
          orderId: orderId(n),
          clientOrderId: `bot_${n}`,
          symbol: n % 3 === 0 ? "ETHUSDT" : "BTCUSDT",
          side: n % 2 === 0 ? "BUY" : "SELL",
          status: open ? "NEW" : "FILLED",
          createTime: T + n * 60_000,
          timestamp: T + n * 60_000 + 1,
        }),
      );
    }
  });
  const book = new PriceBook();
  app = buildApp({
    queries: storeQueries(store, standaloneKeeper(store, book), book, createFieldMask(maskFields)),
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
}

async function rows(url: string): Promise<{ status: number; header: string; rows: string[][]; body: string }> {
  const response = await app.inject({ method: "GET", url });
  const lines = response.body.split("\r\n").filter((line) => line !== "");
  return {
    status: response.statusCode,
    header: lines[0] ?? "",
    rows: lines.slice(1).map((line) => line.split(",")),
    body: response.body,
  };
}

const expected = (keep: (n: number) => boolean) => {
  const ids: string[] = [];
  for (let n = ORDERS - 1; n >= 0; n--) if (keep(n)) ids.push(orderId(n));
  return ids;
};

describe("GET /api/export/orders.csv: every stored order the tables filter to", () => {
  it("holds the whole Order history (closed orders), newest first, past the first page", async () => {
    start();
    const { status, header, rows: got } = await rows("/api/export/orders.csv?status=closed");
    expect(status).toBe(200);
    expect(header).toMatch(/^time,orderId,clientOrderId,symbol,side,type,status,/);
    expect(got.map((row) => row[1])).toEqual(expected((n) => n % OPEN_EVERY !== 0));
    expect(got.length).toBeGreaterThan(MAX_PAGE_LIMIT);
    expect(new Set(got.map((row) => row[6]))).toEqual(new Set(["FILLED"]));
  });

  it("keeps to the table's filters: open, all, symbol, side and the created dates (inclusive)", async () => {
    start();
    expect((await rows("/api/export/orders.csv?status=open")).rows.map((row) => row[1])).toEqual(
      expected((n) => n % OPEN_EVERY === 0),
    );
    expect((await rows("/api/export/orders.csv")).rows).toHaveLength(ORDERS);
    const eth = await rows("/api/export/orders.csv?status=closed&symbol=ETHUSDT&side=SELL");
    expect(eth.rows.map((row) => row[1])).toEqual(expected((n) => n % OPEN_EVERY !== 0 && n % 3 === 0 && n % 2 === 1));
    const ranged = await rows(`/api/export/orders.csv?from=${T + 60_000}&to=${T + 180_000}`);
    expect(ranged.rows.map((row) => row[1])).toEqual([orderId(3), orderId(2), orderId(1)]);
  });

  it("names the bad field of a bad filter", async () => {
    start();
    const response = await app.inject({ method: "GET", url: "/api/export/orders.csv?status=done" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("status");
    const side = await app.inject({ method: "GET", url: "/api/export/orders.csv?side=buy" });
    expect(side.statusCode).toBe(400);
    expect(side.body).toContain("side");
  });

  it("with --mask, holds no raw order or client order id", async () => {
    start(["orderId", "clientOrderId"]);
    const { status, body, rows: got } = await rows("/api/export/orders.csv");
    expect(status).toBe(200);
    expect(got).toHaveLength(ORDERS);
    for (const id of [orderId(0), orderId(ORDERS - 1), "bot_1"]) expect(body.includes(id), id).toBe(false);
  });
});
