/** Timers of the browser's WebSocket to the gateway. */

/** First reconnect delay; doubles per failed attempt up to RECONNECT_MAX_MS (tardis-node caps near 30 s). */
export const RECONNECT_BASE_MS = 500;
export const RECONNECT_MAX_MS = 30_000;
/** We ping this often; the gateway answers `pong`. */
export const GATEWAY_PING_INTERVAL_MS = 10_000;
/** No message at all for this long (health alone comes every second) -> the socket is dead: reconnect. */
export const SILENCE_TIMEOUT_MS = 25_000;
