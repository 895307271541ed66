/**
 * The API table walked row by row (contract api/reads.ts): every read has a route that checks its
 * query with the row's schema (a bad value is a 400 naming the parameter), travels from a web
 * instance to its collector over a real redis-server and back unchanged, and answers for all
 * accounts with the fold its row names. A row added to the table is walked here with no change
 * but its sample answer (the compiler asks for one).
 */

import {
  ACCOUNT_READ_NAMES,
  type AccountReadName,
  HISTORY_HEADER,
  INSTANCE_READ_NAMES,
  READS,
  type ReadAnswers,
  type ReadRow,
} from "@mexc-live/contract";
import { READ_SCHEMAS } from "@mexc-live/contract/api";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { sampleFill, sampleHealth, sampleOrder } from "../../../contract/test/items.js";
import { redisServerPath, startRedis, type TestRedis, testLink, warnRedisMissing } from "../../test/redisTestServer.js";
import { TopicHub } from "../fanout/topicHub.js";
import type { AccountEntry } from "../http/accountDirectory.js";
import { AccountDirectory } from "../http/accountDirectory.js";
import { buildApp } from "../http/app.js";
import { FOLDS, FOLDS_ASKING_NONE, type FoldContext } from "../http/queries/accountFolds.js";
import { allAccountsQueries } from "../http/queries/allAccountsQueries.js";
import type { GatewayQueries } from "../http/queries/gatewayQueries.js";
import { MemoryQueries } from "../http/queries/memoryQueries.js";
import { createLogger } from "../logging.js";
import { createMetrics } from "../metrics.js";
import { TopicStates } from "../state/topicStates.js";
import { type RedisHistoryClient, startRedisHistoryClient } from "./redisHistoryClient.js";
import { type RedisHistoryServer, startRedisHistoryServer } from "./redisHistoryServer.js";
import { historyRequestSchema } from "./redisHistoryWire.js";
import { redisStateQueries } from "./redisQueries.js";

const REDIS_SERVER = redisServerPath();
if (REDIS_SERVER === undefined) warnRedisMissing("the API table's walk");

const T = 1_767_225_600_000; // 2026-01-01T00:00:00Z

/** One answer per read, as an account's figures would give it (a new row needs one). */
const SAMPLES: { readonly [K in AccountReadName]: (account: number) => ReadAnswers[K] } = {
  equity: (n) => [{ time: T, equity: `${100 + n}`, byAsset: { USDT: `${100 + n}` } }],
  fees: (n) => ({
    quote: "USDT",
    byCurrency: { USDT: `${1 + n}` },
    valueByCurrency: { USDT: `${1 + n}` },
    totalValue: `${1 + n}`,
  }),
  feeDays: (n) => ({
    quote: "USDT",
    items: [{ day: "2026-01-01", from: T, to: T + 86_399_999, fees: `${1 + n}`, cumulative: `${1 + n}` }],
    total: `${1 + n}`,
  }),
  pnl: (n) => [
    { symbol: "BTCUSDT", realized: `${5 + n}`, unrealized: "1", position: "0.1", averageCost: "90000", method: "avg" },
  ],
  assetPnl: (n) => [
    {
      asset: "BTC",
      quantity: `0.${1 + n}`,
      costBasis: "9000",
      averageCost: "90000",
      realized: `${2 + n}`,
      unrealized: "100",
      fees: "1",
      value: "9100",
      price: "91000",
      method: "avg",
    },
  ],
  realized: (n) => ({
    quote: "USDT",
    method: "avg",
    byAsset: `${7 + n}`,
    byPair: `${5 + n}`,
    causes: [{ cause: "otherQuote", realized: "2", names: ["ETHBTC"], more: 0, unpriced: [] }],
  }),
  pnlPeriods: (n) => [
    {
      period: "2026-01-01",
      from: T,
      to: T + 86_399_999,
      realized: `${3 + n}`,
      unrealized: "1",
      fees: "1",
      method: "avg",
    },
  ],
  performance: (n) => ({
    from: T,
    to: T + 86_399_999,
    quote: "USDT",
    startEquity: "100",
    endEquity: `${110 + n}`,
    netFlows: "0",
    twr: "0.1",
    netDeposits: [],
    pnl: `${10 + n}`,
    byAsset: [],
    bridge: null,
    unpriced: [],
    method: "avg",
  }),
  moneyWeighted: (n) => ({
    from: T,
    to: T + 86_399_999,
    quote: "USDT",
    startEquity: "100",
    endEquity: `${110 + n}`,
    flows: [{ time: T + 1000 * (1 + n), value: "5" }],
    annual: "1",
    period: "0.05",
    noRate: null,
    unpriced: [],
    coverage: { status: "covered", historyStartsAt: T },
  }),
  volume: (n) => [{ day: "2026-01-01", symbol: "BTCUSDT", quoteVolume: `${1000 + n}`, value: "1000", fills: 3 }],
  journalTrips: (n) => ({
    items: [
      {
        symbol: "BTCUSDT",
        strategy: "manual",
        openTime: T,
        closeTime: T + 1000 * (1 + n),
        quantity: "0.1",
        entryPrice: "90000",
        exitPrice: `${91000 + n}`,
        realized: `${100 + n}`,
        fees: "1",
        value: `${100 + n}`,
        holdingMs: 1000 * (1 + n),
      },
    ],
    nextCursor: null,
    total: 1,
  }),
  journal: (n) => ({
    from: null,
    to: null,
    method: "avg",
    stats: {
      count: 1,
      wins: 1,
      losses: 0,
      breakeven: 0,
      winRate: "1",
      profitFactor: null,
      averageWin: `${100 + n}`,
      averageLoss: null,
      expectancy: `${100 + n}`,
      best: `${100 + n}`,
      worst: `${100 + n}`,
      longestWinStreak: 1,
      longestLossStreak: 0,
      realized: `${100 + n}`,
      unpriced: 0,
    },
    byStrategy: [{ strategy: "manual", count: 1, realized: `${100 + n}`, winRate: "1" }],
    drawdown: null,
    againstHolding: { pnl: `${10 + n}`, holdingPnl: `${4 + n}`, difference: "6", unpriced: n === 0 ? [] : ["XYZ"] },
    againstBenchmark: null,
  }),
  holdingTimes: (n) => [
    { symbol: "BTCUSDT", trips: 1 + n, measured: 1, averageDays: `${1 + n}.5`, medianDays: `${1 + n}.5` },
  ],
  orders: (n) => ({ items: [sampleOrder(n, { updateTime: T + n })], nextCursor: null, total: 1 }),
  fills: (n) => ({ items: [sampleFill(n, { time: T + n })], nextCursor: null, total: 1 }),
  transfers: (n) => ({
    items: [
      {
        id: `d${n}`,
        type: "deposit",
        direction: "in",
        asset: "USDT",
        amount: `${100 + n}`,
        fee: "0",
        network: "TRX",
        status: "completed",
        rawStatus: "5",
        txId: `tx${n}`,
        time: T + n,
        updateTime: T + n,
        source: "rest",
        value: `${100 + n}`,
      },
    ],
    nextCursor: null,
    total: 1,
  }),
  ledger: (n) => ({
    items: [
      {
        id: `l${n}`,
        time: T + n,
        asset: "USDT",
        type: "deposit",
        rawType: "DEPOSIT",
        change: `${100 + n}`,
        freeChange: `${100 + n}`,
        lockedChange: "0",
        balance: `${100 + n}`,
        ref: null,
      },
    ],
    nextCursor: null,
    total: 1,
  }),
  openingPositions: (n) => [
    { asset: "BTC", quantity: `0.${1 + n}`, time: T, costPrice: "90000", source: "user", quote: "USDT" },
  ],
  balances: (n) => [
    { asset: "BTC", free: `0.${1 + n}`, locked: "0", value: `${9000 + n}`, price: "90000", apiTradingDisabled: false },
    ...(n === 0 ? [] : [{ asset: "MX", free: "2", locked: "1", value: null, price: null, apiTradingDisabled: false }]),
  ],
  precisions: (n) => ({ assets: { BTC: 6 + n, USDT: 2 }, symbols: { BTCUSDT: { price: 2, quantity: 6 + n } } }),
  alertRules: (n) => [
    {
      id: `${1 + n}`,
      source: "dashboard",
      on: "fill",
      to: "tgram://7345…/-100123",
      channel: "telegram",
      conditions: {},
      muted: n === 1,
      createdAt: T + n,
    },
  ],
  alertDeliveries: (n) =>
    [2, 0].map((k) => ({
      id: `${k + 1}`,
      ruleId: `${1 + n}`,
      to: "tgram://7345…/-100123",
      channel: "telegram" as const,
      status: "sent" as const,
      alerts: 1,
      events: ["fill" as const],
      title: `fill ${n}.${k}`,
      attempts: 1,
      // The accounts' deliveries interleave in time: the fold merges them newest first.
      createdAt: T + 10 * k + n,
      sentAt: T + 10 * k + n + 1,
      lastError: null,
    })),
};

/** Queries answering every read with the account's sample, counting what each read was asked. */
function sampleQueries(account: number): GatewayQueries & { readonly asked: Map<AccountReadName, number> } {
  const asked = new Map<AccountReadName, number>();
  const reads = Object.fromEntries(
    ACCOUNT_READ_NAMES.map((name) => [
      name,
      () => {
        asked.set(name, (asked.get(name) ?? 0) + 1);
        return SAMPLES[name](account);
      },
    ]),
  );
  return Object.assign(new MemoryQueries(), reads, { asked }) as unknown as GatewayQueries & {
    readonly asked: Map<AccountReadName, number>;
  };
}

/** The route of a row, with the parameters that select it on its path. */
const urlOf = (row: ReadRow, extra = "") => {
  const select = new URLSearchParams(row.select ?? {}).toString();
  const query = [select, extra].filter((part) => part !== "").join("&");
  return query === "" ? row.path : `${row.path}?${query}`;
};

/** The parameters a row's route takes (its schema's object, under a transform if any). */
function paramNames(schema: z.ZodType): string[] {
  const def = (schema as unknown as { def: { type: string; in?: z.ZodType; shape?: Record<string, unknown> } }).def;
  if (def.type === "pipe" && def.in !== undefined) return paramNames(def.in);
  return Object.keys(def.shape ?? {});
}

function app(options: { queries: GatewayQueries; accounts?: AccountDirectory }): FastifyInstance {
  return buildApp({
    ...options,
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
}

function entry(name: string, queries: GatewayQueries): AccountEntry {
  return {
    name,
    mode: "live",
    topicAccount: name === "main" ? undefined : name,
    queries,
    writes: undefined,
    alerts: undefined,
    health: () => sampleHealth(),
    equity: () => null,
  };
}

describe("the API table", () => {
  const collector = sampleQueries(0);
  const collectorApp = app({ queries: collector });
  afterAll(() => collectorApp.close());

  it.each(ACCOUNT_READ_NAMES)("%s: a route that checks each parameter with the row's schema", async (name) => {
    const row: ReadRow = READS[name];
    const good = await collectorApp.inject({ method: "GET", url: urlOf(row) });
    expect(good.statusCode).toBe(200);
    const expected = row.items ? { items: SAMPLES[name](0) } : SAMPLES[name](0);
    expect(good.json()).toEqual(expected);
    const names = paramNames(READ_SCHEMAS[name].http).filter((param) => !(param in (row.select ?? {})));
    // The route takes the parameters its row names (and a list's page), no other.
    const page = row.fold === "pagesByTime" ? ["limit", "cursor"] : [];
    expect([...names].sort()).toEqual([...Object.keys(row.params), ...page].sort());
    for (const param of [...names, "bogus"]) {
      // " !": no parameter takes a space (a strategy prefix takes "!").
      const bad = await collectorApp.inject({ method: "GET", url: urlOf(row, `${param}=%20%21`) });
      expect(bad.statusCode, `${name} ${param}`).toBe(400);
      expect(bad.json().message, `${name} ${param}`).toMatch(new RegExp(`^${param}: `));
    }
  });

  it.each(ACCOUNT_READ_NAMES)("%s: for all accounts, every account asked and folded as the row says", async (name) => {
    const [main, sub] = [sampleQueries(0), sampleQueries(1)];
    const entries = [entry("main", main), entry("sub", sub)];
    const all = app({ queries: main, accounts: new AccountDirectory(() => entries, entries[0]) });
    try {
      const row: ReadRow = READS[name];
      const answer = await all.inject({ method: "GET", url: urlOf(row) });
      expect(answer.statusCode).toBe(200);
      const defaultOnly = row.fold === "defaultAccount";
      // Each account asked this read once (the journal summary's fold also reads their trips: another row).
      expect([main.asked.get(name), sub.asked.get(name)]).toEqual([1, defaultOnly ? undefined : 1]);
      const answers = [
        { account: "main", answer: SAMPLES[name](0) },
        { account: "sub", answer: SAMPLES[name](1) },
      ];
      const fold = FOLDS[READS[name].fold] as unknown as (
        a: typeof answers,
        q: unknown,
        c: FoldContext,
        n: AccountReadName,
      ) => unknown;
      const context = { fallback: main, entries, all: allAccountsQueries(() => entries, main) };
      const folded = await fold(FOLDS_ASKING_NONE.has(READS[name].fold) ? [] : answers, {}, context, name);
      expect(answer.json()).toEqual(JSON.parse(JSON.stringify(row.items ? { items: folded } : folded)));
      if (!defaultOnly)
        expect(answer.body).not.toBe((await collectorApp.inject({ method: "GET", url: urlOf(row) })).body);
    } finally {
      await all.close();
    }
  });
});

describe("the instance's own rows of the API table", () => {
  const instance = app({ queries: sampleQueries(0) });
  afterAll(() => instance.close());

  it.each(INSTANCE_READ_NAMES)(
    "%s: answered by the instance asked, a parameter it does not take refused",
    async (name) => {
      const row: ReadRow = READS[name];
      const good = await instance.inject({ method: "GET", url: row.path });
      expect(good.statusCode).toBe(200);
      const expected = { health: sampleHealth(), accounts: undefined, metrics: undefined }[name];
      if (expected !== undefined) expect(good.json()).toEqual(expected);
      const bad = await instance.inject({ method: "GET", url: `${row.path}?bogus=1` });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toBe("bogus: not a parameter of this route");
    },
  );

  it("a collector is never asked for them over redis: the wire has no such method", () => {
    for (const name of INSTANCE_READ_NAMES) {
      const request = { id: "1", replyTo: "r", method: name, query: {} };
      expect(historyRequestSchema.safeParse(request).success, name).toBe(false);
    }
    expect(historyRequestSchema.safeParse({ id: "1", replyTo: "r", method: "balances", query: {} }).success).toBe(true);
  });
});

describe.skipIf(REDIS_SERVER === undefined)("the API table over redis", () => {
  let redis: TestRedis;
  let server: RedisHistoryServer;
  let client: RedisHistoryClient;
  let webApp: FastifyInstance;
  const collector = sampleQueries(0);
  const collectorApp = app({ queries: collector });

  beforeAll(async () => {
    redis = await startRedis(REDIS_SERVER!);
    const logger = createLogger({ level: "silent" }).logger;
    server = await startRedisHistoryServer({ link: testLink(redis), queries: collector, logger });
    client = await startRedisHistoryClient({ link: testLink(redis), logger });
    const queries = redisStateQueries({
      states: new TopicStates(),
      history: client,
      figures: async () => undefined,
      quote: "USDT",
      logger,
    });
    webApp = app({ queries });
  });
  afterAll(async () => {
    await webApp?.close();
    await client?.close();
    await server?.close();
    await collectorApp.close();
    redis?.stop();
  });

  it.each(ACCOUNT_READ_NAMES)(
    "%s: without its collector, a web instance answers from what it mirrors, marked partial",
    async (name) => {
      const logger = createLogger({ level: "silent" }).logger;
      const alone = await startRedisHistoryClient({ link: testLink(redis), logger, timeoutMs: 100 });
      // An account no collector answers for: every ask times out.
      const queries = redisStateQueries({
        states: new TopicStates(),
        history: alone,
        figures: async () => undefined,
        quote: "USDT",
        logger,
        account: "nobody",
      });
      const web = app({ queries });
      try {
        const answer = await web.inject({ method: "GET", url: urlOf(READS[name]) });
        expect(answer.statusCode).toBe(200);
        expect(answer.headers[HISTORY_HEADER.toLowerCase()]).toBe("partial");
      } finally {
        await web.close();
        await alone.close();
      }
    },
  );

  it.each(ACCOUNT_READ_NAMES)("%s: a web instance answers what its collector does, asked over redis", async (name) => {
    const row: ReadRow = READS[name];
    const before = collector.asked.get(name) ?? 0;
    const fromWeb = await webApp.inject({ method: "GET", url: urlOf(row) });
    expect(collector.asked.get(name)).toBe(before + 1);
    expect(fromWeb.statusCode).toBe(200);
    expect(fromWeb.headers[HISTORY_HEADER.toLowerCase()]).toBeUndefined();
    expect(fromWeb.body).toBe((await collectorApp.inject({ method: "GET", url: urlOf(row) })).body);
  });
});
