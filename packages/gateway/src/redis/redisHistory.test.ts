/**
 * History across Redis against a real redis-server: a collector's store holding more than the
 * topic snapshots, its history server, and a web instance's HTTP API (no database) that must
 * answer exactly as the collector's own API does; without the collector, from the snapshots,
 * marked partial. Everyone without the bus secret, or replaying what it captured on Redis, gets
 * nothing: no answer to a request, no say in a web instance's answer.
 */

import type { FillItem, OrderItem, Page, TopicSnapshot } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { Registry } from "prom-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import {
  OTHER_BUS_SECRET,
  redisServerPath,
  startRedis,
  TEST_BUS_SECRET,
  type TestRedis,
  testLink,
  warnRedisMissing,
} from "../../test/redisTestServer.js";
import { fillEvent, orderEvent } from "../../test/storeEvents.js";
import { REDIS_UPDATES_CHANNEL, SNAPSHOT_CLOSED_ORDERS, SNAPSHOT_FILLS } from "../config/defaults.js";
import { TopicHub } from "../fanout/topicHub.js";
import { PriceBook } from "../figures/index.js";
import { standaloneKeeper } from "../figures/keeper.js";
import { buildApp } from "../http/app.js";
import { createFieldMask } from "../http/fieldMask.js";
import type { GatewayQueries } from "../http/queries/gatewayQueries.js";
import { storeQueries } from "../http/queries/storeQueries.js";
import { createLogger } from "../logging.js";
import { createMetrics } from "../metrics.js";
import { TopicStates } from "../state/topicStates.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { BUS_MAX_AGE_MS, BUS_REJECTED_METRIC, createBusAuth } from "./busAuth.js";
import { type RedisHistoryClient, startRedisHistoryClient } from "./redisHistoryClient.js";
import { type RedisHistoryServer, startRedisHistoryServer } from "./redisHistoryServer.js";
import {
  HISTORY_EXPORT_PAGE,
  MAX_HISTORY_REPLY_BYTES,
  REDIS_HISTORY_REPLY_PREFIX,
  REDIS_HISTORY_REQUESTS_CHANNEL,
} from "./redisHistoryWire.js";
import type { RedisLink } from "./redisLink.js";
import { redisStateQueries } from "./redisQueries.js";

const REDIS_SERVER = redisServerPath();
if (REDIS_SERVER === undefined) warnRedisMissing("the redis history test");

const T = 1_736_417_034_280;
/** More than one export page; three fills per millisecond, so a page ends inside a millisecond. */
const FILLS = 2 * HISTORY_EXPORT_PAGE + 101;
const ORDERS = SNAPSHOT_CLOSED_ORDERS + 150;

function seededStore(): GatewayStore {
  const store = openStore({ path: ":memory:" });
  store.batch(() => {
    for (let n = 0; n < FILLS; n++) {
      store.upsertFill(
        fillEvent({
          tradeId: `T${String(n).padStart(5, "0")}`,
          timestamp: T + Math.floor(n / 3) * 1000,
          symbol: n % 4 === 0 ? "ETHUSDT" : "BTCUSDT",
        }),
      );
    }
    for (let n = 0; n < ORDERS; n++) {
      store.upsertOrder(
        orderEvent({
          orderId: `O${String(n).padStart(5, "0")}`,
          status: n % 10 === 0 ? "NEW" : "FILLED",
          createTime: T + Math.floor(n / 2) * 1000,
          timestamp: T + n * 1000 + 500,
        }),
      );
    }
    for (let n = 0; n < 1_500; n++) {
      store.addEquitySnapshot({ time: T + n * 60_000, equity: `${1000 + n}.5`, byAsset: { USDT: `${1000 + n}.5` } });
    }
  });
  return store;
}

/** The web instance's mirrored topic states, as the collector seeds them from its store. */
function snapshotStates(store: GatewayStore): TopicStates {
  const states = new TopicStates();
  const load = (topic: "orders" | "fills" | "equity", data: unknown) =>
    states.load({ topic, data, exchangeTime: 0, receiveTime: 0 } as TopicSnapshot);
  const open = store.orders({ status: "open", limit: 1_000 }).items;
  const recent = store.orders({ status: "all", limit: SNAPSHOT_CLOSED_ORDERS }).items;
  load("orders", [...new Map([...recent, ...open].map((order) => [order.orderId, order])).values()]);
  load("fills", [...store.fills({ limit: SNAPSHOT_FILLS }).items].reverse());
  load("equity", store.equity().slice(-720));
  return states;
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

async function get(target: FastifyInstance, url: string) {
  const response = await target.inject({ method: "GET", url });
  return { status: response.statusCode, history: response.headers["x-mexclive-history"], body: response.body };
}

/** Every page of a paged route, following nextCursor; each page's history header. */
async function allPages<T>(target: FastifyInstance, url: string) {
  const items: T[] = [];
  const headers = new Set<unknown>();
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const answer = await get(target, cursor === null ? url : `${url}&cursor=${cursor}`);
    expect(answer.status).toBe(200);
    headers.add(answer.history);
    const body = JSON.parse(answer.body) as Page<T>;
    items.push(...body.items);
    cursor = body.nextCursor;
    if (cursor === null) return { items, headers };
  }
  throw new Error("more than 100 pages");
}

describe.skipIf(REDIS_SERVER === undefined)("history over redis", () => {
  let redis: TestRedis;
  let store: GatewayStore;
  let collectorApp: FastifyInstance;
  let collectorQueries: GatewayQueries;
  let server: RedisHistoryServer | undefined;
  let client: RedisHistoryClient | undefined;
  let webApp: FastifyInstance | undefined;
  let warnings: string[] = [];
  const quiet = createLogger({ level: "silent" }).logger;

  beforeAll(async () => {
    redis = await startRedis(REDIS_SERVER!);
    store = seededStore();
    const book = new PriceBook();
    collectorQueries = storeQueries(store, standaloneKeeper(store, book), book, createFieldMask([]));
    collectorApp = app(collectorQueries);
  });
  afterEach(async () => {
    await webApp?.close();
    await client?.close();
    await server?.close();
    webApp = client = server = undefined;
    warnings = [];
  });
  afterAll(async () => {
    await collectorApp?.close();
    store?.close();
    redis?.stop();
  });

  const startCollector = async (queries: GatewayQueries = collectorQueries, link: RedisLink = testLink(redis)) => {
    server = await startRedisHistoryServer({ link, queries, logger: quiet });
    return server;
  };
  const startWeb = async (timeoutMs?: number, link: RedisLink = testLink(redis)) => {
    const logger = createLogger({
      level: "warn",
      destination: { write: (line: string) => void warnings.push(line) },
    }).logger;
    client = await startRedisHistoryClient({ link, logger, timeoutMs });
    const queries = redisStateQueries({
      states: snapshotStates(store),
      history: client,
      figures: async () => undefined,
      quote: "USDT",
      logger,
    });
    webApp = app(queries);
    return webApp;
  };

  it("pages a web instance's fills through the collector's whole store, as the collector does", async () => {
    await startCollector();
    const web = await startWeb();
    const url = `/api/fills?limit=97&from=${T + 5_000}&to=${T + 600_000}`;
    const fromWeb = await allPages<FillItem>(web, url);
    const fromCollector = await allPages<FillItem>(collectorApp, url);
    expect(fromWeb.items.length).toBeGreaterThan(SNAPSHOT_FILLS);
    expect(fromWeb.items).toEqual(fromCollector.items);
    expect([...fromWeb.headers]).toEqual([undefined]);
    const all = await allPages<FillItem>(web, "/api/fills?limit=1000&symbol=BTCUSDT");
    expect(all.items.length).toBe(FILLS - Math.ceil(FILLS / 4));
    expect(new Set(all.items.map((fill) => fill.tradeId)).size).toBe(all.items.length);
  });

  it("pages a web instance's orders (status=all) and equity through the collector's store", async () => {
    await startCollector();
    const web = await startWeb();
    const orders = await allPages<OrderItem>(web, "/api/orders?status=all&limit=40");
    expect(orders.items.length).toBe(ORDERS);
    expect(orders.items).toEqual((await allPages<OrderItem>(collectorApp, "/api/orders?status=all&limit=40")).items);
    const equityUrl = `/api/equity?from=${T}&step=1m`;
    const [webEquity, collectorEquity] = [await get(web, equityUrl), await get(collectorApp, equityUrl)];
    expect(JSON.parse(webEquity.body).items).toHaveLength(1_500);
    expect(webEquity.body).toBe(collectorEquity.body);
    expect(webEquity.history).toBeUndefined();
  });

  it("exports every fill as CSV over several requests, fills sharing a millisecond once each", async () => {
    await startCollector();
    const web = await startWeb();
    const [fromWeb, fromCollector] = [
      await get(web, "/api/export/fills.csv"),
      await get(collectorApp, "/api/export/fills.csv"),
    ];
    expect(fromWeb.status).toBe(200);
    expect(fromWeb.body.trim().split("\n")).toHaveLength(FILLS + 1);
    expect(fromWeb.body).toBe(fromCollector.body);
    expect(fromWeb.history).toBeUndefined();
  });

  it("refuses a cursor the collector did not issue, naming cursor, as the collector does", async () => {
    await startCollector();
    const web = await startWeb();
    const answer = await get(web, "/api/fills?cursor=bm90LWEtY3Vyc29y");
    expect(answer.status).toBe(400);
    expect(answer.body).toBe((await get(collectorApp, "/api/fills?cursor=bm90LWEtY3Vyc29y")).body);
  });

  it("passes on a collector's answer too large for redis as a 400 asking to narrow the range, not as partial", async () => {
    const [fill] = (await collectorQueries.fills({ limit: 1 })).items;
    const copies = Math.ceil(MAX_HISTORY_REPLY_BYTES / JSON.stringify(fill).length) + 1;
    const huge = { items: Array.from({ length: copies }, () => fill!), nextCursor: null, total: copies };
    await startCollector({ ...collectorQueries, fills: async () => huge });
    const web = await startWeb();
    const answer = await get(web, "/api/fills?limit=10");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      error: "ANSWER_TOO_LARGE",
      message: "fills: answer too large, narrow the range",
    });
    expect(answer.history).toBeUndefined();
    expect(warnings.join("")).not.toContain("did not answer");
  });

  it("answers a query the collector failed with a 502, neither partial nor as if no collector were there", async () => {
    const failing = async () => {
      throw new Error("disk I/O error");
    };
    await startCollector({ ...collectorQueries, orders: failing, allFills: failing });
    const web = await startWeb();
    const orders = await get(web, "/api/orders?status=all");
    expect(orders.status).toBe(502);
    expect(JSON.parse(orders.body)).toEqual({
      error: "COLLECTOR_FAILED",
      message: "orders: the collector could not answer",
    });
    expect(orders.history).toBeUndefined();
    const csv = await get(web, "/api/export/fills.csv");
    expect(csv.status).toBe(502);
    expect(csv.history).toBeUndefined();
    expect(JSON.parse(csv.body).error).toBe("COLLECTOR_FAILED");
    expect(warnings.join("")).toContain("collector failed a history query");
    expect(warnings.join("")).not.toContain("marked partial");
  });

  it("answers from the snapshots at once, marked partial and logged, when no collector listens", async () => {
    const web = await startWeb();
    const started = Date.now();
    const fills = await allPages<FillItem>(web, "/api/fills?limit=1000");
    const orders = await get(web, "/api/orders?status=all&limit=1000");
    const equity = await get(web, "/api/equity");
    const csv = await get(web, "/api/export/fills.csv");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fills.items).toHaveLength(SNAPSHOT_FILLS);
    expect([...fills.headers]).toEqual(["partial"]);
    for (const answer of [orders, equity, csv]) expect(answer.history).toBe("partial");
    expect(JSON.parse(orders.body).items.length).toBeLessThan(ORDERS);
    expect(csv.body.trim().split("\n")).toHaveLength(SNAPSHOT_FILLS + 1);
    expect(warnings.join("")).toContain("marked partial");
  });

  it("waits at most its timeout for a collector that does not answer, then serves the snapshots", async () => {
    const mute = redis.client();
    await mute.subscribe(REDIS_HISTORY_REQUESTS_CHANNEL);
    try {
      const web = await startWeb(300);
      const started = Date.now();
      const answer = await get(web, "/api/fills?limit=10");
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(2_000);
      expect(answer.status).toBe(200);
      expect(answer.history).toBe("partial");
      expect(JSON.parse(answer.body).items).toHaveLength(10);
    } finally {
      mute.disconnect();
    }
  });

  it("carries a collector's cursor on into the snapshots when the collector goes away", async () => {
    await startCollector();
    const web = await startWeb();
    const first = JSON.parse((await get(web, "/api/fills?limit=50")).body) as Page<FillItem>;
    await server!.close();
    server = undefined;
    const second = await get(web, `/api/fills?limit=50&cursor=${first.nextCursor}`);
    expect(second.history).toBe("partial");
    const expected = JSON.parse((await get(collectorApp, `/api/fills?limit=50&cursor=${first.nextCursor}`)).body);
    const partial = JSON.parse(second.body) as Page<FillItem>;
    expect({ items: partial.items, nextCursor: partial.nextCursor }).toEqual({
      items: expected.items,
      nextCursor: expected.nextCursor,
    });
    // The total counts what the snapshots hold, not the collector's whole history (the page says partial).
    expect(first.total).toBe(expected.total);
    expect(partial.total).toBeLessThan(expected.total);
  });

  it("breaks a CSV export off, never ending it short, when the collector stops answering between pages", async () => {
    const [fill] = (await collectorQueries.fills({ limit: 1 })).items;
    const fake = redis.client();
    const pub = redis.client();
    // A collector played by hand: it holds the bus secret, answers the first page and then no more.
    const auth = createBusAuth({ secret: TEST_BUS_SECRET });
    const fromWeb = auth.receiver("history_request");
    let asked = 0;
    fake.on("message", (channel: string, text: string) => {
      const request = JSON.parse(fromWeb(channel, text)!) as { id: string; replyTo: string };
      if (asked++ > 0) return;
      const reply = JSON.stringify({ id: request.id, ok: true, result: { items: [fill], more: true } });
      const replyChannel = REDIS_HISTORY_REPLY_PREFIX + request.replyTo;
      void pub.publish(replyChannel, auth.sign(replyChannel, reply));
    });
    await fake.subscribe(REDIS_HISTORY_REQUESTS_CHANNEL);
    try {
      const web = await startWeb(300);
      const url = await web.listen({ port: 0, host: "127.0.0.1" });
      const response = await fetch(`${url}/api/export/fills.csv`);
      expect(response.status).toBe(200);
      expect(response.headers.get("x-mexclive-history")).toBeNull();
      await expect(response.text()).rejects.toThrow();
      expect(asked).toBe(2);
    } finally {
      fake.disconnect();
      pub.disconnect();
    }
  });

  it("drops malformed requests without answering them and keeps answering good ones", async () => {
    const collector = await startCollector();
    const web = await startWeb();
    const spy = redis.client();
    const heard: string[] = [];
    spy.on("pmessage", (_pattern: string, channel: string) => heard.push(channel));
    await spy.psubscribe("mexc-live:*");
    const raw = redis.client();
    // Signed with the bus secret (as by a web instance with a bug): the wire's own checks refuse them.
    const webInstance = createBusAuth({ secret: TEST_BUS_SECRET });
    const good = { id: "1", replyTo: "spy", method: "fills", query: { limit: 1 } };
    const garbage = [
      "not json",
      "[]",
      "null",
      "{}",
      JSON.stringify({ ...good, method: "dropTables" }),
      JSON.stringify({ ...good, replyTo: "x:../../mexc-live:updates" }),
      JSON.stringify({ ...good, query: { limit: 1_000_000 } }),
      JSON.stringify({ ...good, query: { limit: 1, extra: true } }),
      JSON.stringify({ ...good, query: { limit: 1, cursor: "x".repeat(10_000) } }),
      JSON.stringify({ ...good, method: "allFills", query: { limit: 1, after: { time: 1, tradeIds: [] } } }),
      JSON.stringify({ ...good, id: 7 }),
      "x".repeat(100_000),
    ];
    try {
      for (const text of garbage) {
        await raw.publish(REDIS_HISTORY_REQUESTS_CHANNEL, webInstance.sign(REDIS_HISTORY_REQUESTS_CHANNEL, text));
      }
      const answer = await get(web, "/api/fills?limit=3");
      expect(answer.history).toBeUndefined();
      expect(answer.body).toBe((await get(collectorApp, "/api/fills?limit=3")).body);
      expect(collector.stats()).toEqual({ answered: 1, malformed: garbage.length });
      const replies = () => heard.filter((channel) => channel.startsWith("mexc-live:history:reply:")).length;
      await expect.poll(replies).toBeGreaterThan(0); // the spy hears the one reply too
      expect(replies()).toBe(1);
    } finally {
      spy.disconnect();
      raw.disconnect();
    }
  });

  it("answers no request without the bus secret, nor a replayed or stale one, and counts them", async () => {
    const registry = new Registry();
    const collectorLink = testLink(redis, { registry });
    const collector = await startCollector(collectorQueries, collectorLink);
    const web = await startWeb();
    const spy = redis.client();
    const replies: string[] = [];
    const requests: string[] = [];
    spy.on("pmessage", (_pattern: string, channel: string, text: string) => {
      if (channel === REDIS_HISTORY_REQUESTS_CHANNEL) requests.push(text);
      else if (channel.startsWith(REDIS_HISTORY_REPLY_PREFIX)) replies.push(text);
    });
    await spy.psubscribe("mexc-live:history:*");
    const raw = redis.client();
    const request = JSON.stringify({ id: "1", replyTo: "spy", method: "fills", query: { limit: 1000 } });
    const forgeries = [
      request,
      createBusAuth({ secret: OTHER_BUS_SECRET }).sign(REDIS_HISTORY_REQUESTS_CHANNEL, request),
      createBusAuth({ secret: TEST_BUS_SECRET }).sign(REDIS_UPDATES_CHANNEL, request),
      createBusAuth({ secret: TEST_BUS_SECRET, now: () => Date.now() - BUS_MAX_AGE_MS - 1_000 }).sign(
        REDIS_HISTORY_REQUESTS_CHANNEL,
        request,
      ),
    ];
    try {
      for (const text of forgeries) await raw.publish(REDIS_HISTORY_REQUESTS_CHANNEL, text);
      const answer = await get(web, "/api/fills?limit=3");
      expect(answer.history).toBeUndefined();
      expect(requests).toHaveLength(forgeries.length + 1);
      // The web instance's genuine request, captured from Redis and published again.
      await raw.publish(REDIS_HISTORY_REQUESTS_CHANNEL, requests.at(-1)!);
      await expect.poll(() => collectorLink.auth.stats().replayed).toBe(1); // refused as a replay
      expect(collector.stats()).toEqual({ answered: 1, malformed: 0 });
      expect(replies).toHaveLength(1);
      expect(collectorLink.auth.stats()).toEqual({
        unsigned: 1,
        bad_signature: 2,
        stale: 1,
        future: 0,
        replayed: 1,
      });
      const counted = (await registry.getSingleMetric(BUS_REJECTED_METRIC)!.get()).values;
      expect(counted.reduce((sum, { value }) => sum + value, 0)).toBe(5);
      expect(new Set(counted.map(({ labels }) => labels.kind))).toEqual(new Set(["history_request"]));
    } finally {
      spy.disconnect();
      raw.disconnect();
    }
  });

  it("takes no answer that the collector did not sign for this very instance", async () => {
    const [fill] = (await collectorQueries.fills({ limit: 1 })).items;
    const forgedFill = { ...fill!, tradeId: "FORGED" };
    const fake = redis.client();
    const pub = redis.client();
    // A forger answers first, with another secret, then with the right one for another instance's channel.
    const forger = createBusAuth({ secret: OTHER_BUS_SECRET });
    const insider = createBusAuth({ secret: TEST_BUS_SECRET });
    fake.on("message", (_channel: string, text: string) => {
      const request = JSON.parse(text.slice(text.indexOf("\n") + 1)) as { id: string; replyTo: string };
      const reply = JSON.stringify({ id: request.id, ok: true, result: { items: [forgedFill], nextCursor: null } });
      const channel = REDIS_HISTORY_REPLY_PREFIX + request.replyTo;
      void pub.publish(channel, reply);
      void pub.publish(channel, forger.sign(channel, reply));
      void pub.publish(channel, insider.sign(`${REDIS_HISTORY_REPLY_PREFIX}another-instance`, reply));
    });
    await fake.subscribe(REDIS_HISTORY_REQUESTS_CHANNEL);
    try {
      const webLink = testLink(redis);
      const web = await startWeb(300, webLink);
      const answer = await get(web, "/api/fills?limit=10");
      expect(answer.history).toBe("partial");
      expect(answer.body).not.toContain("FORGED");
      expect(webLink.auth.stats()).toMatchObject({ unsigned: 1, bad_signature: 2 });
    } finally {
      fake.disconnect();
      pub.disconnect();
    }
  });
});
