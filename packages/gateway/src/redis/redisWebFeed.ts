/**
 * A web instance's side of Redis (role `web`): no MEXC connection. It subscribes to the
 * collector's updates first, then loads every topic's snapshot key, then applies each topic's
 * messages in an unbroken sequence (redisWire.ts): what a loaded snapshot already holds is
 * skipped; a missing sequence number (the update went out before this instance subscribed, or
 * while its connection to Redis was down) holds that topic's messages back and loads its key
 * again, once the collector has rewritten it past the hole (at most REDIS_SNAPSHOT_WRITE_MS
 * later); browsers already watching the topic then get the fresh snapshot. A lost update with no
 * later one to reveal it is found every REDIS_VERIFY_MS by comparing with REDIS_SEQS_KEY: a key
 * that stays ahead of this instance is loaded the same way. A message from a new
 * collector run (another epoch) reloads everything.
 *
 * Several collectors (each its own accounts, `--accounts`) share the bus: a topic belongs to its
 * account's collector (a market topic to the default account's, which serves the markets), and
 * each collector run has its own epoch, told by its account's health key. Epochs are therefore
 * kept per owner: one collector restarting reloads, another's topics go on. The market topics this instance's browsers
 * watch are announced on REDIS_DEMAND_CHANNEL at once on a change and every
 * REDIS_DEMAND_REFRESH_MS (the collector forgets silent instances).
 *
 * Nothing reaches the topic states unless the collector signed it with the bus secret
 * (busEnvelope.ts): an update that is unsigned, signed with another secret, stale or replayed is
 * dropped and counted (busAuth.ts) before it is decoded, whatever sequence number it claims; a
 * snapshot or figures value that is not signed for its own key, or is older than a key lives
 * (REDIS_SNAPSHOT_TTL_S), counts as absent. This instance's demand is signed the same way.
 */
import { randomUUID } from "node:crypto";
import type { Topic } from "@mexc-live/contract";
import {
  REDIS_DEMAND_CHANNEL,
  REDIS_DEMAND_REFRESH_MS,
  REDIS_SNAPSHOT_TTL_S,
  REDIS_UPDATES_CHANNEL,
  REDIS_VERIFY_MS,
  redisFiguresKey,
} from "../config/defaults.js";
import type { TopicBus } from "../fanout/topicBus.js";
import type { Logger } from "../logging.js";
import type { TopicStates } from "../state/topicStates.js";
import { closeRedis, connect, connectAll, type RedisLink } from "./redisLink.js";
import {
  decodeBusMessage,
  decodeFigures,
  decodeSnapshotRecord,
  type FiguresRecord,
  type SnapshotRecord,
} from "./redisWire.js";
import { UpdateSequence } from "./updateSequence.js";

/** A stored value signed longer ago than a key lives was not written by the collector (it expires). */
const STORED_MAX_AGE_MS = REDIS_SNAPSHOT_TTL_S * 1000;

export interface RedisWebFeedOptions {
  /** Redis and the bus secret (redisLink.ts). */
  readonly link: RedisLink;
  /** This instance's bus to its own hub. */
  readonly local: TopicBus;
  readonly states: TopicStates;
  readonly logger: Logger;
  /** A topic's state was reloaded after a hole: browsers watching it need a fresh snapshot. */
  readonly resnapshot?: (topic: Topic) => void;
}

export interface RedisWebFeed {
  /** Messages applied, skipped (already in a snapshot) and malformed; snapshot loads; holes closed. */
  stats(): {
    readonly applied: number;
    readonly skipped: number;
    readonly malformed: number;
    readonly loads: number;
    readonly resyncs: number;
  };
  /** PnL, fees and volume as the collector last wrote them; undefined before it did. */
  /** An account's figures (undefined: the default account's). */
  figures(account?: string): Promise<FiguresRecord | undefined>;
  close(): Promise<void>;
}

export async function startRedisWebFeed(options: RedisWebFeedOptions): Promise<RedisWebFeed> {
  const { local, states, logger, link } = options;
  const { auth } = link;
  const instance = randomUUID();
  const sub = connect(link, logger, "redis update subscriber");
  const cmd = connect(link, logger, "redis reader");
  await connectAll(link, [sub, cmd]);
  const fromCollector = auth.receiver("update");
  /** A snapshot key's record, when the collector signed it for this key. */
  const snapshotOf = (key: string, text: string): SnapshotRecord | undefined => {
    const payload = auth.openStored("snapshot", key, text, STORED_MAX_AGE_MS);
    return payload === undefined ? undefined : decodeSnapshotRecord(payload);
  };

  const sequence = new UpdateSequence({
    cmd,
    snapshotOf,
    local,
    states,
    logger,
    ...(options.resnapshot ? { resnapshot: options.resnapshot } : {}),
  });

  sub.on("message", (channel: string, text: string) => {
    if (channel !== REDIS_UPDATES_CHANNEL) return;
    const payload = fromCollector(channel, text);
    if (payload === undefined) return;
    const message = decodeBusMessage(payload);
    if (message === undefined) {
      sequence.counts.malformed++;
      logger.warn({ bytes: text.length }, "malformed update on redis skipped");
      return;
    }
    sequence.receive(message);
  });
  await sub.subscribe(REDIS_UPDATES_CHANNEL);
  await sequence.loadAll();

  const announce = () => {
    const message = JSON.stringify({ i: instance, t: local.wanted() });
    cmd.publish(REDIS_DEMAND_CHANNEL, auth.sign(REDIS_DEMAND_CHANNEL, message)).catch(() => {});
  };
  const unsubscribeDemand = local.onDemand(() => announce());
  const demandTimer = setInterval(announce, REDIS_DEMAND_REFRESH_MS);
  demandTimer.unref();
  const verifyTimer = setInterval(() => {
    sequence.verify().catch((error: Error) => logger.warn({ err: error.message }, "redis sequence check failed"));
  }, REDIS_VERIFY_MS);
  verifyTimer.unref();
  announce();
  logger.info({ role: "web", topics: states.topics().length }, "serving browsers from redis");

  return {
    stats: () => ({ ...sequence.counts }),
    async figures(account?: string) {
      const key = redisFiguresKey(account);
      const text = await cmd.get(key);
      const payload = text === null ? undefined : auth.openStored("figures", key, text, STORED_MAX_AGE_MS);
      return payload === undefined ? undefined : decodeFigures(payload);
    },
    async close() {
      sequence.close();
      clearInterval(demandTimer);
      clearInterval(verifyTimer);
      unsubscribeDemand();
      await Promise.all([closeRedis(sub), closeRedis(cmd)]);
    },
  };
}
