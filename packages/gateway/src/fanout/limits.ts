/**
 * Every resource limit of the browser fan-out (WebSocket /stream and SSE /events), in one place.
 * Together they bound what one slow or hostile browser can make the gateway hold:
 *   pending updates  <= MAX_QUEUED_BYTES_PER_CLIENT (and per topic MAX_LOG_QUEUE_ITEMS / MAX_STATE_KEYS_PER_TOPIC)
 *   socket buffer    <= MAX_BROWSER_BUFFERED_BYTES + one flush (we stop writing above the limit)
 *   topics           <= MAX_TOPICS_PER_CLIENT; clients <= MAX_CLIENTS
 */

import { MAX_TOPICS_PER_CONNECTION } from "@mexc-live/contract";

/**
 * Adaptive batching (issue 17), the default: an update that finds the browser idle leaves at once
 * (on the next turn of the event loop, so the updates of one upstream frame travel together);
 * under load a browser gets at most one `batch` message per display frame (60 Hz: a screen
 * cannot show more), everything that arrived meanwhile folded into it, conflated per key.
 */
const FRAME_INTERVAL_MS = 1000 / 60;

/** Stop writing to a connection while its socket buffer holds more than this; conflate instead. */
const MAX_BROWSER_BUFFERED_BYTES = 1024 * 1024;

/** Serialized updates one client may have waiting; past it the biggest topic queue is dropped. */
const MAX_QUEUED_BYTES_PER_CLIENT = 1024 * 1024;

/** Log-like topics (fills, trades, kline): waiting updates per topic before dropping to a snapshot. */
const MAX_LOG_QUEUE_ITEMS = 1000;

/** State-like topics (balances by asset, orders by id, ...): distinct keys waiting per topic. */
const MAX_STATE_KEYS_PER_TOPIC = 5000;

/** Topics one connection may subscribe to: the contract's, which the dashboard plans under. */
const MAX_TOPICS_PER_CLIENT = MAX_TOPICS_PER_CONNECTION;

/** Largest message a browser may send on /stream (subscribe lists are small); larger closes with 1009. */
export const MAX_CLIENT_MESSAGE_BYTES = 4 * 1024;

/** A WebSocket that has not answered a ping within this long is terminated (isAlive sweep). */
export const BROWSER_IDLE_TIMEOUT_MS = 30_000;

/** SSE: a comment line this often keeps proxies from closing an idle stream. */
export const SSE_HEARTBEAT_MS = 15_000;

/** Browser connections (WebSocket + SSE) served at once; more are refused with 503. */
export const MAX_CLIENTS = 2000;
/**
 * Open WebSocket and SSE connections from one client address: a dashboard opens one, a few tabs a
 * few; a page or script opening hundreds is refused (429) before it costs the others (our choice).
 */
export const MAX_CONNECTIONS_PER_ADDRESS = 32;

export interface SessionLimits {
  /** A fixed batch interval (`--batch-ms`): deltas are gathered this long, then sent. undefined: adaptive. */
  readonly batchIntervalMs: number | undefined;
  /** Adaptive batching: at least this long between two batches to one browser. */
  readonly frameIntervalMs: number;
  readonly maxBufferedBytes: number;
  readonly maxQueuedBytes: number;
  readonly maxLogQueueItems: number;
  readonly maxStateKeysPerTopic: number;
  readonly maxTopicsPerClient: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  batchIntervalMs: undefined,
  frameIntervalMs: FRAME_INTERVAL_MS,
  maxBufferedBytes: MAX_BROWSER_BUFFERED_BYTES,
  maxQueuedBytes: MAX_QUEUED_BYTES_PER_CLIENT,
  maxLogQueueItems: MAX_LOG_QUEUE_ITEMS,
  maxStateKeysPerTopic: MAX_STATE_KEYS_PER_TOPIC,
  maxTopicsPerClient: MAX_TOPICS_PER_CLIENT,
};

/** Messages a browser may send on /stream per second (subscribe, unsubscribe, ping); more closes with 1008. */
export const MAX_BROWSER_MESSAGES_PER_SECOND = 20;
