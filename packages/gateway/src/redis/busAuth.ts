/**
 * Who may speak on the Redis bus: every message is signed with the shared bus secret
 * (busEnvelope.ts) and checked on arrival, before its own decoder sees it.
 *
 *   published messages (a Receiver per subscription): a valid signature for this channel, signed
 *     no more than BUS_MAX_AGE_MS ago and no more than BUS_MAX_FUTURE_MS ahead of this clock, not
 *     before the receiver started listening, and a nonce not seen before (replay);
 *   stored values (snapshot and figures keys, read again and again): a valid signature for this
 *     key and an age within the key's lifetime; no replay check, a value is read many times.
 *
 * Anything else is dropped and counted by kind and reason (gateway_bus_rejected_total in the
 * gateway's metrics registry, and stats()), and logged at most once per
 * BUS_REJECT_LOG_INTERVAL_MS with how many were dropped since the last line, never with the
 * message's content (it is the sender's, not ours). Clocks of the instances must agree within
 * BUS_MAX_FUTURE_MS (NTP does far better).
 *
 * The replay cache holds the nonces of accepted messages until they are too old to pass anyway;
 * at BUS_MAX_NONCES the oldest is forgotten and the receiver refuses from then on everything
 * signed at or before it, so a forgotten nonce can never pass again (under that load the window
 * shrinks; it never opens).
 */

import { MINUTE_MS } from "@mexc-live/protocol";
import { Counter, type Registry } from "prom-client";
import { MIN_BUS_SECRET_LENGTH } from "../config/settings.js";
import type { Logger } from "../logging.js";
import { envelopeKey } from "./busEnvelope.js";

/** A published message older than this is refused (our choice: transit takes milliseconds; this leaves room for clock skew). */
export const BUS_MAX_AGE_MS = 30_000;
/** A message signed this far ahead of this clock is refused (clock skew tolerated between machines). */
export const BUS_MAX_FUTURE_MS = 5_000;
/** Nonces one receiver remembers at most (about 100 bytes each): 3,300 messages/s for the whole window. */
export const BUS_MAX_NONCES = 100_000;
/** Dropped messages are logged at most this often (each line says how many since the last one). */
export const BUS_REJECT_LOG_INTERVAL_MS = MINUTE_MS;
export const BUS_REJECTED_METRIC = "gateway_bus_rejected_total";

type BusKind = "update" | "demand" | "history_request" | "history_reply" | "snapshot" | "figures" | "accounts";
type BusRejectReason = "unsigned" | "bad_signature" | "stale" | "future" | "replayed";
const BUS_REJECT_REASONS: readonly BusRejectReason[] = ["unsigned", "bad_signature", "stale", "future", "replayed"];

const WHY: Readonly<Record<BusRejectReason, string>> = {
  unsigned: "not signed (is every instance on this version, and is anything else publishing to it?)",
  bad_signature: "bad signature (is the bus secret the same on every instance?)",
  stale: "too old, or from before this instance listened (are the instances' clocks in sync?)",
  future: "signed in the future (are the instances' clocks in sync?)",
  replayed: "a replay of a message already received",
};

export interface BusAuthOptions {
  readonly secret: string;
  /** Where dropped messages are logged (rate-limited); default nowhere. */
  readonly logger?: Logger;
  /** The gateway's metrics registry, for gateway_bus_rejected_total; default none. */
  readonly registry?: Registry;
  /** Tests move the clock. */
  readonly now?: () => number;
}

/** Checks one subscription's messages: the payload of a valid one, undefined (counted, logged) otherwise. */
type Receiver = (context: string, text: string) => string | undefined;

export interface BusAuth {
  /** The envelope of `payload` for the channel or key `context`. */
  sign(context: string, payload: string): string;
  /** A receiver for one subscription, with its own replay cache; create it before subscribing. */
  receiver(kind: BusKind): Receiver;
  /** A stored value's payload when signed for key `context` within the last `maxAgeMs`; undefined otherwise. */
  openStored(kind: BusKind, context: string, text: string, maxAgeMs: number): string | undefined;
  /** Messages dropped so far, by reason. */
  stats(): Readonly<Record<BusRejectReason, number>>;
}

export function createBusAuth(options: BusAuthOptions): BusAuth {
  if (options.secret.length < MIN_BUS_SECRET_LENGTH) {
    throw new Error(`bus secret: at least ${MIN_BUS_SECRET_LENGTH} characters needed`);
  }
  const key = envelopeKey(options.secret);
  const now = options.now ?? Date.now;
  const counter = rejectedCounter(options.registry);
  const counts = Object.fromEntries(BUS_REJECT_REASONS.map((reason) => [reason, 0])) as Record<BusRejectReason, number>;
  let lastLog = Number.NEGATIVE_INFINITY;
  let unlogged = 0;

  const reject = (kind: BusKind, reason: BusRejectReason, bytes: number): undefined => {
    counts[reason]++;
    counter?.inc({ kind, reason });
    unlogged++;
    const at = now();
    if (options.logger !== undefined && at - lastLog >= BUS_REJECT_LOG_INTERVAL_MS) {
      options.logger.warn(
        { component: "security", kind, reason, bytes, dropped: unlogged },
        `redis bus message dropped: ${WHY[reason]}`,
      );
      lastLog = at;
      unlogged = 0;
    }
    return undefined;
  };

  return {
    sign: (context, payload) => key.seal(context, payload, now()),
    receiver(kind) {
      const replays = new ReplayCache(now());
      return (context, text) => {
        const opened = key.open(context, text);
        if (!opened.ok) return reject(kind, opened.reason, text.length);
        const at = now();
        if (opened.time > at + BUS_MAX_FUTURE_MS) return reject(kind, "future", text.length);
        if (opened.time < at - BUS_MAX_AGE_MS || opened.time < replays.floor) return reject(kind, "stale", text.length);
        if (!replays.admit(opened.nonce, opened.time, at - BUS_MAX_AGE_MS))
          return reject(kind, "replayed", text.length);
        return opened.payload;
      };
    },
    openStored(kind, context, text, maxAgeMs) {
      const opened = key.open(context, text);
      if (!opened.ok) return reject(kind, opened.reason, text.length);
      const at = now();
      if (opened.time > at + BUS_MAX_FUTURE_MS) return reject(kind, "future", text.length);
      if (opened.time < at - maxAgeMs) return reject(kind, "stale", text.length);
      return opened.payload;
    },
    stats: () => ({ ...counts }),
  };
}

/** The nonces a receiver accepted within the window, oldest first. */
class ReplayCache {
  private readonly seen = new Map<string, number>();
  /** Messages signed before this are refused: before the receiver listened, or with their nonce forgotten. */
  floor: number;

  constructor(start: number) {
    this.floor = start;
  }

  /** Remembers the nonce; false when it was seen already. */
  admit(nonce: string, time: number, oldest: number): boolean {
    for (const [seenNonce, seenTime] of this.seen) {
      if (seenTime >= oldest) break;
      this.seen.delete(seenNonce);
      // Refused as stale anyway; the floor keeps it so should the clock step back.
      this.floor = Math.max(this.floor, seenTime + 1);
    }
    if (this.seen.has(nonce)) return false;
    // A copy: the nonce cut from the message may be a slice of it, keeping the whole message
    // (a history answer of up to a MB) alive as long as the nonce is remembered.
    this.seen.set(Buffer.from(nonce, "latin1").toString("latin1"), time);
    if (this.seen.size > BUS_MAX_NONCES) {
      const [first, firstTime] = this.seen.entries().next().value as [string, number];
      this.seen.delete(first);
      this.floor = Math.max(this.floor, firstTime + 1);
    }
    return true;
  }
}

/** One counter per registry, shared by every receiver of the process. */
function rejectedCounter(registry: Registry | undefined): Counter<"kind" | "reason"> | undefined {
  if (registry === undefined) return undefined;
  const existing = registry.getSingleMetric(BUS_REJECTED_METRIC);
  if (existing !== undefined) return existing as Counter<"kind" | "reason">;
  return new Counter({
    name: BUS_REJECTED_METRIC,
    help: "Redis bus messages dropped: unsigned, bad signature, stale, from the future or replayed",
    labelNames: ["kind", "reason"],
    registers: [registry],
  });
}
