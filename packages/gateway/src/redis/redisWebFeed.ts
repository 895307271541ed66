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
import { parseTopic, type Topic } from "@mexc-live/contract";
import {
  REDIS_DEMAND_CHANNEL,
  REDIS_DEMAND_REFRESH_MS,
  REDIS_SEQS_KEY,
  REDIS_SNAPSHOT_PREFIX,
  REDIS_SNAPSHOT_TTL_S,
  REDIS_SNAPSHOT_WRITE_MS,
  REDIS_UPDATES_CHANNEL,
  REDIS_VERIFY_MS,
  redisFiguresKey,
} from "../config/defaults.js";
import type { TopicBus } from "../fanout/topicBus.js";
import type { Logger } from "../logging.js";
import type { TopicStates } from "../state/topicStates.js";
import { closeRedis, connect, connectAll, type RedisLink } from "./redisLink.js";
import {
  type BusMessage,
  decodeBusMessage,
  decodeFigures,
  decodeSnapshotRecord,
  type FiguresRecord,
  type SnapshotRecord,
} from "./redisWire.js";

/** Keys read per SCAN step. */
const SCAN_COUNT = 200;
/** A topic's key is read again this many times (every REDIS_SNAPSHOT_WRITE_MS) to close a hole. */
const RESYNC_ATTEMPTS = 20;
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

const topicOf = (message: BusMessage): Topic => (message.k === "u" ? message.u.topic : message.t);

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

  /** Per owner (an account's name; "" for the default account and the markets), its collector run. */
  const epochs = new Map<string, string>();
  const epochOf = (topic: Topic): string | undefined => epochs.get(ownerOf(topic));
  /** Per topic, the sequence number of the last message applied (or of the snapshot loaded). */
  const seqOf = new Map<Topic, number>();
  /** Everything held back while all snapshots load (at start, on a new collector run). */
  let heldAll: BusMessage[] | undefined = [];
  /** Per topic, messages held back while its key is read again to close a hole. */
  const resyncing = new Map<Topic, BusMessage[]>();
  const counts = { applied: 0, skipped: 0, malformed: 0, loads: 0, resyncs: 0 };
  let closed = false;

  const receive = (message: BusMessage): void => {
    if (heldAll !== undefined) {
      heldAll.push(message);
      return;
    }
    const topic = topicOf(message);
    if (message.e !== epochOf(topic)) {
      heldAll = [message];
      void loadAll();
      return;
    }
    const held = resyncing.get(topic);
    if (held !== undefined) {
      held.push(message);
      return;
    }
    const last = seqOf.get(topic);
    if (last !== undefined && message.s <= last) {
      counts.skipped++;
      return;
    }
    if (message.s !== (last ?? 0) + 1) {
      resyncing.set(topic, [message]);
      void resync(topic, 0);
      return;
    }
    seqOf.set(topic, message.s);
    counts.applied++;
    if (message.k === "u") local.publish(message.u);
    else local.drop(topic);
  };

  const readKey = async (topic: Topic): Promise<SnapshotRecord | undefined> => {
    const key = REDIS_SNAPSHOT_PREFIX + topic;
    const text = await cmd.get(key);
    return text === null ? undefined : snapshotOf(key, text);
  };

  /** Reads the topic's key until it covers the hole, loads it, then applies what was held back. */
  const resync = async (topic: Topic, attempt: number): Promise<void> => {
    const held = resyncing.get(topic);
    if (held === undefined || closed) return;
    const needed = held[0]!.s - 1;
    let record: SnapshotRecord | undefined;
    try {
      record = await readKey(topic);
    } catch {
      record = undefined;
    }
    if (resyncing.get(topic) !== held) return;
    const covers = record !== undefined && record.e === epochOf(topic) && record.s >= needed;
    if (!covers && attempt + 1 < RESYNC_ATTEMPTS) {
      setTimeout(() => void resync(topic, attempt + 1), REDIS_SNAPSHOT_WRITE_MS).unref();
      return;
    }
    resyncing.delete(topic);
    counts.resyncs++;
    if (covers) {
      states.load(record!.snap);
      seqOf.set(topic, record!.s);
    } else {
      logger.warn({ topic }, "redis snapshot did not catch up; carrying on from the next update");
      seqOf.set(topic, needed);
    }
    options.resnapshot?.(topic);
    for (const message of held) receive(message);
  };

  /** Per topic, the key's sequence number at the previous verification. */
  let keySeqsBefore = new Map<Topic, number>();
  /** Loads the keys this instance has been behind since the previous verification (updates lost for good). */
  const verify = async (): Promise<void> => {
    if (heldAll !== undefined || closed) return;
    const seqs = await cmd.hgetall(REDIS_SEQS_KEY);
    const keySeqs = new Map<Topic, number>();
    for (const [topic, value] of Object.entries(seqs)) {
      const at = value.lastIndexOf(":");
      if (parseTopic(topic) !== undefined && value.slice(0, at) === epochOf(topic as Topic))
        keySeqs.set(topic as Topic, Number(value.slice(at + 1)));
    }
    for (const [topic, before] of keySeqsBefore) {
      if (heldAll !== undefined || resyncing.has(topic) || before <= (seqOf.get(topic) ?? 0)) continue;
      const record = await readKey(topic);
      if (heldAll !== undefined || resyncing.has(topic) || record === undefined || record.e !== epochOf(topic))
        continue;
      if (record.s <= (seqOf.get(topic) ?? 0)) continue;
      logger.warn({ topic, behind: record.s - (seqOf.get(topic) ?? 0) }, "updates lost on redis; topic reloaded");
      states.load(record.snap);
      seqOf.set(topic, record.s);
      counts.resyncs++;
      options.resnapshot?.(topic);
    }
    keySeqsBefore = keySeqs;
  };

  const load = async () => {
    const found: { topic: Topic; record: SnapshotRecord }[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await cmd.scan(cursor, "MATCH", `${REDIS_SNAPSHOT_PREFIX}*`, "COUNT", SCAN_COUNT);
      cursor = next;
      if (keys.length === 0) continue;
      const values = await cmd.mget(...keys);
      keys.forEach((key, index) => {
        const topic = key.slice(REDIS_SNAPSHOT_PREFIX.length);
        const value = values[index];
        const record = value ? snapshotOf(key, value) : undefined;
        if (record !== undefined && parseTopic(topic) !== undefined) found.push({ topic: topic as Topic, record });
      });
    } while (cursor !== "0");
    // Keys of an older collector run may linger: per owner, the run that wrote its health (every
    // second) is the current one.
    const runs = new Map<string, string>();
    for (const { topic, record } of found) {
      if (parseTopic(topic)?.kind === "account" && topic.endsWith("health")) runs.set(ownerOf(topic), record.e);
    }
    for (const { topic, record } of found) if (!runs.has(ownerOf(topic))) runs.set(ownerOf(topic), record.e);
    return { runs, found };
  };

  /** Loads every snapshot, then applies what was held back meanwhile (of the run the snapshots belong to). */
  const loadAll = async (): Promise<void> => {
    try {
      const loaded = await load();
      const held = heldAll ?? [];
      epochs.clear();
      for (const [owner, run] of loaded.runs) epochs.set(owner, run);
      // A collector with no key yet (its first message is what brought us here): its run is that message's.
      for (const message of held) {
        const owner = ownerOf(topicOf(message));
        if (!epochs.has(owner)) epochs.set(owner, message.e);
      }
      seqOf.clear();
      resyncing.clear();
      keySeqsBefore = new Map();
      for (const { topic, record } of loaded.found) {
        if (record.e !== epochOf(topic)) continue;
        states.load(record.snap);
        seqOf.set(topic, record.s);
        options.resnapshot?.(topic);
      }
      counts.loads++;
      heldAll = undefined;
      for (const message of held) receive(message);
    } catch (error) {
      if (closed) return;
      logger.warn({ err: (error as Error).message }, "loading snapshots from redis failed; retrying");
      setTimeout(() => void loadAll(), REDIS_DEMAND_REFRESH_MS).unref();
    }
  };

  sub.on("message", (channel: string, text: string) => {
    if (channel !== REDIS_UPDATES_CHANNEL) return;
    const payload = fromCollector(channel, text);
    if (payload === undefined) return;
    const message = decodeBusMessage(payload);
    if (message === undefined) {
      counts.malformed++;
      logger.warn({ bytes: text.length }, "malformed update on redis skipped");
      return;
    }
    receive(message);
  });
  await sub.subscribe(REDIS_UPDATES_CHANNEL);
  await loadAll();

  const announce = () => {
    const message = JSON.stringify({ i: instance, t: local.wanted() });
    cmd.publish(REDIS_DEMAND_CHANNEL, auth.sign(REDIS_DEMAND_CHANNEL, message)).catch(() => {});
  };
  const unsubscribeDemand = local.onDemand(() => announce());
  const demandTimer = setInterval(announce, REDIS_DEMAND_REFRESH_MS);
  demandTimer.unref();
  const verifyTimer = setInterval(() => {
    verify().catch((error: Error) => logger.warn({ err: error.message }, "redis sequence check failed"));
  }, REDIS_VERIFY_MS);
  verifyTimer.unref();
  announce();
  logger.info({ role: "web", topics: states.topics().length }, "serving browsers from redis");

  return {
    stats: () => ({ ...counts }),
    async figures(account?: string) {
      const key = redisFiguresKey(account);
      const text = await cmd.get(key);
      const payload = text === null ? undefined : auth.openStored("figures", key, text, STORED_MAX_AGE_MS);
      return payload === undefined ? undefined : decodeFigures(payload);
    },
    async close() {
      closed = true;
      clearInterval(demandTimer);
      clearInterval(verifyTimer);
      unsubscribeDemand();
      await Promise.all([closeRedis(sub), closeRedis(cmd)]);
    },
  };
}

/** Whose collector a topic comes from: its account's name, "" for the default account's and the markets. */
function ownerOf(topic: Topic): string {
  const parsed = parseTopic(topic);
  return parsed?.kind === "account" ? (parsed.account ?? "") : "";
}
