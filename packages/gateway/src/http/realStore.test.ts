import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { balanceEvent, fillEvent, orderEvent } from "../../test/storeEvents.js";
import { TopicHub } from "../fanout/topicHub.js";
import { PriceBook } from "../figures/index.js";
import { standaloneKeeper } from "../figures/keeper.js";
import { createMetrics } from "../metrics.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { buildApp } from "./app.js";
import { createFieldMask } from "./fieldMask.js";
import { createCursorSeal } from "./queries/cursorSeal.js";
import { storeQueries } from "./queries/storeQueries.js";

let app: FastifyInstance;
let store: GatewayStore;
afterEach(async () => {
  await app?.close();
  store?.close();
});

const T = 1_736_417_034_280;

/** The HTTP API over the real SQLite store (in memory) and derived figures, as the service wires it. */
function start(masked = false) {
  store = openStore({ path: ":memory:" });
  for (let n = 0; n < 25; n++) {
    store.upsertFill(
      fillEvent({
        tradeId: `T${String(n).padStart(3, "0")}`,
        timestamp: T + n * 1000,
        symbol: n < 20 ? "BTCUSDT" : "ETHUSDT",
      }),
    );
  }
  store.upsertOrder(orderEvent());
  store.upsertOrder(orderEvent({ orderId: "C02__2", status: "FILLED", createTime: T + 5 }));
  store.applyBalance(balanceEvent());
  store.addEquitySnapshot({ time: T, equity: "1000.5", byAsset: { USDT: "1000.5" } });
  const book = new PriceBook();
  const keeper = standaloneKeeper(store, book);
  app = buildApp({
    queries: masked
      ? storeQueries(store, keeper, book, createFieldMask(["tradeId", "orderId"]), { cursors: createCursorSeal() })
      : storeQueries(store, keeper, book, createFieldMask([])),
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

describe("the HTTP API over the real store", () => {
  it("pages fills newest first with the store's cursors, each fill once", async () => {
    start();
    const seen: string[] = [];
    let url = "/api/fills?symbol=BTCUSDT&limit=7";
    for (let page = 0; page < 10; page++) {
      const body = (await get(url)).json();
      seen.push(...body.items.map((f: { tradeId: string }) => f.tradeId));
      if (body.nextCursor === null) break;
      url = `/api/fills?symbol=BTCUSDT&limit=7&cursor=${body.nextCursor}`;
    }
    expect(seen).toHaveLength(20);
    expect(seen[0]).toBe("T019");
    expect(new Set(seen).size).toBe(20);
  });

  it("with ids masked, pages every fill once through cursors that do not reveal a real id", async () => {
    start(true);
    const seen: string[] = [];
    const cursors: string[] = [];
    let url = "/api/fills?symbol=BTCUSDT&limit=7";
    for (let page = 0; page < 10; page++) {
      const body = (await get(url)).json();
      seen.push(...body.items.map((f: { tradeId: string }) => f.tradeId));
      if (body.nextCursor === null) break;
      cursors.push(body.nextCursor);
      url = `/api/fills?symbol=BTCUSDT&limit=7&cursor=${body.nextCursor}`;
    }
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
    expect(seen.every((id) => id.startsWith("masked-"))).toBe(true);
    expect(cursors).toHaveLength(2);
    for (const cursor of cursors) {
      const decoded = Buffer.from(cursor, "base64url").toString("latin1");
      expect(decoded).not.toMatch(/T0\d\d/);
    }
    // A cursor of the unmasked form (what the store itself writes) is refused.
    const plain = Buffer.from(JSON.stringify({ time: T + 12_000, id: "T012" })).toString("base64url");
    expect((await get(`/api/fills?cursor=${plain}`)).status).toBe(400);
  });

  it("answers a cursor the store did not issue with 400 naming cursor", async () => {
    start();
    const response = await get("/api/fills?cursor=AAAA");
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      error: "BAD_REQUEST",
      message: "cursor: must be the nextCursor of a previous page",
    });
  });

  it("serves orders, balances, equity and volume from the store", async () => {
    start();
    expect((await get("/api/orders?status=open")).json().items.map((o: { orderId: string }) => o.orderId)).toEqual([
      "C02__505979017439002624115",
    ]);
    expect((await get("/api/orders")).json().items).toHaveLength(2);
    expect((await get("/api/balances")).json().items[0]).toMatchObject({ asset: "USDT", free: "990.604961" });
    expect((await get("/api/equity")).json().items).toEqual([
      { time: T, equity: "1000.5", byAsset: { USDT: "1000.5" } },
    ]);
    const volume = (await get("/api/volume?symbol=ETHUSDT")).json().items;
    expect(volume).toHaveLength(1);
    expect(volume[0]).toMatchObject({ symbol: "ETHUSDT", fills: 5 });
  });

  it("exports every stored fill as CSV, oldest first", async () => {
    start();
    const lines = (await get("/api/export/fills.csv")).body.trimEnd().split("\r\n");
    expect(lines).toHaveLength(26);
    expect(lines[1]).toContain(",T000,");
    expect(lines[25]).toContain(",T024,");
    expect(lines[1]).toContain(",93950.39,0.0001,9.395039,0.0000001,BTC,");
  });
});
