/**
 * The whole simulator on one port of 127.0.0.1: clock, seeded randomness, engine, market,
 * listen keys, faults, REST (fastify) and the WebSocket server on the same HTTP server.
 * `startSimulator` is what the CLI, the gateway's demo mode and every integration test call.
 *
 * With `accounts` N > 1 there are N funded accounts: the demo account, then sub-accounts "sub1" to
 * "sub{N-1}", each funded like the demo account, with credentials drawn after the demo account's
 * and the demo trader and wallet moves on its own seeded streams (market.ts).
 *
 * With `historyDays` N > 0 every funded account (the demo account, its sub-accounts, and each
 * extra account given balances) starts with N days of past: fills and orders on the pairs of what
 * it holds, deposits (an initial one per asset, then a few), withdrawals and futures transfers,
 * ending exactly at the balances it is configured with (recordPast.ts). The demo account and the
 * extra accounts draw their pasts from one stream, each sub-account from its own. The past lands where live activity lands (myTrades, allOrders, GET order, the wallet
 * history, /_sim/ledger) with no pushes; the same seed gives the same past.
 */

import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import {
  type AccountCredentials,
  type AccountRegistry,
  createAccountRegistry,
  type ExtraAccountOptions,
  fundedAccountNames,
} from "./accounts.js";
import { type Behaviours, resolveBehaviours } from "./behaviours.js";
import { createClock, type SimClock } from "./clock.js";
import { MAX_ACCOUNTS, MAX_HISTORY_DAYS } from "./constants.js";
import { createExchange, type EngineExchange } from "./engine/exchange.js";
import { createFaultPlan } from "./faults.js";
import { createKeyPermissions, type KeyPermissions } from "./keyPermissions.js";
import { createKeyStates, type KeyStates } from "./keyStates.js";
import { createMaintenance, type Maintenance } from "./maintenance.js";
import {
  DEMO_ACCOUNT_OPTIONS,
  demoFunding,
  type MarketOptions,
  type SubAccountActivity,
  startMarket,
} from "./market/market.js";
import { createRandom, type Random } from "./random.js";
import { type FundedAccount, recordPast } from "./recordPast.js";
import { buildApp } from "./rest/app.js";
import type { RateLimitOptions } from "./rest/rateLimit.js";
import { selectSymbols } from "./symbols.js";
import { TrafficCounter } from "./traffic.js";
import type { FaultPlan, ListenKeyStore, Market, SymbolConfig } from "./types.js";
import { createListenKeyStore } from "./ws/listenKeys.js";
import { attachWebSocket, type WsOptions, type WsServerHandle } from "./ws/wsServer.js";

/** The only address the simulator listens on: it is a local test exchange. */
export const SIMULATOR_HOST = "127.0.0.1";

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: typeof SIMULATOR_HOST;
  /** Same seed, same run: prices, flow, demo credentials, listen keys, fault draws. Default: drawn at start. */
  readonly seed?: number;
  /** Simulated time runs this many times faster (listen-key validity, timers, bans). Default 1. */
  readonly speed?: number;
  /** Symbols to list (default: DEFAULT_SYMBOLS). Unknown names throw. */
  readonly symbols?: readonly string[];
  /** More markets listed after those (benchmarks: an account on 20 pairs). A name listed twice throws. */
  readonly extraSymbols?: readonly SymbolConfig[];
  /** Fault spec, see faults.ts. Default none. */
  readonly faults?: string;
  /**
   * Funded accounts, a whole number from 1 (the default: the demo account alone) to MAX_ACCOUNTS:
   * the demo account, then sub-accounts "sub1", "sub2", ... funded and traded like it (see above).
   */
  readonly accounts?: number;
  /** Start the demo trader (its orders and now and then a wallet move) on every funded account. Default true. */
  readonly demoTrader?: boolean;
  /**
   * Days of past activity each funded account starts with (see above); a whole number from 0
   * (the default: none) to MAX_HISTORY_DAYS.
   */
  readonly historyDays?: number;
  /**
   * Mount the unsigned /_sim/* admin routes (local test use only; JSON bodies, loopback Host and
   * no foreign Origin, rest/adminGuard.ts). Default false.
   */
  readonly admin?: boolean;
  /** Host names the admin routes also answer under (a container's name); loopback ones always. */
  readonly adminHosts?: readonly string[];
  readonly rateLimit?: RateLimitOptions;
  /** pino level, to stderr. Default "silent". */
  readonly logLevel?: string;
  /** More API accounts next to the demo account (tests: a second trader). */
  readonly extraAccounts?: readonly ExtraAccountOptions[];
  /** Pace of the simulated market (tests). */
  readonly market?: MarketOptions;
  /** Overrides of MEXC's WebSocket limits (tests). */
  readonly ws?: WsOptions;
  /**
   * Real MEXC behaviours its docs do not describe (behaviours.ts), all on by default; set one to
   * false to get the documented behaviour alone.
   */
  readonly behaviours?: Partial<Behaviours>;
  /**
   * The pairs each account's API key may trade, by account name (e.g. `{ demo: ["ETHUSDT"] }`):
   * orders on other pairs are answered 10007 "symbol not support api", and GET /api/v3/selfSymbols
   * lists them (docs/mexc/undocumented.md#fills-and-keys item 11.27). An account not named trades
   * every pair open to the API. Each symbol must be listed.
   */
  readonly keySymbols?: Readonly<Record<string, readonly string[]>>;
  /**
   * Each account's key permissions, MEXC's names (keyPermissions.ts); default read only
   * (SPOT_ACCOUNT_READ, SPOT_DEAL_READ). The demo account's key reads its sub-accounts' keys with
   * these (GET /api/v3/sub-account/apiKey).
   */
  readonly keyPermissions?: Readonly<Record<string, readonly string[]>>;
  /**
   * Valid listen keys per account, and the `total` GET /api/v3/userDataStream reports. Default 60
   * (the docs' text); newer docs' example answers 200 (docs/mexc/undocumented.md#listen-keys item 11.7).
   */
  readonly listenKeyCap?: number;
  /**
   * With the `orderReadLag` behaviour: GET /api/v3/order answers -2013 for an order placed less than
   * this long ago (real ms; docs/mexc/undocumented.md#orders item 11.13, length not reported). Default ORDER_READ_LAG_MS (3 s).
   */
  readonly orderReadLagMs?: number;
}

/** GET /api/v3/order's default lag after a write: "a few seconds" (issue 28), real ms; ours. */
const ORDER_READ_LAG_MS = 3_000;

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:41234 (REST paths under /api/v3). */
  readonly rest: string;
  /** e.g. ws://127.0.0.1:41234/ws */
  readonly ws: string;
  readonly port: number;
  readonly seed: number;
  /** The demo account's credentials. */
  readonly apiKey: string;
  readonly secretKey: string;
  /** Demo first, then the sub-accounts (`accounts`), then the extra accounts. */
  readonly accounts: readonly AccountCredentials[];
  readonly exchange: EngineExchange;
  readonly market: Market;
  readonly faults: FaultPlan;
  readonly listenKeys: ListenKeyStore;
  readonly clock: SimClock;
  /** Which real-MEXC behaviours this run models. */
  readonly behaviours: Behaviours;
  /** The API keys' life: revoke, restore, expire (also GET/POST /_sim/keys). */
  readonly keyStates: KeyStates;
  /** Each key's permissions (also POST /_sim/keyPermissions; GET /api/v3/sub-account/apiKey). */
  readonly keyPermissions: KeyPermissions;
  /** Maintenance windows (also GET/POST /_sim/maintenance). */
  readonly maintenance: Maintenance;
  readonly app: FastifyInstance;
  readonly webSocket: WsServerHandle;
  /** Closes sockets, the server, the market and the key timers. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Each part draws from its own PRNG derived from the seed, so the demo credentials do not
 * depend on the symbol list and fault draws do not shift the market's.
 */
const STREAM_SALT = {
  market: 0,
  credentials: 0x5eed_c0de,
  listenKeys: 0x11573_e4,
  faults: 0xfa_0175,
  ws: 0x3e_b50c,
  rest: 0x4e_57,
  wallet: 0x3a_11e7,
  history: 0x415_7041,
  subAccounts: 0x50b_acc7,
  pastPrices: 0x9a57_9a57,
  /** Internal transfers and dust conversions: the demo account's, then each sub-account's in turn (salt + index). */
  extras: 0xe7_7a5,
} as const;
const MAX_SEED = 2 ** 31;
/** Past klines reach this far before the accounts' history (a month of margin for the month MEXC serves). */
const PAST_MARGIN_DAYS = 31;
/** The largest seed a derived stream gets (createRandom takes any 32-bit value). */
const MAX_SEED_U32 = 2 ** 32 - 1;

/** Everything of a simulator but the listening socket: tests drive `app.inject()` on it. */
export interface SimulatorParts extends Omit<RunningSimulator, "rest" | "ws" | "port"> {}

/** Builds and wires every part without listening (startSimulator listens). */
export function buildSimulator(options: SimulatorOptions = {}): SimulatorParts {
  const { historyDays, accountCount } = checkedCounts(options);
  const seed = options.seed ?? Math.floor(Math.random() * MAX_SEED);
  const random = (stream: keyof typeof STREAM_SALT) => createRandom((seed ^ STREAM_SALT[stream]) >>> 0);
  // The extras' streams are derived apart, so the other streams draw the same with or without them.
  const extrasRandom = (index: number) => createRandom((seed ^ (STREAM_SALT.extras + index)) >>> 0);
  const subAccounts = subAccountStreams(random("subAccounts"), accountCount).map((sub, index) => ({
    ...sub,
    extrasRandom: extrasRandom(index + 1),
  }));
  const behaviourSwitches = resolveBehaviours(options.behaviours);
  const clock = createClock(options.speed ?? 1);
  const logger = pino({ level: options.logLevel ?? "silent" }, pino.destination(2));
  const symbols = listedSymbols(options);
  const accounts = createAccountRegistry(random("credentials"), [
    ...subAccounts.map(({ account }) => ({ account })),
    ...(options.extraAccounts ?? []),
  ]);
  const faults = createFaultPlan(options.faults ?? "", random("faults"));

  const { exchange, market } = openMarket(options, {
    symbols,
    clock,
    behaviours: behaviourSwitches,
    seed,
    random,
    extrasRandom,
    accounts,
    subAccounts,
    historyDays,
  });
  fundAccounts(
    options,
    { exchange, market, symbols, clock, historyDays },
    [{ account: accounts.demo.account }, ...subAccounts.map((sub) => ({ account: sub.account, random: sub.history }))],
    random("history"),
  );
  const behaviours = behaviourSwitches;
  const { listenKeys, keyStates, keyPermissions, maintenance } = keyParts(options, {
    clock,
    random,
    accounts,
    subAccounts,
    faults,
    behaviours,
  });
  const orderReadLagMs = options.orderReadLagMs ?? ORDER_READ_LAG_MS;
  if (!(orderReadLagMs >= 0 && Number.isFinite(orderReadLagMs))) {
    throw new RangeError(`orderReadLagMs must be 0 or more ms, got ${orderReadLagMs}`);
  }

  const traffic = new TrafficCounter();
  const served = { exchange, market, listenKeys, faults, clock, behaviours, traffic };
  const app = buildApp({
    ...served,
    accounts,
    random: random("rest"),
    admin: options.admin ?? false,
    ...(options.adminHosts ? { adminHosts: options.adminHosts } : {}),
    rateLimit: options.rateLimit,
    keyStates,
    keyPermissions,
    maintenance,
    orderReadLagMs,
    keySymbols: keySymbolsOf(options.keySymbols, symbols),
    logger: logger.child({ component: "rest" }),
  });
  const webSocket = attachWebSocket(app.server, { ...served, random: random("ws"), logger, options: options.ws });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await webSocket.close();
      await app.close();
      market.stop();
      listenKeys.stop();
      maintenance.stop();
    })();
    return closing;
  };
  return {
    seed,
    apiKey: accounts.demo.apiKey,
    secretKey: accounts.demo.secretKey,
    accounts: accounts.all,
    exchange,
    market,
    faults,
    listenKeys,
    clock,
    behaviours,
    keyStates,
    keyPermissions,
    maintenance,
    app,
    webSocket,
    close,
  };
}

/** SimulatorOptions.historyDays and .accounts, checked. */
function checkedCounts(options: SimulatorOptions): { historyDays: number; accountCount: number } {
  const historyDays = options.historyDays ?? 0;
  if (!Number.isInteger(historyDays) || historyDays < 0 || historyDays > MAX_HISTORY_DAYS) {
    throw new RangeError(`historyDays must be a whole number from 0 to ${MAX_HISTORY_DAYS}, got ${historyDays}`);
  }
  const accountCount = options.accounts ?? 1;
  if (!Number.isInteger(accountCount) || accountCount < 1 || accountCount > MAX_ACCOUNTS) {
    throw new RangeError(`accounts must be a whole number from 1 to ${MAX_ACCOUNTS}, got ${accountCount}`);
  }
  return { historyDays, accountCount };
}

interface SimulatorStreams {
  readonly clock: SimClock;
  readonly seed: number;
  readonly random: (stream: keyof typeof STREAM_SALT) => Random;
  readonly extrasRandom: (index: number) => Random;
  readonly accounts: AccountRegistry;
  readonly subAccounts: readonly (SubAccountStreams & { readonly extrasRandom: Random })[];
  readonly historyDays: number;
}

/** The engine and its market, the demo account's trader and wallet moves running. */
function openMarket(
  options: SimulatorOptions,
  parts: SimulatorStreams & { readonly symbols: SymbolConfig[]; readonly behaviours: Behaviours },
): { exchange: EngineExchange; market: Market } {
  const { symbols, clock, behaviours, seed, random, extrasRandom, accounts, subAccounts } = parts;
  const { historyDays } = parts;
  const marketRandom = random("market");
  const exchange = createExchange({ symbols, clock, random: marketRandom, behaviours: behaviours });
  // Given a past, the demo account and its sub-accounts exist before the market starts, which then
  // leaves their funding to the past.
  if (historyDays > 0) {
    for (const account of [accounts.demo.account, ...subAccounts.map((sub) => sub.account)]) {
      exchange.createAccount(account, DEMO_ACCOUNT_OPTIONS);
    }
  }
  const market = startMarket({
    exchange,
    clock,
    random: marketRandom,
    walletRandom: random("wallet"),
    demo: {
      account: accounts.demo.account,
      trader: options.demoTrader ?? true,
      stopOrders: options.behaviours?.stopOrders !== false,
      subAccounts,
      extrasRandom: extrasRandom(0),
      extras: {
        internalTransfers: behaviours.internalTransfers,
        dustConversions: behaviours.dustConversions,
      },
    },
    options: {
      pastSeed: (seed ^ STREAM_SALT.pastPrices) >>> 0,
      pastDays: historyDays + PAST_MARGIN_DAYS,
      ...options.market,
    },
  });
  return { exchange, market };
}

/** The listen keys, the API keys' states and permissions, and the maintenance windows. */
function keyParts(
  options: SimulatorOptions,
  parts: Pick<SimulatorStreams, "clock" | "random" | "accounts" | "subAccounts"> & {
    readonly faults: FaultPlan;
    readonly behaviours: Behaviours;
  },
) {
  const { clock, random, accounts, subAccounts, faults, behaviours } = parts;
  const listenKeys = createListenKeyStore({
    clock,
    random: random("listenKeys"),
    maxPerAccount: options.listenKeyCap,
  });

  const keyStates = createKeyStates({ clock, accounts: accounts.all, listenKeys, expiry: behaviours.keyExpiry });
  const keyPermissions = createKeyPermissions({
    accounts: accounts.all,
    main: accounts.demo.account,
    subAccounts: subAccounts.map((sub) => sub.account),
    ...(options.keyPermissions ? { given: options.keyPermissions } : {}),
  });
  const maintenance = createMaintenance({ clock, faults, enabled: behaviours.maintenance });
  return { listenKeys, keyStates, keyPermissions, maintenance };
}

/** Every symbol listed (the chosen and the extra ones); a symbol listed twice is refused. */
function listedSymbols(options: SimulatorOptions): SymbolConfig[] {
  const symbols = [
    ...selectSymbols(options.symbols ? [...options.symbols] : undefined),
    ...(options.extraSymbols ?? []),
  ];
  const listed = new Set<string>();
  for (const config of symbols) {
    if (listed.has(config.symbol)) throw new RangeError(`symbol ${config.symbol} is listed twice`);
    listed.add(config.symbol);
  }
  return symbols;
}

/**
 * Funds the extra accounts, and with `historyDays` records the past of every funded account (the
 * demo account's and its sub-accounts', `funded`, and the extra accounts with balances) instead
 * of their starting deposits.
 */
function fundAccounts(
  options: SimulatorOptions,
  world: Omit<Parameters<typeof recordPast>[0], "random" | "days"> & { readonly historyDays: number },
  funded: readonly { readonly account: string; readonly random?: Random }[],
  history: Random,
): void {
  const { exchange, symbols, historyDays } = world;
  const withPast: FundedAccount[] =
    historyDays > 0 ? funded.map((entry) => ({ ...entry, balances: demoFunding(symbols) })) : [];
  for (const extra of options.extraAccounts ?? []) {
    exchange.createAccount(extra.account, { mxFeeDeduction: extra.mxFeeDeduction ?? false });
    const balances = extra.balances ?? {};
    if (historyDays > 0 && Object.keys(balances).length > 0) withPast.push({ account: extra.account, balances });
    else for (const [asset, amount] of Object.entries(balances)) exchange.credit(extra.account, asset, amount);
  }
  if (withPast.length > 0) recordPast({ ...world, random: history, days: historyDays }, withPast);
}

/** A sub-account's streams, `history` drawing its past (historyDays). */
interface SubAccountStreams extends SubAccountActivity {
  readonly history: Random;
}

/**
 * The sub-accounts of `accounts` N ("sub1" ... "sub{N-1}"), each on streams seeded in turn from
 * `parent`: sub1's are the same whatever N, and no two accounts draw alike.
 */
function subAccountStreams(parent: Random, count: number): SubAccountStreams[] {
  const child = () => createRandom(parent.int(0, MAX_SEED_U32));
  return fundedAccountNames(count)
    .slice(1)
    .map((account) => ({ account, random: child(), walletRandom: child(), history: child() }));
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const parts = buildSimulator(options);
  try {
    await parts.app.listen({ port: options.port ?? 0, host: options.host ?? SIMULATOR_HOST });
  } catch (error) {
    await parts.close();
    throw error;
  }
  const { port } = parts.app.server.address() as AddressInfo;
  parts.app.log.info({ port, seed: parts.seed, speed: parts.clock.speed }, "simulator listening");
  return { ...parts, rest: `http://${SIMULATOR_HOST}:${port}`, ws: `ws://${SIMULATOR_HOST}:${port}/ws`, port };
}

/** SimulatorOptions.keySymbols, checked: every symbol must be listed (a typo would refuse everything). */
function keySymbolsOf(
  given: SimulatorOptions["keySymbols"],
  listed: readonly SymbolConfig[],
): (account: string) => ReadonlySet<string> | undefined {
  const known = new Set(listed.map((config) => config.symbol));
  const byAccount = new Map<string, ReadonlySet<string>>();
  for (const [account, pairs] of Object.entries(given ?? {})) {
    for (const symbol of pairs) {
      if (!known.has(symbol)) throw new RangeError(`keySymbols.${account}: ${symbol} is not a listed symbol`);
    }
    byAccount.set(account, new Set(pairs));
  }
  return (account) => byAccount.get(account);
}
