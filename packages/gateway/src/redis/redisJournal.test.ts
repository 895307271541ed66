/**
 * The journal on a web instance (`--role web`): its two reads asked of the collector over a real
 * redis-server, answered from the collector's store (test/journalHistory.ts), the same to the
 * byte as the collector's own routes answer; pages walked on the web instance with the
 * collector's cursors; a refusal (a benchmark with no price) comes back as the same 400.
 */
import { HISTORY_HEADER } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { journalHistory } from "../../test/journalHistory.js";
import { redisServerPath, startRedis, type TestRedis, testLink, warnRedisMissing } from "../../test/redisTestServer.js";
import { TopicHub } from "../fanout/topicHub.js";
import { buildApp } from "../http/app.js";
import type { GatewayQueries } from "../http/queries/gatewayQueries.js";
import { createLogger } from "../logging.js";
import { createMetrics } from "../metrics.js";
import { TopicStates } from "../state/topicStates.js";
import type { GatewayStore } from "../store/index.js";
import { type RedisHistoryClient, startRedisHistoryClient } from "./redisHistoryClient.js";
import { type RedisHistoryServer, startRedisHistoryServer } from "./redisHistoryServer.js";
import { redisStateQueries } from "./redisQueries.js";

const REDIS_SERVER = redisServerPath();
if (REDIS_SERVER === undefined) warnRedisMissing("the journal over redis");

function app(queries: GatewayQueries): FastifyInstance {
  return buildApp({
    queries,
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
}

describe.skipIf(REDIS_SERVER === undefined)("the journal on a web instance, from its collector over redis", () => {
  let redis: TestRedis;
  let server: RedisHistoryServer;
  let client: RedisHistoryClient;
  let store: GatewayStore;
  let collectorApp: FastifyInstance;
  let webApp: FastifyInstance;

  beforeAll(async () => {
    redis = await startRedis(REDIS_SERVER!);
    const logger = createLogger({ level: "silent" }).logger;
    const collector = journalHistory(7);
    store = collector.store;
    collectorApp = app(collector.queries);
    server = await startRedisHistoryServer({ link: testLink(redis), queries: collector.queries, logger });
    client = await startRedisHistoryClient({ link: testLink(redis), logger });
    webApp = app(
      redisStateQueries({
        states: new TopicStates(),
        history: client,
        figures: async () => undefined,
        quote: "USDT",
        logger,
      }),
    );
  });
  afterAll(async () => {
    await webApp?.close();
    await collectorApp?.close();
    await client?.close();
    await server?.close();
    store?.close();
    redis?.stop();
  });

  const both = async (url: string) => {
    const web = await webApp.inject({ method: "GET", url });
    const collector = await collectorApp.inject({ method: "GET", url });
    return { web, collector };
  };

  it("answers the summary, its comparisons with it, as the collector does", async () => {
    const { web, collector } = await both("/api/journal?method=fifo&strategyPrefix=grid-,dca-&benchmark=BTC");
    expect(web.statusCode).toBe(200);
    expect(web.headers[HISTORY_HEADER.toLowerCase()]).toBeUndefined();
    expect(web.body).toBe(collector.body);
    const summary = web.json();
    expect(summary.stats.count).toBeGreaterThan(10);
    expect(summary.againstHolding.holdingPnl).not.toBeNull();
    expect(summary.againstBenchmark.asset).toBe("BTC");
  });

  it("pages the trips with the collector's cursors, every trip once, as the collector does", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const query: string = `/api/journal/trips?from=2025-05-06&tz=Asia/Tokyo&limit=9${cursor === null ? "" : `&cursor=${cursor}`}`;
      const { web, collector } = await both(query);
      expect(web.statusCode).toBe(200);
      expect(web.body).toBe(collector.body);
      const page = web.json();
      seen.push(...page.items.map((trip: { closeTime: number; symbol: string }) => `${trip.closeTime}/${trip.symbol}`));
      total = page.total;
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(total).toBeGreaterThan(9);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("gives the collector's refusal as the same 400 naming the parameter", async () => {
    const { web, collector } = await both("/api/journal?benchmark=DOGE");
    expect(web.statusCode).toBe(400);
    expect(web.json().message).toBe(collector.json().message);
    expect(web.json().message).toMatch(/^benchmark: DOGE has no price in USDT/);
  });
});
