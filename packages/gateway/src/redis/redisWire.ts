/**
 * What travels through Redis between the collector and the web instances, and how it is checked
 * on arrival (a malformed message is skipped, never folded into a browser's state).
 *
 *   channel REDIS_UPDATES_CHANNEL   {"k":"u","e":EPOCH,"s":SEQ,"u":TopicUpdate}   an update
 *                                   {"k":"d","e":EPOCH,"s":SEQ,"t":TOPIC}         a topic dropped
 *   channel REDIS_DEMAND_CHANNEL    {"i":INSTANCE,"t":[MARKET_TOPIC...]}          a web instance's wants
 *   key REDIS_SNAPSHOT_PREFIX+TOPIC {"e":EPOCH,"s":SEQ,"snap":TopicSnapshot}      the topic's state at SEQ
 *
 *   hash REDIS_SEQS_KEY             TOPIC -> "EPOCH:SEQ" of its snapshot key (written with it)
 *   key REDIS_FIGURES_KEY           {"fees":FeeSummary,"pnl":[PnlItem],"volume":[VolumeItem]}
 *
 * EPOCH names one run of the collector; SEQ counts the messages of one topic in that run (1, 2,
 * ...). A web instance applies a topic's messages in an unbroken sequence: those up to the SEQ
 * of the snapshot it loaded are already in it; a missing number means messages were lost (not
 * yet subscribed, a reconnect) and the topic is loaded again from its key.
 *
 * Every message on both channels and the values of the snapshot and figures keys travel signed
 * in the bus envelope, `mlb1 TIME NONCE SIG\n` + the JSON above (busEnvelope.ts), the channel or
 * key name being part of what is signed; the decoders below see only the payload of an envelope
 * whose signature, age and nonce held (busAuth.ts). The REDIS_SEQS_KEY hash is not signed: it
 * only tells a web instance which keys to read again, and what it then reads is checked.
 *
 * History queries (a web instance asks, the collector answers from its store): redisHistoryWire.ts.
 */
import {
  type FeeSummary,
  type PnlItem,
  parseTopic,
  type Topic,
  type TopicSnapshot,
  type TopicUpdate,
  type VolumeItem,
} from "@mexc-live/contract";
import { parseJsonObject } from "@mexc-live/protocol";

export type BusMessage =
  | { readonly k: "u"; readonly e: string; readonly s: number; readonly u: TopicUpdate }
  | { readonly k: "d"; readonly e: string; readonly s: number; readonly t: Topic };

export interface DemandMessage {
  readonly i: string;
  readonly t: readonly Topic[];
}

export interface SnapshotRecord {
  readonly e: string;
  readonly s: number;
  readonly snap: TopicSnapshot;
}

/** The derived figures without a topic, for a web instance's HTTP API. */
export interface FiguresRecord {
  readonly fees: FeeSummary;
  readonly pnl: readonly PnlItem[];
  readonly volume: readonly VolumeItem[];
}

type Json = Record<string, unknown>;

const isTopic = (value: unknown): value is Topic => typeof value === "string" && parseTopic(value) !== undefined;
const isTime = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

export function decodeBusMessage(text: string): BusMessage | undefined {
  const message = parseJsonObject(text);
  if (message === undefined || typeof message.e !== "string" || !Number.isSafeInteger(message.s)) return undefined;
  if (message.k === "d") return isTopic(message.t) ? (message as unknown as BusMessage) : undefined;
  if (message.k !== "u") return undefined;
  const update = message.u as Json | undefined;
  if (typeof update !== "object" || update === null || !isTopic(update.topic) || !("data" in update)) return undefined;
  if (!isTime(update.exchangeTime) || !isTime(update.receiveTime)) return undefined;
  return message as unknown as BusMessage;
}

export function decodeDemand(text: string): DemandMessage | undefined {
  const message = parseJsonObject(text);
  if (message === undefined || typeof message.i !== "string" || !Array.isArray(message.t)) return undefined;
  return message.t.every(isTopic) ? (message as unknown as DemandMessage) : undefined;
}

export function decodeSnapshotRecord(text: string): SnapshotRecord | undefined {
  const record = parseJsonObject(text);
  if (record === undefined || typeof record.e !== "string" || !Number.isSafeInteger(record.s)) return undefined;
  const snap = record.snap as Json | undefined;
  if (typeof snap !== "object" || snap === null || !isTime(snap.exchangeTime) || !isTime(snap.receiveTime)) {
    return undefined;
  }
  return record as unknown as SnapshotRecord;
}

export function decodeFigures(text: string): FiguresRecord | undefined {
  const record = parseJsonObject(text);
  if (record === undefined || typeof record.fees !== "object" || record.fees === null) return undefined;
  if (!Array.isArray(record.pnl) || !Array.isArray(record.volume)) return undefined;
  return record as unknown as FiguresRecord;
}
