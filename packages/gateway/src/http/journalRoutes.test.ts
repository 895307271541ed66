import { MAX_STRATEGY_PREFIX_LENGTH, MAX_STRATEGY_PREFIXES } from "@mexc-live/contract";
import { DAY_MS, dec, fmt, HOUR_MS } from "@mexc-live/protocol";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { journalHistory as history, PAIRS, smallJournalHistory, T0 } from "../../test/journalHistory.js";
import { fillEvent } from "../../test/storeEvents.js";
import { TopicHub } from "../fanout/topicHub.js";
import { createMetrics } from "../metrics.js";
import type { GatewayStore } from "../store/index.js";
import { AccountDirectory, type AccountEntry } from "./accountDirectory.js";
import { buildApp } from "./app.js";
import type { GatewayQueries } from "./queries/gatewayQueries.js";

let app: FastifyInstance;
let store: GatewayStore;
const others: GatewayStore[] = [];
afterEach(async () => {
  await app?.close();
  store?.close();
  for (const other of others.splice(0)) other.close();
});

/** One account's history (test/journalHistory.ts). */
function start(seed = 7) {
  const account = history(seed);
  store = account.store;
  serve(account.queries);
  return account;
}

function serve(queries: GatewayQueries): void {
  app = buildApp({
    queries,
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
}

/** Two accounts' histories (seeds 7 and 8), read together without ?account=. */
function startTwo(logger?: FastifyBaseLogger) {
  const accounts = [history(7), history(8)];
  others.push(...accounts.map((account) => account.store));
  const entries: AccountEntry[] = accounts.map((account, i) => ({
    name: i === 0 ? "main" : "sub",
    mode: "live",
    topicAccount: i === 0 ? undefined : "sub",
    queries: account.queries,
    writes: undefined,
    alerts: undefined,
    health: () => sampleHealth(),
    equity: () => null,
  }));
  app = buildApp({
    queries: accounts[0]!.queries,
    accounts: new AccountDirectory(() => entries),
    ...(logger === undefined ? {} : { logger }),
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
}

const get = async (url: string) => {
  const response = await app.inject({ method: "GET", url });
  return { status: response.statusCode, json: () => response.json() };
};

interface Trip {
  symbol: string;
  strategy: string;
  realized: string;
  value: string | null;
  closeTime: number;
  openTime: number | null;
  holdingMs: number | null;
  quantity: string;
}

/** Every trip, page after page. */
async function allTrips(query: string): Promise<{ items: Trip[]; total: number; pages: number }> {
  const items: Trip[] = [];
  let cursor: string | null = null;
  let total = 0;
  let pages = 0;
  do {
    const page = (await get(`/api/journal/trips?${query}&limit=7${cursor === null ? "" : `&cursor=${cursor}`}`)).json();
    items.push(...page.items);
    total = page.total;
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null && pages < 1_000);
  return { items, total, pages };
}

/** The longest run of wins (1) or losses (-1) in trips in the order they closed; a breakeven ends a run. */
function longestRun(trips: readonly Trip[], sign: 1 | -1): number {
  let run = 0;
  let longest = 0;
  for (const trip of trips) {
    run = Math.sign(Number(trip.realized)) === sign ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

const sum = (values: readonly string[]) => fmt(values.reduce((acc, value) => acc.plus(value), dec("0")));

describe("the journal: round trips and their statistics", () => {
  it.each(["avg", "fifo"] as const)(
    "per pair, the trips' realized sum to GET /api/pnl's realized to the last digit (%s)",
    async (method) => {
      start();
      const pnl = (await get(`/api/pnl?method=${method}`)).json().items as { symbol: string; realized: string }[];
      const { items, total, pages } = await allTrips(`method=${method}`);
      expect(pages).toBeGreaterThan(2);
      expect(items.length).toBe(total);
      expect(new Set(items.map((trip) => `${trip.closeTime}/${trip.symbol}/${trip.realized}`)).size).toBe(total);
      for (const pair of PAIRS) {
        const realized = pnl.find((item) => item.symbol === pair.symbol)?.realized;
        const trips = items.filter((trip) => trip.symbol === pair.symbol);
        expect(trips.length).toBeGreaterThan(3);
        expect(sum(trips.map((trip) => trip.realized))).toBe(realized);
      }
      // Newest first; the holding time is the close minus the open.
      for (let i = 1; i < items.length; i++)
        expect(items[i - 1]!.closeTime).toBeGreaterThanOrEqual(items[i]!.closeTime);
      for (const trip of items) if (trip.openTime !== null) expect(trip.holdingMs).toBe(trip.closeTime - trip.openTime);
    },
  );

  it("total = stats.count = wins + losses + breakeven; stats.realized = the values summed; by strategy counts sum to count", async () => {
    const { end } = start();
    const range = `from=${T0 + 3 * DAY_MS}&to=${end - 2 * DAY_MS}&strategyPrefix=grid-,dca-`;
    const { items, total } = await allTrips(range);
    const summary = (await get(`/api/journal?${range}`)).json();
    const { stats } = summary;
    expect(total).toBeGreaterThan(5);
    expect(stats.count).toBe(total);
    expect(stats.wins + stats.losses + stats.breakeven).toBe(stats.count);
    expect(stats.realized).toBe(sum(items.flatMap((trip) => (trip.value === null ? [] : [trip.value]))));
    expect(stats.unpriced).toBe(items.filter((trip) => trip.value === null).length);
    expect(summary.byStrategy.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(stats.count);
    expect(new Set(items.map((trip) => trip.strategy))).toEqual(new Set(["grid-", "dca-", "manual"]));
    for (const trip of items) expect(trip.closeTime).toBeGreaterThanOrEqual(T0 + 3 * DAY_MS);
    for (const trip of items) expect(trip.closeTime).toBeLessThanOrEqual(end - 2 * DAY_MS);
    const performance = (await get(`/api/performance?from=${T0 + 3 * DAY_MS}&to=${end - 2 * DAY_MS}`)).json();
    expect(summary.againstHolding.pnl).toBe(performance.pnl);
  });

  it("ETHBTC's trips are worth their BTC realized at BTC's price then (null never guessed)", async () => {
    start();
    const { items } = await allTrips("symbol=ETHBTC");
    expect(items.length).toBeGreaterThan(3);
    for (const trip of items) {
      expect(trip.symbol).toBe("ETHBTC");
      if (trip.value !== null && trip.realized !== "0") expect(dec(trip.value).div(trip.realized).gt(1)).toBe(true);
    }
  });

  it("takes in fills stored after the first read", async () => {
    const { end } = start();
    const before = (await get("/api/journal/trips?symbol=BTCUSDT")).json().total;
    const buy = fillEvent({
      symbol: "BTCUSDT",
      tradeId: "late-b",
      orderId: "late-1",
      side: "BUY",
      price: "90",
      quantity: "1",
      amount: "90",
      fee: "0",
      feeCurrency: "USDT",
      timestamp: end + HOUR_MS,
    });
    const sell = fillEvent({
      symbol: "BTCUSDT",
      tradeId: "late-s",
      orderId: "late-2",
      side: "SELL",
      price: "95",
      quantity: "0.5",
      amount: "47.5",
      fee: "0",
      feeCurrency: "USDT",
      timestamp: end + 2 * HOUR_MS,
    });
    for (const fill of [buy, sell])
      store.upsertFill(fill, { feeValue: "0", feePairValue: "0", amountValue: fill.amount });
    const after = (await get("/api/journal/trips?symbol=BTCUSDT&method=avg")).json();
    expect(after.total).toBe(before + 1);
    const realized = (await get("/api/pnl?symbol=BTCUSDT&method=avg")).json().items[0].realized;
    const { items } = await allTrips("symbol=BTCUSDT&method=avg");
    expect(sum(items.map((trip) => trip.realized))).toBe(realized);
    // A later fill of the same order joins its trip: the trip's value follows (USDT: the value is the realized).
    const more = fillEvent({
      symbol: "BTCUSDT",
      tradeId: "late-s2",
      orderId: "late-2",
      side: "SELL",
      price: "99",
      quantity: "0.25",
      amount: "24.75",
      fee: "0",
      feeCurrency: "USDT",
      timestamp: end + 3 * HOUR_MS,
    });
    store.upsertFill(more, { feeValue: "0", feePairValue: "0", amountValue: more.amount });
    const joined = (await get("/api/journal/trips?symbol=BTCUSDT&method=avg&limit=1")).json();
    expect(joined.total).toBe(before + 1);
    expect(joined.items[0].closeTime).toBe(end + 3 * HOUR_MS);
    expect(joined.items[0].value).toBe(fmt(dec(joined.items[0].realized)));
  });

  it("refuses each parameter out of bounds with a 400 naming it", async () => {
    start();
    const tooMany = Array.from({ length: MAX_STRATEGY_PREFIXES + 1 }, (_, i) => `p${i}`).join(",");
    const atMost = Array.from({ length: MAX_STRATEGY_PREFIXES }, (_, i) => `p${i}`).join(",");
    expect((await get(`/api/journal?strategyPrefix=${atMost}`)).status).toBe(200);
    expect((await get(`/api/journal?strategyPrefix=${"x".repeat(MAX_STRATEGY_PREFIX_LENGTH)}`)).status).toBe(200);
    for (const [query, field] of [
      [`strategyPrefix=${tooMany}`, "strategyPrefix"],
      [`strategyPrefix=${"x".repeat(MAX_STRATEGY_PREFIX_LENGTH + 1)}`, "strategyPrefix"],
      ["strategyPrefix=a,,b", "strategyPrefix"],
      ["method=lifo", "method"],
      ["tz=Mars/Olympus", "tz"],
      ["from=yesterday", "from"],
      ["from=2025-05-09&to=2025-05-08", "to"],
      ["benchmark=DOGE", "benchmark"],
      ["limit=0", "limit"],
      ["limit=1001", "limit"],
      ["cursor=not-one", "cursor"],
      ["symbol=b!", "symbol"],
      ["sort=asc", "sort"],
    ] as const) {
      const route =
        field === "limit" || field === "cursor" || field === "symbol" ? "/api/journal/trips" : "/api/journal";
      const answer = await get(`${route}?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json().message, query).toMatch(new RegExp(`^${field}:`));
    }
    expect((await get("/api/journal/trips?limit=1000")).status).toBe(200);
  });

  it("for all accounts: a cursor no page gave is a 400 naming cursor on every list, logged below error and without a stack", async () => {
    const lines: { level: number; err?: { stack?: string } }[] = [];
    startTwo(pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) }));
    const junk = ["junk", "all.junk", "all.", "%FF", "all.eyJtYWluIjoianVuayJ9", "all.bnVsbA"];
    for (const route of ["/api/journal/trips", "/api/fills", "/api/orders", "/api/transfers", "/api/ledger"])
      for (const cursor of junk) {
        const answer = await get(`${route}?cursor=${cursor}`);
        expect(answer.status, `${route} ${cursor}`).toBe(400);
        expect(answer.json().message, `${route} ${cursor}`).toBe("cursor: must be the nextCursor of a previous page");
      }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.level >= 50 || line.err?.stack !== undefined)).toEqual([]);
  });

  it("for all accounts: every account's trips, each with its account; the statistics over them all", async () => {
    startTwo();
    const all = await allTrips("method=fifo");
    const main = await allTrips("method=fifo&account=main");
    const sub = await allTrips("method=fifo&account=sub");
    expect(all.total).toBe(main.total + sub.total);
    expect(new Set(all.items.map((trip) => (trip as Trip & { account: string }).account))).toEqual(
      new Set(["main", "sub"]),
    );
    expect(sum(all.items.map((trip) => trip.realized))).toBe(
      sum([...main.items, ...sub.items].map((trip) => trip.realized)),
    );
    const summary = (await get("/api/journal?method=fifo")).json();
    expect(summary.stats.count).toBe(all.total);
    const pnl = (await get("/api/pnl?method=fifo")).json().items as {
      symbol: string;
      realized: string;
      account?: string;
    }[];
    for (const pair of PAIRS) {
      const trips = all.items.filter((trip) => trip.symbol === pair.symbol);
      const realized = sum(pnl.filter((item) => item.symbol === pair.symbol).map((item) => item.realized));
      expect(sum(trips.map((trip) => trip.realized))).toBe(realized);
    }
  });

  it("for all accounts: a cursor no page gave is refused 400 naming cursor, as for one account", async () => {
    startTwo();
    for (const cursor of ["junk", "all.junk", `all.${Buffer.from('{"nobody":null}').toString("base64url")}`]) {
      const answer = await get(`/api/journal/trips?cursor=${cursor}`);
      expect(answer.status, cursor).toBe(400);
      expect(answer.json().message, cursor).toMatch(/^cursor: /);
    }
  });

  it("for all accounts: the statistics worked out again over the trips merged by close time, the comparisons summed", async () => {
    startTwo();
    const query = "method=fifo&benchmark=BTC";
    const summary = (await get(`/api/journal?${query}`)).json();
    const [main, sub] = [
      (await get(`/api/journal?${query}&account=main`)).json(),
      (await get(`/api/journal?${query}&account=sub`)).json(),
    ];
    const merged = (await allTrips("method=fifo")).items.reverse();
    const values = merged.flatMap((trip) => (trip.value === null ? [] : [dec(trip.value)]));
    expect(summary.stats).toMatchObject({
      count: merged.length,
      longestWinStreak: longestRun(merged, 1),
      longestLossStreak: longestRun(merged, -1),
      best: fmt(values.reduce((a, b) => (b.gt(a) ? b : a))),
      worst: fmt(values.reduce((a, b) => (b.lt(a) ? b : a))),
      realized: sum(values.map((value) => value.toFixed())),
    });
    // A streak is not a sum: the merged runs differ from either account's alone.
    expect([main.stats.longestWinStreak, sub.stats.longestWinStreak]).not.toContain(summary.stats.longestWinStreak);
    const performance = (await get("/api/performance?method=fifo")).json();
    expect(summary.againstHolding.pnl).toBe(performance.pnl);
    for (const field of ["holdingPnl", "difference"] as const)
      expect(summary.againstHolding[field]).toBe(sum([main.againstHolding[field], sub.againstHolding[field]]));
    for (const field of ["pnl", "benchmarkPnl", "difference"] as const)
      expect(summary.againstBenchmark[field]).toBe(sum([main.againstBenchmark[field], sub.againstBenchmark[field]]));
  });

  it("against holding still: pnl is Performance's of the same range, difference = pnl - holdingPnl", async () => {
    const { end } = start();
    for (const range of ["", `from=${T0 + 3 * DAY_MS}&to=${end - 2 * DAY_MS}`, `from=${T0 + DAY_MS}&method=fifo`]) {
      const { againstHolding } = (await get(`/api/journal?${range}`)).json();
      const performance = (await get(`/api/performance?${range}`)).json();
      expect(againstHolding.pnl, range).toBe(performance.pnl);
      expect(againstHolding.holdingPnl, range).not.toBeNull();
      expect(againstHolding.difference, range).toBe(fmt(dec(againstHolding.pnl).minus(againstHolding.holdingPnl)));
      expect(againstHolding.unpriced, range).toEqual(performance.unpriced);
    }
  });

  it("a history worked out by hand: held still it made 50, in BTC 500, the account 85", async () => {
    const small = smallJournalHistory();
    store = small.store;
    serve(small.queries);
    const summary = (await get("/api/journal?benchmark=btc")).json();
    expect((await get("/api/performance")).json().pnl).toBe("85");
    expect(summary.againstHolding).toEqual({ pnl: "85", holdingPnl: "50", difference: "35", unpriced: [] });
    expect(summary.againstBenchmark).toEqual({
      asset: "BTC",
      pnl: "85",
      benchmarkPnl: "500",
      difference: "-415",
      unpriced: [],
    });
    expect((await get("/api/journal")).json().againstBenchmark).toBeNull();
  });

  it("takes as benchmark only an asset with a price in the quote currency (a 400 naming benchmark otherwise)", async () => {
    start();
    for (const asset of ["ETH", "MX", "USDT"]) {
      const answer = await get(`/api/journal?benchmark=${asset}`);
      expect(answer.status, asset).toBe(200);
      expect(answer.json().againstBenchmark.asset).toBe(asset);
    }
    for (const [asset, message] of [
      ["DOGE", /^benchmark: DOGE has no price in USDT/],
      ["A".repeat(20), /^benchmark: A{20} has no price in USDT/],
      ["A".repeat(21), /^benchmark: must be 1-20 letters or digits/],
      ["BT-C", /^benchmark: must be 1-20 letters or digits/],
    ] as const) {
      const answer = await get(`/api/journal?benchmark=${asset}`);
      expect(answer.status, asset).toBe(400);
      expect(answer.json().message, asset).toMatch(message);
    }
  });

  it("the drawdown of the PnL curve (equity minus net deposits), non-negative, with its peak and trough", async () => {
    start();
    const { drawdown } = (await get("/api/journal")).json();
    expect(drawdown).toEqual({
      max: "200",
      maxPct: fmt(dec("200").div("5100")),
      peakTime: T0 + 2 * DAY_MS,
      troughTime: T0 + 3 * DAY_MS,
      current: "50",
      currentPct: fmt(dec("50").div("5100")),
    });
  });

  it("a date alone is midnight in the zone asked", async () => {
    const { end } = start();
    const day = new Date(end - 5 * DAY_MS).toISOString().slice(0, 10);
    const utc = (await get(`/api/journal/trips?from=${day}&limit=1000`)).json();
    const tokyo = (await get(`/api/journal/trips?from=${day}&tz=Asia/Tokyo&limit=1000`)).json();
    const fromTokyo = Date.parse(day) - 9 * HOUR_MS;
    expect(tokyo.items.every((trip: Trip) => trip.closeTime >= fromTokyo)).toBe(true);
    expect(tokyo.total).toBe((await get(`/api/journal/trips?from=${fromTokyo}&limit=1000`)).json().total);
    expect(tokyo.total).toBeGreaterThanOrEqual(utc.total);
  });
});
