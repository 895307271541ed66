import { Decimal as Big, DAY_MS, HOUR_MS } from "@mexc-live/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCS_ACCOUNT, sendSigned, testSimulator } from "../../test/restKit.js";
import type { SimulatorParts } from "../simulator.js";

/** A simulator whose funded accounts (demo and docs) start with 30 days of past. */
let sim: SimulatorParts;
let now: number;
beforeAll(() => {
  sim = testSimulator({ historyDays: 30 });
  now = Date.now();
});
afterAll(() => sim?.close());

const demo = () => ({ apiKey: sim.apiKey, secretKey: sim.secretKey });
const get = async (path: string, params: Record<string, string> = {}, credentials = demo()) => {
  const response = await sendSigned(sim, credentials, "GET", path, params);
  return { status: response.statusCode, body: response.json() };
};
const ago = (ms: number) => String(now - ms);
/** REST filters on the whole-second times it answers (docs/mexc/undocumented.md item 11.3). */
const wholeSecond = (time: number) => Math.floor(time / 1000) * 1000;
const inWindow = (time: number, from: number, to: number) => time >= from && time <= to;
/** The symbol with the most entries in [from, to]: the seed's plan decides which pairs traded when. */
const busiest = (entries: readonly { symbol: string; time: number }[], from: number, to: number) => {
  const counts = new Map<string, number>();
  for (const { symbol, time } of entries)
    if (inWindow(time, from + 1000, to - 1000)) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "BTCUSDT";
};

describe("30 days of past (historyDays) through REST", () => {
  it("starts the demo and docs accounts at their configured balances, with a month of trades behind them", async () => {
    const account = (await get("/api/v3/account")).body;
    expect(
      account.balances.map((balance: { asset: string; free: string }) => `${balance.asset} ${balance.free}`),
    ).toEqual(["USDT 25000", "BTC 0.35", "ETH 4.2", "SOL 55", "MX 1200", "FROP 1425.17"]);
    const docs = (await get("/api/v3/account", {}, DOCS_ACCOUNT)).body;
    expect(docs.balances.map((balance: { asset: string; free: string }) => `${balance.asset} ${balance.free}`)).toEqual(
      ["USDT 100000", "BTC 2"],
    );
    expect(sim.exchange.ledger("docs").trades.length).toBeGreaterThan(100);
  });

  it("keeps the ledger property over the whole simulator: journals sum to balances, nothing negative, totals match credits", () => {
    const { exchange } = sim;
    const totals = new Map<string, Big>();
    const addTo = (asset: string, amount: Big) => totals.set(asset, (totals.get(asset) ?? new Big(0)).plus(amount));
    for (const account of exchange.accountNames()) {
      const journal = exchange.journal(account);
      const balances = exchange.balances(account);
      if (journal.length === 0) {
        for (const balance of balances) addTo(balance.asset, new Big(balance.free).plus(balance.locked));
        continue;
      }
      for (const entry of journal) {
        expect(new Big(entry.free).gte(0) && new Big(entry.locked).gte(0), `${account} ${entry.asset}`).toBe(true);
        addTo(entry.asset, new Big(entry.freeChange).plus(entry.lockedChange));
      }
      for (const balance of balances) {
        const entries = journal.filter((entry) => entry.asset === balance.asset);
        const free = entries.reduce((total, entry) => total.plus(entry.freeChange), new Big(0));
        expect(`${account} ${balance.asset} ${free.toFixed()}`).toBe(`${account} ${balance.asset} ${balance.free}`);
      }
    }
    expect(new Map([...totals].map(([asset, total]) => [asset, total.toFixed()]))).toEqual(exchange.credited());
  });

  it("myTrades serves fills from 29 days ago, in whole seconds, but refuses a startTime 31 days ago", async () => {
    const [from, to] = [now - 29 * DAY_MS - 12 * HOUR_MS, now - 28 * DAY_MS];
    // The symbol the seed traded most in the window: the answer must be exactly the ledger's fills there.
    const symbol = busiest(sim.exchange.ledger("demo").trades, from, to);
    const expected = sim.exchange
      .ledger("demo")
      .trades.filter((trade) => trade.symbol === symbol && inWindow(wholeSecond(trade.time), from, to));
    expect(expected.length).toBeGreaterThan(0);
    const old = await get("/api/v3/myTrades", { symbol, startTime: String(from), endTime: String(to) });
    expect(old.status).toBe(200);
    expect(old.body.map((trade: { id: string }) => trade.id).sort()).toEqual(expected.map((trade) => trade.id).sort());
    for (const trade of old.body) {
      expect(trade.time % 1000).toBe(0);
      expect(trade.time).toBeLessThan(now - 28 * DAY_MS);
      expect(trade.id).toMatch(/^\d{18}X1$/);
    }
    const refused = await get("/api/v3/myTrades", { symbol: "BTCUSDT", startTime: ago(31 * DAY_MS) });
    expect(refused.body).toEqual({ code: 33333, msg: "startTime cannot be more than 30 days ago" });
  });

  it("allOrders serves only the last 7 days: 24 h by default, a window 6 to 7 days ago, nothing older", async () => {
    const lastDay = (await get("/api/v3/allOrders", { symbol: "ETHUSDT" })).body;
    expect(lastDay.length).toBeGreaterThan(0);
    for (const order of lastDay) expect(order.time).toBeGreaterThanOrEqual(now - DAY_MS - 1000);
    const [from, to] = [now - 7 * DAY_MS + HOUR_MS, now - 6 * DAY_MS];
    const symbol = busiest(sim.exchange.ledger("demo").orders, from, to);
    const weekAgo = await get("/api/v3/allOrders", { symbol, startTime: String(from), endTime: String(to) });
    expect(weekAgo.body.length).toBeGreaterThan(0);
    expect(new Set(weekAgo.body.map((order: { status: string }) => order.status)).has("FILLED")).toBe(true);
    const older = await get("/api/v3/allOrders", {
      symbol: "ETHUSDT",
      startTime: ago(8 * DAY_MS),
      endTime: ago(7.5 * DAY_MS),
    });
    expect(older.body).toEqual({ code: 33333, msg: "startTime cannot be more than 7 days ago" });
    const tooLong = await get("/api/v3/allOrders", {
      symbol: "ETHUSDT",
      startTime: ago(7.5 * DAY_MS),
      endTime: ago(0),
    });
    expect(tooLong.body.code).toBe(33333);
  });

  it("GET /api/v3/order answers a past order by id, like a live one", async () => {
    const past = sim.exchange.ledger("demo").orders.find((order) => order.status === "PARTIALLY_CANCELED")!;
    const { body } = await get("/api/v3/order", { symbol: past.symbol, orderId: past.orderId });
    expect(body).toMatchObject({
      orderId: past.orderId,
      status: "PARTIALLY_CANCELED",
      executedQty: past.executedQty,
      time: Math.floor(past.time / 1000) * 1000,
      updateTime: Math.floor(past.updateTime / 1000) * 1000,
    });
  });

  it("the wallet history serves the 30 days of deposits and withdrawals in 7-day windows", async () => {
    const { deposits, withdrawals, transfers } = sim.exchange.ledger("demo");
    expect(deposits.length).toBeGreaterThan(6); // one initial deposit per asset, then a few
    expect(withdrawals.length).toBeGreaterThan(0);
    const collect = async (path: string) => {
      const seen: unknown[] = [];
      for (let week = 0; week < 5; week++) {
        const { status, body } = await get(path, {
          startTime: ago((week + 1) * 7 * DAY_MS),
          endTime: ago(week * 7 * DAY_MS + (week === 0 ? 0 : 1)),
        });
        expect(status).toBe(200);
        seen.push(...body);
      }
      return seen;
    };
    const depositIds = (await collect("/api/v3/capital/deposit/hisrec")).map(
      (entry) => (entry as { txId: string }).txId,
    );
    expect(depositIds.sort()).toEqual(deposits.map((deposit) => deposit.txId).sort());
    const withdrawalIds = (await collect("/api/v3/capital/withdraw/history")).map(
      (entry) => (entry as { id: string }).id,
    );
    expect(withdrawalIds.sort()).toEqual(withdrawals.map((withdrawal) => withdrawal.id).sort());
    const oldest = Math.min(...deposits.map((deposit) => deposit.insertTime));
    expect(oldest).toBeLessThan(now - 29 * DAY_MS);

    const both = async (fromAccountType: string, toAccountType: string) =>
      (
        await get("/api/v3/capital/transfer", {
          fromAccountType,
          toAccountType,
          startTime: ago(31 * DAY_MS),
          size: "100",
        })
      ).body.total;
    expect((await both("SPOT", "FUTURES")) + (await both("FUTURES", "SPOT"))).toBe(transfers.length);
  });

  it("refuses a historyDays that is negative or not a whole number", () => {
    expect(() => testSimulator({ historyDays: -1 })).toThrow(
      "historyDays must be a whole number from 0 to 365, got -1",
    );
    expect(() => testSimulator({ historyDays: 1.5 })).toThrow(/got 1.5/);
  });

  it("shows the past in GET /_sim/ledger", async () => {
    const ledger = (await sim.app.inject({ method: "GET", url: "/_sim/ledger?account=demo" })).json();
    expect(ledger.trades.length).toBe(sim.exchange.ledger("demo").trades.length);
    expect(ledger.deposits[0]).toMatchObject({ asset: "USDT", status: 5 });
    expect(ledger.deposits[0].time).toBeLessThan(now - 29 * DAY_MS);
  });
});
