/**
 * The first start's backfill against the real simulator with a month of past activity, its REST
 * answered through a recording proxy: everything MEXC still serves is stored, no request is one
 * MEXC would refuse, and a restart in the middle resumes without a gap or a window fetched twice.
 */
import { createMexcClient, type MexcClient } from "@mexc-live/client";
import {
  ALL_ORDERS_MAX_WINDOW_MS,
  MY_TRADES_MAX_AGE_MS,
  WALLET_HISTORY_MAX_AGE_MS,
  WALLET_HISTORY_MAX_SPAN_MS,
} from "@mexc-live/protocol/limits";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { type RecordingProxy, startRecordingProxy } from "../../test/recordingProxy.js";
import { type MarketSymbol, PriceBook } from "../figures/index.js";
import { createLogger } from "../logging.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { Backfill } from "./backfill.js";

let sim: RunningSimulator | undefined;
let proxy: RecordingProxy | undefined;
let client: MexcClient | undefined;
let store: GatewayStore | undefined;

afterEach(async () => {
  await client?.close();
  await proxy?.close();
  await sim?.close();
  store?.close();
  client = proxy = sim = store = undefined;
});

const QUIET = { makerRequoteMs: 3_600_000, takerIntervalMs: 3_600_000, seedHistoryMinutes: 60 };

async function setUp() {
  sim = await startSimulator({ port: 0, seed: 12, admin: true, demoTrader: false, historyDays: 30, market: QUIET });
  proxy = await startRecordingProxy(sim.rest);
  client = createMexcClient({ apiKey: sim.apiKey, apiSecret: sim.secretKey, restUrl: proxy.url, wsUrl: sim.ws });
  store = openStore({ path: ":memory:" });
  const book = new PriceBook();
  book.setMarkets((await client.exchangeInfo()).symbols as readonly MarketSymbol[]);
  // The balances as the first reconciliation stores them.
  for (const balance of (await client.account()).balances) {
    store.applyBalance({
      ...balance,
      freeChange: "0",
      lockedChange: "0",
      changeType: "RECONCILE",
      timestamp: Date.now(),
      source: "rest",
    });
  }
  return book;
}

function backfill(book: PriceBook, onWindow: () => void = () => {}) {
  return new Backfill({
    client: client!,
    store: store!,
    book,
    quote: "USDT",
    symbols: [],
    logger: createLogger({ level: "silent" }).logger,
    now: () => Date.now(),
    live: () => true,
    onStored: () => {},
    onProgress: onWindow,
    pacingMs: 0,
  });
}

async function ledger() {
  const response = await fetch(`${sim!.rest}/_sim/ledger`);
  return (await response.json()) as {
    trades: { id: string; orderId: string; time: number }[];
    deposits: { id: string; time: number }[];
    withdrawals: { id: string; time: number }[];
  };
}

describe("the first start's backfill against a month of history", () => {
  it("stores every fill MEXC still serves and every deposit, withdrawal, internal transfer and dust conversion, asking nothing MEXC would refuse", async () => {
    const book = await setUp();
    const sentInside = sim!.exchange.internalTransfer("demo", { asset: "USDT", amount: "75", direction: "out" });
    sim!.exchange.internalTransfer("demo", { asset: "USDT", amount: "12", direction: "in" });
    const dust = sim!.exchange.convertDust("demo", ["FROP"]);
    const job = backfill(book);
    expect(store!.historyBeingRead()).toBe(false);
    job.start();
    // Before its plan (written once the live stream is up): the figures' first answers wait on it.
    expect(store!.backfill().plan).toBeUndefined();
    expect(store!.historyBeingRead()).toBe(true);
    await job.whenDone();
    expect(store!.historyBeingRead()).toBe(false);
    const progress = job.progress()!;
    expect(progress.state).toBe("complete");
    expect(progress.days).toEqual({ done: 30, total: 30 });

    const sent = await ledger();
    const from = progress.from;
    const served = sent.trades.filter((trade) => trade.time >= from);
    expect(served.length).toBeGreaterThan(100);
    const stored = [...store!.allFills()].map((fill) => fill.tradeId).sort();
    expect(stored).toEqual([...new Set(served.map((trade) => trade.id))].sort());
    const transfers = store!.transferCounts();
    expect(transfers.deposit).toBe(sent.deposits.length);
    // The internal transfer sent is in the withdrawal history too (transferType 1): stored once, as one.
    expect(transfers.withdrawal).toBe(sent.withdrawals.length - 1);
    expect(transfers.internal_transfer).toBe(2);
    expect(transfers.conversion).toBe(dust.details.length + 1);
    const inside = store!.allTransfers().find((transfer) => transfer.id === sentInside.tranId);
    expect(inside).toMatchObject({ type: "internal_transfer", direction: "out", amount: "75" });
    expect(sent.deposits.length).toBeGreaterThan(0);
    expect(progress.counts.fills).toBe(stored.length);

    const requests = proxy!.requests;
    // A 429 is MEXC's 20-a-second pace (the client waits it out; on a loaded machine its requests
    // can bunch up), not a request MEXC would refuse as such: every other answer is a 200.
    expect(
      requests.filter((r) => r.status !== 200 && r.status !== 429).map((r) => `${r.status} ${r.path}?${r.query}`),
    ).toEqual([]);
    const started = progress.plannedAt;
    for (const r of requests) {
      const start = Number(r.query.get("startTime"));
      const end = Number(r.query.get("endTime"));
      if (r.path === "/api/v3/myTrades") expect(start).toBeGreaterThanOrEqual(started - MY_TRADES_MAX_AGE_MS);
      if (r.path === "/api/v3/allOrders") expect(end - start).toBeLessThanOrEqual(ALL_ORDERS_MAX_WINDOW_MS);
      if (r.path === "/api/v3/capital/deposit/hisrec" || r.path === "/api/v3/capital/withdraw/history") {
        expect(end - start).toBeLessThanOrEqual(WALLET_HISTORY_MAX_SPAN_MS);
        expect(start).toBeGreaterThanOrEqual(started - WALLET_HISTORY_MAX_AGE_MS);
      }
    }
  }, 120_000);

  it("resumes after a restart in the middle: no window fetched twice, none skipped", async () => {
    const book = await setUp();
    let windows = 0;
    let reached: () => void = () => {};
    const twentyFive = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const first = backfill(book, () => {
      if (++windows === 25) reached();
    });
    first.start();
    await twentyFive;
    await first.close();
    const doneBefore = store!.backfill().windows.filter((window) => window.doneAt !== null).length;
    expect(doneBefore).toBeGreaterThan(0);
    expect(store!.backfill().plan?.completedAt).toBeNull();

    const second = backfill(book);
    second.start();
    await second.whenDone();
    expect(second.progress()?.state).toBe("complete");

    // Each window's first myTrades request asks from one second before the window: no window twice.
    const windowStarts = proxy!.requests
      .filter((r) => r.path === "/api/v3/myTrades" && !r.query.has("orderId") && r.status === 200)
      .map((r) => `${r.query.get("symbol")} ${r.query.get("startTime")} ${r.query.get("endTime")}`);
    expect(windowStarts.length).toBeGreaterThan(0);
    expect(windowStarts.length).toBe(new Set(windowStarts).size);
    // Answered requests only: a 429's retry asks the same again (MEXC's pace, not a window twice).
    const walletWindows = proxy!.requests
      .filter((r) => r.path.startsWith("/api/v3/capital/") && r.status === 200)
      .map(
        (r) =>
          `${r.path} ${r.query.get("startTime")} ${r.query.get("endTime")} ${r.query.get("fromAccountType")} ${r.query.get("page")}`,
      );
    // Each window once; a withdrawal window twice at most: the internal transfers' window reads it
    // again to tell which of them the account sent (transferType 1).
    const times = new Map<string, number>();
    for (const window of walletWindows) times.set(window, (times.get(window) ?? 0) + 1);
    for (const [window, count] of times) {
      expect(count, window).toBeLessThanOrEqual(window.startsWith("/api/v3/capital/withdraw/history") ? 2 : 1);
    }

    const sent = await ledger();
    const from = second.progress()!.from;
    const stored = [...store!.allFills()].map((fill) => fill.tradeId).sort();
    expect(stored).toEqual(
      [...new Set(sent.trades.filter((trade) => trade.time >= from).map((trade) => trade.id))].sort(),
    );
  }, 120_000);

  it("gives a plan finished before internal transfers and dust conversions were read their windows, and reads them", async () => {
    const book = await setUp();
    const now = Date.now();
    // The kinds an older release planned, done.
    const old = (["deposit", "withdrawal", "transfer"] as const).map((kind) => ({
      kind,
      symbol: "",
      start: now - 1_000,
      end: now,
    }));
    store!.planBackfill({ plannedAt: now, historyFrom: now - MY_TRADES_MAX_AGE_MS }, old);
    for (const window of old) store!.completeBackfillWindow(window, () => 0);
    store!.completeBackfill(now);
    sim!.exchange.internalTransfer("demo", { asset: "USDT", amount: "9", direction: "in" });
    const job = backfill(book);
    job.start();
    await job.whenDone();
    const kinds = new Set(store!.backfill().windows.map((window) => window.kind));
    expect([...kinds].sort()).toEqual(["conversion", "deposit", "internal_transfer", "transfer", "withdrawal"]);
    expect(store!.backfill().windows.every((window) => window.doneAt !== null)).toBe(true);
    expect(store!.transferCounts().internal_transfer).toBe(1);
  }, 60_000);
});
