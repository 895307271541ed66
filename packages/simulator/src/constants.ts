/**
 * MEXC's limits and timers as the simulator enforces them, each with its source in
 * ../shared/docs/mexc-protocol.md. Durations are in simulated ms (the clock divides them by
 * --speed). Where the spec says [UNCONFIRMED], the value is its documented default and the
 * simulator option that overrides it is named.
 */

// WebSocket (§6.3)
export const MAX_STREAMS_PER_CONNECTION = 30;
/** "100 times/s": inbound client messages per connection per second, then the socket is closed. [UNCONFIRMED meaning] */
export const MAX_INBOUND_MESSAGES_PER_SECOND = 100;
/** No valid subscription for 30 s -> disconnect. */
export const NO_SUBSCRIPTION_TIMEOUT_MS = 30_000;
/** Subscribed but no traffic for 60 s -> disconnect (a client PING counts as traffic). */
export const IDLE_TIMEOUT_MS = 60_000;
/** Connections are closed at 24 h. */
export const MAX_CONNECTION_AGE_MS = 24 * 60 * 60 * 1000;

// Listen keys (§3.10)
export const LISTEN_KEY_TTL_MS = 60 * 60 * 1000;
export const MAX_LISTEN_KEYS_PER_ACCOUNT = 60;
export const MAX_SOCKETS_PER_LISTEN_KEY = 5;

// REST (§2.2, §2.5)
export const DEFAULT_RECV_WINDOW_MS = 5_000;
export const MAX_RECV_WINDOW_MS = 60_000;
/** A request may be at most this far ahead of server time (timestamp < serverTime + 1000). */
export const MAX_TIMESTAMP_AHEAD_MS = 1_000;
/** 500 weight per 10 s per endpoint, IP and UID families apart. Override: rateLimit.weightPerWindow. */
export const RATE_LIMIT_WEIGHT_PER_WINDOW = 500;
export const RATE_LIMIT_WINDOW_MS = 10_000;
/** 418 bans escalate from 2 minutes up to 3 days (§2.4). */
export const BAN_MIN_MS = 2 * 60 * 1000;
export const BAN_MAX_MS = 3 * 24 * 60 * 60 * 1000;
/** Max open orders per account (§2.5 FAQ). */
export const MAX_OPEN_ORDERS_PER_ACCOUNT = 500;

// Depth and history limits (§3.4, §3.7, §3.8)
export const DEPTH_LIMIT_DEFAULT = 100;
export const DEPTH_LIMIT_MAX = 5000;
export const ALL_ORDERS_LIMIT_DEFAULT = 500;
export const ALL_ORDERS_LIMIT_MAX = 1000;
export const ALL_ORDERS_MAX_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
export const ALL_ORDERS_DEFAULT_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MY_TRADES_LIMIT_DEFAULT = 100;
export const MY_TRADES_LIMIT_MAX = 100;
export const MY_TRADES_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

// Push cadence (§6.4)
export const KLINE_PUSH_INTERVAL_MS = 1_000;
export const MINI_TICKER_PUSH_INTERVAL_MS = 3_000;

// Faults (--faults, faults.ts). Our own choices, not MEXC facts.
/** `http429`: the Retry-After (seconds) of an injected 429. */
export const HTTP429_FAULT_RETRY_AFTER_S = 1;

// REST extras (§2.4, §3.9, §3.10)
/** FAQ: access recovers after about 10 minutes under the limit; then the 418 ladder starts again at 2 min. */
export const BAN_FORGIVE_MS = 10 * 60 * 1000;
/** DELETE /api/v3/openOrders: `symbol` holds up to 5 symbols, comma-separated. */
export const MAX_CANCEL_ALL_SYMBOLS = 5;
