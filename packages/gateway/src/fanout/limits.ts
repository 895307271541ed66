/**
 * Every resource limit of the browser fan-out (WebSocket /stream and SSE /events), in one place.
 * Together they bound what one slow or hostile browser can make the gateway hold:
 *   pending updates  <= MAX_QUEUED_BYTES_PER_CLIENT (and per topic MAX_LOG_QUEUE_ITEMS / MAX_STATE_KEYS_PER_TOPIC)
 *   socket buffer    <= MAX_BUFFERED_BYTES + one flush (we stop writing above the limit)
 *   topics           <= MAX_TOPICS_PER_CLIENT; clients <= MAX_CLIENTS
 */

/** Deltas are gathered this long and sent as one `batch` message (issue 5: default 100 ms). */
export const BATCH_INTERVAL_MS = 100;

/** Stop writing to a connection while its socket buffer holds more than this; conflate instead. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Serialized updates one client may have waiting; past it the biggest topic queue is dropped. */
export const MAX_QUEUED_BYTES_PER_CLIENT = 1024 * 1024;

/** Log-like topics (fills, trades, kline): waiting updates per topic before dropping to a snapshot. */
export const MAX_LOG_QUEUE_ITEMS = 1000;

/** State-like topics (balances by asset, orders by id, ...): distinct keys waiting per topic. */
export const MAX_STATE_KEYS_PER_TOPIC = 5000;

/** Topics one connection may subscribe to (MEXC itself allows 30 streams per connection). */
export const MAX_TOPICS_PER_CLIENT = 50;

/** Largest message a browser may send on /stream (subscribe lists are small); larger closes with 1009. */
export const MAX_CLIENT_MESSAGE_BYTES = 4 * 1024;

/** A WebSocket that has not answered a ping within this long is terminated (isAlive sweep). */
export const IDLE_TIMEOUT_MS = 30_000;

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
  readonly batchIntervalMs: number;
  readonly maxBufferedBytes: number;
  readonly maxQueuedBytes: number;
  readonly maxLogQueueItems: number;
  readonly maxStateKeysPerTopic: number;
  readonly maxTopicsPerClient: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  batchIntervalMs: BATCH_INTERVAL_MS,
  maxBufferedBytes: MAX_BUFFERED_BYTES,
  maxQueuedBytes: MAX_QUEUED_BYTES_PER_CLIENT,
  maxLogQueueItems: MAX_LOG_QUEUE_ITEMS,
  maxStateKeysPerTopic: MAX_STATE_KEYS_PER_TOPIC,
  maxTopicsPerClient: MAX_TOPICS_PER_CLIENT,
};

/** Messages a browser may send on /stream per second (subscribe, unsubscribe, ping); more closes with 1008. */
export const MAX_CLIENT_MESSAGES_PER_SECOND = 20;
