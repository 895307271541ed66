/** Timers of the browser's WebSocket to the gateway. */
import type { BackoffPolicy } from "@mexc-live/protocol";

/** Reconnects wait by protocol's back-off: 0.5 s at first, doubling up to 30 s (tardis-node caps near 30 s). */
export const GATEWAY_RECONNECT: BackoffPolicy = { initialMs: 500, maxMs: 30_000 };
/** We ping this often; the gateway answers `pong`. */
export const GATEWAY_PING_INTERVAL_MS = 10_000;
/** No message at all for this long (health alone comes every second) -> the socket is dead: reconnect. */
export const SILENCE_TIMEOUT_MS = 25_000;
