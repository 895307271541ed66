/**
 * The tax export through a web instance against a real redis-server: the rows come from the
 * collector a chunk at a time, each asked for when the web instance's reply wants more, so memory
 * on both sides is bounded by TAX_ROWS_PER_MESSAGE whatever the year's row count; a client that
 * stops reading stops the collector's walk, one that goes away ends it, an idle session is dropped.
 */

import { request as httpRequest, type IncomingMessage } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { redisServerPath, startRedis, type TestRedis, testLink, warnRedisMissing } from "../../test/redisTestServer.js";
import { fillEvent } from "../../test/storeEvents.js";
import { TopicHub } from "../fanout/topicHub.js";
import { PriceBook, type TaxRow } from "../figures/index.js";
import { standaloneKeeper } from "../figures/keeper.js";
import { buildApp } from "../http/app.js";
import { createFieldMask } from "../http/fieldMask.js";
import type { GatewayQueries } from "../http/queries/gatewayQueries.js";
import { storeQueries } from "../http/queries/storeQueries.js";
import { createLogger } from "../logging.js";
import { createMetrics } from "../metrics.js";
import { TopicStates } from "../state/topicStates.js";
import { type GatewayStore, openStore } from "../store/index.js";
import type { ExportSessionTimes } from "./exportSessions.js";
import { type RedisHistoryClient, startRedisHistoryClient } from "./redisHistoryClient.js";
import { type RedisHistoryServer, startRedisHistoryServer } from "./redisHistoryServer.js";
import { MAX_TAX_SESSIONS, REDIS_HISTORY_REPLY_PREFIX, TAX_ROWS_PER_MESSAGE } from "./redisHistoryWire.js";
import { redisStateQueries } from "./redisQueries.js";

/** The tax file's closing lines: the totals' heading, their columns, short, long; the counts; the history. */
const TAX_CLOSING_LINES = 6;
const REDIS_SERVER = redisServerPath();
if (REDIS_SERVER === undefined) warnRedisMissing("the redis tax export test");

const T = Date.UTC(2025, 0, 1);
/** A buy then a sell: 2.5 chunks of disposals in 2025. */
const FILLS = 5 * TAX_ROWS_PER_MESSAGE + 2;
/** A year far larger than the socket buffers between the web instance and its client (~30 MB of CSV). */
const MANY_ROWS = 200_000;

const quiet = createLogger({ level: "silent" }).logger;

function seededStore(): GatewayStore {
  const store = openStore({ path: ":memory:" });
  store.batch(() => {
    for (let n = 0; n < FILLS; n++) {
      store.upsertFill(
        fillEvent({
          tradeId: `T${String(n).padStart(6, "0")}`,
          side: n % 2 === 0 ? "BUY" : "SELL",
          price: n % 2 === 0 ? "90000" : "91000.5",
          amount: n % 2 === 0 ? "9" : "9.10005",
          feeCurrency: "USDT",
          timestamp: T + n * 60_000,
        }),
      );
    }
  });
  return store;
}

function app(queries: GatewayQueries): FastifyInstance {
  return buildApp({
    queries,
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
}

/**
 * Collector queries whose tax year is `count` made-up rows after `walkBefore` fills of earlier
 * years (0.2 ms each), counting the rows read and whether the walk ended. */
function countedTaxQueries(count: number, walkBefore = 0, makeMs = 0) {
  const walk = { read: 0, ended: false };
  const row = (n: number): TaxRow => ({
    section: "disposal",
    kind: "sell",
    uncovered: "0",
    time: T + n,
    symbol: "BTCUSDT",
    asset: "BTC",
    currency: "USDT",
    quantity: "0.0001",
    proceeds: "9.10005",
    costBasis: "9",
    gain: "0.10005",
    fee: "0.01",
    feeCurrency: "USDT",
    proceedsValue: "9.10005",
    costBasisValue: "9",
    gainValue: "0.10005",
    quote: "USDT",
    method: "fifo",
    tradeId: `T${n}`,
    acquiredFirst: T - 1,
    acquiredLast: T - 1,
    shortQuantity: "0.0001",
    longQuantity: "0",
    acquired: null,
    heldDays: null,
    term: null,
  });
  function* rows(): Generator<TaxRow | null> {
    try {
      for (let n = 0; n < walkBefore; n++) {
        const until = performance.now() + 0.2;
        while (performance.now() < until) {} // A fill of an earlier year, walked for its cost.
        yield null;
      }
      for (let n = 0; n < count; n++) {
        walk.read++;
        yield row(n);
      }
    } finally {
      walk.ended = true;
    }
  }
  // makeMs: how long the queries take to give the walk (the figures by asset being built first).
  const taxRows = async () => {
    await sleep(makeMs);
    return rows();
  };
  const queries = { taxRows } as unknown as GatewayQueries;
  return { queries, walk };
}

describe.skipIf(REDIS_SERVER === undefined)("tax export over redis", () => {
  let redis: TestRedis;
  let store: GatewayStore;
  let collectorQueries: GatewayQueries;
  let collectorApp: FastifyInstance;
  let server: RedisHistoryServer | undefined;
  let client: RedisHistoryClient | undefined;
  let webApp: FastifyInstance | undefined;

  beforeAll(async () => {
    redis = await startRedis(REDIS_SERVER!);
    store = seededStore();
    const book = new PriceBook();
    book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
    collectorQueries = storeQueries(store, standaloneKeeper(store, book), book, createFieldMask([]));
    collectorApp = app(collectorQueries);
  });
  afterEach(async () => {
    await webApp?.close();
    await client?.close();
    await server?.close();
    webApp = client = server = undefined;
  });
  afterAll(async () => {
    await collectorApp?.close();
    store?.close();
    redis?.stop();
  });

  const startCollector = async (queries: GatewayQueries, taxTimes?: ExportSessionTimes) => {
    server = await startRedisHistoryServer({ link: testLink(redis), queries, logger: quiet, taxTimes });
    return server;
  };
  const startWeb = async (timeoutMs?: number) => {
    client = await startRedisHistoryClient({ link: testLink(redis), logger: quiet, timeoutMs });
    const queries = redisStateQueries({
      states: new TopicStates(),
      history: client,
      figures: async () => undefined,
      quote: "USDT",
      logger: quiet,
    });
    webApp = app(queries);
    return { web: webApp, client };
  };

  /** Rows in each reply the collector published, as a spy on Redis would see them. */
  const watchReplies = async () => {
    const spy = redis.client();
    const rowsPerReply: number[] = [];
    spy.on("pmessage", (_pattern: string, _channel: string, text: string) => {
      const reply = JSON.parse(text.slice(text.indexOf("\n") + 1)) as { result?: { rows?: unknown[] } };
      if (reply.result?.rows !== undefined) rowsPerReply.push(reply.result.rows.length);
    });
    await spy.psubscribe(`${REDIS_HISTORY_REPLY_PREFIX}*`);
    return { rowsPerReply, stop: () => spy.disconnect() };
  };

  it("exports tax.csv through a web instance in chunks, line for line as the collector's own", async () => {
    const collector = await startCollector(collectorQueries);
    const { web } = await startWeb();
    const replies = await watchReplies();
    try {
      const [fromWeb, fromCollector] = [
        await web.inject({ method: "GET", url: "/api/export/tax.csv?year=2025&method=fifo" }),
        await collectorApp.inject({ method: "GET", url: "/api/export/tax.csv?year=2025&method=fifo" }),
      ];
      expect(fromWeb.statusCode).toBe(200);
      const lines = fromWeb.body.split("\r\n").filter((line) => line !== "");
      // The header, a line per sell, the closing lines.
      expect(lines.length - 1 - TAX_CLOSING_LINES).toBe((FILLS - 2) / 2 + 1);
      expect(lines).toEqual(fromCollector.body.split("\r\n").filter((line) => line !== ""));
      await sleep(50);
      // Messages of at most a chunk each (fewer rows when a chunk's time ran out first: on a loaded
      // machine the figures by asset the walk needs may take seconds to build), never one holding the year.
      const rows = replies.rowsPerReply;
      expect(rows.every((n) => n <= TAX_ROWS_PER_MESSAGE)).toBe(true);
      // The rows and the end (the closing lines' one row).
      expect(rows.reduce((sum, n) => sum + n, 0)).toBe(lines.length - TAX_CLOSING_LINES);
      expect(rows.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
      const stats = collector.taxStats();
      expect(stats).toMatchObject({ sessions: 0, held: 0 });
      expect(stats.peakHeld).toBeLessThanOrEqual(TAX_ROWS_PER_MESSAGE);
    } finally {
      replies.stop();
    }
  });

  it("carries the report's choices to the collector: a row per lot, longTermDays, USD", async () => {
    await startCollector(collectorQueries);
    const { web } = await startWeb();
    const url = "/api/export/tax.csv?year=2025&method=lifo&lots=split&longTermDays=30&currency=USD";
    const [fromWeb, fromCollector] = [
      await web.inject({ method: "GET", url }),
      await collectorApp.inject({ method: "GET", url }),
    ];
    expect(fromWeb.statusCode).toBe(200);
    const lines = fromWeb.body.split("\r\n");
    expect(lines[0]).toMatch(/,acquired,heldDays,term$/);
    expect(lines[1]?.split(",").slice(8, 9)).toEqual(["USD"]);
    expect(fromWeb.body).toContain("(long: lots held more than 30 days;");
    expect(fromWeb.body).toBe(fromCollector.body);
    // A currency the collector has no rates for: its 400, through the web instance.
    const refused = await web.inject({ method: "GET", url: "/api/export/tax.csv?year=2025&currency=EUR" });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("currency: no rates for EUR");
  });

  it("stops the collector's walk while the client does not read, and ends it when the client goes away", async () => {
    const { queries, walk } = countedTaxQueries(MANY_ROWS);
    const collector = await startCollector(queries);
    const { web } = await startWeb();
    const url = new URL(await web.listen({ port: 0, host: "127.0.0.1" }));
    const request = httpRequest({ host: "127.0.0.1", port: url.port, path: "/api/export/tax.csv?year=2025" });
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      request.once("response", resolve).once("error", reject).end();
    });
    expect(response.statusCode).toBe(200);
    response.pause(); // The client reads nothing more.
    // The buffers between the walk and the client fill, then the walk stops: wait until it has
    // (on a loaded machine that takes longer), then watch it stay stopped.
    let readWhilePaused = -1;
    for (let n = 0; n < 50 && walk.read !== readWhilePaused; n++) {
      readWhilePaused = walk.read;
      await sleep(400);
    }
    await sleep(800);
    // The walk waits for the client: no chunk asked for, nothing more read.
    expect(walk.read).toBe(readWhilePaused);
    expect(walk.read).toBeLessThan(MANY_ROWS / 4);
    expect(collector.taxStats().sessions).toBe(1);
    expect(collector.taxStats().peakHeld).toBeLessThanOrEqual(TAX_ROWS_PER_MESSAGE);
    expect(walk.ended).toBe(false);
    request.once("error", () => {}).destroy();
    for (let n = 0; n < 100 && collector.taxStats().sessions > 0; n++) await sleep(20);
    expect(collector.taxStats().sessions).toBe(0);
    expect(walk.ended).toBe(true);
  });

  it("drops a session no chunk was asked for within its idle time, and says so to a late ask", async () => {
    const { queries, walk } = countedTaxQueries(3 * TAX_ROWS_PER_MESSAGE);
    const collector = await startCollector(queries, { idleMs: 200 });
    const { client: asker } = await startWeb();
    const first = await asker.ask("taxRows", { year: 2025 });
    if (!first.ok) throw new Error("no first chunk");
    expect(first.result.rows).toHaveLength(TAX_ROWS_PER_MESSAGE);
    expect(first.result.more).toBe(true);
    expect(collector.taxStats().sessions).toBe(1);
    await sleep(400);
    expect(collector.taxStats().sessions).toBe(0);
    expect(walk.ended).toBe(true);
    const late = await asker.ask("taxNext", { session: first.result.session });
    expect(late).toMatchObject({ ok: false, code: "BAD_REQUEST", message: expect.stringMatching(/^session: /) });
  });

  it("opens MAX_TAX_SESSIONS tax exports at once and answers one more 409 EXPORT_RUNNING", async () => {
    const { queries } = countedTaxQueries(3 * TAX_ROWS_PER_MESSAGE);
    const collector = await startCollector(queries);
    const { web, client: asker } = await startWeb();
    for (let n = 0; n < MAX_TAX_SESSIONS; n++) expect((await asker.ask("taxRows", { year: 2025 })).ok).toBe(true);
    expect(collector.taxStats().sessions).toBe(MAX_TAX_SESSIONS);
    expect(collector.taxStats().peakHeld).toBe(TAX_ROWS_PER_MESSAGE);
    expect(await asker.ask("taxRows", { year: 2025 })).toMatchObject({ ok: false, code: "BUSY" });
    const refused = await web.inject({ method: "GET", url: "/api/export/tax.csv?year=2025" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: "EXPORT_RUNNING" });
  });

  it("answers chunks without rows while the walk is being made, so a slow first build times no ask out", async () => {
    const { queries, walk } = countedTaxQueries(10, 0, 1_000);
    await startCollector(queries, { chunkMs: 100 });
    const { web } = await startWeb(300);
    const response = await web.inject({ method: "GET", url: "/api/export/tax.csv?year=2025" });
    expect(response.statusCode).toBe(200);
    expect(response.body.split("\r\n").filter((line) => line !== "")).toHaveLength(1 + 10 + TAX_CLOSING_LINES);
    expect(walk.ended).toBe(true);
  });

  it("sends what a chunk's time made when the year's first row is far into the walk, so no ask times out", async () => {
    const { queries } = countedTaxQueries(10, 3_000);
    await startCollector(queries, { chunkMs: 100 });
    const { web } = await startWeb(300);
    const response = await web.inject({ method: "GET", url: "/api/export/tax.csv?year=2025" });
    expect(response.statusCode).toBe(200);
    // The header, 10 rows and the closing lines.
    expect(response.body.split("\r\n").filter((line) => line !== "")).toHaveLength(1 + 10 + TAX_CLOSING_LINES);
  });
});
