/**
 * The service's defaults, limits and timers (G3: config, ingest, bus, service), in one place,
 * each with where it comes from. The fan-out's own limits live at the top of the fan-out files.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, REST_KLINE_INTERVALS, type RestKlineInterval } from "@mexc-live/protocol";

// ------------------------------------------------------------------------------ settings

export const DEFAULT_PORT = 8787;
/** Loopback only unless the user says otherwise (issue 5 item 7). */
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_DATA_DIR = "./data";
export const DEFAULT_LOG_LEVEL = "info";
/** Equity snapshot every N seconds, whether or not a browser is open (issue 5 item 4). */
export const DEFAULT_EQUITY_INTERVAL_S = 60;
/** 0 keeps history forever. */
export const DEFAULT_RETENTION_DAYS = 0;
/** Demo mode: the in-process simulator runs in real time. */
export const DEFAULT_DEMO_SPEED = 1;
/** Demo mode: the demo account starts with a month of past trading, so a first look is a realistic month. */
export const DEMO_HISTORY_DAYS = 30;
/** Demo mode shows two accounts: a main account and a sub-account, each with its own trader. */
export const DEMO_ACCOUNTS = 2;

/**
 * The European Central Bank's history of euro reference rates since 1999, zipped CSV (one
 * member, eurofxref-hist.csv): the "Time series, CSV (.zip)" download of
 * https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html,
 * updated around 16:00 CET on every TARGET working day. docs/exchange-rates.md has the file's shape.
 */
export const ECB_RATES_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip";

// ------------------------------------------------------------------------------ history

/**
 * The first start's backfill asks myTrades in windows of this length, newest first, so its
 * progress counts in days and a restart loses at most one window's calls (our choice: 30 days are
 * 10 windows a symbol; a busy window is split further by the page walk).
 */
export const BACKFILL_FILLS_WINDOW_MS = 3 * DAY_MS;
/**
 * Pause between two backfill windows: the backfill takes at most a few requests a second, so a
 * reconciliation after a gap never waits behind it (our choice; MEXC allows 20/s per endpoint).
 */
export const BACKFILL_PACING_MS = 250;
/**
 * The same pause in demo mode, whose upstream is its own in-process simulator: no MEXC budget is
 * spent there. The demo's month of history came in 44 s at BACKFILL_PACING_MS, 25 s at this pace
 * (2026-11-27, 2 cores; MEXC's REST weights hold the rest, BENCHMARKS.md "History backfill").
 * One account's backfill sends at most ~12 calls a second so, under the
 * simulator's 20 a second per account (protocol's MAX_REQUESTS_PER_SECOND) with room for the
 * reconciliation and wallet reads beside it. Our choice.
 */
export const DEMO_BACKFILL_PACING_MS = 80;
/**
 * Accounts whose first backfill runs at once; the others queue in the configured order
 * (ingest/backfillTurns.ts). Our choice. A backfill's calls are signed, so each account spends
 * its own budget (protocol's chargedWeight): what they share is the machine's CPU, not MEXC's 20
 * a second (issue 41; it was 3 while every account shared one budget). One backfill sends at most
 * about 4 calls a second (BACKFILL_PACING_MS), so 20 at once is about 80 a second at the gateway;
 * all at once would still make every account wait for the last (BENCHMARKS.md).
 */
export const BACKFILL_CONCURRENT_ACCOUNTS = 20;
/** A window that failed is tried again after this long times the pass number, for at most this many passes. */
export const BACKFILL_RETRY_MS = 30_000;
export const BACKFILL_MAX_PASSES = 4;
/** Kept inside MEXC's look-back limits so the oldest window is never refused. */
export const BACKFILL_LOOKBACK_MARGIN_MS = HOUR_MS;
/** After the backfill stored older fills, PnL, fees and volume are rebuilt at most this often. */
export const FIGURES_REBUILD_DELAY_MS = 2_000;
/** A balance push of one of these types means the wallet history has news: sync it this long after. */
export const WALLET_SYNC_DELAY_MS = 3_000;
/** The wallet history is read again from this long before the newest transfer stored (late statuses). */
export const WALLET_SYNC_OVERLAP_MS = DAY_MS;

// ------------------------------------------------------------------------------ ingest

/** Items kept in each topic's snapshot (what a browser gets on subscribe; older ones via HTTP). */
export const SNAPSHOT_FILLS = 200;
export const SNAPSHOT_CLOSED_ORDERS = 100;
export const SNAPSHOT_EQUITY_POINTS = 720;
/** The equity snapshot loaded from the store at start covers this span, downsampled to the points above. */
export const SNAPSHOT_EQUITY_SPAN_MS = DAY_MS;
/** After a fill, the equity snapshot waits this long for the fill's balance pushes. */
export const EQUITY_AFTER_FILL_MS = 250;

/**
 * An equity point missing a held asset's price (a start: the first tickers not in yet) is measured
 * again this soon, at most PRICES_AWAITED_TRIES times in a row: its balances carry no value, the
 * dashboard names them unpriced, until the next point (a minute later otherwise).
 */
export const PRICES_AWAITED_MS = 2_000;
export const PRICES_AWAITED_TRIES = 10;
export const SNAPSHOT_TRADES = 100;
export const SNAPSHOT_KLINES = 200;
/** Alerts sent to open dashboards, kept for a browser that subscribes later. */
export const SNAPSHOT_ALERTS = 50;
/** Levels of the depth topic per side (issue 5: order book top 20). */
export const DEPTH_TOP_LEVELS = 20;
/** The depth topic is published at most this often per symbol (the book changes every push). */
export const DEPTH_PUBLISH_INTERVAL_MS = 100;
/** The kline topic's interval, as GET /api/v3/klines names it (its candles before the stream's first). */
export const KLINE_TOPIC_REST_INTERVAL: RestKlineInterval = "1m";
/** The same interval as the MEXC WebSocket names it ("Min1"). */
export const KLINE_TOPIC_INTERVAL = REST_KLINE_INTERVALS[KLINE_TOPIC_REST_INTERVAL];
/** Health is recomputed and published this often. */
export const HEALTH_INTERVAL_MS = 1_000;
/**
 * Health says the figures are updating (Health.figures) once they have been for this long: a
 * live fill's recompute (milliseconds) would otherwise flash the words on screen now and then.
 */
export const FIGURES_UPDATING_AFTER_MS = 2_000;
/** No event from the user stream for this long while "live" -> reported "stale". */
export const UPSTREAM_STALE_AFTER_MS = 90_000;
/** Market topics open upstream at once (each holds one MEXC socket; browsers choose them). */
export const MAX_OPEN_MARKET_TOPICS = 40;
/** A market topic nobody watches is closed after this grace (a page reload resubscribes). */
export const MARKET_IDLE_CLOSE_MS = 5_000;
/** Demo mode at high speed: the client pings the simulator at most this often. */
export const MIN_SCALED_PING_MS = 100;
/** Time zone of the price subscription for equity (miniTickers: every symbol in one channel). */
export const PRICE_TIMEZONE = "UTC+0";
/** At start, the user stream waits this long at most for the first prices (to value reconciled fills). */
export const FIRST_PRICES_WAIT_MS = 5_000;
/**
 * The API keys' permissions (ingest/keyPermissionCheck.ts) are read at start and then this often
 * (our choice): a main account's sub-account list and its sub-accounts' keys, weight 1 each.
 */
export const KEY_CHECK_INTERVAL_MS = HOUR_MS;
/** exchangeInfo (API-disabled pairs) is re-read this often. */
export const EXCHANGE_INFO_REREAD_MS = HOUR_MS;
/**
 * The prices of the pairs MEXC shows signed requests only (its "Assessment Zone": not in the
 * public price stream, docs/mexc/undocumented.md#fills-and-keys item 11.29) are read by signed REST this often: one
 * all-pairs read (weight 2), about a fifth of the stream's 3 s pace, so 0.13 weight a second.
 */
export const SIGNED_ONLY_PRICES_EVERY_MS = 15_000;
/**
 * A signed-only pair missing from the all-pairs answer is read on its own (weight 1 each): at
 * most this many a round, so a long list costs 20 weight per 15 s at most; the rest are named
 * in the log and stay unpriced until the all-pairs answer carries them.
 */
export const SIGNED_ONLY_PRICES_PER_ROUND_MAX = 20;
/**
 * MEXC's announcements (GET /api/v3/announcements, public: one read for every account of the
 * gateway, ingest/maintenanceNotices.ts) are read this often, for its maintenance notices: a
 * notice comes days ahead, so 10 minutes loses nothing, and 6 calls an hour are nothing against
 * its 5 calls per 2 s (docs/mexc/rest.md#get-apiv3announcements-public).
 */
export const ANNOUNCEMENTS_POLL_MS = 10 * MINUTE_MS;
/** Each read asks for one page of this many, the newest (MEXC's largest page, ANNOUNCEMENTS_LIMIT_MAX). */
export const ANNOUNCEMENTS_POLL_LIMIT = 100;
/** Maintenance notices kept between reads (a notice leaves MEXC's first page long before its day); the oldest go first. */
export const MAINTENANCE_NOTICES_KEPT = 20;
/** A notice's title is kept to this many characters (MEXC's are one line). */
export const MAINTENANCE_TITLE_MAX_CHARS = 300;
/** A window that starts further than this after its notice was posted is not read as one (a misread date). */
export const MAINTENANCE_WINDOW_AFTER_POST_MAX_MS = 60 * DAY_MS;
/** A window longer than this is not read as one (its end is taken as not given). */
export const MAINTENANCE_WINDOW_MAX_MS = 3 * DAY_MS;
/** A window with a start and no end is shown as ongoing this long after its start (MEXC's spot upgrade of 2024-12-14 took 1 h 30, maintenanceTitle.ts). */
export const MAINTENANCE_OPEN_END_SHOWN_MS = 4 * HOUR_MS;
/** A maintenance notice whose title gives no time with its zone is shown this long after it was posted. */
export const MAINTENANCE_UNDATED_SHOWN_MS = 2 * DAY_MS;
/** Retention sweep interval (when retention-days > 0). */
export const RETENTION_SWEEP_MS = HOUR_MS;

// ------------------------------------------------------------------------------ bus (Redis)

export const REDIS_UPDATES_CHANNEL = "mexc-live:updates";
export const REDIS_DEMAND_CHANNEL = "mexc-live:demand";
export const REDIS_SNAPSHOT_PREFIX = "mexc-live:snapshot:";
export const REDIS_FIGURES_KEY = "mexc-live:figures";
/** Hash: account name -> which collector's account it is (redis/redisAccounts.ts). */
export const REDIS_ACCOUNTS_KEY = "mexc-live:accounts";
export const REDIS_ACCOUNTS_REFRESH_MS = 10_000;
/** An account not announced for this long is gone (its collector stopped). */
export const REDIS_ACCOUNTS_STALE_MS = 35_000;
/** An account's figures key: the default account's is REDIS_FIGURES_KEY, another's has its name after it. */
export function redisFiguresKey(account: string | undefined): string {
  return account === undefined ? REDIS_FIGURES_KEY : `${REDIS_FIGURES_KEY}:${account}`;
}
/** Hash topic -> "EPOCH:SEQ" of each snapshot key, so web instances can tell cheaply whether they are behind. */
export const REDIS_SEQS_KEY = "mexc-live:seqs";
/** A web instance compares its sequence numbers with REDIS_SEQS_KEY this often (updates lost without a later one). */
export const REDIS_VERIFY_MS = 3_000;
/** Snapshot keys are rewritten at most this often per topic (deltas are published at once). */
export const REDIS_SNAPSHOT_WRITE_MS = 250;
/** Snapshot keys expire unless rewritten (a collector that died leaves no stale state forever). */
export const REDIS_SNAPSHOT_TTL_S = 24 * 60 * 60;
/** A web instance re-announces the market topics its browsers watch this often... */
export const REDIS_DEMAND_REFRESH_MS = 5_000;
/** ...and the collector drops a web instance's demand not refreshed for this long. */
export const REDIS_DEMAND_EXPIRY_MS = 15_000;
/**
 * A connection to Redis at start must be ready (connected, AUTH and the ready check answered)
 * within this long: a server that accepts connections and never answers stopped start-up with no
 * word at all.
 */
export const REDIS_CONNECT_TIMEOUT_MS = 5_000;
/**
 * A Redis command must be answered within this long (ioredis `commandTimeout`: it rejects with
 * "Command timed out"), and a connection that wrote and heard nothing for this long is cut and
 * reconnected (`socketTimeout`), the cause logged with the host: a Redis that accepts and stays
 * silent held a command, and the bus with it, forever (issue 54). The gateway's commands are
 * small (PUBLISH, HSET, GET of a snapshot); 5 s is far past any answer of a healthy Redis. Ours.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 5_000;
/** A Redis connection that does not confirm QUIT within this long at shutdown is dropped. */
export const REDIS_QUIT_MS = 1_000;

// ------------------------------------------------------------------------------ alerts

// The delivery timings and the log's size live with the alerts (packages/alerts/src/defaults.ts).
/** The API key's expiry is checked this often (when its creation date is set). */
export const KEY_EXPIRY_CHECK_MS = HOUR_MS;

// ------------------------------------------------------------------------------ shutdown

/**
 * Graceful shutdown gives up after this long and exits anyway (exit 1): 7 s, so that with the
 * supervisor's last second (cli/supervisor.ts HARD_STOP_MS, 8 s) it ends inside Docker's 10 s.
 */
export const SHUTDOWN_TIMEOUT_MS = 7_000;
/**
 * One step of a shutdown (a part of the gateway closing) is waited for this long; past it the
 * shutdown goes on without it (the process is about to end anyway). Every step aborts what it has
 * in flight, so none should come near it; it keeps a step that hangs from holding the others.
 */
export const SHUTDOWN_STEP_MS = 2_500;
/**
 * The MEXC client gets this long to close: its user stream deletes its listen key. Past it the
 * REST calls still waiting (behind a 429's pause, say) are abandoned; the listen key then expires
 * by itself within MEXC's 60 minutes.
 */
export const CLIENT_CLOSE_GRACE_MS = 1_500;
