/**
 * The files for other tools through a web instance against a real redis-server: the web instance
 * has no store, so each file is its collector's, pulled a chunk of lines at a time
 * (redis/exportSessions.ts), byte for byte the file the collector serves itself; the chunks and
 * what the collector holds stay within TOOL_CHUNK_CHARS whatever the history's length; a client
 * that goes away ends the collector's walk; with no collector the web instance refuses the file
 * in words instead of sending part of one.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { EXPORTS, type FillItem } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sampleFill, sampleHealth } from "../../../contract/test/items.js";
import { balanceChanges, EXAMPLE_MARKETS } from "../../test/exportExample.js";
import { type ExampleStore, openExampleStore } from "../../test/exportKit.js";
import { readKoinly } from "../../test/exportReaders.js";
import { redisServerPath, startRedis, type TestRedis, testLink, warnRedisMissing } from "../../test/redisTestServer.js";
import { fillEvent } from "../../test/storeEvents.js";
import { TopicHub } from "../fanout/topicHub.js";
import { PriceBook } from "../figures/index.js";
import { standaloneKeeper } from "../figures/keeper.js";
import { buildApp } from "../http/app.js";
import { createFieldMask } from "../http/fieldMask.js";
import type { GatewayQueries } from "../http/queries/gatewayQueries.js";
import { storeQueries } from "../http/queries/storeQueries.js";
import { UNKNOWN_SYMBOLS_HEADER } from "../http/routes/exportToTool.js";
import { createLogger } from "../logging.js";
import { createMetrics } from "../metrics.js";
import { TopicStates } from "../state/topicStates.js";
import { type RedisHistoryClient, startRedisHistoryClient } from "./redisHistoryClient.js";
import { type RedisHistoryServer, startRedisHistoryServer } from "./redisHistoryServer.js";
import { REDIS_HISTORY_REPLY_PREFIX, TOOL_CHUNK_CHARS } from "./redisHistoryWire.js";
import { redisStateQueries } from "./redisQueries.js";

const REDIS_SERVER = redisServerPath();
if (REDIS_SERVER === undefined) warnRedisMissing("the redis test of the files for other tools");

const quiet = createLogger({ level: "silent" }).logger;
/** Fills enough for several chunks of Koinly's lines (~180 characters each). */
const MANY_FILLS = Math.ceil((3.5 * TOOL_CHUNK_CHARS) / 150);
/** The longest Koinly line of these fills, and then some: what one chunk may hold past TOOL_CHUNK_CHARS. */
const LINE_MAX = 400;

function app(queries: GatewayQueries): FastifyInstance {
  return buildApp({
    queries,
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
}

const path = (name: "rotkiTrades" | "rotkiEvents" | "koinly" | "coinTracking" | "ghostfolio") => EXPORTS[name].path;

describe.skipIf(REDIS_SERVER === undefined)("the files for other tools over redis", () => {
  let redis: TestRedis;
  let example: ExampleStore;
  let collectorQueries: GatewayQueries;
  let collectorApp: FastifyInstance;
  let server: RedisHistoryServer | undefined;
  let client: RedisHistoryClient | undefined;
  let webApp: FastifyInstance | undefined;
  const open: IncomingMessage[] = [];

  beforeAll(async () => {
    redis = await startRedis(REDIS_SERVER!);
    example = openExampleStore();
    // A pair nothing can place (no longer listed, no known quote at its end): its fill is in no
    // file, and both instances name it.
    example.store.upsertFill(fillEvent({ symbol: "GONETRY", tradeId: "gone-1", timestamp: Date.UTC(2025, 3, 1) }));
    const book = new PriceBook();
    book.setMarkets(
      Object.entries(EXAMPLE_MARKETS).map(([symbol, { base, quote }]) => ({
        symbol,
        baseAsset: base,
        quoteAsset: quote,
      })),
    );
    collectorQueries = storeQueries(example.store, standaloneKeeper(example.store, book), book, createFieldMask([]));
    collectorApp = app(collectorQueries);
  });
  afterEach(async () => {
    for (const response of open.splice(0)) response.destroy();
    vi.restoreAllMocks();
    await webApp?.close();
    await client?.close();
    await server?.close();
    webApp = client = server = undefined;
  });
  afterAll(async () => {
    await collectorApp?.close();
    example?.close();
    redis?.stop();
  });

  const startCollector = async () => {
    server = await startRedisHistoryServer({ link: testLink(redis), queries: collectorQueries, logger: quiet });
    return server;
  };
  const startWeb = async () => {
    client = await startRedisHistoryClient({ link: testLink(redis), logger: quiet });
    webApp = app(
      redisStateQueries({
        states: new TopicStates(),
        history: client,
        figures: async () => undefined,
        quote: "USDT",
        logger: quiet,
      }),
    );
    return webApp;
  };

  /** Characters of lines in each chunk the collector published, as a spy on Redis sees them. */
  const watchChunks = async () => {
    const spy = redis.client();
    const chars: number[] = [];
    spy.on("pmessage", (_pattern: string, _channel: string, text: string) => {
      const reply = JSON.parse(text.slice(text.indexOf("\n") + 1)) as { result?: { rows?: string[] } };
      if (reply.result?.rows !== undefined) chars.push(reply.result.rows.reduce((sum, row) => sum + row.length, 0));
    });
    await spy.psubscribe(`${REDIS_HISTORY_REPLY_PREFIX}*`);
    return { chars, stop: () => spy.disconnect() };
  };

  /** The store's fills made as read: `count` of them; `closed` settles when the collector's walk is closed. */
  const manyFills = (count: number) => {
    let close = () => {};
    const walk = { read: 0, closed: new Promise<void>((resolve) => (close = resolve)) };
    vi.spyOn(example.store, "fillHistory").mockImplementation(function* () {
      try {
        for (let n = 0; n < count; n++) {
          walk.read++;
          const fill: FillItem = sampleFill(n);
          yield { ...fill, feePairValue: fill.fee, amountValue: fill.amount };
        }
      } finally {
        close();
      }
    });
    return walk;
  };

  it("serves each file as the collector does, byte for byte, with its type, name and the pairs it cannot place", async () => {
    await startCollector();
    const web = await startWeb();
    for (const name of ["rotkiTrades", "rotkiEvents", "koinly", "coinTracking", "ghostfolio"] as const) {
      const [fromWeb, fromCollector] = [
        await web.inject({ method: "GET", url: path(name) }),
        await collectorApp.inject({ method: "GET", url: path(name) }),
      ];
      expect(fromWeb.statusCode, name).toBe(200);
      expect(fromWeb.body, name).toBe(fromCollector.body);
      for (const header of ["content-type", "content-disposition", UNKNOWN_SYMBOLS_HEADER.toLowerCase()]) {
        expect(fromWeb.headers[header], `${name} ${header}`).toBe(fromCollector.headers[header]);
      }
      expect(fromWeb.headers[UNKNOWN_SYMBOLS_HEADER.toLowerCase()]).toBe("GONETRY");
    }
    const koinly = await web.inject({ method: "GET", url: path("koinly") });
    expect(readKoinly(koinly.body)).toEqual(balanceChanges());
    expect(server?.toolStats().sessions).toBe(0);
  });

  it("pulls a long file a chunk at a time, each and what the collector holds within TOOL_CHUNK_CHARS", async () => {
    const collector = await startCollector();
    const web = await startWeb();
    manyFills(MANY_FILLS);
    const chunks = await watchChunks();
    try {
      const response = await web.inject({ method: "GET", url: path("koinly") });
      expect(response.statusCode).toBe(200);
      const lines = response.body.split("\r\n").filter((line) => line !== "");
      // The header and a line per fill (the example's transfers are there too).
      expect(lines.filter((line) => line.includes("MEXC BTCUSDT"))).toHaveLength(MANY_FILLS);
      const sent = chunks.chars;
      expect(sent.length).toBeGreaterThanOrEqual(4);
      expect(Math.max(...sent)).toBeLessThanOrEqual(TOOL_CHUNK_CHARS + LINE_MAX);
      expect(sent.reduce((sum, n) => sum + n, 0)).toBe(response.body.length - (lines[0] as string).length - 2);
      const stats = collector.toolStats();
      expect(stats).toMatchObject({ sessions: 0, held: 0 });
      expect(stats.peakHeld).toBeLessThanOrEqual(TOOL_CHUNK_CHARS + LINE_MAX);
    } finally {
      chunks.stop();
    }
  });

  it("ends the collector's walk when the client goes away midway", async () => {
    const collector = await startCollector();
    const web = await startWeb();
    const walk = manyFills(1_000_000);
    const url = new URL(await web.listen({ port: 0, host: "127.0.0.1" }));
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      httpRequest({ host: "127.0.0.1", port: url.port, path: path("coinTracking") })
        .once("response", resolve)
        .once("error", reject)
        .end();
    });
    open.push(response);
    expect(response.statusCode).toBe(200);
    expect(collector.toolStats().sessions).toBe(1);
    response.destroy();
    await walk.closed;
    expect(walk.read).toBeLessThan(1_000_000);
    expect(collector.toolStats().sessions).toBe(0);
  });

  it("refuses the file in words when no collector answers, and a bad range naming it", async () => {
    const web = await startWeb();
    const refused = await web.inject({ method: "GET", url: path("ghostfolio") });
    expect(refused.statusCode).toBe(502);
    expect(refused.headers["content-disposition"]).toBeUndefined();
    expect(refused.json()).toEqual({
      error: "COLLECTOR_FAILED",
      message:
        "/api/export/ghostfolio.json: this file is made from the store of the account's collector, which did not answer; a partial one would be wrong",
    });
    await startCollector();
    const bad = await web.inject({ method: "GET", url: `${path("rotkiTrades")}?from=tomorrow` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^from: /);
  });
});
