/**
 * The part of the gateway that talks to MEXC (or the demo simulator) for one account: one client,
 * and through it
 *
 *   - the user stream, resumed from the store's last fill per symbol and open orders, so a
 *     restart reconciles only what it missed; each event goes to the account pipeline (and,
 *     with --record-frames, each frame as received to raw_frames);
 *   - timers: equity every N seconds, health every HEALTH_INTERVAL_MS, retention hourly.
 *
 * What is the same for every account (exchangeInfo, the miniTickers prices, market topics) comes
 * from the gateway's shared market (sharedMarket.ts): an account opens no market connection.
 */

import { setTimeout as sleep } from "node:timers/promises";
import type { AlertEngine } from "@mexc-live/alerts";
import {
  createMexcClient,
  DEFAULT_SLOW_RETRY,
  type MexcClient,
  PING_INTERVAL_MS,
  ROTATE_AFTER_MS,
  type ServerClock,
  type SlowRetry,
  type UserStream,
  type UserStreamNotice,
  type WeightBudget,
} from "@mexc-live/client";
import { noteRefusals, UnknownValues } from "@mexc-live/client/internals";
import type { AccountTopic, ExchangeRatesHealth, Health, KeyPermissionsHealth } from "@mexc-live/contract";
import { LISTEN_KEY_KEEPALIVE_MS, LISTEN_KEY_TTL_MS } from "@mexc-live/protocol/limits";
import {
  CLIENT_CLOSE_GRACE_MS,
  FIGURES_REBUILD_DELAY_MS,
  HEALTH_INTERVAL_MS,
  KEY_EXPIRY_CHECK_MS,
  MIN_SCALED_PING_MS,
  RETENTION_SWEEP_MS,
} from "../config/defaults.js";
import type { PriceBook } from "../figures/index.js";
import type { Logger } from "../logging.js";
import type { GatewayMetrics } from "../metrics.js";
import type { GatewayStore } from "../store/index.js";
import type { AccountIngest } from "./accountIngest.js";
import { Backfill, type BackfillDeps } from "./backfill.js";
import { FiguresHealth } from "./figuresHealth.js";
import { frameRecorder } from "./frameRecorder.js";
import { HealthTracker } from "./healthTracker.js";
import type { Emit, FiguresTold } from "./outlets.js";
import type { SharedMarket } from "./sharedMarket.js";
import { WalletSync } from "./walletSync.js";

export interface UpstreamConnection {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly restUrl: string;
  readonly wsUrl: string;
}

export interface CollectorDeps {
  readonly mode: "demo" | "live";
  readonly quote: string;
  readonly connection: UpstreamConnection;
  /** Extra symbols to reconcile besides those discovered from balances. */
  readonly symbols: readonly string[];
  readonly equityIntervalMs: number;
  /**
   * Demo mode: the simulator's time runs this many times faster; the client's ping, rotation and
   * listen-key keepalive are scaled to match. 1 against MEXC.
   */
  readonly timeScale?: number;
  /** Store every frame of the user stream as received (raw_frames), for replay. */
  readonly recordFrames?: boolean;
  /** Run the store's retention every RETENTION_SWEEP_MS. */
  readonly retention: boolean;
  readonly store: GatewayStore;
  readonly book: PriceBook;
  /** exchangeInfo, prices and market topics, shared by every account of the gateway. */
  readonly market: SharedMarket;
  /** The gateway's queue of backfills (a few at a time) and this account's place in it. */
  readonly backfillTurns?: BackfillDeps["turns"];
  /** The account's figures and their one keeper: told what the store took in (figures/keeper.ts). */
  readonly keeper: FiguresTold;
  readonly ingest: AccountIngest;
  /** The store has older history than the topics show (the backfill stored some): reload these topics. */
  readonly reloadTopics: (topics: readonly AccountTopic[]) => void;
  /** Where the account's health goes out (its fanout). */
  readonly emit: Emit;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** Raises alerts from the stream's state, wallet movements and MEXC's refusals. */
  readonly alerts?: AlertEngine;
  /** When the API key was made (ms): its expiry is warned about. */
  readonly apiKeyCreatedAt?: number;
  /** When the trader last renewed it on MEXC (ms): the warnings follow its new date. */
  readonly apiKeyRenewedAt?: number;
  /** The REST budget shared by every account's client (MEXC's IP limits are per machine). */
  readonly restBudget?: WeightBudget;
  /** The server-time offset shared by every account's client on the same MEXC (measured once). */
  readonly serverClock?: ServerClock;
  /** The account's stream is live and reconciled for the first time. */
  readonly onLive?: () => void;
  /** What a read told of the account's key's permissions (ingest/keyPermissionCheck.ts): in health. */
  readonly keyPermissions?: () => KeyPermissionsHealth | undefined;
  /** The ECB's rates the gateway holds and their daily fetch, the same for every account: in health. */
  readonly exchangeRates?: () => ExchangeRatesHealth;
  /**
   * How slowly signed calls are retried while MEXC refuses the key or is under maintenance
   * (default: the client's, 30-60 s refused; tests shorten it). Demo mode divides it by timeScale.
   */
  readonly slowRetry?: Partial<SlowRetry>;
  /** The history backfill's pause between windows, ms (default BACKFILL_PACING_MS; the demo's is shorter). */
  readonly backfillPacingMs?: number;
}

export interface Collector {
  readonly client: MexcClient;
  readonly userStream: UserStream;
  health(): Health;
  /** Closes market topics and streams; the client deletes its listen key. */
  close(): Promise<void>;
}

export async function startCollector(deps: CollectorDeps): Promise<Collector> {
  const { store, book, ingest, emit, logger, metrics, alerts } = deps;
  const scale = deps.timeScale ?? 1;
  const tracker = new HealthTracker(deps.mode, deps.quote, undefined, deps.apiKeyCreatedAt, deps.apiKeyRenewedAt);
  const client = collectorClient(deps, tracker, scale);
  const periodic = periodicTasks(logger);

  // The market's events count as this account's upstream activity (health's last event).
  const stopMarketEvents = deps.market.onEvent((event) => tracker.noteEvent(event.localTimestamp));
  // Fills reconciled at start are valued at fill time: give the first prices a moment to arrive.
  await deps.market.firstPrices;

  // MEXC's times are whole ms; the measured offset is not.
  const serverNow = () => Math.round(Date.now() + (client.rest.stats().serverTimeOffsetMs ?? 0));
  const keeper = deps.keeper;
  const rebuild = delayedRebuild(deps);
  // The gateway's own REST readers of this account count and say a refused row once between them.
  const refusedRows = noteRefusals(new UnknownValues({ logger: logger.child({ component: "history" }) }));
  const backfill = new Backfill({
    client,
    refusedRows,
    store,
    book,
    quote: deps.quote,
    symbols: deps.symbols,
    logger: logger.child({ component: "history" }),
    now: serverNow,
    live: () => tracker.live,
    onStored: () => rebuild.soon(["fills", "orders"]),
    onProgress: () => publishHealth(),
    ...(deps.backfillPacingMs === undefined ? {} : { pacingMs: deps.backfillPacingMs }),
    ...(deps.backfillTurns === undefined ? {} : { turns: deps.backfillTurns }),
  });
  const walletSync = new WalletSync({
    client,
    refusedRows,
    store,
    logger: logger.child({ component: "wallet" }),
    now: serverNow,
    onStored: () => {
      rebuild.soon([]);
      publishHealth();
    },
    ...(alerts === undefined ? {} : { onTransfer: (transfer) => alerts.transfer(transfer) }),
  });

  const userStream = client.userStream({
    maxQueued: 0, // read through listeners below: no queue for a loop nobody runs
    symbols: deps.symbols,
    pairs: deps.market.pairs,
    resume: resumeFrom(store),
    ...(scale === 1 ? {} : { keepaliveMs: LISTEN_KEY_KEEPALIVE_MS / scale, listenKeyTtlMs: LISTEN_KEY_TTL_MS / scale }),
    slowRetry: scaledSlowRetry(deps.slowRetry, scale),
    ...(deps.recordFrames ? { onRawFrame: frameRecorder(store, logger) } : {}),
  });
  let firstReconcile = true;
  userStream.on("event", (event) => {
    tracker.noteEvent(event.localTimestamp);
    ingest.onEvent(event);
    keeper.stored();
    if (event.type === "balance" && event.source === "stream") walletSync.onBalanceChange(event.changeType);
  });
  userStream.on("state", (notice) => {
    tracker.notice(notice);
    logStreamState(notice, logger, metrics);
    if (notice.state === "reconciled") {
      if (firstReconcile) {
        firstReconcile = false;
        goLive(deps, walletSync, backfill);
      } else {
        alerts?.reconciled(notice.at, notice.fills, notice.reason);
        void walletSync.sync(`gap (${notice.reason})`);
      }
    }
    publishHealth();
  });

  const figuresHealth = new FiguresHealth();
  const health = (): Health => {
    const now = Date.now();
    const upstream = tracker.health(now, {
      stats: userStream.stats(),
      clockSkewMs: client.rest.stats().serverTimeOffsetMs,
      maintenance: deps.market.maintenance(),
    });
    const history = backfill.progress();
    const key = deps.keyPermissions?.();
    return {
      ...upstream,
      ...(history === undefined ? {} : { history }),
      figures: { ...figuresHealth.read(now, keeper.updating(now)), unplaced: keeper.unplaced() },
      ...(key === undefined ? {} : { key }),
      market: deps.market.marketNotes(),
      ...(deps.exchangeRates === undefined ? {} : { rates: deps.exchangeRates() }),
    };
  };
  const publishHealth = (): Health => {
    const reading = health();
    emit({ topic: "health", data: reading, exchangeTime: 0, receiveTime: Date.now() });
    return reading;
  };
  startPeriodicTasks(deps, periodic.every, userStream, publishHealth, () => client.rest.stats().lastSignedOkAt);
  publishHealth();

  return {
    client,
    userStream,
    health,
    /**
     * Stops without waiting on anything in flight: the backfill and the wallet sync are told to
     * stop, the market streams close, the client closes (its user stream deletes its listen key,
     * within CLIENT_CLOSE_GRACE_MS) and with it every REST call still waiting or in flight (a
     * backfill window, a wallet sync, their retries and back-off) is abandoned; only then is what
     * they had stored saved into the figures' checkpoint. A stop used to wait for the backfill's
     * current call, with its 10 s timeout and retries, before it even began to close the client.
     */
    async close() {
      periodic.stop();
      rebuild.cancel();
      const background = Promise.all([backfill.close(), walletSync.close()]);
      keeper.close();
      stopMarketEvents();
      await closeClient(client, logger);
      await background;
      ingest.close();
    },
  };
}

/** The account's MEXC client: its refusals go to health and alerts; demo mode scales its timers. */
function collectorClient(deps: CollectorDeps, tracker: HealthTracker, scale: number): MexcClient {
  const { logger, alerts } = deps;
  return createMexcClient({
    ...deps.connection,
    logger: logger.child({ component: "client" }),
    ...(deps.restBudget === undefined ? {} : { budget: deps.restBudget }),
    ...(deps.serverClock === undefined ? {} : { serverClock: deps.serverClock }),
    onApiError: (error, endpoint) => {
      tracker.refusedBy(error, Date.now());
      alerts?.apiError(Date.now(), error, endpoint);
    },
    ...(scale === 1
      ? {}
      : {
          connection: {
            pingIntervalMs: Math.max(MIN_SCALED_PING_MS, PING_INTERVAL_MS / scale),
            rotateAfterMs: ROTATE_AFTER_MS / scale,
          },
        }),
  });
}

/** Unref'd intervals whose task failing is logged, not thrown; all cleared by stop(). */
function periodicTasks(logger: Logger) {
  const timers: NodeJS.Timeout[] = [];
  return {
    every(ms: number, fn: () => void) {
      const timer = setInterval(() => {
        try {
          fn();
        } catch (error) {
          logger.error({ err: error }, "periodic task failed");
        }
      }, ms);
      timer.unref();
      timers.push(timer);
    },
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}

/**
 * Stored history (a backfill window, a wallet sync) brings the figures up to date
 * FIGURES_REBUILD_DELAY_MS later, once for everything stored meanwhile, then reloads the topics.
 */
function delayedRebuild(deps: CollectorDeps) {
  let rebuildTimer: NodeJS.Timeout | undefined;
  return {
    soon(topics: readonly AccountTopic[]) {
      deps.keeper.stored();
      if (rebuildTimer !== undefined) return;
      rebuildTimer = setTimeout(() => {
        rebuildTimer = undefined;
        void deps.keeper.request().then(() => deps.reloadTopics(topics));
      }, FIGURES_REBUILD_DELAY_MS);
      rebuildTimer.unref();
    },
    cancel() {
      clearTimeout(rebuildTimer);
    },
  };
}

/** One line of log (and a metric) for each state the user stream reports. */
function logStreamState(notice: UserStreamNotice, logger: Logger, metrics: GatewayMetrics): void {
  switch (notice.state) {
    case "live":
      logger.info("user stream live");
      break;
    case "reconnecting":
      metrics.reconnects.inc();
      // Which host and why (the client's ConnectFailure, issue 54): "reconnecting" alone left a
      // stalled MEXC looking like any other blip.
      logger.warn(
        { host: notice.host, code: notice.code, attempt: notice.attempt, nextTryAt: notice.nextTryAt },
        `user stream reconnecting: ${notice.message ?? "no reason given"}`,
      );
      break;
    case "gap":
      metrics.gaps.inc();
      logger.warn({ reason: notice.reason, downMs: notice.liveAt - notice.downSince }, "user stream gap; reconciling");
      break;
    case "reconciled":
      metrics.reconciliations.inc();
      logger.info(
        {
          reason: notice.reason,
          fills: notice.fills,
          orders: notice.orders,
          balances: notice.balances,
          ms: notice.durationMs,
        },
        "reconciled with REST",
      );
      break;
    case "error":
      logger.warn({ detail: notice.message }, "user stream error");
      break;
    case "refused":
    case "maintenance":
      logger.warn(
        { code: notice.error.code, kind: notice.error.kind, retryInMs: notice.retryInMs },
        notice.state === "refused"
          ? `MEXC refuses the API key: ${notice.error.mexcMessage}`
          : `MEXC is under maintenance: ${notice.error.mexcMessage}`,
      );
      break;
    default:
      break;
  }
}

/**
 * The first reconciliation is done: balances are known, the figures start, and the history comes
 * in (a first start's backfill, which reads the wallet history itself; later starts sync it).
 */
function goLive(deps: CollectorDeps, walletSync: WalletSync, backfill: Backfill): void {
  deps.ingest.markBalancesKnown();
  deps.ingest.snapshotEquity();
  // A first start's backfill reads the wallet history itself; later starts sync it.
  if (deps.store.backfill().plan !== undefined) void walletSync.sync("start");
  // Before the figures start: their first answers know the history is still to be read.
  backfill.start();
  // Opening positions need the markets (loaded by now) and today's balances.
  deps.keeper.start();
  deps.onLive?.();
}

/**
 * The collector's timers: equity every equityIntervalMs, the figures' checkpoint, health (and the
 * malformed frames' count) every HEALTH_INTERVAL_MS, the key's expiry, the retention sweep.
 */
function startPeriodicTasks(
  deps: CollectorDeps,
  every: (ms: number, fn: () => void) => void,
  userStream: UserStream,
  publishHealth: () => Health,
  keyAcceptedAt: () => number | undefined,
): void {
  const { store, ingest, logger, metrics, alerts } = deps;
  let malformedSeen = 0;
  every(deps.equityIntervalMs, () => ingest.snapshotEquity());
  every(HEALTH_INTERVAL_MS, () => {
    const malformed = userStream.stats().malformedFrames;
    if (malformed > malformedSeen) metrics.decodeErrors.inc(malformed - malformedSeen);
    malformedSeen = malformed;
    const reading = publishHealth();
    alerts?.upstream(reading.upstream.state, Date.now());
  });
  const createdAt = deps.apiKeyCreatedAt;
  if (alerts !== undefined && createdAt !== undefined) {
    // Renewed: as the trader says (apiKeyRenewed), or as MEXC still accepting it past its date says.
    const checkKey = () => alerts.keyExpiry(Date.now(), createdAt, keyAcceptedAt(), deps.apiKeyRenewedAt);
    every(KEY_EXPIRY_CHECK_MS, checkKey);
    checkKey();
  }
  if (deps.retention) {
    let sweeping = false;
    const sweep = () => {
      // A sweep still deleting (a turn between chunks) when the next is due: that one is skipped.
      if (sweeping) return;
      sweeping = true;
      store
        .applyRetention()
        .then((deleted) => logger.info({ deleted }, "retention applied"))
        .catch((error: unknown) => logger.warn({ err: error }, "retention stopped"))
        .finally(() => {
          sweeping = false;
        });
    };
    every(RETENTION_SWEEP_MS, sweep);
    sweep();
  }
}

/** Where the client resumes from this store: the last fill per symbol, the fills of its second, the open orders. */
function resumeFrom(store: GatewayStore) {
  const lastFills = store.lastFillPerSymbol();
  return { lastFills, knownTradeIds: store.recentTradeIds(lastFills), openOrders: store.openOrders() };
}

/**
 * Closes the client: its user stream deletes its listen key. Past CLIENT_CLOSE_GRACE_MS (a REST
 * budget paused by a 429, MEXC not answering) the REST calls still waiting are abandoned and the
 * listen key is left to expire within MEXC's 60 minutes.
 */
async function closeClient(client: MexcClient, logger: Logger): Promise<void> {
  const closing = client.close();
  const deadline = new AbortController();
  const late = sleep(CLIENT_CLOSE_GRACE_MS, "late" as const, { ref: false, signal: deadline.signal }).catch(
    () => undefined,
  );
  if ((await Promise.race([closing, late])) === "late") {
    logger.warn({ ms: CLIENT_CLOSE_GRACE_MS }, "the MEXC client did not close in time; its calls are abandoned");
    client.rest.close();
    await closing;
  }
  deadline.abort();
}

/** The slow retry on the simulator's clock in demo mode (the given one, or the client's defaults). */
function scaledSlowRetry(given: Partial<SlowRetry> | undefined, scale: number): Partial<SlowRetry> | undefined {
  if (scale === 1) return given;
  const retry = { ...DEFAULT_SLOW_RETRY, ...given };
  const scaled = (policy: SlowRetry["refused"]) => ({
    initialMs: policy.initialMs / scale,
    maxMs: policy.maxMs / scale,
  });
  return { refused: scaled(retry.refused), maintenance: scaled(retry.maintenance) };
}
