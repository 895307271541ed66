/**
 * The order a web instance applies the collector's updates in (redisWebFeed.ts says why): per
 * topic an unbroken sequence; a hole held back until the topic's key is read past it; a new
 * collector run reloading every key of its owner; a key found ahead of this instance at a
 * verification loaded. Redis is only read here; the feed subscribes and hands messages in.
 */
import { parseTopic, type Topic } from "@mexc-live/contract";
import type { Redis } from "ioredis";
import {
  REDIS_DEMAND_REFRESH_MS,
  REDIS_SEQS_KEY,
  REDIS_SNAPSHOT_PREFIX,
  REDIS_SNAPSHOT_WRITE_MS,
} from "../config/defaults.js";
import type { TopicBus } from "../fanout/topicBus.js";
import type { Logger } from "../logging.js";
import type { TopicStates } from "../state/topicStates.js";
import type { BusMessage, SnapshotRecord } from "./redisWire.js";

/** Keys read per SCAN step. */
const SCAN_COUNT = 200;
/** A topic's key is read again this many times (every REDIS_SNAPSHOT_WRITE_MS) to close a hole. */
const RESYNC_ATTEMPTS = 20;

export interface UpdateSequenceDeps {
  /** The connection keys are read on (not the subscriber). */
  readonly cmd: Redis;
  /** A snapshot key's record, when the collector signed it for this key. */
  readonly snapshotOf: (key: string, text: string) => SnapshotRecord | undefined;
  /** This instance's bus to its own hub. */
  readonly local: TopicBus;
  readonly states: TopicStates;
  readonly logger: Logger;
  /** A topic's state was reloaded after a hole: browsers watching it need a fresh snapshot. */
  readonly resnapshot?: (topic: Topic) => void;
}

const topicOf = (message: BusMessage): Topic => (message.k === "u" ? message.u.topic : message.t);

export class UpdateSequence {
  /** Per owner (an account's name; "" for the default account and the markets), its collector run. */
  private readonly epochs = new Map<string, string>();
  /** Per topic, the sequence number of the last message applied (or of the snapshot loaded). */
  private readonly seqOf = new Map<Topic, number>();
  /** Everything held back while all snapshots load (at start, on a new collector run). */
  private heldAll: BusMessage[] | undefined = [];
  /** Per topic, messages held back while its key is read again to close a hole. */
  private readonly resyncing = new Map<Topic, BusMessage[]>();
  /** Per topic, the key's sequence number at the previous verification. */
  private keySeqsBefore = new Map<Topic, number>();
  readonly counts = { applied: 0, skipped: 0, malformed: 0, loads: 0, resyncs: 0 };
  private closed = false;

  constructor(private readonly deps: UpdateSequenceDeps) {}

  /** One signed, decoded message from the collector. */
  receive(message: BusMessage): void {
    if (this.heldAll !== undefined) {
      this.heldAll.push(message);
      return;
    }
    const topic = topicOf(message);
    if (message.e !== this.epochOf(topic)) {
      this.heldAll = [message];
      void this.loadAll();
      return;
    }
    const held = this.resyncing.get(topic);
    if (held !== undefined) {
      held.push(message);
      return;
    }
    const last = this.seqOf.get(topic);
    if (last !== undefined && message.s <= last) {
      this.counts.skipped++;
      return;
    }
    if (message.s !== (last ?? 0) + 1) {
      this.resyncing.set(topic, [message]);
      void this.resync(topic, 0);
      return;
    }
    this.seqOf.set(topic, message.s);
    this.counts.applied++;
    if (message.k === "u") this.deps.local.publish(message.u);
    else this.deps.local.drop(topic);
  }

  /** Stops reading keys again (pending retries end). */
  close(): void {
    this.closed = true;
  }

  private epochOf(topic: Topic): string | undefined {
    return this.epochs.get(ownerOf(topic));
  }

  private async readKey(topic: Topic): Promise<SnapshotRecord | undefined> {
    const key = REDIS_SNAPSHOT_PREFIX + topic;
    const text = await this.deps.cmd.get(key);
    return text === null ? undefined : this.deps.snapshotOf(key, text);
  }

  /** Reads the topic's key until it covers the hole, loads it, then applies what was held back. */
  private async resync(topic: Topic, attempt: number): Promise<void> {
    const held = this.resyncing.get(topic);
    if (held === undefined || this.closed) return;
    const needed = held[0]!.s - 1;
    let record: SnapshotRecord | undefined;
    try {
      record = await this.readKey(topic);
    } catch {
      record = undefined;
    }
    if (this.resyncing.get(topic) !== held) return;
    const covers = record !== undefined && record.e === this.epochOf(topic) && record.s >= needed;
    if (!covers && attempt + 1 < RESYNC_ATTEMPTS) {
      setTimeout(() => void this.resync(topic, attempt + 1), REDIS_SNAPSHOT_WRITE_MS).unref();
      return;
    }
    this.resyncing.delete(topic);
    this.counts.resyncs++;
    if (covers) {
      this.deps.states.load(record!.snap);
      this.seqOf.set(topic, record!.s);
    } else {
      this.deps.logger.warn({ topic }, "redis snapshot did not catch up; carrying on from the next update");
      this.seqOf.set(topic, needed);
    }
    this.deps.resnapshot?.(topic);
    for (const message of held) this.receive(message);
  }

  /** Loads the keys this instance has been behind since the previous verification (updates lost for good). */
  async verify(): Promise<void> {
    if (this.heldAll !== undefined || this.closed) return;
    const seqs = await this.deps.cmd.hgetall(REDIS_SEQS_KEY);
    const keySeqs = new Map<Topic, number>();
    for (const [topic, value] of Object.entries(seqs)) {
      const at = value.lastIndexOf(":");
      if (parseTopic(topic) !== undefined && value.slice(0, at) === this.epochOf(topic as Topic))
        keySeqs.set(topic as Topic, Number(value.slice(at + 1)));
    }
    for (const [topic, before] of this.keySeqsBefore) {
      if (this.heldAll !== undefined || this.resyncing.has(topic) || before <= (this.seqOf.get(topic) ?? 0)) continue;
      const record = await this.readKey(topic);
      if (
        this.heldAll !== undefined ||
        this.resyncing.has(topic) ||
        record === undefined ||
        record.e !== this.epochOf(topic)
      )
        continue;
      if (record.s <= (this.seqOf.get(topic) ?? 0)) continue;
      this.deps.logger.warn(
        { topic, behind: record.s - (this.seqOf.get(topic) ?? 0) },
        "updates lost on redis; topic reloaded",
      );
      this.deps.states.load(record.snap);
      this.seqOf.set(topic, record.s);
      this.counts.resyncs++;
      this.deps.resnapshot?.(topic);
    }
    this.keySeqsBefore = keySeqs;
  }

  /** Loads every snapshot, then applies what was held back meanwhile (of the run the snapshots belong to). */
  async loadAll(): Promise<void> {
    try {
      const loaded = await readSnapshots(this.deps.cmd, this.deps.snapshotOf);
      const held = this.heldAll ?? [];
      this.epochs.clear();
      for (const [owner, run] of loaded.runs) this.epochs.set(owner, run);
      // A collector with no key yet (its first message is what brought us here): its run is that message's.
      for (const message of held) {
        const owner = ownerOf(topicOf(message));
        if (!this.epochs.has(owner)) this.epochs.set(owner, message.e);
      }
      this.seqOf.clear();
      this.resyncing.clear();
      this.keySeqsBefore = new Map();
      for (const { topic, record } of loaded.found) {
        if (record.e !== this.epochOf(topic)) continue;
        this.deps.states.load(record.snap);
        this.seqOf.set(topic, record.s);
        this.deps.resnapshot?.(topic);
      }
      this.counts.loads++;
      this.heldAll = undefined;
      for (const message of held) this.receive(message);
    } catch (error) {
      if (this.closed) return;
      this.deps.logger.warn({ err: (error as Error).message }, "loading snapshots from redis failed; retrying");
      setTimeout(() => void this.loadAll(), REDIS_DEMAND_REFRESH_MS).unref();
    }
  }
}

/** Every snapshot key, and per owner the collector run whose keys are current. */
async function readSnapshots(
  cmd: Redis,
  snapshotOf: (key: string, text: string) => SnapshotRecord | undefined,
): Promise<{ runs: Map<string, string>; found: { topic: Topic; record: SnapshotRecord }[] }> {
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
}

/** Whose collector a topic comes from: its account's name, "" for the default account's and the markets. */
function ownerOf(topic: Topic): string {
  const parsed = parseTopic(topic);
  return parsed?.kind === "account" ? (parsed.account ?? "") : "";
}
