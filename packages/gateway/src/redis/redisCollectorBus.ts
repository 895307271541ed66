/**
 * The collector's side of Redis (role `collector`, or `all` with --redis): it holds the MEXC
 * connections and runs the ingest; every update goes to this process's own hub (local bus) and to
 * REDIS_UPDATES_CHANNEL, and the state of each touched topic is written to its snapshot key at
 * most every REDIS_SNAPSHOT_WRITE_MS. Web instances announce the market topics their browsers
 * watch on REDIS_DEMAND_CHANNEL; the union with the local hub's demand opens and closes them.
 * Message formats: redisWire.ts. Everything it publishes or writes is signed with the bus secret
 * (busEnvelope.ts); a demand message that is not, or is stale or replayed, is dropped and counted
 * (busAuth.ts) before it is decoded: only instances holding the secret open market topics.
 */
import { randomUUID } from "node:crypto";
import { type MarketTopic, parseTopic, type Topic } from "@mexc-live/contract";
import type { Redis } from "ioredis";
import {
  REDIS_DEMAND_CHANNEL,
  REDIS_DEMAND_EXPIRY_MS,
  REDIS_SEQS_KEY,
  REDIS_SNAPSHOT_PREFIX,
  REDIS_SNAPSHOT_TTL_S,
  REDIS_SNAPSHOT_WRITE_MS,
  REDIS_UPDATES_CHANNEL,
  redisFiguresKey,
} from "../config/defaults.js";
import { type DemandListener, isMarketTopic, type TopicBus } from "../fanout/topicBus.js";
import type { Logger } from "../logging.js";
import type { TopicStates } from "../state/topicStates.js";
import { closeRedis, connect, connectAll, type RedisLink } from "./redisLink.js";
import { type BusMessage, decodeDemand, type FiguresRecord, type SnapshotRecord } from "./redisWire.js";

export interface RedisCollectorOptions {
  /** Redis and the bus secret (redisLink.ts). */
  readonly link: RedisLink;
  /** This process's own bus (its hub serves browsers too). */
  readonly local: TopicBus;
  readonly states: TopicStates;
  readonly logger: Logger;
  /** PnL, fees and volume (no topic of their own): written to REDIS_FIGURES_KEY after fills, for web instances' HTTP API. */
  /**
   * An account's figures (undefined: the default account's; undefined result while they are not
   * loaded yet: not written then).
   */
  readonly figures?: (account: string | undefined) => FiguresRecord | undefined;
}

export async function createRedisCollectorBus(options: RedisCollectorOptions): Promise<TopicBus> {
  const { local, states, logger, link } = options;
  const { auth } = link;
  const epoch = randomUUID();
  const pub = connect(link, logger, "redis publisher");
  const sub = connect(link, logger, "redis demand subscriber");
  await connectAll(link, [pub, sub]);
  const fromWeb = auth.receiver("demand");
  await sub.subscribe(REDIS_DEMAND_CHANNEL);

  /** Per topic, the sequence number of its last message in this run (never reset, not even by a drop). */
  const topicSeq = new Map<Topic, number>();
  const nextSeq = (topic: Topic) => {
    const seq = (topicSeq.get(topic) ?? 0) + 1;
    topicSeq.set(topic, seq);
    return seq;
  };
  const snapshots = snapshotWriter(pub, options, epoch, topicSeq);
  const demand = demandUnion(local);

  const send = (message: BusMessage) => {
    pub.publish(REDIS_UPDATES_CHANNEL, auth.sign(REDIS_UPDATES_CHANNEL, JSON.stringify(message))).catch(() => {});
  };

  sub.on("message", (channel: string, text: string) => {
    if (channel !== REDIS_DEMAND_CHANNEL) return;
    const payload = fromWeb(channel, text);
    if (payload === undefined) return;
    const message = decodeDemand(payload);
    if (message === undefined) logger.warn({ bytes: text.length }, "malformed demand message on redis skipped");
    else demand.remote(message.i, message.t);
  });

  const snapshotTimer = setInterval(snapshots.write, REDIS_SNAPSHOT_WRITE_MS);
  snapshotTimer.unref();
  // A previous run's keys go; what this one holds at start (the store's contents) is the first snapshot.
  await deleteSnapshots(pub);
  for (const topic of states.topics()) snapshots.dirty.add(topic);
  snapshots.dirty.add("fills");
  snapshots.write();
  logger.info({ role: "collector" }, "publishing topic updates to redis");

  return {
    publish(update) {
      local.publish(update);
      snapshots.dirty.add(update.topic);
      send({ k: "u", e: epoch, s: nextSeq(update.topic), u: update });
    },
    drop(topic) {
      local.drop(topic);
      snapshots.dirty.delete(topic);
      pub.del(REDIS_SNAPSHOT_PREFIX + topic).catch(() => {});
      pub.hdel(REDIS_SEQS_KEY, topic).catch(() => {});
      send({ k: "d", e: epoch, s: nextSeq(topic), t: topic });
    },
    onDemand: demand.onDemand,
    wanted: demand.wanted,
    async close() {
      clearInterval(snapshotTimer);
      demand.close();
      snapshots.write();
      await Promise.all([closeRedis(pub), closeRedis(sub)]);
    },
  };
}

/**
 * The snapshots of the topics touched since the last write (`dirty`), written in one pipeline
 * with their sequence numbers, and after fills the account's figures.
 */
function snapshotWriter(
  pub: Redis,
  { states, link, logger, figures }: RedisCollectorOptions,
  epoch: string,
  topicSeq: ReadonlyMap<Topic, number>,
): { readonly dirty: Set<Topic>; write(): void } {
  const dirty = new Set<Topic>();
  const signed = (key: string, record: unknown) => link.auth.sign(key, JSON.stringify(record));
  const write = () => {
    if (dirty.size === 0) return;
    const batch = pub.pipeline();
    for (const topic of dirty) {
      const snap = states.snapshot(topic);
      if (snap === undefined) continue;
      const record: SnapshotRecord = { e: epoch, s: topicSeq.get(topic) ?? 0, snap };
      const key = REDIS_SNAPSHOT_PREFIX + topic;
      batch.set(key, signed(key, record), "EX", REDIS_SNAPSHOT_TTL_S);
      batch.hset(REDIS_SEQS_KEY, topic, `${epoch}:${record.s}`);
    }
    for (const topic of dirty) {
      const parsed = parseTopic(topic);
      if (parsed?.kind !== "account" || parsed.topic !== "fills") continue;
      const record = figures?.(parsed.account);
      if (record === undefined) continue;
      const key = redisFiguresKey(parsed.account);
      batch.set(key, signed(key, record), "EX", REDIS_SNAPSHOT_TTL_S);
    }
    dirty.clear();
    batch.exec().catch((error: Error) => logger.warn({ err: error.message }, "redis snapshot write failed"));
  };
  return { dirty, write };
}

/**
 * The market topics wanted anywhere: the local hub's and each web instance's (as it last said,
 * forgotten after REDIS_DEMAND_EXPIRY_MS), listeners told of each topic gained or lost.
 */
function demandUnion(local: TopicBus) {
  const listeners = new Set<DemandListener>();
  /** instance -> its wanted topics and when it last said so. */
  const remote = new Map<string, { topics: ReadonlySet<MarketTopic>; at: number }>();
  let wantedNow = new Set<MarketTopic>(local.wanted());
  const recompute = () => {
    const next = new Set<MarketTopic>(local.wanted());
    for (const { topics } of remote.values()) for (const topic of topics) next.add(topic);
    const before = wantedNow;
    wantedNow = next;
    for (const topic of next) if (!before.has(topic)) for (const listener of listeners) listener(topic, true);
    for (const topic of before) if (!next.has(topic)) for (const listener of listeners) listener(topic, false);
  };
  const unsubscribeLocal = local.onDemand(() => recompute());
  const expiryTimer = setInterval(() => {
    const oldest = Date.now() - REDIS_DEMAND_EXPIRY_MS;
    let changed = false;
    for (const [instance, { at }] of remote) {
      if (at < oldest) {
        remote.delete(instance);
        changed = true;
      }
    }
    if (changed) recompute();
  }, REDIS_DEMAND_EXPIRY_MS / 3);
  expiryTimer.unref();
  return {
    remote(instance: string, topics: readonly Topic[]) {
      remote.set(instance, { topics: new Set(topics.filter(isMarketTopic)), at: Date.now() });
      recompute();
    },
    onDemand(listener: DemandListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    wanted: () => [...wantedNow],
    close() {
      clearInterval(expiryTimer);
      unsubscribeLocal();
    },
  };
}

async function deleteSnapshots(redis: Redis): Promise<void> {
  await redis.del(REDIS_SEQS_KEY);
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${REDIS_SNAPSHOT_PREFIX}*`, "COUNT", 200);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== "0");
}
