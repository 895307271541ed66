/**
 * startGateway(settings): the whole service in one process, by role.
 *
 *   all        MEXC (or the demo simulator) -> ingest -> store/derive -> hub -> browsers
 *   collector  the same, and every update also to Redis (with --redis, `all` does this too);
 *              it answers web instances' history queries from its store over Redis
 *   web        Redis -> hub -> browsers; no MEXC connection, no database (history: the collector's)
 *
 * Demo mode (no API keys) starts the simulator in-process with its demo trader and points the
 * client at it with the demo account's key. A token set by the user (MEXC_LIVE_TOKEN) is always
 * required, on loopback too; without one, off loopback (anything but 127.0.0.1, ::1, localhost)
 * or behind a trusted reverse proxy a token is generated here that the caller prints once (it is
 * never logged); see security/tokenRule.ts. close() closes the browsers, stops the client (which
 * deletes its listen key) and closes the database.
 */
import { rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { redactUrl } from "@mexc-live/client";
import { type Health, parseTopic, type Topic } from "@mexc-live/contract";
import type { RunningSimulator, SimulatorOptions } from "@mexc-live/simulator";
import type { FastifyBaseLogger } from "fastify";
import { AlertService } from "./alerts/alertService.js";
import { createRedisCollectorBus } from "./bus/redisCollectorBus.js";
import { createRedisLink } from "./bus/redisLink.js";
import { type RedisWebFeed, startRedisWebFeed } from "./bus/redisWebFeed.js";
import { createLocalBus, type TopicBus } from "./bus/topicBus.js";
import { DEMO_HISTORY_DAYS, SNAPSHOT_EQUITY_SPAN_MS } from "./config/defaults.js";
import { describeSettings, redisWarnings, type Settings, urlPassword } from "./config/settings.js";
import { Figures, PriceBook } from "./derive/index.js";
import { TopicHub } from "./fanout/topicHub.js";
import { attachStream, type StreamServer } from "./fanout/wsServer.js";
import { buildApp } from "./http/app.js";
import type { HistoryWrites } from "./http/deps.js";
import { importHistory } from "./imports/importHistory.js";
import { AccountIngest } from "./ingest/accountIngest.js";
import { startCollector, type UpstreamConnection } from "./ingest/collector.js";
import { createCursorSeal, PLAIN_CURSORS } from "./ingest/cursorSeal.js";
import { createFieldMask } from "./ingest/fieldMask.js";
import { loadFigures, rebuildEquityHistory, rebuildFigures } from "./ingest/figuresFromStore.js";
import { createLogger, type GatewayLogger } from "./logging.js";
import { createMetrics, type GatewayMetrics } from "./metrics.js";
import type { GatewayQueries } from "./queries/gatewayQueries.js";
import { startRedisHistoryClient } from "./queries/redisHistoryClient.js";
import { startRedisHistoryServer } from "./queries/redisHistoryServer.js";
import { redisStateQueries } from "./queries/redisQueries.js";
import { storeQueries } from "./queries/storeQueries.js";
import { AccessPolicy } from "./security/accessPolicy.js";
import { generateToken } from "./security/token.js";
import { isLocalHost, tokenRule } from "./security/tokenRule.js";
import { TopicStates } from "./state/topicStates.js";
import { databasePath } from "./store/databaseFile.js";
import { lockDatabase } from "./store/databaseLock.js";
import { DEFAULT_RETENTION, type GatewayStore, openStore } from "./store/index.js";
import { SQLITE_SIDE_FILES } from "./store/privateFiles.js";

export { isLocalHost } from "./security/tokenRule.js";

export interface GatewayOptions {
  /** Default: a pino logger at settings.logLevel to stderr, masking the settings' secrets. */
  readonly logger?: GatewayLogger;
  /** Demo mode: options for the in-process simulator (tests pin a seed or the market's pace). */
  readonly simulator?: Omit<SimulatorOptions, "port" | "host">;
}

export interface RunningGateway {
  /** The dashboard, e.g. http://127.0.0.1:8787/ */
  readonly url: string;
  readonly mode: "demo" | "live";
  readonly role: Settings["role"];
  readonly port: number;
  /** Set when a token was required and none configured: show it to the user once. */
  readonly generatedToken: string | undefined;
  /** Demo mode: the in-process simulator. */
  readonly simulator: RunningSimulator | undefined;
  readonly store: GatewayStore | undefined;
  readonly hub: TopicHub;
  readonly states: TopicStates;
  readonly logger: GatewayLogger;
  health(): Health;
  close(): Promise<void>;
}

export async function startGateway(settings: Settings, options: GatewayOptions = {}): Promise<RunningGateway> {
  const log = options.logger ?? createLogger({ level: settings.logLevel, secrets: secretsOf(settings) });
  const { logger } = log;
  const rule = tokenRule(settings);
  const requireToken = rule.required;
  const generatedToken = requireToken && settings.token === undefined ? generateToken() : undefined;
  const token = settings.token ?? generatedToken;
  log.scrubber.add(token);
  logger.debug({ settings: describeSettings(settings) }, "settings");
  for (const warning of [...settings.warnings, ...redisWarnings(settings)]) {
    logger.warn({ component: "security" }, warning);
  }

  /** Undone in reverse order on close (or when the start fails half-way). */
  const cleanups: Cleanups = [];
  const cleanup = async () => {
    for (const [step, undo] of cleanups.reverse()) {
      try {
        const started = Date.now();
        await undo();
        logger.debug({ step, ms: Date.now() - started }, "shutdown step done");
      } catch (error) {
        logger.warn({ err: error, step }, "shutdown step failed");
      }
    }
    cleanups.length = 0;
  };

  try {
    const metrics = createMetrics();
    const states = new TopicStates();
    const hub = new TopicHub({
      limits: { batchIntervalMs: settings.batchMs },
      metrics,
      onError: (error, topic) => logger.error({ err: error, topic }, "snapshot failed"),
    });
    hub.setSnapshotProvider((topic) => states.snapshot(topic));
    const local = createLocalBus(hub, states);

    const context: RoleContext = { settings, hub, local, states, log, metrics, cleanups };
    const role =
      settings.role === "web" ? await startWebRole(context) : await startCollectorRole(context, options.simulator);
    const { queries, writes, alerts, health, mode, store, simulator } = role;

    // One policy for HTTP and /stream: wrong tokens at login, on the API and at the upgrade count together.
    const security = { requireToken, token, trustProxy: settings.trustProxy, publicOrigin: settings.publicOrigin };
    const policy = new AccessPolicy(security, {
      onBlocked: (client, retryAfterS) =>
        logger.warn({ component: "security", client, retryAfterS }, "too many wrong tokens; refusing client"),
    });
    const app = buildApp({
      queries,
      ...(writes ? { writes } : {}),
      ...(alerts ? { alerts } : {}),
      hub,
      health: () => health(),
      metrics,
      settings: security,
      policy,
      logger: logger.child({ component: "http" }) as unknown as FastifyBaseLogger,
    });
    const stream: StreamServer = attachStream(app.server, {
      hub,
      settings: security,
      policy,
      health: () => health(),
      metrics,
    });
    cleanups.push(["http", () => app.close()]);
    cleanups.push(["browsers", () => stream.close()]);
    await app.listen({ port: settings.port, host: settings.host });
    const { port } = app.server.address() as AddressInfo;
    const url = `http://${settings.host.includes(":") ? `[${settings.host}]` : settings.host}:${port}/`;
    logger.info(
      { url, mode, role: settings.role, tokenRequired: requireToken, tokenRule: rule.reason },
      "gateway listening",
    );
    if (rule.reason === "token set" && isLocalHost(settings.host)) {
      logger.info(
        { component: "security" },
        "a token is set (MEXC_LIVE_TOKEN or config token): browsers need it on loopback too",
      );
    }
    if (settings.trustProxy.length > 0) {
      logger.info(
        { component: "security", trustProxy: settings.trustProxy },
        "trusting X-Forwarded-For from these proxies for the client address",
      );
    }

    let closing: Promise<void> | undefined;
    return {
      url,
      mode,
      role: settings.role,
      port,
      generatedToken,
      simulator,
      store,
      hub,
      states,
      logger: log,
      health: () => health(),
      close() {
        closing ??= (async () => {
          logger.info("shutting down");
          await cleanup();
          logger.info("stopped");
        })();
        return closing;
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

type Cleanups = [step: string, undo: () => Promise<void> | void][];

interface RoleContext {
  readonly settings: Settings;
  readonly hub: TopicHub;
  readonly local: TopicBus;
  readonly states: TopicStates;
  readonly log: GatewayLogger;
  readonly metrics: GatewayMetrics;
  readonly cleanups: Cleanups;
}

/** What each role gives the HTTP side. */
interface RoleParts {
  readonly queries: GatewayQueries;
  readonly writes?: HistoryWrites;
  readonly alerts?: AlertService;
  readonly health: () => Health;
  readonly mode: "demo" | "live";
  readonly store?: GatewayStore;
  readonly simulator?: RunningSimulator;
}

/** Role `web`: browsers served from Redis; no MEXC connection, no database; history asked of the collector. */
async function startWebRole({ settings, hub, local, states, log, metrics, cleanups }: RoleContext): Promise<RoleParts> {
  const link = createRedisLink(settings, { logger: log.logger, registry: metrics.registry });
  const history = await startRedisHistoryClient({ link, logger: log.logger });
  cleanups.push(["redis history", () => history.close()]);
  const feed: RedisWebFeed = await startRedisWebFeed({
    link,
    local,
    states,
    logger: log.logger,
    resnapshot: (topic) => resnapshot(hub, topic),
  });
  cleanups.push(["redis feed", () => feed.close()]);
  const health = () => (states.snapshot("health")?.data as Health | null | undefined) ?? waitingHealth(settings);
  // The mode is the collector's (demo or live), as its health says once it arrived.
  const queries = redisStateQueries({
    states,
    history,
    figures: () => feed.figures(),
    quote: settings.quote,
    logger: log.logger,
  });
  return { queries, health, mode: health().mode };
}

/** Roles `all` and `collector`: MEXC (or the demo simulator) -> ingest -> store -> bus. */
async function startCollectorRole(
  { settings, hub, local, states, log, metrics, cleanups }: RoleContext,
  simulatorOptions: GatewayOptions["simulator"],
): Promise<RoleParts> {
  const { logger } = log;
  let simulator: RunningSimulator | undefined;
  let connection: UpstreamConnection;
  // Before anything else: one gateway per database file.
  const path = databasePath({ dataDir: settings.dataDir, credentials: settings.credentials });
  const lock = lockDatabase(path);
  cleanups.push(["database lock", () => lock.release()]);
  if (settings.credentials === undefined) {
    // Loaded only in demo mode: a live gateway never loads the simulator.
    const { startSimulator } = await import("@mexc-live/simulator");
    const demo = await startSimulator({
      speed: settings.demoSpeed,
      demoTrader: true,
      historyDays: DEMO_HISTORY_DAYS,
      ...simulatorOptions,
      port: 0,
    });
    simulator = demo;
    cleanups.push(["simulator", () => demo.close()]);
    log.scrubber.add(demo.apiKey);
    log.scrubber.add(demo.secretKey);
    connection = { apiKey: demo.apiKey, apiSecret: demo.secretKey, restUrl: demo.rest, wsUrl: demo.ws };
    logger.warn(
      { mode: "demo", speed: settings.demoSpeed },
      "DEMO MODE: simulated exchange in-process, no API keys set",
    );
  } else {
    connection = { ...settings.credentials, restUrl: settings.restUrl, wsUrl: settings.wsUrl };
    logger.info({ mode: "live", rest: redactUrl(settings.restUrl) }, "LIVE MODE: connecting to MEXC");
  }
  const mode = simulator ? "demo" : "live";

  const book = new PriceBook({ quote: settings.quote });
  // The demo database is wiped at each start: only once this gateway holds it (databaseLock.ts).
  if (simulator) for (const suffix of SQLITE_SIDE_FILES) rmSync(`${path}${suffix}`, { force: true });
  const store = openStore({
    path,
    retention: retentionOf(settings.retentionDays),
    apiTradingDisabled: (symbol) => book.apiTradingDisabled(symbol),
    assetsOf: marketAssets(book),
  });
  cleanups.push(["database", () => store.close()]);
  const figures = new Figures(book, settings.costBasis);
  const started = performance.now();
  const loaded = loadFigures(figures, store, book);
  logger.info(
    { from: loaded, fills: figures.fills, ms: Math.round(performance.now() - started) },
    loaded === "checkpoint" ? "figures loaded from their checkpoint" : "figures rebuilt from every fill",
  );
  const mask = createFieldMask(settings.maskFields);
  // Masked ids must not leak through page cursors either.
  const cursors = settings.maskFields.length > 0 ? createCursorSeal() : PLAIN_CURSORS;
  const queries = storeQueries(store, figures, book, mask, cursors);

  let bus: TopicBus = local;
  const alerts = new AlertService({
    tables: store.alerts,
    configRules: settings.alerts,
    publish: (update) => bus.publish(update),
    quote: settings.quote,
    endpoints: settings.channelEndpoints,
    logger,
    addSecret: (secret) => log.scrubber.add(secret),
  });
  alerts.engine.seedEquity(
    store.equity({ from: Date.now() - SNAPSHOT_EQUITY_SPAN_MS }).filter((point) => point.estimated !== true),
  );
  const ingest = new AccountIngest({
    store,
    book,
    figures,
    publish: (update) => bus.publish(update),
    mask,
    logger,
    metrics,
    alerts: alerts.engine,
  });
  // A market topic of a symbol MEXC does not list is refused at subscribe time (once the list is known).
  hub.setTopicFilter((topic) => {
    const parsed = parseTopic(topic);
    if (parsed?.kind !== "market" || !book.hasMarkets || book.marketOf(parsed.symbol) !== undefined) return undefined;
    return "not a symbol MEXC lists";
  });
  // The store's contents are each topic's first snapshot (and, with Redis, the first keys written).
  ingest.seed(states);
  if (settings.redisUrl !== undefined) {
    const link = createRedisLink(settings, { logger, registry: metrics.registry });
    const redisBus = await createRedisCollectorBus({
      link,
      local,
      states,
      logger,
      figures: () => ({ fees: figures.fees(), pnl: figures.pnl(), volume: figures.volume() }),
    });
    bus = redisBus;
    cleanups.push(["redis bus", () => redisBus.close()]);
    const history = await startRedisHistoryServer({ link, queries, logger });
    cleanups.push(["redis history", () => history.close()]);
  }
  const collector = await startCollector({
    mode,
    quote: settings.quote,
    connection,
    symbols: settings.symbols,
    equityIntervalMs: settings.equityIntervalMs,
    timeScale: simulator ? simulator.clock.speed : 1,
    recordFrames: settings.recordFrames,
    // Recorded frames are deleted after DEFAULT_RETENTION's week even when nothing else is.
    retention: settings.retentionDays > 0 || settings.recordFrames,
    store,
    book,
    figures,
    ingest,
    reloadTopics: (topics) => {
      ingest.seed(states);
      for (const topic of topics) resnapshot(hub, topic);
    },
    bus,
    logger,
    metrics,
    alerts: alerts.engine,
    ...(settings.apiKeyCreatedAt === undefined ? {} : { apiKeyCreatedAt: settings.apiKeyCreatedAt }),
  });
  cleanups.push(["upstream", () => collector.close()]);
  alerts.start();
  cleanups.push(["alerts", () => alerts.close()]);
  const writes: HistoryWrites = {
    setOpeningCost(asset, costPrice) {
      store.setOpeningCost(asset, costPrice);
      rebuildFigures(figures, store, book);
      logger.info({ asset, costPrice }, "opening cost set");
    },
    importFile(text) {
      const result = importHistory(store, text, { marketOf: marketAssets(book) });
      if (result.added > 0) {
        rebuildFigures(figures, store, book);
        rebuildEquityHistory(store, book);
        ingest.seed(states);
        for (const topic of ["fills", "orders", "equity"] as const) resnapshot(hub, topic);
      }
      logger.info(result, "history imported");
      return result;
    },
  };
  return {
    queries,
    writes,
    alerts,
    health: () => collector.health(),
    mode,
    store,
    simulator,
  };
}

/**
 * Sends a fresh snapshot of `topic` to every browser watching it (its state was reloaded), by
 * subscribing them again: they see `unsubscribed`, `subscribed`, then the snapshot.
 */
function resnapshot(hub: TopicHub, topic: Topic): void {
  for (const session of hub.sessions()) {
    if (!session.subscribedTopics().includes(topic)) continue;
    session.unsubscribe([topic]);
    session.subscribe([topic]);
  }
}

/** A listed symbol's base and quote asset. */
function marketAssets(book: PriceBook) {
  return (symbol: string) => {
    const market = book.marketOf(symbol);
    return market && { base: market.baseAsset, quote: market.quoteAsset };
  };
}

/** What the log scrubber masks wherever it appears, URLs' passwords included. */
function secretsOf(settings: Settings): (string | undefined)[] {
  const inUrls = [settings.redisUrl, settings.restUrl, settings.wsUrl].map((url) =>
    url === undefined ? undefined : urlPassword(url),
  );
  return [
    settings.credentials?.apiKey,
    settings.credentials?.apiSecret,
    settings.token,
    settings.redisPassword,
    settings.busSecret,
    ...inUrls,
  ];
}

function retentionOf(days: number) {
  if (days === 0) return DEFAULT_RETENTION;
  return {
    fillsDays: days,
    ordersDays: days,
    balanceChangesDays: days,
    equityDays: days,
    rawFramesDays: Math.min(days, DEFAULT_RETENTION.rawFramesDays ?? days),
  };
}

/** A web instance before the collector's first health message. */
function waitingHealth(settings: Settings): Health {
  return {
    mode: settings.mode,
    quote: settings.quote,
    upstream: {
      state: "connecting",
      lastEventAgeMs: null,
      listenKeyAgeMs: null,
      reconnects: 0,
      gaps: 0,
      reconciliations: 0,
      clockSkewMs: null,
    },
  };
}
