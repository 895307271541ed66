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
 * or behind a trusted reverse proxy the token is the one in `access-token` of the data folder,
 * made there (0600) on the first such start (store/accessTokenFile.ts); the log names the file,
 * never the token; see security/tokenRule.ts. close() closes the browsers, stops the client
 * (which deletes its listen key) and closes the database.
 */
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { AlertService } from "@mexc-live/alerts";
import { PING_INTERVAL_MS, ROTATE_AFTER_MS } from "@mexc-live/client";
import { RestClient, RestEndpoints, redactUrl, ServerClock, WeightBudget } from "@mexc-live/client/internals";
import { accountTopic, type EquityPoint, type ExchangeRatesHealth, type Health, parseTopic } from "@mexc-live/contract";
import type { RunningSimulator, SimulatorOptions } from "@mexc-live/simulator";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { DEFAULT_ACCOUNT } from "./config/accounts.js";
import {
  DEMO_ACCOUNTS,
  DEMO_HISTORY_DAYS,
  MIN_SCALED_PING_MS,
  REDIS_ACCOUNTS_REFRESH_MS,
  SHUTDOWN_STEP_MS,
} from "./config/defaults.js";
import { describeSettings, redisWarnings, type Settings, urlPassword } from "./config/settings.js";
import { resnapshot } from "./fanout/accountFanout.js";
import { AllAccountsFanout } from "./fanout/allAccountsFanout.js";
import { createLocalBus, type TopicBus } from "./fanout/topicBus.js";
import { TopicHub } from "./fanout/topicHub.js";
import { attachStream, type StreamServer } from "./fanout/wsServer.js";
import { PriceBook } from "./figures/index.js";
import type { HistoryWrites } from "./http/accountDirectory.js";
import { AccountDirectory, type AccountEntry } from "./http/accountDirectory.js";
import { buildApp } from "./http/app.js";
import { checkPortFree } from "./http/portCheck.js";
import type { GatewayQueries } from "./http/queries/gatewayQueries.js";
import { BackfillTurns } from "./ingest/backfillTurns.js";
import { startEcbRatesFetcher } from "./ingest/ecbRatesFetcher.js";
import { DEMO_MAIN_KEY, KeyPermissionCheck } from "./ingest/keyPermissionCheck.js";
import { openMarketData } from "./ingest/marketData.js";
import { startSharedMarket } from "./ingest/sharedMarket.js";
import { createLogger, type GatewayLogger, type Logger } from "./logging.js";
import { createMetrics, type GatewayMetrics } from "./metrics.js";
import { announceAccounts, readAnnouncedAccounts } from "./redis/redisAccounts.js";
import { createRedisCollectorBus } from "./redis/redisCollectorBus.js";
import { startRedisHistoryClient } from "./redis/redisHistoryClient.js";
import { startRedisHistoryServer } from "./redis/redisHistoryServer.js";
import { closeRedis, connect, connectAll, createRedisLink } from "./redis/redisLink.js";
import { redisStateQueries } from "./redis/redisQueries.js";
import { type RedisWebFeed, startRedisWebFeed } from "./redis/redisWebFeed.js";
import { AccessPolicy } from "./security/accessPolicy.js";
import { accessText, isLocalHost, tokenRule } from "./security/tokenRule.js";
import { type AccountContext, type AccountPlan, type AccountRuntime, startAccount } from "./startAccount.js";
import { TopicStates } from "./state/topicStates.js";
import { type AccessTokenFile, loadOrCreateAccessToken } from "./store/accessTokenFile.js";
import { DEMO_MARKET_DATABASE_FILE, MARKET_DATABASE_FILE } from "./store/candles.js";
import { accountDatabasePath, demoDatabaseFile } from "./store/databaseFile.js";
import { type ExchangeRateStore, openExchangeRates } from "./store/exchangeRates.js";
import { HeldLocks } from "./store/heldLocks.js";
import type { GatewayStore } from "./store/index.js";

export { isLocalHost } from "./security/tokenRule.js";

export interface GatewayOptions {
  /** Default: a pino logger at settings.logLevel to stderr, masking the settings' secrets. */
  readonly logger?: GatewayLogger;
  /** Where the default logger writes its lines (default: stderr, JSON); `mexc-live start` passes human lines on a terminal. */
  readonly logDestination?: DestinationStream;
  /** Demo mode: options for the in-process simulator (tests pin a seed or the market's pace). */
  readonly simulator?: Omit<SimulatorOptions, "port" | "host">;
  /**
   * How long each account's user stream waits between tries while MEXC refuses the key or is under
   * maintenance, ms (default: the client's, 30-60 s while refused). Tests shorten it.
   */
  readonly slowRetryMs?: number;
  /** Between reads of MEXC's announcements (maintenance notices), ms; default 10 min (ANNOUNCEMENTS_POLL_MS). Tests shorten it. */
  readonly announcementsEveryMs?: number;
  /** The history backfill's pause between windows, ms (default: BACKFILL_PACING_MS, the demo's DEMO_BACKFILL_PACING_MS). Tests shorten it. */
  readonly backfillPacingMs?: number;
}

export interface RunningGateway {
  /** The dashboard, e.g. http://127.0.0.1:8787/ */
  readonly url: string;
  readonly mode: "demo" | "live";
  readonly role: Settings["role"];
  readonly port: number;
  /** Set when a token is required and none configured: the file that holds it (never print the token). */
  readonly tokenFile: string | undefined;
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
  const log =
    options.logger ??
    createLogger({
      level: settings.logLevel,
      secrets: secretsOf(settings),
      ...(options.logDestination ? { destination: options.logDestination } : {}),
    });
  const { logger } = log;
  // A busy port is found before anything starts or any file is written (http/portCheck.ts).
  await checkPortFree(settings.host, settings.port);
  const rule = tokenRule(settings);
  const requireToken = rule.required;
  const tokenFile =
    requireToken && settings.token === undefined ? loadOrCreateAccessToken(settings.dataDir) : undefined;
  const token = settings.token ?? tokenFile?.token;
  log.scrubber.add(token);
  logger.debug({ settings: describeSettings(settings) }, "settings");
  for (const warning of [...settings.warnings, ...redisWarnings(settings)]) {
    logger.warn({ component: "security" }, warning);
  }

  /**
   * Undone in reverse order on close (or when the start fails half-way). Each step aborts what it
   * has in flight; one that still takes longer than SHUTDOWN_STEP_MS is left behind (logged), so
   * a stop is bounded by design, whatever hangs.
   */
  const cleanups: Cleanups = [];
  const cleanup = () => undoAll(cleanups, logger);

  try {
    const metrics = createMetrics();
    const states = new TopicStates();
    const hub = new TopicHub({
      limits: { batchIntervalMs: settings.batchMs },
      metrics,
      onError: (error, topic) => logger.error({ err: error, topic }, "snapshot failed"),
    });
    const allAccounts = new AllAccountsFanout(states, hub);
    hub.setSnapshotProvider((topic) => allAccounts.snapshot(topic) ?? states.snapshot(topic));
    const local = createLocalBus(hub, states, allAccounts);

    const context: RoleContext = { settings, hub, local, states, log, metrics, cleanups };
    const role = settings.role === "web" ? await startWebRole(context) : await startCollectorRole(context, options);
    const { accounts, mode, store, simulator } = role;
    // Who may reach it, in words (GET /api/health): known once the port is.
    let access: string | undefined;
    const health = (): Health => (access === undefined ? role.health() : { ...role.health(), access });
    // The topics of all accounts together name each account as GET /api/accounts does.
    if (accounts) allAccounts.nameAccounts((topicAccount) => nameOfTopicAccount(accounts, topicAccount));

    // One policy for HTTP and /stream: wrong tokens at login, on the API and at the upgrade count together.
    const security = { requireToken, token, trustProxy: settings.trustProxy, publicOrigin: settings.publicOrigin };
    const app = serveHttp({ ...role, health }, { hub, metrics, security, logger, cleanups });
    await listenQuietly(app, settings);
    const { port } = app.server.address() as AddressInfo;
    access = accessText(settings.host, port, rule);
    const url = `http://${settings.host.includes(":") ? `[${settings.host}]` : settings.host}:${port}/`;
    logger.info(
      { url, mode, role: settings.role, tokenRequired: requireToken, tokenRule: rule.reason },
      "gateway listening",
    );
    logSecurityNotes(settings, rule.reason, logger);
    if (tokenFile !== undefined) logTokenFile(access, tokenFile, logger);

    let closing: Promise<void> | undefined;
    return {
      url,
      mode,
      role: settings.role,
      port,
      tokenFile: tokenFile?.path,
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

/**
 * Undoes the steps in reverse order (on close, or when the start fails half-way). Each step aborts
 * what it has in flight; one that still takes longer than SHUTDOWN_STEP_MS is left behind (logged),
 * so a stop is bounded by design, whatever hangs.
 */
async function undoAll(cleanups: Cleanups, logger: Logger): Promise<void> {
  for (const [step, undo] of cleanups.reverse()) {
    const started = Date.now();
    const done = Promise.resolve()
      .then(undo)
      .then(
        () => logger.debug({ step, ms: Date.now() - started }, "shutdown step done"),
        (error: unknown) => logger.warn({ err: error, step }, "shutdown step failed"),
      );
    const deadline = new AbortController();
    const late = sleep(SHUTDOWN_STEP_MS, "late" as const, { ref: false, signal: deadline.signal }).catch(
      () => undefined,
    );
    if ((await Promise.race([done, late])) === "late") {
      logger.warn({ step, ms: SHUTDOWN_STEP_MS }, "shutdown step still running; going on without it");
    }
    deadline.abort();
  }
  cleanups.length = 0;
}

/** The fastify app (API, dashboard) and the browsers' /stream on its server, one access policy for both. */
function serveHttp(
  role: RoleParts,
  deps: {
    readonly hub: TopicHub;
    readonly metrics: GatewayMetrics;
    readonly security: Parameters<typeof buildApp>[0]["settings"];
    readonly logger: Logger;
    readonly cleanups: Cleanups;
  },
) {
  const { queries, writes, alerts, accounts, health } = role;
  const { hub, metrics, security, logger, cleanups } = deps;
  const policy = new AccessPolicy(security, {
    onBlocked: (client, retryAfterS) =>
      logger.warn({ component: "security", client, retryAfterS }, "too many wrong tokens; refusing client"),
  });
  const app = buildApp({
    queries,
    ...(writes ? { writes } : {}),
    ...(alerts ? { alerts } : {}),
    ...(accounts ? { accounts } : {}),
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
  return app;
}

/** What the token rule and the trusted proxies mean for this start, told once. */
function logSecurityNotes(settings: Settings, tokenReason: string, logger: Logger): void {
  if (tokenReason === "token set" && isLocalHost(settings.host)) {
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
}

/** Where the token is (never the token itself): the one place a user is told how to find it. */
function logTokenFile(access: string, file: AccessTokenFile, logger: Logger): void {
  logger.info(
    { component: "security", tokenFile: file.path, tokenFileCreated: file.created },
    `${access}: the token is in ${file.path}${file.created ? " (made now, kept for later starts)" : ""}; ` +
      "the dashboard asks for it once per browser (MEXC_LIVE_TOKEN or MEXC_LIVE_TOKEN_FILE sets your own)",
  );
}

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
  /** Every account of a collector; absent on a web instance. */
  readonly accounts?: AccountDirectory;
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
  // The accounts the collectors announce (several collectors, each its own accounts), re-read
  // every REDIS_ACCOUNTS_REFRESH_MS; each answered from Redis: its topics' state, its collector.
  const reader = connect(link, log.logger, "redis accounts reader");
  await connectAll(link, [reader]);
  cleanups.push(["redis accounts", () => closeRedis(reader)]);
  const entries = new Map<string, AccountEntry>();
  const refresh = async () => {
    const announced = await readAnnouncedAccounts(reader, link);
    const names = new Set(announced.map((account) => account.name));
    for (const name of [...entries.keys()]) if (!names.has(name)) entries.delete(name);
    for (const account of announced) {
      const topicAccount = account.topicAccount ?? undefined;
      const known = entries.get(account.name);
      if (known !== undefined && known.topicAccount === topicAccount) continue;
      entries.set(account.name, webAccount(account.name, account.mode, topicAccount));
    }
  };
  const webAccount = (name: string, mode: "demo" | "live", topicAccount: string | undefined): AccountEntry => ({
    name,
    mode,
    topicAccount,
    queries: redisStateQueries({
      states,
      history,
      figures: () => feed.figures(topicAccount),
      quote: settings.quote,
      logger: log.logger.child({ account: name }),
      ...(topicAccount === undefined ? {} : { account: topicAccount }),
    }),
    writes: undefined,
    alerts: undefined,
    health: () =>
      (states.snapshot(accountTopic("health", topicAccount))?.data as Health | null | undefined) ??
      waitingHealth(settings),
    equity: () => {
      const points = states.snapshot(accountTopic("equity", topicAccount))?.data as EquityPoint[] | null | undefined;
      return points?.at(-1) ?? null;
    },
  });
  await refresh().catch((error: Error) =>
    log.logger.warn({ err: error.message }, "reading the accounts on redis failed"),
  );
  const timer = setInterval(() => {
    refresh().catch((error: Error) => log.logger.warn({ err: error.message }, "reading the accounts on redis failed"));
  }, REDIS_ACCOUNTS_REFRESH_MS);
  timer.unref();
  cleanups.push(["redis accounts refresh", () => clearInterval(timer)]);
  const accounts = new AccountDirectory(() => [...entries.values()], webAccount("default", health().mode, undefined));
  return { queries, accounts, health, mode: health().mode };
}

/** Roles `all` and `collector`: MEXC (or the demo simulator) -> ingest -> store -> bus, per account. */
async function startCollectorRole(
  { settings, hub, local, states, log, metrics, cleanups }: RoleContext,
  { simulator: simulatorOptions, slowRetryMs, announcementsEveryMs, backfillPacingMs }: GatewayOptions,
): Promise<RoleParts> {
  const { logger } = log;
  // The data folder's locks before anything starts or any file is opened, removed or rewritten:
  // a second gateway on a running one's folder is refused here, having touched nothing of it
  // (issue 54 item 4). demo.db's lock holds the whole demo set (the accounts' files and
  // demo-market.db, wiped at each start); the demo's other accounts are named by its simulator.
  const locks = new HeldLocks();
  cleanups.push(["database locks", () => locks.releaseAll()]);
  const demo = settings.accounts.length === 0;
  locks.take(demo ? [join(settings.dataDir, demoDatabaseFile(undefined))] : livePaths(settings));
  const { plans, simulator } = demo
    ? await demoPlans(settings, log, simulatorOptions, cleanups)
    : livePlans(settings, logger);
  locks.take(plans.map((plan) => plan.databasePath));
  const mode = simulator ? "demo" : "live";

  // One price book (markets and prices are the same for every account) and one REST budget.
  const book = new PriceBook({ quote: settings.quote });
  const restBudget = new WeightBudget();
  cleanups.push(["rest budget", () => restBudget.close()]);
  // MEXC's clock against this machine's: one fact per MEXC (REST address), measured once for
  // every account there (issue 31).
  const serverClocks = new Map<string, ServerClock>();
  const serverClock = (restUrl: string): ServerClock => {
    let clock = serverClocks.get(restUrl);
    if (clock === undefined) {
      clock = new ServerClock();
      serverClocks.set(restUrl, clock);
    }
    return clock;
  };
  hub.setTopicFilter(topicFilter(plans, book));

  let bus: TopicBus = local;
  const runtimes: AccountRuntime[] = [];
  if (settings.redisUrl !== undefined) {
    const redisBus = await createRedisCollectorBus({
      link: createRedisLink(settings, { logger, registry: metrics.registry }),
      local,
      states,
      logger,
      figures: (account) => {
        const figures = runtimes.find((runtime) => runtime.topicAccount === account)?.figures();
        return figures && { fees: figures.fees(), pnl: figures.pnl(), volume: figures.volume() };
      },
    });
    bus = redisBus;
    cleanups.push(["redis bus", () => redisBus.close()]);
  }
  // The ECB's euro reference rates, shared by every account: the tax report's currencies (issue 56).
  const rates = openExchangeRates(settings.dataDir, mode);
  cleanups.push(["exchange rates", () => rates.close()]);
  const ratesFetch = fetchRatesDaily(settings, mode, rates, logger);
  if (ratesFetch !== undefined) cleanups.push(["exchange rates' fetch", () => ratesFetch.stop()]);
  const ratesHealth = (): ExchangeRatesHealth => ({
    newestDay: rates.newestDay(),
    fetch: ratesFetch?.health() ?? null,
  });
  // MEXC's candles, shared by every account: the prices of past moments (issue 27).
  const market = openSharedMarketData(
    { settings, first: plans[0] as AccountPlan, mode, locks },
    restBudget,
    logger,
    book,
    serverClock,
  );
  cleanups.push(["market data", () => market.close()]);
  // ...and of its present: one exchangeInfo, one price stream and the market topics for all (issue 31).
  const shared = await startSharedMarket({
    client: market.client,
    signedReads: market.signedReads,
    book,
    bus: () => bus,
    metrics,
    logger: logger.child({ component: "market" }),
    // With several collectors on Redis, the default account's serves the market topics.
    serveTopics: plans.some((plan) => plan.topicAccount === undefined),
    ...(announcementsEveryMs === undefined ? {} : { announcementsEveryMs }),
  });
  cleanups.push(["shared market", () => shared.close()]);
  // What the API keys may do (read at start and hourly, once the accounts run).
  let keyCheck: KeyPermissionCheck | undefined;
  const context: AccountContext = {
    settings,
    hub,
    states,
    bus: () => bus,
    log,
    metrics,
    book,
    restBudget,
    serverClock,
    cleanups,
    ...market.shared,
    rates,
    ratesHealth,
    market: shared,
    backfillTurns: new BackfillTurns(),
    keyPermissions: (account) => keyCheck?.of(account),
    locks,
    ...(slowRetryMs === undefined ? {} : { slowRetryMs }),
    ...(backfillPacingMs === undefined ? {} : { backfillPacingMs }),
  };
  // Started together: each waits a moment for its first prices, and 20 in a row kept the
  // dashboard away for a minute (bench/accounts). The shared REST budget paces their calls.
  runtimes.push(...(await Promise.all(plans.map((plan) => startAccount(context, plan)))));
  keyCheck = startKeyCheck(plans, restBudget, serverClock, logger, mode);
  cleanups.push(["key permissions", () => keyCheck?.close()]);
  if (settings.redisUrl !== undefined) await serveAccountsOnRedis(settings, runtimes, logger, metrics, cleanups);
  const directory = new AccountDirectory(() => runtimes);
  const main = directory.pick(undefined) as AccountRuntime;
  return {
    queries: main.queries,
    writes: main.writes,
    alerts: main.alerts,
    accounts: directory,
    health: () => main.health(),
    mode,
    store: main.store,
    simulator,
  };
}

/**
 * Reads what the accounts' keys may do (ingest/keyPermissionCheck.ts), each with its own key, on
 * clients of their own: a sub-account's key refused a main account's read is expected, so these
 * raise no alert and mark no account refused.
 */
function startKeyCheck(
  plans: readonly AccountPlan[],
  budget: WeightBudget,
  serverClock: (restUrl: string) => ServerClock,
  logger: Logger,
  mode: "demo" | "live",
): KeyPermissionCheck {
  const keyLogger = logger.child({ component: "keys" });
  const check = new KeyPermissionCheck({
    accounts: plans.map(({ name, connection }) => ({
      name,
      apiKey: connection.apiKey,
      endpoints: new RestEndpoints(
        new RestClient({
          baseUrl: connection.restUrl,
          apiKey: connection.apiKey,
          apiSecret: connection.apiSecret,
          budget,
          serverClock: serverClock(connection.restUrl),
          logger: keyLogger,
        }),
      ),
    })),
    logger: keyLogger,
    now: Date.now,
    // The demo's main key is the simulator's: nothing for the user to check on MEXC's pages.
    ...(mode === "demo" ? { mainKeyNote: DEMO_MAIN_KEY } : {}),
  });
  check.start();
  return check;
}

/** Demo mode: the simulator in-process, and one plan for each of its accounts. */
async function demoPlans(
  settings: Settings,
  log: GatewayLogger,
  simulatorOptions: GatewayOptions["simulator"],
  cleanups: Cleanups,
): Promise<{ plans: AccountPlan[]; simulator: RunningSimulator }> {
  // Loaded only in demo mode: a live gateway never loads the simulator.
  const { startSimulator } = await import("@mexc-live/simulator");
  const demo = await startSimulator({
    speed: settings.demoSpeed,
    demoTrader: true,
    historyDays: DEMO_HISTORY_DAYS,
    accounts: DEMO_ACCOUNTS,
    // Its traders keep the pace of the accounts' history (simulator tradingPace.ts) unless asked otherwise.
    ...(settings.demoFillsPerDay === undefined ? {} : { market: { demoFillsPerDay: settings.demoFillsPerDay } }),
    // Demo mode is for trying the product: its simulator's admin routes (deposit, withdraw, key
    // revocation...) are on, behind their JSON/Host/Origin guard (simulator rest/adminGuard.ts).
    admin: true,
    ...simulatorOptions,
    port: 0,
  });
  cleanups.push(["simulator", () => demo.close()]);
  // The simulator's demo account is our main account; its sub-accounts keep their names.
  const plans = demo.accounts.map((account, index) => {
    log.scrubber.add(account.apiKey);
    log.scrubber.add(account.secretKey);
    return {
      name: index === 0 ? DEFAULT_ACCOUNT : account.name,
      topicAccount: index === 0 ? undefined : account.name,
      mode: "demo" as const,
      connection: { apiKey: account.apiKey, apiSecret: account.secretKey, restUrl: demo.rest, wsUrl: demo.ws },
      databasePath: join(settings.dataDir, demoDatabaseFile(index === 0 ? undefined : account.name)),
      apiKeyCreatedAt: undefined,
      timeScale: demo.clock.speed,
      order: index,
    };
  });
  log.logger.warn(
    { mode: "demo", speed: settings.demoSpeed },
    "DEMO MODE: simulated exchange in-process, no API keys set",
  );
  return { plans, simulator: demo };
}

/** Live mode: the configured accounts' database files. */
function livePaths(settings: Settings): string[] {
  return settings.accounts.map((account) => accountDatabasePath(settings.dataDir, account));
}

/** Live mode: one plan per configured account, in the configured order. */
function livePlans(settings: Settings, logger: Logger): { plans: AccountPlan[]; simulator: undefined } {
  // The deployment's first configured account has the plain topic names, on every instance.
  const plans = settings.accounts.map((account, index) => ({
    name: account.name,
    topicAccount: account.name === settings.configuredAccounts[0] ? undefined : account.name,
    mode: "live" as const,
    connection: {
      apiKey: account.apiKey,
      apiSecret: account.apiSecret,
      restUrl: settings.restUrl,
      wsUrl: settings.wsUrl,
    },
    databasePath: accountDatabasePath(settings.dataDir, account),
    apiKeyCreatedAt: account.apiKeyCreatedAt,
    apiKeyRenewedAt: account.apiKeyRenewedAt,
    timeScale: 1,
    order: index,
  }));
  logger.info(
    { mode: "live", rest: redactUrl(settings.restUrl), accounts: plans.map((plan) => plan.name) },
    "LIVE MODE: connecting to MEXC",
  );
  return { plans, simulator: undefined };
}

/**
 * Why a browser may not subscribe to a topic (undefined: it may): an account topic of an account
 * this gateway does not run, or a market topic of a symbol MEXC does not list (once the list is known).
 */
function topicFilter(plans: readonly AccountPlan[], book: PriceBook) {
  return (topic: string): string | undefined => {
    const parsed = parseTopic(topic);
    if (parsed?.kind === "account" && parsed.account !== undefined) {
      return plans.some((plan) => plan.topicAccount === parsed.account) ? undefined : "no such account";
    }
    if (parsed?.kind !== "market" || !book.hasMarkets || book.marketOf(parsed.symbol) !== undefined) return undefined;
    return "not a symbol MEXC lists";
  };
}

/** The daily fetch of the ECB's rates: live mode, when the user turned it on; never in demo mode. */
function fetchRatesDaily(settings: Settings, mode: "demo" | "live", rates: ExchangeRateStore, logger: Logger) {
  if (!settings.fetchEcbRates) return undefined;
  if (mode === "demo") {
    logger.warn("fetchEcbRates is for live mode: demo mode never fetches the ECB's rates (import the file instead)");
    return undefined;
  }
  return startEcbRatesFetcher({ url: settings.ecbRatesUrl, rates, logger: logger.child({ component: "rates" }) });
}

/** The candles' store and their client, on the first account's MEXC (demo: timers on the simulator's clock). */
function openSharedMarketData(
  { settings, first, mode, locks }: { settings: Settings; first: AccountPlan; mode: "demo" | "live"; locks: HeldLocks },
  restBudget: WeightBudget,
  logger: Logger,
  book: PriceBook,
  serverClock: (restUrl: string) => ServerClock,
) {
  const scale = first.timeScale;
  const { apiKey, apiSecret } = first.connection;
  // The first account's key reads what MEXC shows signed requests only (its Assessment Zone pairs).
  const key = apiKey && apiSecret ? { apiKey, apiSecret } : undefined;
  const data = openMarketData({
    path: join(settings.dataDir, mode === "demo" ? DEMO_MARKET_DATABASE_FILE : MARKET_DATABASE_FILE),
    ...(mode === "demo" ? { wipeUnder: locks.of(first.databasePath) } : {}),
    restUrl: first.connection.restUrl,
    wsUrl: first.connection.wsUrl,
    ...(scale === 1
      ? {}
      : {
          connection: {
            pingIntervalMs: Math.max(MIN_SCALED_PING_MS, PING_INTERVAL_MS / scale),
            rotateAfterMs: ROTATE_AFTER_MS / scale,
          },
        }),
    budget: restBudget,
    logger: logger.child({ component: "candles" }),
    ...(key === undefined ? {} : { key }),
    serverClock: serverClock(first.connection.restUrl),
    signedOnly: (symbol) => book.marketOf(symbol)?.signedOnly === true,
  });
  return { ...data, signedReads: key !== undefined };
}

/** Web instances ask each account's history on its own channel, and learn the accounts here. */
async function serveAccountsOnRedis(
  settings: Settings,
  runtimes: readonly AccountRuntime[],
  logger: Logger,
  metrics: GatewayMetrics,
  cleanups: Cleanups,
): Promise<void> {
  const link = createRedisLink(settings, { logger, registry: metrics.registry });
  for (const runtime of runtimes) {
    const history = await startRedisHistoryServer({
      link,
      queries: runtime.queries,
      logger: logger.child({ account: runtime.name }),
      ...(runtime.topicAccount === undefined ? {} : { account: runtime.topicAccount }),
    });
    cleanups.push([`redis history (${runtime.name})`, () => history.close()]);
  }
  const announced = await announceAccounts(
    link,
    runtimes.map((runtime) => ({
      name: runtime.name,
      mode: runtime.mode,
      topicAccount: runtime.topicAccount ?? null,
    })),
    logger,
  );
  cleanups.push(["redis accounts", () => announced.close()]);
}

/** What the log scrubber masks wherever it appears, URLs' passwords included. */
function secretsOf(settings: Settings): (string | undefined)[] {
  const inUrls = [settings.redisUrl, settings.restUrl, settings.wsUrl].map((url) =>
    url === undefined ? undefined : urlPassword(url),
  );
  return [
    ...settings.accounts.flatMap((account) => [account.apiKey, account.apiSecret]),
    settings.token,
    settings.redisPassword,
    settings.busSecret,
    ...inUrls,
  ];
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

/**
 * Fastify logs its own "Server listening at ..." at info as it binds; the "gateway listening"
 * line below says the same with the mode and the token rule, so Fastify's logger is held at warn
 * for the bind only (a terminal showed both; issue 30 item 7). Its logger is the http child's own
 * child, so the rest of the gateway's lines are not touched meanwhile.
 */
async function listenQuietly(app: FastifyInstance, settings: { port: number; host: string }): Promise<void> {
  const level = app.log.level;
  app.log.level = "warn";
  try {
    await app.listen({ port: settings.port, host: settings.host });
  } finally {
    app.log.level = level;
  }
}

/** The name of the account whose topics carry `topicAccount` (undefined: the default's plain topics). */
function nameOfTopicAccount(accounts: AccountDirectory, topicAccount: string | undefined): string | undefined {
  const entries = accounts.all();
  if (topicAccount !== undefined) return entries.find((entry) => entry.topicAccount === topicAccount)?.name;
  return (entries.find((entry) => entry.topicAccount === undefined) ?? entries[0])?.name;
}
