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
  WS_UPGRADE_TIMEOUT_MS,
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
   * upgrade, UPGRADE_TIMEOUT for an upgrade that did not come within upgradeTimeoutMs; when no
   * URL could be had, its source's code (the listen key's REST call: ECONNREFUSED, TIMEOUT, ...;
   * URL_UNAVAILABLE without a source); else why the socket ended (closed, stall, ackTimeout,
   * allBlocked, authRejected).
   */
  readonly code: string;
  readonly message: string;
  /** Tries that failed in a row since the stream was last live (1 for the first). */
  readonly attempt: number;
  /** When the try failed and the next was timed (ms since epoch): `nextTryAt - at` is the wait. */
  readonly at: number;
  /** When the next try starts (ms since epoch). */
  readonly nextTryAt: number;
}

/**
 * A try to connect that has not ended yet: what it waits for, from which host, since when, and
 * the bound after which it fails (undefined while url() waits: its source bounds it, e.g. REST's
 * request timeout). Never the URL's path or query.
 */
export interface TryUnderWay {
  /** url: the URL (a listen key) is being fetched; upgrade: the WebSocket upgrade; subscribe: the subscription acks. */
  readonly stage: "url" | "upgrade" | "subscribe";
  /** host:port waited on: the URL's source while it is fetched, then the WebSocket's. */
  readonly host: string | undefined;
  /** What is waited for, in words ("a listen key", "the WebSocket upgrade", "the subscription acks"). */
  readonly waitingFor: string;
  readonly since: number;
  readonly boundMs: number | undefined;
  /** This try's number since the stream was last live (1 for the first). */
  readonly attempt: number;
}

/** Where `url()` gets its URL, when it may fail: named while a try waits on it and when it fails. */
export interface UrlSource {
  /** host:port it asks (the user stream: the REST host its listen key comes from). */
  readonly host: string;
  /** What it fetches, in words: "a listen key". */
  readonly what: string;
  /** The code that names a failure (ECONNREFUSED, TIMEOUT, ...). */
  readonly codeOf: (error: unknown) => string;
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
  /** Where url() gets its URL when it may fail (a listen key from REST); default none: a failure is URL_UNAVAILABLE. */
  readonly urlSource?: UrlSource;
  /** At most 30 (use StreamPool for more). */
  readonly channels: readonly string[];
  readonly label?: string;
  readonly pingIntervalMs?: number;
  /** No data and no PONG for this long: the socket is dead. */
  readonly deadAfterMs?: number;
  /**
   * The TCP connection and the WebSocket upgrade must be done within this long, or the try fails
   * with UPGRADE_TIMEOUT (a host that accepts TCP and never upgrades). Default WS_UPGRADE_TIMEOUT_MS (10 s).
   */
  readonly upgradeTimeoutMs?: number;
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

export type ResolvedStreamOptions = Required<Omit<StreamConnectionOptions, "logger" | "urlSource">> & {
  readonly logger: Logger | undefined;
  readonly urlSource: UrlSource | undefined;
};

/** The options with every default filled in. */
export function resolveStreamOptions(options: StreamConnectionOptions): ResolvedStreamOptions {
  return {
    label: "stream",
    pingIntervalMs: PING_INTERVAL_MS,
    deadAfterMs: DEAD_AFTER_MS,
    upgradeTimeoutMs: WS_UPGRADE_TIMEOUT_MS,
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
    urlSource: options.urlSource,
  };
}
