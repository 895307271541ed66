/**
 * The public contract of a stream connection: its options (every timer injectable, MEXC's
 * limits as defaults), its events, its gap notice and its stats. StreamConnection implements
 * it for one socket at a time; StreamPool for any number of channels.
 */

import { MAX_CLIENT_FRAME_BYTES, MAX_CLIENT_MESSAGES_PER_SECOND } from "@mexc-live/protocol/limits";
import type { BackoffPolicy } from "../backoff.js";
import {
  CHANNELS_PER_SUBSCRIPTION,
  DEAD_AFTER_MS,
  PING_INTERVAL_MS,
  RECONNECT_INITIAL_MS,
  RECONNECT_MAX_MS,
  ROTATE_AFTER_MS,
  ROTATION_DEDUP_WINDOW_MS,
  SUBSCRIBE_ACK_TIMEOUT_MS,
} from "../constants.js";
import type { Logger } from "../logger.js";
import type { ChannelError } from "./subscribedSocket.js";

export type { ChannelError } from "./subscribedSocket.js";

export type StreamState = "connecting" | "live" | "reconnecting" | "closed";

/** Why frames may have been missed: the socket closed or dropped, went silent, had its key refused, or a rotation lost its old socket early. */
export type GapReason = "reconnect" | "stall" | "authRejected" | "rotation";

export interface StreamGap {
  readonly reason: GapReason;
  /** The last moment data was surely flowing (ms since epoch). */
  readonly downSince: number;
  /** When every channel was acked again. */
  readonly liveAt: number;
  /** The channels of this connection (all of them may have missed data). */
  readonly channels: readonly string[];
  readonly label: string;
}

/**
 * A try to connect that failed, or a live socket that went down: why, and when the next try is.
 * Never the URL's path or query (a listen key travels there).
 */
export interface ConnectFailure {
  /** host:port of the WebSocket URL; undefined when the URL itself could not be had (no listen key). */
  readonly host: string | undefined;
  /**
   * The system error code (ECONNREFUSED, ENOTFOUND, ETIMEDOUT, ...), HTTP_<status> for a refused
   * upgrade, URL_UNAVAILABLE when no URL could be had, else why the socket ended (closed, stall,
   * ackTimeout, allBlocked, authRejected).
   */
  readonly code: string;
  readonly message: string;
  /** Tries that failed in a row since the stream was last live (1 for the first). */
  readonly attempt: number;
  /** When the next try starts (ms since epoch). */
  readonly nextTryAt: number;
}

export type StreamEvents = {
  /** A binary data frame, de-duplicated across a rotation overlap. */
  frame: [bytes: Uint8Array, receivedAt: number];
  state: [state: StreamState, detail?: string];
  gap: [gap: StreamGap];
  channelError: [error: ChannelError];
  authRejected: [info: { readonly message: string }];
  /** After every failed try (and a live socket's end): the cause and the next try's time. */
  reconnecting: [failure: ConnectFailure];
  textMessage: [message: unknown];
};

export interface StreamConnectionOptions {
  /** Called before every connect (a listen-key URL may change between connects). */
  readonly url: () => string | Promise<string>;
  /** At most 30 (use StreamPool for more). */
  readonly channels: readonly string[];
  readonly label?: string;
  readonly pingIntervalMs?: number;
  /** No data and no PONG for this long: the socket is dead. */
  readonly deadAfterMs?: number;
  readonly reconnect?: BackoffPolicy;
  /** Rotate to a fresh socket this long after one went live (MEXC cuts at 24 h). */
  readonly rotateAfterMs?: number;
  readonly ackTimeoutMs?: number;
  readonly maxOutboundPerSecond?: number;
  readonly channelsPerRequest?: number;
  /** Largest client frame in bytes; SUBSCRIPTION lists are split to fit. Default 1024 (docs/mexc/undocumented.md#websocket item 11.4). */
  readonly maxFrameBytes?: number;
  /** After a rotation switch, how long frames of the new socket are checked for copies. */
  readonly rotationDedupWindowMs?: number;
  readonly logger?: Logger;
  readonly now?: () => number;
  /** [0, 1) for the back-off jitter. */
  readonly random?: () => number;
}

export interface StreamStats {
  readonly label: string;
  readonly state: StreamState;
  readonly channels: number;
  readonly framesDelivered: number;
  readonly duplicatesDropped: number;
  /** Sockets opened after the first one went down (rotations not counted). */
  readonly reconnects: number;
  /** Tries to connect that failed before the socket was live (refused, unreachable, no ack, ...). */
  readonly failedConnects: number;
  readonly rotations: number;
  readonly gaps: number;
  readonly lastFrameAt: number | undefined;
}

export type ResolvedStreamOptions = Required<Omit<StreamConnectionOptions, "logger">> & {
  readonly logger: Logger | undefined;
};

/** The options with every default filled in. */
export function resolveStreamOptions(options: StreamConnectionOptions): ResolvedStreamOptions {
  return {
    label: "stream",
    pingIntervalMs: PING_INTERVAL_MS,
    deadAfterMs: DEAD_AFTER_MS,
    reconnect: { initialMs: RECONNECT_INITIAL_MS, maxMs: RECONNECT_MAX_MS },
    rotateAfterMs: ROTATE_AFTER_MS,
    ackTimeoutMs: SUBSCRIBE_ACK_TIMEOUT_MS,
    maxOutboundPerSecond: MAX_CLIENT_MESSAGES_PER_SECOND,
    channelsPerRequest: CHANNELS_PER_SUBSCRIPTION,
    maxFrameBytes: MAX_CLIENT_FRAME_BYTES,
    rotationDedupWindowMs: ROTATION_DEDUP_WINDOW_MS,
    now: Date.now,
    random: Math.random,
    ...options,
    logger: options.logger,
  };
}
