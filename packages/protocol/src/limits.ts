/**
 * MEXC's hosts, limits and timers: the one home for each (client, simulator and gateway import
 * them from here). Each with its source: a section of docs/mexc/ and its tag
 * there ([OFF] official, [OFF-new] newer official docs, [3P] third-party reports). Durations are
 * real milliseconds. Our own choices around these live with the code that makes them.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./timeUnits.js";

// ------------------------------------------------------------------------------ hosts (docs/mexc/protocol.md#hosts-and-transports [OFF])

export const MEXC_REST_URL = "https://api.mexc.com";
export const MEXC_WS_URL = "wss://wbs-api.mexc.com/ws";

// ------------------------------------------------------------------------------ WebSocket (docs/mexc/protocol.md#connection-limits-and-timers [OFF])

/** At most 30 subscriptions (streams) per connection; beyond that they are invalid. */
export const MAX_STREAMS_PER_CONNECTION = 30;
/** "100 times/s": client messages per connection; more and the connection is dropped. */
export const MAX_CLIENT_MESSAGES_PER_SECOND = 100;
/** No valid subscription for 30 s: the server disconnects. */
export const NO_SUBSCRIPTION_TIMEOUT_MS = 30_000;
/** Subscribed but no traffic for 60 s: the server disconnects (a client PING is traffic). */
export const IDLE_TIMEOUT_MS = MINUTE_MS;
/** Connections are closed at 24 h. */
export const MAX_CONNECTION_AGE_MS = DAY_MS;
/**
 * A client frame should stay at or below 1 KB (docs/mexc/undocumented.md#websocket item 11.4 [3P×2]): Mexc.Net sends at most 1024 bytes
 * per message (`MessageSendSizeLimit = 1024`); skip-mev/connect saw a SUBSCRIPTION of about 25
 * channels fail where 20 worked.
 */
export const MAX_CLIENT_FRAME_BYTES = 1024;

// ------------------------------------------------------------------------------ listen keys (docs/mexc/rest.md#listen-keys)

/** A key lives 60 min from its creation or last keepalive [OFF]. */
export const LISTEN_KEY_TTL_MS = HOUR_MS;
/** Keep alive every 30 min, as the docs recommend [OFF]; more often earned 730708 (docs/mexc/undocumented.md#listen-keys item 11.6 [3P]). */
export const LISTEN_KEY_KEEPALIVE_MS = 30 * MINUTE_MS;
/**
 * The docs' cap on valid keys per account [OFF]. Newer docs' GET /api/v3/userDataStream example
 * answers `"total": 200, "available": 198` (docs/mexc/undocumented.md#listen-keys item 11.7 [OFF-new]): the answer wins when it has one.
 */
export const MAX_LISTEN_KEYS_PER_ACCOUNT = 60;
/** WebSocket connections per listen key [OFF]. */
export const MAX_SOCKETS_PER_LISTEN_KEY = 5;

// ------------------------------------------------------------------------------ REST (docs/mexc/rest.md#signed-endpoints-hmac-sha256, docs/mexc/rest.md#rate-limits, docs/mexc/undocumented.md)

/** recvWindow default and maximum [OFF]. */
export const DEFAULT_RECV_WINDOW_MS = 5_000;
export const MAX_RECV_WINDOW_MS = MINUTE_MS;
/** A signed request may be at most this far ahead of server time (`timestamp < serverTime + 1000`) [OFF]. */
export const MAX_TIMESTAMP_AHEAD_MS = 1_000;
/**
 * Every endpoint has its own budget of 500 weight per 10 s, IP and UID families apart [OFF]. Who a
 * family is (docs/mexc/rest.md#limits-per-ip-or-per-account): an endpoint that carries an API key is
 * counted per account (UID), one without per IP [OFF S2, S3: "the account is used as the basic unit
 * of speed limit for the endpoints that need to carry an API key"]; so two accounts behind one
 * gateway have a budget each for their signed calls, and share one for public ones (protocol's
 * chargedWeight in restWeights.ts).
 */
export const RATE_LIMIT_WEIGHT_PER_WINDOW = 500;
export const RATE_LIMIT_WINDOW_MS = 10_000;
/**
 * Besides weights, MEXC support told a library author: all requests together at most 20 per
 * second, orders at most 12 per second, and ignore the 500-per-10-s figure (docs/mexc/undocumented.md#requests-and-answers item 11.5 [3P]:
 * JKorf/Mexc.Net#42, 2026-01-07). Per what, support did not say. We count it as the weights are
 * counted, per account for signed calls and per IP for public ones [3P, our reading]: Mexc.Net
 * applies 20/s per endpoint in one limiter per client (`MexcExchange.cs`), ccxt 20/s per exchange
 * instance (`rateLimit: 50`, one instance per key), hummingbot one throttler per connector (one per
 * key) with IP and UID pools apart; none shares it across keys. Twenty a second shared by every
 * account of a machine would have no source; a public-call flood from one machine stays at 20/s.
 */
export const MAX_REQUESTS_PER_SECOND = 20;
export const MAX_ORDERS_PER_SECOND = 12;
/** Per-endpoint caps in the docs [OFF] (docs/mexc/rest.md#rate-limits): GET /api/v3/account and POST /api/v3/batchOrders "2 times/s". */
export const ENDPOINT_REQUESTS_PER_SECOND: Readonly<Record<string, number>> = {
  "GET /api/v3/account": 2,
  "POST /api/v3/batchOrders": 2,
  "POST /api/v3/order": MAX_ORDERS_PER_SECOND,
};
/** 418 bans escalate from 2 minutes to 3 days; access recovers after ~10 min under the limit [OFF]. */
export const BAN_MIN_MS = 2 * MINUTE_MS;
export const BAN_MAX_MS = 3 * DAY_MS;
export const BAN_FORGIVE_MS = 10 * MINUTE_MS;
/** Open (not fully filled) orders per account [OFF FAQ]. */
export const MAX_OPEN_ORDERS_PER_ACCOUNT = 500;
/**
 * REST `time` / `updateTime` of trades and orders are whole seconds (…000) while the streams
 * carry milliseconds (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3 [3P×2]: captured answers `"time":1750681724000`, order
 * `updateTime` 1757177392000). A REST time can be up to 999 ms before the same fill's stream time.
 */
export const REST_TIME_RESOLUTION_MS = 1_000;
/** The body of a write must be labelled `Content-Type: application/json`, even when empty (docs/mexc/undocumented.md#requests-and-answers item 11.1 [OFF]+[3P×3]). */
export const REST_CONTENT_TYPE = "application/json";

/** GET /api/v3/depth `limit`: default 100, max 5000 [OFF] (docs/mexc/rest.md#get-apiv3depth-public). */
export const DEPTH_LIMIT_DEFAULT = 100;
export const DEPTH_LIMIT_MAX = 5000;
/** GET /api/v3/allOrders: default 500, max 1000 per call; default window 24 h; at most the last 7 days [OFF] (docs/mexc/rest.md#get-apiv3allorders-signed-weight-10). */
export const ALL_ORDERS_LIMIT_DEFAULT = 500;
export const ALL_ORDERS_LIMIT_MAX = 1000;
export const ALL_ORDERS_DEFAULT_WINDOW_MS = DAY_MS;
export const ALL_ORDERS_MAX_WINDOW_MS = 7 * DAY_MS;
/**
 * GET /api/v3/myTrades: 100 per call (default and max), only about the last month [OFF] (docs/mexc/rest.md#get-apiv3mytrades-signed-weight-10-spot_account_read);
 * some accounts report nothing older than 7 days (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.12 [3P]).
 */
export const MY_TRADES_LIMIT_DEFAULT = 100;
export const MY_TRADES_LIMIT_MAX = 100;
export const MY_TRADES_MAX_AGE_MS = 30 * DAY_MS;
/**
 * GET /api/v3/capital/deposit/hisrec and /capital/withdraw/history [OFF] (mexcdevelop/apidocs
 * spot_v3_en 2025-08-08, notes under both tables, since the 2024-01-01 change-log entry): 1000
 * per call (default and max), "default return the records of the last 7 days", startTime to
 * endTime "does not exceed 7 days", "can query 90 days data at most". The docs do not say what a
 * longer span gets [UNCONFIRMED]; Mexc.Net pages in 7-day slices and stops at 83 days
 * (Mexc.Net/Clients/SpotApi/MexcRestClientSpotApiShared.cs). Before 2024 the window was 90 days,
 * then 30: older code that asks for 90 days in one call is out of date. Asked from further back,
 * MEXC answers `{"msg":"The start time cannot be earlier than 90 days","code":400}` (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.16, ccxt's
 * exception map comment): errorCodes.ts holds it, as kind "history_window".
 */
export const WALLET_HISTORY_LIMIT_MAX = 1000;
export const WALLET_HISTORY_MAX_SPAN_MS = 7 * DAY_MS;
export const WALLET_HISTORY_MAX_AGE_MS = 90 * DAY_MS;
/**
 * GET /api/v3/capital/transfer (spot <-> futures history) [OFF]: `size` default 10, max 100,
 * `page` from 1; the last 7 days when no times are sent; "Only can quary the data for the last six
 * months". No largest span is documented, so we ask in WALLET_HISTORY_MAX_SPAN_MS slices too.
 */
export const TRANSFER_HISTORY_SIZE_MAX = 100;
export const TRANSFER_HISTORY_MAX_AGE_MS = 182 * DAY_MS;
/**
 * GET /api/v3/capital/transfer/internal (transfers to and from other MEXC users) [OFF]
 * (mexcdevelop/apidocs spot_v3_en 2025-08-08, "Query Internal Transfer history"): `page` from 1,
 * `limit` default 10 (no maximum documented: we ask for 100 [UNCONFIRMED]), the last 7 days when
 * no times are sent. No look-back limit is documented: we keep to the wallet's 90 days
 * (WALLET_HISTORY_MAX_AGE_MS) and 7-day slices [UNCONFIRMED].
 */
export const INTERNAL_TRANSFER_LIMIT_DEFAULT = 10;
export const INTERNAL_TRANSFER_LIMIT = 100;
/**
 * GET /api/v3/capital/convert (the dust log: small balances converted to MX) [OFF] (same docs,
 * "DustLog"): `page` from 1, `limit` default 1 (sic), max 1000. No window documented: 90 days in
 * 7-day slices as for the rest of the wallet [UNCONFIRMED].
 */
export const DUST_LOG_LIMIT_DEFAULT = 1;
export const DUST_LOG_LIMIT_MAX = 1000;
/**
 * Sub-accounts per page of GET /api/v3/sub-account/list, at most (MEXC's "Query Sub-account List
 * (For Master Account)": `limit` default 10, max 200). A main account has at most 30 (MEXC's FAQ,
 * docs/mexc/rest.md#rate-limits), so one page holds them all.
 */
export const SUB_ACCOUNT_LIST_LIMIT_MAX = 200;

// ------------------------------------------------------------------------------ API keys (docs/mexc/undocumented.md#api-keys items 11.11, 11.14)

/**
 * MEXC expires an API key not bound to an IP 90 days after it was made (MEXC's API FAQ as quoted
 * by third parties, docs/mexc/undocumented.md#api-keys item 11.11 [3P]); an expired key is answered 700002 like a wrong secret (docs/mexc/undocumented.md#api-keys item 11.14).
 */
export const API_KEY_LIFETIME_MS = 90 * DAY_MS;
/**
 * A key can be renewed from this long before it expires, on MEXC's API management page (My API
 * Key - Action - Renew), and each renewal adds API_KEY_RENEWAL_MS to its validity (MEXC's Spot V3
 * API introduction, https://www.mexc.com/api-docs/spot-v3/introduction, "API Key Setup", which also
 * makes the 90-day rule official; docs/mexc/undocumented.md#api-keys item 11.30 [OFF]). Whether it is 90 days from the old expiry
 * or from the renewal is not said: from the old expiry here [UNCONFIRMED].
 */
export const API_KEY_RENEWAL_WINDOW_MS = 5 * DAY_MS;
export const API_KEY_RENEWAL_MS = 90 * DAY_MS;

/**
 * When a key made at `createdAt`, last renewed at `renewedAt` (if it was), expires when not bound
 * to an IP, ms: 90 days after it was made; a renewal adds API_KEY_RENEWAL_MS to the expiry it came
 * before (the first expiry on or after it) [UNCONFIRMED: from the old expiry, above]. A renewal
 * before the first renewal window is not possible and is not counted.
 */
export function apiKeyExpiresAt(createdAt: number, renewedAt?: number): number {
  const first = createdAt + API_KEY_LIFETIME_MS;
  if (renewedAt === undefined || renewedAt < first - API_KEY_RENEWAL_WINDOW_MS) return first;
  const before = Math.max(0, Math.ceil((renewedAt - first) / API_KEY_RENEWAL_MS));
  return first + (before + 1) * API_KEY_RENEWAL_MS;
}

/** DELETE /api/v3/openOrders: `symbol` lists up to 5 symbols, comma-separated [OFF] (docs/mexc/rest.md#apiv3order). */
export const MAX_CANCEL_ALL_SYMBOLS = 5;

/**
 * The rest of MEXC's JSON answers with a `code` that is success: envelopes such as
 * `{"code":200,"data":…}` and `{"code":0,"data":…,"msg":"success"}` (docs/mexc/rest.md#requests [OFF]), with the code
 * as a number or a numeric string. Any other `code` is an error, whatever the HTTP status (docs/mexc/undocumented.md#requests-and-answers item 11.2).
 */
export const SUCCESS_CODES: ReadonlySet<number | string> = new Set([0, "0", 200, "200"]);

// ------------------------------------------------------------------- announcements (docs/mexc/rest.md#get-apiv3announcements-public)

/**
 * GET /api/v3/announcements: `limit` defaults to 20, at most 100, and must be a multiple of 5 or 10
 * (any other is an error); at most 5 calls per 2 s. MEXC's Spot V3 docs, "Get announcements"
 * (https://www.mexc.com/api-docs/spot-v3/mexc-platform/get-announcements) [OFF].
 */
export const ANNOUNCEMENTS_LIMIT_DEFAULT = 20;
export const ANNOUNCEMENTS_LIMIT_MAX = 100;
export const ANNOUNCEMENTS_LIMIT_STEP = 5;
export const ANNOUNCEMENTS_CALLS_PER_2S = 5;
export const ANNOUNCEMENTS_RATE_WINDOW_MS = 2_000;

/** A documented rate counted over a window other than one second: at most `requests` in any `windowMs`. */
export interface EndpointRequestRate {
  readonly requests: number;
  readonly windowMs: number;
}
/**
 * Endpoints whose documented rate is not "N times/s" (those are ENDPOINT_REQUESTS_PER_SECOND):
 * GET /api/v3/announcements, 5 calls per 2 s [OFF] (above). Counted where the call is charged
 * (a public call: per IP), by the client's budget and the simulator's limiter alike.
 */
export const ENDPOINT_REQUEST_RATES: Readonly<Record<string, EndpointRequestRate>> = {
  "GET /api/v3/announcements": { requests: ANNOUNCEMENTS_CALLS_PER_2S, windowMs: ANNOUNCEMENTS_RATE_WINDOW_MS },
};
