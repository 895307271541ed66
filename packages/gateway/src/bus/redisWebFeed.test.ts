/**
 * The web instance's side of Redis against a real redis-server, with the collector's side played
 * by hand (keys written and messages published as redisWire.ts says), so holes and new runs can
 * be made on purpose.
 */

import { setTimeout as sleep } from "node:timers/promises";
import type { FillItem, Topic, TopicSnapshot, TopicUpdate } from "@mexc-live/contract";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { redisServerPath, startRedis, type TestRedis, warnRedisMissing } from "../../test/redisTestServer.js";
import { REDIS_SEQS_KEY, REDIS_SNAPSHOT_PREFIX, REDIS_UPDATES_CHANNEL, REDIS_VERIFY_MS } from "../config/defaults.js";
import { createLogger } from "../logging.js";
import { TopicStates } from "../state/topicStates.js";
import { type RedisWebFeed, startRedisWebFeed } from "./redisWebFeed.js";
import type { BusMessage, SnapshotRecord } from "./redisWire.js";
import type { TopicBus } from "./topicBus.js";

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
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe.skipIf(REDIS_SERVER === undefined)("the web instance's Redis feed", () => {
  let redis: TestRedis;
  let writer: Redis;
  let feed: RedisWebFeed | undefined;

  beforeAll(async () => {
    redis = await startRedis(REDIS_SERVER!);
    writer = new Redis(redis.url);
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

  const writeKey = async (topic: Topic, epoch: string, seq: number, data: unknown) => {
    const record: SnapshotRecord = {
      e: epoch,
      s: seq,
      snap: { topic, data, exchangeTime: 1, receiveTime: 2 } as TopicSnapshot,
    };
    await writer.set(REDIS_SNAPSHOT_PREFIX + topic, JSON.stringify(record));
    await writer.hset(REDIS_SEQS_KEY, topic, `${epoch}:${seq}`);
  };
  const publish = (message: BusMessage) => writer.publish(REDIS_UPDATES_CHANNEL, JSON.stringify(message));

  async function start() {
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
      url: redis.url,
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

  it("closes a hole from the key once the collector has rewritten it, and re-snapshots the browsers", async () => {
    await writeKey("fills", "run-1", 1, [fill("a")]);
    const { ids, resnapshots } = await start();
    // Update 2 was lost; 3 arrives before the key covers it.
    await publish({ k: "u", e: "run-1", s: 3, u: update("c") });
    await sleep(100);
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
});
