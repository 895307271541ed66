/**
 * The WebSocket side's own limits, cadences and close codes: MEXC's published limits live in
 * ../constants.ts; these are the simulator's choices around them. Durations are simulated ms
 * (run through SimClock) unless the name says otherwise.
 */
import { MINUTE_MS } from "@mexc-live/protocol";

/** The one upgrade path (docs/mexc/protocol.md#hosts-and-transports): `/ws` public, `/ws?listenKey=KEY` private. */
export const WS_PATH = "/ws";

/**
 * Aggregation windows of the `aggre` streams (docs/mexc/protocol.md#channels): the channel's `@10ms` / `@100ms`. Like
 * every cadence here they run on the SimClock: at --speed N they are N times shorter (the clock
 * floors intervals at 1 real ms), so push rates follow the sped-up market.
 */
export const AGGRE_WINDOW_MS = { "10ms": 10, "100ms": 100 } as const;

/** limit.depth snapshots are pushed on change, at most this often. [UNCONFIRMED cadence] */
export const LIMIT_DEPTH_PUSH_INTERVAL_MS = 100;
/** bookTicker.batch collects book-ticker changes over this window. [UNCONFIRMED cadence] */
export const BOOK_TICKER_BATCH_INTERVAL_MS = 100;

/** increase.depth.batch goes out at this many items or after this long, whichever first (docs/mexc/protocol.md#channels hidden section: ">5 entries or 5 ms"). [UNCONFIRMED cadence] */
export const INCREASE_DEPTH_BATCH_MAX_ITEMS = 5;
export const INCREASE_DEPTH_BATCH_INTERVAL_MS = 5;

/** Inbound message rate is measured over this much *wall-clock* time (docs/mexc/protocol.md#connection-limits-and-timers "100 times/s"). */
export const INBOUND_RATE_WINDOW_WALL_MS = 1_000;

// WS-side faults; rates and their meaning in ../faults.ts (the names its table uses).
/** `drop` and `stall` roll once per open socket per this period. */
export const SOCKET_FAULT_CHECK_INTERVAL_MS = 1_000;
/** `expire-listen-keys` rolls once per listen key (with open sockets) per this period. */
export const LISTEN_KEY_FAULT_CHECK_INTERVAL_MS = MINUTE_MS;
/** Once `refuse` hits an upgrade, upgrades are refused (HTTP 503) for this long. */
export const REFUSE_FAULT_PERIOD_MS = 5_000;

/** A socket whose send buffer grows past this is closed rather than let to eat memory. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** Largest client message accepted (control frames are tiny JSON). */
export const MAX_INBOUND_PAYLOAD_BYTES = 64 * 1024;

/** The plain-text message ccxt handles for a bad key (docs/mexc/protocol.md#rejections [3P]). */
export const INVALID_LISTEN_KEY_TEXT = "Invalid listen key";
/** Sent before refusing a 6th socket on one key (docs/mexc/rest.md#listen-keys limit; MEXC's wording unknown). [UNCONFIRMED] */
export const TOO_MANY_SOCKETS_TEXT = "Too many connections for this listen key";

/**
 * Close codes and reasons. MEXC documents none (docs/mexc/protocol.md#connection-limits-and-timers, docs/mexc/uncertainties.md item 7): all [UNCONFIRMED]. Timers
 * close normally (1000); client misbehaviour and a refused key are policy violations (1008).
 */
export const CLOSE = {
  noSubscription: { code: 1000, reason: "no valid subscription for 30s" },
  idle: { code: 1000, reason: "no traffic for 60s" },
  maxAge: { code: 1000, reason: "connection reached 24h" },
  listenKeyExpired: { code: 1000, reason: "listen key expired" },
  listenKeyDeleted: { code: 1000, reason: "listen key deleted" },
  rateLimit: { code: 1008, reason: "more than 100 messages per second" },
  invalidListenKey: { code: 1008, reason: "invalid listen key" },
  tooManySockets: { code: 1008, reason: "too many connections for this listen key" },
  slowConsumer: { code: 1008, reason: "send buffer overflow" },
  serverShutdown: { code: 1001, reason: "server shutting down" },
} as const;

/** On close(), sockets get this long (real ms) to finish the close handshake, then are cut. */
export const SHUTDOWN_GRACE_WALL_MS = 1_000;
