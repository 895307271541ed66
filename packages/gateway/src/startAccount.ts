/**
 * One account, standing alone: its own database (one file per API key), price book, derived
 * figures, ingest pipeline, alerts and MEXC client (listen keys, user stream, reconciliation), and
 * its own health. Accounts share the process (the topic hub, the topic states, the bus, the REST
 * budget) and what is the same for all of them: the price book and the market data (exchangeInfo,
 * one price stream, market topics, candles). The first account publishes the plain topics (`balances`); another account
 * publishes `account.NAME.balances` (contract topics.ts).
 *
 * A failure to start one account (a refused key, MEXC unreachable) is the caller's to contain:
 * startAccount throws, after undoing what it had started.
 */
import { rmSync } from "node:fs";
import { AlertService, MAX_DRAWDOWN_WINDOW_MS } from "@mexc-live/alerts";
import type { ServerClock, WeightBudget } from "@mexc-live/client";
import type { AccountTopic, ExchangeRatesHealth, KeyPermissionsHealth, Topic, TopicUpdate } from "@mexc-live/contract";
import { BACKFILL_PACING_MS, DEMO_BACKFILL_PACING_MS } from "./config/defaults.js";
import type { Settings } from "./config/settings.js";
import { HttpError } from "./errors.js";
import { marketAssets } from "./exports/exportHistory.js";
import { AccountFanout } from "./fanout/accountFanout.js";
import type { TopicBus } from "./fanout/topicBus.js";
import type { TopicHub } from "./fanout/topicHub.js";
import { accountReads } from "./figures/accountReads.js";
import type { Figures, PriceBook } from "./figures/index.js";
import { FiguresKeeper, type FiguresKeeperDeps } from "./figures/keeper.js";
import { PushedAnswers } from "./figures/pushedAnswers.js";
import type { AccountEntry, HistoryWrites } from "./http/accountDirectory.js";
import { createFieldMask, maskingUpdates } from "./http/fieldMask.js";
import { createCursorSeal, PLAIN_CURSORS } from "./http/queries/cursorSeal.js";
import type { GatewayQueries } from "./http/queries/gatewayQueries.js";
import { storeQueries } from "./http/queries/storeQueries.js";
import { AccountIngest } from "./ingest/accountIngest.js";
import type { BackfillTurns } from "./ingest/backfillTurns.js";
import type { CandleFetcher } from "./ingest/candleFetcher.js";
import { startCollector, type UpstreamConnection } from "./ingest/collector.js";
import { DEMO_IMPORT_WARNING } from "./ingest/imports/demoWarning.js";
import { importHistory } from "./ingest/imports/importHistory.js";
import { importRates, importText, isEcbRatesFile } from "./ingest/imports/importRates.js";
import type { SharedMarket } from "./ingest/sharedMarket.js";
import type { GatewayLogger, Logger } from "./logging.js";
import type { GatewayMetrics } from "./metrics.js";
import type { TopicStates } from "./state/topicStates.js";
import type { CandleStore } from "./store/candles.js";
import type { ExchangeRateStore } from "./store/exchangeRates.js";
import type { HeldLocks } from "./store/heldLocks.js";
import { DEFAULT_RETENTION, type GatewayStore, openStore } from "./store/index.js";
import { SQLITE_SIDE_FILES } from "./store/privateFiles.js";

export interface AccountPlan {
  readonly name: string;
  /** undefined for the first account: it publishes the plain topic names. */
  readonly topicAccount: string | undefined;
  readonly mode: "demo" | "live";
  readonly connection: UpstreamConnection;
  readonly databasePath: string;
  readonly apiKeyCreatedAt: number | undefined;
  /** When the trader last renewed the key on MEXC (the apiKeyRenewed setting); absent: not said. */
  readonly apiKeyRenewedAt?: number | undefined;
  /** Demo mode: the simulator's time scale. */
  readonly timeScale: number;
  /** Its place in the configured order (0 first): the backfills' queue serves the first first. */
  readonly order: number;
}

export interface AccountRuntime extends AccountEntry {
  readonly store: GatewayStore;
  readonly writes: HistoryWrites;
  readonly alerts: AlertService;
  /** The figures by pair the account's keeper holds now. */
  readonly figures: () => Figures;
  /** This account's topic for an account topic (plain for the default account). */
  topic(topic: AccountTopic): Topic;
  /** Reloads the account topics of browsers (after the store's history changed). */
  reload(topics: readonly AccountTopic[]): void;
}

export interface AccountContext {
  readonly settings: Settings;
  readonly hub: TopicHub;
  readonly states: TopicStates;
  readonly bus: () => TopicBus;
  readonly log: GatewayLogger;
  readonly metrics: GatewayMetrics;
  readonly book: PriceBook;
  /** One REST budget for every account's client: MEXC's IP limits are per machine. */
  readonly restBudget: WeightBudget;
  /** The server-time offset of the MEXC at `restUrl`, one for every account there (client serverClock.ts). */
  readonly serverClock: (restUrl: string) => ServerClock;
  /** Undone in reverse order when the gateway closes (or the start fails). */
  readonly cleanups: [step: string, undo: () => Promise<void> | void][];
  /** MEXC's candles, shared by every account, and their fetcher (started once an account is live). */
  readonly candles: CandleStore;
  readonly fetcher: CandleFetcher;
  /** The ECB's euro reference rates, shared by every account (store/exchangeRates.ts), and their state for health. */
  readonly rates: ExchangeRateStore;
  readonly ratesHealth: () => ExchangeRatesHealth;
  /** One backfill at a time, across the accounts (backfillTurns.ts). */
  readonly backfillTurns: BackfillTurns;
  /** exchangeInfo, the price stream and market topics: one for every account. */
  readonly market: SharedMarket;
  /** Every account's figures, told when candles arrive. */
  readonly figuresOfAccounts: Set<Pick<FiguresKeeper, "pricesArrived">>;
  /** The wait between tries while MEXC refuses a key or is under maintenance, ms (tests; default the client's). */
  readonly slowRetryMs?: number;
  /** The history backfill's pause between windows, ms (tests; default: DEMO_BACKFILL_PACING_MS in demo mode, else the backfill's). */
  readonly backfillPacingMs?: number;
  /** What a read told of an account's key's permissions (ingest/keyPermissionCheck.ts), for its health. */
  readonly keyPermissions?: (account: string) => KeyPermissionsHealth | undefined;
  /** Every account's database lock, taken by the service before anything started (store/heldLocks.ts). */
  readonly locks: HeldLocks;
}

export async function startAccount(context: AccountContext, plan: AccountPlan): Promise<AccountRuntime> {
  const { settings, log, cleanups } = context;
  const logger = log.logger.child({ account: plan.name });
  const store = openAccountStore(context, plan);
  const mask = createFieldMask(settings.maskFields);
  // The walk of a fill (ARCHITECTURE.md): ingest -> store -> keeper -> fanout.
  const fanout = new AccountFanout({
    account: plan.name,
    topicAccount: plan.topicAccount,
    bus: context.bus,
    states: context.states,
    hub: context.hub,
    mask: maskingUpdates(mask),
    relayed: settings.redisUrl !== undefined,
  });
  let ingest: AccountIngest | undefined;
  const keeper = accountFiguresKeeper(context, plan, store, logger, {
    onChanged: (change) => {
      fanout.figuresMoved();
      // A pass worked the figures out again: the figures of now are known again (an equity point carries them).
      if (change.kind === "pass") ingest?.equitySoon();
    },
    onEquityHistory: () => {
      fanout.reload(["equity"]);
      fanout.figuresMoved();
    },
    onValued: () => fanout.reload(["fills"]),
  });
  const pushed = new PushedAnswers(accountReads({ store, book: context.book, keeper }), settings.costBasis);
  fanout.carry(pushed);
  // Masked ids must not leak through page cursors either.
  const cursors = settings.maskFields.length > 0 ? createCursorSeal() : PLAIN_CURSORS;
  const alerts = createAlerts(context, store, fanout.publish, logger);
  const queries: GatewayQueries = {
    ...storeQueries(store, keeper, context.book, mask, { cursors, rates: context.rates, alerts }),
    figuresVersion: () => fanout.figuresVersion(),
  };

  ingest = new AccountIngest({
    store,
    book: context.book,
    emit: fanout.publish,
    logger,
    metrics: context.metrics,
    alerts: alerts.engine,
    // Each equity point carries the unrealized PnL of the same moment: the All-accounts summary's
    // follows prices with its equity (issue 31); and the figures of now are valued at that
    // moment's prices until the next point, so end equity and the point agree (issue 40 item 4).
    unrealized: (time) => keeper.equityMoment(time),
  });
  const snapshots = ingest.snapshots.bind(ingest);
  fanout.seed(snapshots);
  cleanups.push([`fanout (${plan.name})`, () => fanout.close()]);
  const collector = await startCollector({
    ...collectorOptions(context, plan),
    store,
    keeper,
    ingest,
    reloadTopics: fanout.reload,
    emit: fanout.publish,
    logger,
    alerts: alerts.engine,
  });
  cleanups.push([`upstream (${plan.name})`, () => collector.close()]);
  alerts.start();
  cleanups.push([`alerts (${plan.name})`, () => alerts.close()]);

  const writes = historyWrites(context, plan, { store, keeper, logger, reload: fanout.reload });
  return {
    name: plan.name,
    mode: plan.mode,
    topicAccount: plan.topicAccount,
    store,
    queries,
    writes,
    alerts,
    figures: () => keeper.figures,
    topic: (name) => fanout.topic(name),
    health: () => collector.health(),
    equity: () => store.latestEquity() ?? null,
    reload: fanout.reload,
  };
}

/** Opens the account's store under the lock the service holds (wiping a demo database first). */
function openAccountStore(context: AccountContext, plan: AccountPlan): GatewayStore {
  const { settings, book, cleanups } = context;
  context.locks.of(plan.databasePath);
  // The demo database is wiped at each start: only once this gateway holds it (databaseLock.ts).
  if (plan.mode === "demo")
    for (const suffix of SQLITE_SIDE_FILES) rmSync(`${plan.databasePath}${suffix}`, { force: true });
  const store = openStore({
    path: plan.databasePath,
    retention: retentionOf(settings.retentionDays),
    apiTradingDisabled: (symbol) => book.apiTradingDisabled(symbol),
    assetsOf: marketAssets(book),
  });
  cleanups.push([`database (${plan.name})`, () => store.close()]);
  return store;
}

/**
 * The account's figures and their one keeper (figures/keeper.ts): the figures by pair from their
 * checkpoint (or rebuilt from every fill), the portfolio, the valued fills, the equity history.
 */
function accountFiguresKeeper(
  context: AccountContext,
  plan: AccountPlan,
  store: GatewayStore,
  logger: Logger,
  told: Pick<FiguresKeeperDeps, "onChanged" | "onEquityHistory" | "onValued">,
): FiguresKeeper {
  const { settings, book, cleanups } = context;
  const keeper = new FiguresKeeper({
    store,
    book,
    candles: context.candles,
    fetcher: context.fetcher,
    method: settings.costBasis,
    logger,
    ...told,
  });
  context.figuresOfAccounts.add(keeper);
  cleanups.push([`figures (${plan.name})`, () => void context.figuresOfAccounts.delete(keeper)]);
  cleanups.push([`figures keeper (${plan.name})`, () => keeper.close()]);
  const started = performance.now();
  const loaded = keeper.load();
  logger.info(
    { from: loaded, ms: Math.round(performance.now() - started) },
    loaded === "checkpoint" ? "figures loaded from their checkpoint" : "figures to be worked out from every fill",
  );
  return keeper;
}

/** The account's alert service on its store's tables, its drawdown peaks seeded from stored equity. */
function createAlerts(
  context: AccountContext,
  store: GatewayStore,
  publish: (update: TopicUpdate) => void,
  logger: Logger,
): AlertService {
  const { settings, log } = context;
  const alerts = new AlertService({
    tables: store.alerts,
    configRules: settings.alerts,
    publish,
    quote: settings.quote,
    endpoints: settings.channelEndpoints,
    logger,
    addSecret: (secret) => log.scrubber.add(secret),
  });
  // The drawdown rules' peaks survive a restart: the last 30 days (the longest window), at most
  // MAX_EQUITY_POINTS_PER_QUERY points of them.
  alerts.engine.seedEquity(
    store.equity({ from: Date.now() - MAX_DRAWDOWN_WINDOW_MS }).filter((point) => point.estimated !== true),
  );
  return alerts;
}

/** What the collector takes from the settings, the plan and the shared context. */
function collectorOptions(context: AccountContext, plan: AccountPlan) {
  const { settings } = context;
  return {
    mode: plan.mode,
    quote: settings.quote,
    connection: plan.connection,
    symbols: settings.symbols,
    equityIntervalMs: settings.equityIntervalMs,
    timeScale: plan.timeScale,
    recordFrames: settings.recordFrames,
    // Recorded frames are deleted after DEFAULT_RETENTION's week even when nothing else is.
    retention: settings.retentionDays > 0 || settings.recordFrames,
    book: context.book,
    market: context.market,
    backfillTurns: { queue: context.backfillTurns, order: plan.order },
    metrics: context.metrics,
    restBudget: context.restBudget,
    serverClock: context.serverClock(plan.connection.restUrl),
    onLive: () => context.fetcher.start(),
    keyPermissions: () => context.keyPermissions?.(plan.name),
    exchangeRates: context.ratesHealth,
    ...(plan.apiKeyCreatedAt === undefined ? {} : { apiKeyCreatedAt: plan.apiKeyCreatedAt }),
    ...(plan.apiKeyRenewedAt === undefined ? {} : { apiKeyRenewedAt: plan.apiKeyRenewedAt }),
    ...(context.slowRetryMs === undefined ? {} : { slowRetry: evenly(context.slowRetryMs) }),
    backfillPacingMs: context.backfillPacingMs ?? (plan.mode === "demo" ? DEMO_BACKFILL_PACING_MS : BACKFILL_PACING_MS),
  };
}

/** The account's history writes (an opening cost, an imported file): one import at a time. */
function historyWrites(
  context: AccountContext,
  plan: AccountPlan,
  account: {
    readonly store: GatewayStore;
    readonly keeper: FiguresKeeper;
    readonly logger: Logger;
    readonly reload: (topics: readonly AccountTopic[]) => void;
  },
): HistoryWrites {
  const { store, keeper, logger, reload } = account;
  const { cleanups } = context;
  /** One import at a time; a stopping gateway stops it between two slices. */
  let importing = false;
  const stopImports = new AbortController();
  cleanups.push([`imports (${plan.name})`, () => stopImports.abort()]);
  return {
    async setOpeningCost(asset, costPrice) {
      store.setOpeningCost(asset, costPrice);
      await keeper.openingsChanged();
      logger.info({ asset, costPrice }, "opening cost set");
    },
    async importFile(body) {
      if (importing) {
        throw new HttpError("IMPORT_RUNNING", "an import to this account is running; send the next when it is done");
      }
      importing = true;
      try {
        const started = performance.now();
        const text = await importText(body);
        if (isEcbRatesFile(text)) {
          // The rates every account shares: no figure of this account moves until a report reads them.
          const rates = await importRates(context.rates, text, { signal: stopImports.signal });
          logger.info({ ...rates, ms: Math.round(performance.now() - started) }, "ECB reference rates imported");
          return plan.mode === "demo" ? { ...rates, warning: DEMO_IMPORT_WARNING } : rates;
        }
        // The figures take the file in once it is stored, not once per slice of it.
        const release = keeper.hold();
        let result: Awaited<ReturnType<typeof importHistory>>;
        try {
          result = await importHistory(store, text, {
            marketOf: marketAssets(keeper.pairs),
            signal: stopImports.signal,
          });
        } finally {
          release();
        }
        logger.info({ ...result, ms: Math.round(performance.now() - started) }, "history imported");
        if (result.added > 0) {
          // Every figure takes the older fills in: a pass of the keeper from their first day, in slices.
          const rebuilding = performance.now();
          keeper.stored();
          await keeper.request();
          logger.info({ ms: Math.round(performance.now() - rebuilding) }, "figures rebuilt after the import");
          reload(["fills", "orders"]);
        }
        // Pairs the file named both assets of: fills left out before are placed now.
        await keeper.placeNewlyKnown();
        return plan.mode === "demo" ? { ...result, warning: DEMO_IMPORT_WARNING } : result;
      } finally {
        importing = false;
      }
    },
  };
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

/** The same wait in both halted states (the client draws within [ms / 2, ms]). */
function evenly(ms: number) {
  const policy = { initialMs: ms, maxMs: ms };
  return { refused: policy, maintenance: policy };
}
