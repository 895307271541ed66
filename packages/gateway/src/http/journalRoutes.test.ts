import { MAX_STRATEGY_PREFIX_LENGTH, MAX_STRATEGY_PREFIXES } from "@mexc-live/contract";
import { DAY_MS, dec, fmt, HOUR_MS } from "@mexc-live/protocol";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { minuteCandles } from "../../test/candles.js";
import { balanceEvent, fillEvent, transferEvent } from "../../test/storeEvents.js";
import { Figures, PriceBook, valueFill } from "../derive/index.js";
import { TopicHub } from "../fanout/topicHub.js";
import { createFieldMask } from "../ingest/fieldMask.js";
import { rebuildFigures } from "../ingest/figuresFromStore.js";
import { standalonePortfolio } from "../ingest/portfolioQueries.js";
import { createMetrics } from "../metrics.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { AccountDirectory, type AccountEntry } from "./accountDirectory.js";
import { buildApp } from "./app.js";
import { storeQueries } from "./queries/storeQueries.js";

let app: FastifyInstance;
let store: GatewayStore;
const others: GatewayStore[] = [];
afterEach(async () => {
  await app?.close();
  store?.close();
  for (const other of others.splice(0)) other.close();
});

const T0 = Date.UTC(2025, 4, 5);
const PAIRS = [
  { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT", price: 100 },
  { symbol: "ETHUSDT", baseAsset: "ETH", quoteAsset: "USDT", price: 20 },
  { symbol: "ETHBTC", baseAsset: "ETH", quoteAsset: "BTC", price: 0.2 },
] as const;
const CLIENT_IDS = ["grid-1", "grid-2", "dca-7", "", "manualish"];

/** A seeded generator (mulberry32): the same history every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Orders of 1-3 fills on three pairs, buys and sells (some larger than held), fees in quote, base and MX. */
function start(seed = 7) {
  const account = history(seed);
  store = account.store;
  app = buildApp({
    queries: account.queries,
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
  return account;
}

/** Two accounts' histories (seeds 7 and 8), read together without ?account=. */
function startTwo() {
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
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
}

function history(seed: number) {
  const store = openStore({ path: ":memory:" });
  const book = new PriceBook();
  book.setMarkets([...PAIRS, { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" }]);
  book.update("MXUSDT", "3");
  book.update("BTCUSDT", "100");
  const next = random(seed);
  let time = T0;
  let trade = 0;
  for (let order = 0; order < 120; order++) {
    const pair = PAIRS[Math.floor(next() * PAIRS.length)] as (typeof PAIRS)[number];
    const side = next() < 0.55 ? "BUY" : "SELL";
    const clientOrderId = CLIENT_IDS[Math.floor(next() * CLIENT_IDS.length)] as string;
    const fills = 1 + Math.floor(next() * 3);
    for (let f = 0; f < fills; f++) {
      time += Math.floor(next() * 6 * HOUR_MS);
      const price = (pair.price * (0.8 + next() * 0.4)).toFixed(pair.price < 1 ? 5 : 2);
      const quantity = (0.1 + next() * 2).toFixed(3);
      const amount = dec(price).times(quantity).toFixed();
      const feeKind = next();
      const [fee, feeCurrency] =
        feeKind < 0.4
          ? [dec(amount).times("0.001").toFixed(), pair.quoteAsset]
          : feeKind < 0.7
            ? [dec(quantity).times("0.001").toFixed(), pair.baseAsset]
            : ["0.01", "MX"];
      const fill = fillEvent({
        symbol: pair.symbol,
        tradeId: `t${String(++trade).padStart(5, "0")}`,
        orderId: `o${order}`,
        clientOrderId,
        side,
        price,
        quantity,
        amount,
        fee,
        feeCurrency,
        timestamp: time,
      });
      book.update(pair.symbol, price);
      store.upsertFill(fill, valueFill(fill, book));
    }
  }
  store.upsertTransfer(transferEvent({ id: "dep", amount: "5000", time: T0 - DAY_MS }));
  store.applyBalance(balanceEvent({ asset: "USDT", free: "5000", source: "rest", timestamp: time + HOUR_MS }));
  const figures = new Figures(book, "avg");
  rebuildFigures(figures, store, book);
  // 1000 withdrawn on the third day: the PnL curve (equity - net flows) is 0, 100, -100, 50.
  store.upsertTransfer(
    transferEvent({ id: "wd", type: "withdrawal", direction: "out", amount: "1000", time: T0 + 2.5 * DAY_MS }),
  );
  for (const [day, equity] of [
    [1, "5000"],
    [2, "5100"],
    [3, "3900"],
    [4, "4050"],
  ] as const)
    store.addEquitySnapshot({ time: T0 + day * DAY_MS, equity, byAsset: { USDT: equity } });
  const candles = minuteCandles({ BTCUSDT: () => "100", ETHUSDT: () => "20", ETHBTC: () => "0.2", MXUSDT: () => "3" });
  const portfolio = standalonePortfolio(store, book, "avg", candles);
  const queries = storeQueries(store, figures, book, createFieldMask([]), undefined, portfolio);
  return { figures, store, queries, end: time };
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
    const { figures, end } = start();
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
    for (const fill of [buy, sell]) {
      store.upsertFill(fill, { feeValue: "0", feePairValue: "0", amountValue: fill.amount });
      figures.applyFill({ ...fill, time: fill.timestamp, feeValue: "0", feePairValue: "0", amountValue: fill.amount });
    }
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
