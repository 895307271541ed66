/**
 * The client's own limits and timers, in one place. MEXC's facts (hosts, stream and listen-key
 * limits, REST windows and weights) live in the protocol package (limits.ts), each with its
 * source; what is here is our choice around them. Real ms (the client does not know about the
 * simulator's --speed; tests pass shorter values through options).
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@mexc-live/protocol";
import { DEPTH_LIMIT_MAX, MAX_CONNECTION_AGE_MS, MAX_STREAMS_PER_CONNECTION } from "@mexc-live/protocol/limits";

/** MEXC closes connections at 24 h (protocol MAX_CONNECTION_AGE_MS); we rotate 30 min before, with overlap. */
export const ROTATE_AFTER_MS = MAX_CONNECTION_AGE_MS - 30 * MINUTE_MS;
/** Official Java demo pings every 20 s (docs/mexc/protocol.md#subscribing-unsubscribing-ping). */
export const PING_INTERVAL_MS = 20_000;
/** No PONG and no data for this long -> the socket is dead. */
export const DEAD_AFTER_MS = 30_000;
/**
 * A WebSocket's TCP connection and HTTP upgrade must be done within this long, or the try fails
 * with UPGRADE_TIMEOUT and the next one is timed (issue 54 item 2: a host that accepted TCP and
 * never upgraded was reported after 30 s, as "closed"). MEXC upgrades in well under a second;
 * 10 s, as a REST request's timeout, leaves room for a slow TLS handshake. Ours.
 */
export const WS_UPGRADE_TIMEOUT_MS = 10_000;
export const RECONNECT_INITIAL_MS = 500;
export const RECONNECT_MAX_MS = 30_000;
/** A subscription with no ack within this time is an error for its channels. */
export const SUBSCRIBE_ACK_TIMEOUT_MS = 10_000;
/**
 * Bytes of one WebSocket frame from MEXC, at most (ws `maxPayload`; a longer frame closes the
 * connection with 1009, which reconnects, and is never decoded or recorded). The largest real
 * frame is the all-pairs miniTickers push (docs/mexc/protocol.md#channels): ~125 bytes a pair
 * (the fixture's are 120-140) times ~2,500 spot pairs, about 0.3 MB; a full depth snapshot is
 * 20 levels, about 1.5 KB. 1 MiB is three times the largest; a 10 MiB frame is refused.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** Re-measure the server-time offset this often. */
export const TIME_SYNC_INTERVAL_MS = 5 * MINUTE_MS;
/** After a failed measurement, signed calls use the last offset this long before measuring again (serverClock.ts). Ours. */
export const TIME_SYNC_RETRY_MS = 30_000;
/** On the very first start, reconcile fills of the last 24 h. */
export const FIRST_START_LOOKBACK_MS = DAY_MS;

/** GET /api/v3/announcements: the furthest page asked for (ours: MEXC's example says 123 pages of 20). */
export const ANNOUNCEMENT_PAGE_MAX = 1_000;

/** Local order book snapshots ask for as many levels as MEXC gives (docs/mexc/protocol.md#keeping-a-local-order-book: 5000 "sufficient"). */
export const DEPTH_SNAPSHOT_LIMIT = DEPTH_LIMIT_MAX;

// WebSocket connection internals (C2: ws/, marketStream.ts, orderBookSync.ts). Our choices.
/** The outbound limit is measured over a sliding window of this length (docs/mexc/protocol.md#connection-limits-and-timers "100 times/s"). */
export const OUTBOUND_RATE_WINDOW_MS = 1_000;
/** Extra wait before a window's budget is reused: the server measures arrival times, which jitter. */
export const OUTBOUND_RATE_MARGIN_MS = 50;
/** Channels per SUBSCRIPTION message; MEXC accepts several per message (docs/mexc/protocol.md#subscribing-unsubscribing-ping). */
export const CHANNELS_PER_SUBSCRIPTION = MAX_STREAMS_PER_CONNECTION;
/** After a rotation switch, new-socket frames are compared with old-socket frames this long. */
export const ROTATION_DEDUP_WINDOW_MS = 10_000;
/** Frames a rotation candidate may buffer before its acks; more aborts that rotation attempt. */
export const ROTATION_MAX_BUFFERED_FRAMES = 50_000;
/** A closing socket gets this long for the close handshake, then it is cut. */
export const SOCKET_CLOSE_GRACE_MS = 1_000;
/**
 * Items a market stream queues for `for await` (from its creation on) before the loop falls behind
 * (FELL_BEHIND): 10,000 is about 30 s of 30 channels at MEXC's 100 ms aggregation, and at most a
 * few MB held by a stream nobody iterates (listener-only users pass `maxQueued: 0`).
 */
export const MARKET_STREAM_MAX_QUEUED = 10_000;
/** The largest `maxQueued` a stream accepts: a queue past a million items is a leak, not a buffer. */
export const STREAM_MAX_QUEUED_LIMIT = 1_000_000;
/** Depth diffs cached while a snapshot is fetched (docs/mexc/protocol.md#keeping-a-local-order-book step 1); the oldest go first. */
export const DEPTH_MAX_CACHED_DIFFS = 10_000;
/** Back-off between depth snapshot attempts (failed, or older than the first cached diff). */
export const DEPTH_SNAPSHOT_RETRY_INITIAL_MS = 200;
export const DEPTH_SNAPSHOT_RETRY_MAX_MS = 10_000;

// REST client behaviour (ours, C1)
/** A request with no answer after this long is abandoned (TIMEOUT; a write's outcome is then unknown). */
export const REST_REQUEST_TIMEOUT_MS = 10_000;
/**
 * The most bytes a REST answer may have, counted as they are read after gzip/br decoding (fetch
 * decodes transparently); a Content-Length over it is refused before the body is read. Past it
 * the answer is dropped (ANSWER_TOO_LARGE) and the connection cut, so a broken or hostile
 * upstream cannot fill memory (issue 37 item 4: a 300 KB gzip bomb took RSS to 1 GB, a 100 MB
 * answer added 584 MB). Sized from the largest answer the client asks for, GET
 * /api/v3/exchangeInfo with every symbol: 575 bytes a symbol compact (the live capture in
 * protocol's conformance/rest/GET_api_v3_exchangeInfo.json), about 650 with the 2025-11 fields,
 * so 2 MB for 3,000 symbols; 8 MiB holds 12,000. The next largest: depth at 5000 levels a side
 * (~0.3 MB), allOrders at 1000 rows (~0.4 MB). Ours; RestClientOptions.maxAnswerBytes changes it.
 */
export const REST_MAX_ANSWER_BYTES = 8 * 1024 * 1024;
/** Idempotent reads: this many attempts on 5XX, network errors and timeouts, with jittered back-off. */
export const REST_MAX_ATTEMPTS = 5;
export const REST_RETRY_INITIAL_MS = 250;
export const REST_RETRY_MAX_MS = 8_000;
/** 429/418 answers waited out (per call) before giving up; they pause the family, so they never hammer. */
export const REST_MAX_RATE_LIMITED_RETRIES = 30;
/** A 429 without Retry-After pauses its family one window (docs/mexc/rest.md#rate-limits); a 418 without one, the shortest ban (docs/mexc/errors.md). */
export const RATE_LIMIT_DEFAULT_PAUSE_MS = 10_000;
export const BAN_DEFAULT_PAUSE_MS = 2 * MINUTE_MS;
/**
 * After a lost reply to a write, the order is looked up by clientOrderId; MEXC answers -2013 for
 * a while after it accepted an order (docs/mexc/undocumented.md#orders item 11.13, ccxt/ccxt#21614, length not reported), so "does not
 * exist" is believed only after MEXC said it for this long: our choice, well past the few seconds
 * the simulator lags by default. Lookups back off from 250 ms to 4 s in that time.
 */
export const ORDER_NOT_FOUND_WINDOW_MS = 15_000;
export const ORDER_LOOKUP_RETRY = { initialMs: 250, maxMs: 4_000 } as const;
/**
 * The most a write (placeOrder, cancelOrder) takes, its order lookups included, before it says
 * what is known (rest/writeDeadline.ts; RestEndpointsOptions.writeDeadlineMs): the write's own
 * attempt, then twice the lookup window (the bound the lookups had on their own before issue 54).
 * Ours.
 */
export const WRITE_DEADLINE_MS = REST_REQUEST_TIMEOUT_MS + 2 * ORDER_NOT_FOUND_WINDOW_MS;
/**
 * A reconciliation that cannot find an order the stream reported (-2013) asks again after this
 * (growing), and keeps it open meanwhile; it is forgotten only when MEXC has said -2013 about it
 * for ORDER_MISSING_FORGET_MS. Ours.
 */
export const ORDER_RECHECK_RETRY = { initialMs: 2_000, maxMs: 30_000 } as const;
export const ORDER_MISSING_FORGET_MS = 5 * MINUTE_MS;
/** Inside one reconciliation an order answered -2013 is asked for again this often before it moves on. */
export const ORDER_RECONCILE_LOOKUP_DELAYS_MS: readonly number[] = [250, 750];

// A refused key or MEXC under maintenance (user/slowRetry.ts; ours)
/**
 * MEXC refuses the key (700002 for a wrong secret or an expired key, 700006, 700007, 10072...):
 * ask again every 30-60 s, no faster, so a key fixed on MEXC's site brings the account back
 * within a minute or so without hammering signed endpoints (two calls a try).
 */
export const REFUSED_RETRY = { initialMs: MINUTE_MS, maxMs: MINUTE_MS } as const;
/** MEXC under maintenance (11444, "Under maintenance", HTTP 503): 15-30 s at first, doubling up to 2.5-5 min. */
export const MAINTENANCE_RETRY = { initialMs: 30_000, maxMs: 5 * MINUTE_MS } as const;

// Listen keys (docs/mexc/rest.md#listen-keys; ours, C1)
/** With this many key slots left or fewer (from the GET answer's cap), reuse a valid key instead of creating another. */
export const LISTEN_KEY_REUSE_WHEN_AVAILABLE = 10;
/** A keepalive that got no answer about the key is retried after 5 s, doubling up to 5 min (always before the key expires). */
export const LISTEN_KEY_KEEPALIVE_RETRY_INITIAL_MS = 5_000;
export const LISTEN_KEY_KEEPALIVE_RETRY_MAX_MS = 5 * MINUTE_MS;

// Values MEXC sends that the protocol does not know (unknownValues.ts; ours)
/** At most one reconciliation per minute per unknown value (field and value). */
export const UNKNOWN_VALUE_RECONCILE_INTERVAL_MS = MINUTE_MS;
/** At most one reconciliation per 5 s for malformed frames (one may have hidden a fill: soon, not per frame). */
export const MALFORMED_RECONCILE_INTERVAL_MS = 5_000;

// Reconciliation (ours, C1)
/**
 * A balance push received less than this before a REST account read was sent may still be newer
 * than the read's answer, should MEXC's REST answer from a copy that lags its pushes (no public
 * report either way [UNCONFIRMED]; UserStreamOptions.restBalanceLagMs changes it): the push is
 * kept, and if the two disagree the stream reconciles again this long later. A push older than
 * this is superseded by the read.
 */
export const REST_BALANCE_LAG_MS = 1_000;
/** Such reconciliations for a balance doubt: at most one per this interval. */
export const BALANCE_RECHECK_INTERVAL_MS = 5_000;
/** allOrders/myTrades windows after a gap start this much before the stream went down (clock skew, in-flight pushes). */
export const RECONCILE_WINDOW_SLACK_MS = 5_000;
/** Upper bound on pages fetched per symbol and endpoint in one reconciliation (bounded loops). */
export const RECONCILE_MAX_PAGES = 200;
/** A failed reconciliation is retried with back-off between these bounds. */
export const RECONCILE_RETRY_INITIAL_MS = 500;
export const RECONCILE_RETRY_MAX_MS = 30_000;
/** Seen trade ids and finished orders are remembered this long (well past any reconciliation window). */
export const DEDUP_RETENTION_MS = 48 * HOUR_MS;
/** ... and at most this many of each, oldest forgotten first. */
export const DEDUP_MAX_ENTRIES = 200_000;
/** exchangeInfo (symbols per asset, for symbol discovery) is re-read this often. */
export const EXCHANGE_INFO_REFRESH_MS = HOUR_MS;
/**
 * A private fill or order naming a pair neither exchangeInfo nor the offline pairs list is refused;
 * both are then re-read early (a pair listed since, or one unsigned exchangeInfo hid), at most once
 * per this long: a hostile upstream naming a new pair in every push cannot turn it into a REST storm
 * (ours: 5 minutes is 12 extra reads an hour at most, weight 10 each).
 */
export const UNKNOWN_PAIR_REREAD_MS = 5 * MINUTE_MS;
/**
 * Items a user stream queues for `for await` (from its creation on) before the loop falls behind
 * (FELL_BEHIND, never a silent drop). `await user.live()` before the loop waits for the first
 * reconciliation, whose fills, orders and balances (a day of a busy account's) must all fit.
 */
export const USER_STREAM_MAX_QUEUED = 100_000;
/**
 * The longest `live({ timeoutMs })` deadline: Node's largest timer delay (2^31 - 1 ms, about 24.8
 * days); a longer one would fire at once. Leave timeoutMs out to wait without a deadline.
 */
export const LIVE_TIMEOUT_MAX_MS = 2_147_483_647;
