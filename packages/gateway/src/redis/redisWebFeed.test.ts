/**
 * The web instance's side of Redis against a real redis-server, with the collector's side played
 * by hand (keys written and messages published as redisWire.ts says, signed with the bus secret),
 * so holes and new runs can be made on purpose; and a forger's side, who reaches Redis without
 * the secret, or replays what it captured there.
 */

import type { FillItem, PnlItem, Topic, TopicSnapshot, TopicUpdate } from "@mexc-live/contract";
import type { Redis } from "ioredis";
import { Registry } from "prom-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  OTHER_BUS_SECRET,
  redisServerPath,
  startRedis,
  TEST_BUS_SECRET,
  type TestRedis,
  testLink,
  warnRedisMissing,
} from "../../test/redisTestServer.js";
import {
  REDIS_DEMAND_CHANNEL,
  REDIS_FIGURES_KEY,
  REDIS_SEQS_KEY,
  REDIS_SNAPSHOT_PREFIX,
  REDIS_UPDATES_CHANNEL,
  REDIS_VERIFY_MS,
} from "../config/defaults.js";
import type { TopicBus } from "../fanout/topicBus.js";
import { createLogger } from "../logging.js";
import { TopicStates } from "../state/topicStates.js";
import { BUS_MAX_AGE_MS, BUS_REJECTED_METRIC, createBusAuth } from "./busAuth.js";
import type { RedisLink } from "./redisLink.js";
import { type RedisWebFeed, startRedisWebFeed } from "./redisWebFeed.js";
import type { BusMessage, SnapshotRecord } from "./redisWire.js";

const REDIS_SERVER = redisServerPath();
if (REDIS_SERVER === undefined) warnRedisMissing("the redis web feed test");

const fill = (tradeId: string): FillItem => ({ tradeId }) as unknown as FillItem;
const update = (tradeId: string): TopicUpdate => ({
  topic: "fills",
  data: fill(tradeId),
  exchangeTime: 1,
  receiveTime: 2,
});

async function until(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  await expect.poll(check, { message: `timed out waiting for ${what}`, timeout: timeoutMs }).toBe(true);
}

/** A link whose receivers count each message the feed is given, checked or not. */
function countingLink(link: RedisLink): { link: RedisLink; given: () => number } {
  let given = 0;
  const receiver = (kind: Parameters<RedisLink["auth"]["receiver"]>[0]) => {
    const receive = link.auth.receiver(kind);
    return (context: string, text: string) => {
      given++;
      return receive(context, text);
    };
  };
  return { link: { ...link, auth: { ...link.auth, receiver } }, given: () => given };
}

/** The collector's signing, played by hand; `skewMs` moves its clock. */
const collector = (secret = TEST_BUS_SECRET, skewMs = 0) => createBusAuth({ secret, now: () => Date.now() + skewMs });

describe.skipIf(REDIS_SERVER === undefined)("the web instance's Redis feed", () => {
  let redis: TestRedis;
  let writer: Redis;
  let feed: RedisWebFeed | undefined;
  const signer = collector();

  beforeAll(async () => {
    redis = await startRedis(REDIS_SERVER!);
    writer = redis.client();
  });
  afterEach(async () => {
    await feed?.close();
    feed = undefined;
    await writer.flushall();
  });
  afterAll(async () => {
    writer?.disconnect();
    redis?.stop();
  });

  const record = (topic: Topic, epoch: string, seq: number, data: unknown): string =>
    JSON.stringify({
      e: epoch,
      s: seq,
      snap: { topic, data, exchangeTime: 1, receiveTime: 2 } as TopicSnapshot,
    } satisfies SnapshotRecord);
  const writeKey = async (topic: Topic, epoch: string, seq: number, data: unknown, sign = signer.sign) => {
    const key = REDIS_SNAPSHOT_PREFIX + topic;
    await writer.set(key, sign(key, record(topic, epoch, seq, data)));
    await writer.hset(REDIS_SEQS_KEY, topic, `${epoch}:${seq}`);
  };
  const signed = (message: BusMessage, by = signer) => by.sign(REDIS_UPDATES_CHANNEL, JSON.stringify(message));
  const publish = (message: BusMessage) => writer.publish(REDIS_UPDATES_CHANNEL, signed(message));

  async function start(link: RedisLink = testLink(redis)) {
    const states = new TopicStates();
    const published: TopicUpdate[] = [];
    const resnapshots: Topic[] = [];
    const local: TopicBus = {
      publish: (u) => {
        states.apply(u);
        published.push(u);
      },
      drop: (topic) => states.drop(topic),
      onDemand: () => () => {},
      wanted: () => [],
      close: async () => {},
    };
    feed = await startRedisWebFeed({
      link,
      local,
      states,
      logger: createLogger({ level: "silent" }).logger,
      resnapshot: (topic) => resnapshots.push(topic),
    });
    // Which fills the state holds (its snapshot is newest first).
    const ids = () => ((states.snapshot("fills")?.data as FillItem[] | undefined) ?? []).map((f) => f.tradeId).sort();
    return { states, published, resnapshots, ids };
  }

  it("loads the snapshots, skips what they hold and applies what follows in sequence", async () => {
    await writeKey("fills", "run-1", 2, [fill("a"), fill("b")]);
    const { ids, published } = await start();
    expect(ids()).toEqual(["a", "b"]);
    await publish({ k: "u", e: "run-1", s: 2, u: update("b") });
    await publish({ k: "u", e: "run-1", s: 3, u: update("c") });
    await until("c applied", () => ids().includes("c"));
    expect(ids()).toEqual(["a", "b", "c"]);
    expect(published.map((u) => (u.data as FillItem).tradeId)).toEqual(["c"]);
    expect(feed!.stats()).toMatchObject({ applied: 1, skipped: 1 });
  });

  it("passes the figures topic on with the answers it carries, the same message (the walk of a fill)", async () => {
    const { published } = await start();
    const figures: TopicUpdate = {
      topic: "figures",
      data: {
        account: "main",
        version: 7,
        at: 3,
        answers: {
          method: "fifo",
          tz: "UTC",
          changedAt: { pnl: 7, fees: 4 },
          answers: { pnl: [{ symbol: "BTCUSDT", realized: "12.5" } as PnlItem] },
        },
      },
      exchangeTime: 0,
      receiveTime: 2,
    };
    await publish({ k: "u", e: "run-1", s: 1, u: figures });
    await until("the figures applied", () => published.length > 0);
    expect(published).toEqual([figures]);
  });

  it("closes a hole from the key once the collector has rewritten it, and re-snapshots the browsers", async () => {
    await writeKey("fills", "run-1", 1, [fill("a")]);
    const counting = countingLink(testLink(redis));
    const { ids, resnapshots } = await start(counting.link);
    const given = counting.given();
    // Update 2 was lost; 3 arrives before the key covers it: held back.
    await publish({ k: "u", e: "run-1", s: 3, u: update("c") });
    await until("update 3 given to the feed", () => counting.given() > given);
    expect(ids()).toEqual(["a"]);
    await writeKey("fills", "run-1", 3, [fill("a"), fill("b"), fill("c")]);
    await publish({ k: "u", e: "run-1", s: 4, u: update("d") });
    await until("the hole closed", () => ids().includes("d"));
    expect(ids()).toEqual(["a", "b", "c", "d"]);
    expect(resnapshots).toContain("fills");
    expect(feed!.stats().resyncs).toBe(1);
  });

  it("finds a lost last update that no later one reveals", async () => {
    await writeKey("fills", "run-1", 1, [fill("a")]);
    const { ids, resnapshots } = await start();
    // Update 2 went out before this instance subscribed, and nothing follows it.
    await writeKey("fills", "run-1", 2, [fill("a"), fill("b")]);
    await until("the lost update found", () => ids().includes("b"), REDIS_VERIFY_MS * 3);
    expect(resnapshots).toContain("fills");
  }, 15_000);

  it("accepts a new topic from its first message, and reloads everything for a new collector run", async () => {
    await writeKey("fills", "run-1", 1, [fill("a")]);
    const { ids, states } = await start();
    await publish({
      k: "u",
      e: "run-1",
      s: 1,
      u: {
        topic: "market.BTCUSDT.ticker",
        data: { symbol: "BTCUSDT" },
        exchangeTime: 5,
        receiveTime: 6,
      } as unknown as TopicUpdate,
    });
    await until("the ticker", () => states.snapshot("market.BTCUSDT.ticker") !== undefined);
    await writer.flushall();
    await writeKey("fills", "run-2", 0, [fill("x")]);
    await writeKey("health", "run-2", 0, { mode: "live" });
    await publish({ k: "u", e: "run-2", s: 1, u: update("y") });
    await until("the new run", () => ids().includes("y"));
    expect(ids()).toEqual(["x", "y"]);
    expect(feed!.stats().loads).toBe(2);
  });

  it("drops a forged update with the current sequence number: unsigned, another secret's, another channel's, altered", async () => {
    await writeKey("fills", "run-1", 1, [fill("a")]);
    const registry = new Registry();
    const link = testLink(redis, { registry });
    const { ids, published } = await start(link);
    const forged: BusMessage = { k: "u", e: "run-1", s: 2, u: update("forged") };
    const forgeries = [
      JSON.stringify(forged),
      signed(forged, collector(OTHER_BUS_SECRET)),
      signer.sign(REDIS_DEMAND_CHANNEL, JSON.stringify(forged)),
      signed({ ...forged, u: update("genuine") }).replace('"genuine"', '"forged"'),
      `mlb1 ${Date.now()} x.1 ${"A".repeat(43)}\n${JSON.stringify(forged)}`,
    ];
    for (const text of forgeries) await writer.publish(REDIS_UPDATES_CHANNEL, text);
    await publish({ k: "u", e: "run-1", s: 2, u: update("b") });
    await until("b applied", () => ids().includes("b"));
    expect(ids()).toEqual(["a", "b"]);
    expect(published.map((u) => (u.data as FillItem).tradeId)).toEqual(["b"]);
    expect(feed!.stats()).toMatchObject({ applied: 1, skipped: 0, malformed: 0, resyncs: 0 });
    expect(link.auth.stats()).toMatchObject({ unsigned: 1, bad_signature: 4 });
    expect(await rejected(registry)).toEqual({ "update/unsigned": 1, "update/bad_signature": 4 });
  });

  it("drops a genuine update replayed from redis, and one captured before it listened", async () => {
    await writeKey("fills", "run-1", 1, [fill("a")]);
    // Signed 5 ms before the feed listens.
    const captured = signed({ k: "u", e: "run-1", s: 2, u: update("captured") }, collector(TEST_BUS_SECRET, -5));
    const link = testLink(redis);
    const { ids } = await start(link);
    await writer.publish(REDIS_UPDATES_CHANNEL, captured);
    const genuine = signed({ k: "u", e: "run-1", s: 2, u: update("b") });
    await writer.publish(REDIS_UPDATES_CHANNEL, genuine);
    await writer.publish(REDIS_UPDATES_CHANNEL, genuine);
    await publish({ k: "u", e: "run-1", s: 3, u: update("c") });
    await until("c applied", () => ids().includes("c"));
    expect(ids()).toEqual(["a", "b", "c"]);
    // Refused before the sequence check: not even counted as already applied.
    expect(feed!.stats()).toMatchObject({ applied: 2, skipped: 0 });
    expect(link.auth.stats()).toMatchObject({ replayed: 1, stale: 1 });
  });

  it("drops updates signed longer ago than the window or ahead of its clock", async () => {
    await writeKey("fills", "run-1", 1, [fill("a")]);
    const link = testLink(redis);
    const { ids } = await start(link);
    const late = collector(TEST_BUS_SECRET, -(BUS_MAX_AGE_MS + 1_000));
    const early = collector(TEST_BUS_SECRET, 60_000);
    await writer.publish(REDIS_UPDATES_CHANNEL, signed({ k: "u", e: "run-1", s: 2, u: update("old") }, late));
    await writer.publish(REDIS_UPDATES_CHANNEL, signed({ k: "u", e: "run-1", s: 2, u: update("ahead") }, early));
    await publish({ k: "u", e: "run-1", s: 2, u: update("b") });
    await until("b applied", () => ids().includes("b"));
    expect(ids()).toEqual(["a", "b"]);
    expect(link.auth.stats()).toMatchObject({ stale: 1, future: 1 });
  });

  it("loads no snapshot or figures value the collector did not sign for that very key", async () => {
    const unsigned = (_key: string, payload: string) => payload;
    await writeKey("fills", "run-1", 5, [fill("forged")], unsigned);
    await writeKey("orders", "run-1", 5, [], collector(OTHER_BUS_SECRET).sign);
    await writeKey("balances", "run-1", 5, [], (_key, payload) =>
      signer.sign(`${REDIS_SNAPSHOT_PREFIX}fills`, payload),
    );
    await writeKey("health", "run-1", 5, { mode: "live" });
    await writer.set(REDIS_FIGURES_KEY, JSON.stringify({ fees: { quote: "USDT" }, pnl: [], volume: [] }));
    const registry = new Registry();
    const link = testLink(redis, { registry });
    const { ids, states } = await start(link);
    expect(ids()).toEqual([]);
    expect(states.topics()).toEqual(["health"]);
    expect(await feed!.figures()).toBeUndefined();
    expect(link.auth.stats()).toMatchObject({ unsigned: 2, bad_signature: 2 });
    expect(await rejected(registry)).toEqual({
      "snapshot/unsigned": 1,
      "snapshot/bad_signature": 2,
      "figures/unsigned": 1,
    });
    // The collector's own value is read.
    const figures = JSON.stringify({ fees: { quote: "USDT" }, pnl: [], volume: [] });
    await writer.set(REDIS_FIGURES_KEY, signer.sign(REDIS_FIGURES_KEY, figures));
    expect(await feed!.figures()).toEqual(JSON.parse(figures));
  });
});

/** gateway_bus_rejected_total by "kind/reason". */
async function rejected(registry: Registry): Promise<Record<string, number>> {
  const metric = registry.getSingleMetric(BUS_REJECTED_METRIC);
  const values = metric === undefined ? [] : (await metric.get()).values;
  return Object.fromEntries(values.map((value) => [`${value.labels.kind}/${value.labels.reason}`, value.value]));
}
