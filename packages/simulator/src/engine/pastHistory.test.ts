import { Decimal as Big, DAY_MS } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { START_TIME, testExchange } from "../../test/testExchange.js";
import { createPastPath } from "../market/pastPath.js";
import { createPastPrices } from "../market/pastPrices.js";
import { planPastTrading } from "../market/pastTrading.js";
import type { PastPlan } from "../pastPlan.js";
import { createRandom } from "../random.js";
import { DEFAULT_SYMBOLS } from "../symbols.js";
import { FEE_ACCOUNT } from "./matching.js";
import { PAST_MARKET_ACCOUNT } from "./pastHistory.js";

const DEMO_BALANCES = { USDT: "25000", BTC: "0.35", ETH: "4.2", SOL: "55", MX: "1200", FROP: "1425.17" };
const DOCS_BALANCES = { USDT: "100000", BTC: "2" };

const sum = (values: Iterable<string>) => [...values].reduce((total, value) => total.plus(value), new Big(0));

/** An exchange whose "demo" (MX fees) and "docs" accounts were given `days` of past by the planner. */
function withPast(seed: number, days: number) {
  const t = testExchange({ seed: 5 });
  t.exchange.createAccount("demo", { mxFeeDeduction: true });
  t.exchange.createAccount("docs");
  const random = createRandom(seed);
  const now = t.clock.now();
  const path = createPastPath({ seed, dailyVolatility: 0.03, from: now - (days + 1) * DAY_MS, now, seeded: () => [] });
  const priceAt = createPastPrices({ random, path });
  const plans = [
    planPastTrading({ account: "demo", balances: DEMO_BALANCES, symbols: DEFAULT_SYMBOLS, days, now, random, priceAt }),
    planPastTrading({ account: "docs", balances: DOCS_BALANCES, symbols: DEFAULT_SYMBOLS, days, now, random, priceAt }),
  ];
  t.exchange.recordPast(plans, random);
  return { t, plans };
}

describe("an account's past (historyDays)", () => {
  it("ends exactly at the configured balances: journals sum to them, nothing negative on the way, totals match credits", () => {
    const { t } = withPast(1, 30);
    const { exchange } = t;
    expect(t.events).toEqual([]); // no pushes for past events
    for (const [account, configured] of [
      ["demo", DEMO_BALANCES],
      ["docs", DOCS_BALANCES],
    ] as const) {
      const balances = exchange.balances(account);
      expect(Object.fromEntries(balances.map((balance) => [balance.asset, balance.free]))).toEqual(configured);
      expect(balances.every((balance) => balance.locked === "0")).toBe(true);
      const journal = exchange.journal(account);
      for (const asset of Object.keys(configured)) {
        const entries = journal.filter((entry) => entry.asset === asset);
        expect(sum(entries.map((entry) => entry.freeChange)).toFixed(), `${account} ${asset}`).toBe(
          configured[asset as keyof typeof configured],
        );
        expect(sum(entries.map((entry) => entry.lockedChange)).toFixed()).toBe("0");
      }
      for (const entry of journal) {
        expect(new Big(entry.free).gte(0) && new Big(entry.locked).gte(0), `${account} ${entry.asset}`).toBe(true);
      }
      const times = journal.map((entry) => entry.time);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]).toBeGreaterThanOrEqual(START_TIME - 30 * DAY_MS);
      expect(times.at(-1)).toBeLessThan(START_TIME);
    }

    const totals = new Map<string, Big>();
    const addTo = (asset: string, amount: Big) => totals.set(asset, (totals.get(asset) ?? new Big(0)).plus(amount));
    for (const account of exchange.accountNames()) {
      const journal = exchange.journal(account);
      if (journal.length > 0)
        for (const entry of journal) addTo(entry.asset, new Big(entry.freeChange).plus(entry.lockedChange));
      else
        for (const balance of exchange.balances(account))
          addTo(balance.asset, new Big(balance.free).plus(balance.locked));
    }
    expect(exchange.accountNames()).toEqual(expect.arrayContaining([PAST_MARKET_ACCOUNT, FEE_ACCOUNT]));
    expect(new Map([...totals].map(([asset, total]) => [asset, total.toFixed()]))).toEqual(exchange.credited());
  });

  it("holds a realistic month: 10-40 fills a day, FILLED, CANCELED and PARTIALLY_CANCELED orders, deposits, withdrawals and transfers", () => {
    const { t } = withPast(2, 30);
    const { orders, trades, deposits, withdrawals, transfers } = t.exchange.ledger("demo");
    expect(trades.length).toBeGreaterThan(300);
    expect(trades.length).toBeLessThan(1200);
    expect(new Set(orders.map((order) => order.status))).toEqual(new Set(["FILLED", "CANCELED", "PARTIALLY_CANCELED"]));
    expect(new Set(orders.map((order) => order.type))).toEqual(new Set(["LIMIT", "MARKET"]));
    expect(new Set(trades.map((trade) => trade.symbol))).toEqual(
      new Set(["BTCUSDT", "ETHUSDT", "SOLUSDT", "MXUSDT", "ETHBTC"]),
    );
    // The demo account pays its fees in MX; the initial deposit of each asset comes first.
    expect(trades.filter((trade) => trade.commission !== "0").every((trade) => trade.commissionAsset === "MX")).toBe(
      true,
    );
    expect(deposits.slice(0, 6).map((deposit) => deposit.asset)).toEqual(Object.keys(DEMO_BALANCES));
    expect(deposits.length).toBeGreaterThan(6);
    expect(withdrawals.length).toBeGreaterThan(0);
    expect(transfers.length).toBeGreaterThan(0);
    // Fills sit between their order's placement and its end; prices stay on the symbol's scale.
    const byId = new Map(orders.map((order) => [order.orderId, order]));
    for (const trade of trades) {
      const order = byId.get(trade.orderId)!;
      expect(trade.time).toBeGreaterThanOrEqual(order.time);
      expect(trade.time).toBeLessThanOrEqual(order.updateTime);
      const initial = DEFAULT_SYMBOLS.find((config) => config.symbol === trade.symbol)!.initialPrice;
      const ratio = new Big(trade.price).div(initial);
      expect(ratio.gt(0.5) && ratio.lt(2), `${trade.symbol} ${trade.price}`).toBe(true);
    }
  });

  it("charges fees as the engine does: the maker or taker rate on what was received", () => {
    const { t } = withPast(3, 10);
    for (const trade of t.exchange.ledger("docs").trades) {
      const rate = trade.isMaker ? "0" : "0.0005"; // BTCUSDT
      const received = trade.isBuyer ? trade.qty : trade.quoteQty;
      expect(trade.commission).toBe(new Big(received).times(rate).toFixed());
      expect(trade.commissionAsset).toBe(trade.isBuyer ? "BTC" : "USDT");
    }
  });

  it("gives ids of the live shapes, increasing with time over all accounts, below every live id", () => {
    const { t } = withPast(4, 5);
    const sequence = (id: string) => BigInt(id.replace(/^C02__/, "").slice(0, 18));
    const orders = ["demo", "docs"].flatMap((account) => t.exchange.ledger(account).orders);
    orders.sort((a, b) => a.time - b.time);
    for (const order of orders) expect(order.orderId).toMatch(/^C02__\d{21}$/);
    const ids = orders.map((order) => sequence(order.orderId));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    for (const trade of t.exchange.ledger("demo").trades) expect(trade.id).toMatch(/^\d{18}X1$/);
    t.exchange.createAccount("live");
    t.exchange.credit("live", "USDT", "1000");
    const live = t.exchange.placeOrder({
      account: "live",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "1000",
      quantity: "0.01",
    });
    expect(sequence(live.orderId) > ids.at(-1)!).toBe(true);
  });

  it("is the same for the same seed, and differs for another", () => {
    const ledger = (seed: number) => JSON.stringify(withPast(seed, 7).t.exchange.ledger("demo"));
    const first = ledger(11);
    expect(ledger(11)).toBe(first);
    expect(ledger(12)).not.toBe(first);
  });

  it("covers a dip below zero with a larger initial deposit and takes the excess back out after it", () => {
    const t = testExchange();
    t.exchange.createAccount("dip");
    const start = START_TIME - 3 * DAY_MS;
    const plan: PastPlan = {
      account: "dip",
      balances: { USDT: "10" },
      start,
      actions: [
        { kind: "transfer", asset: "USDT", amount: "1000", direction: "out", time: start + DAY_MS },
        { kind: "transfer", asset: "USDT", amount: "1000", direction: "in", time: start + 2 * DAY_MS },
      ],
    };
    t.exchange.recordPast([plan], createRandom(1));
    const { deposits, withdrawals, balances } = t.exchange.ledger("dip");
    expect(balances).toEqual([{ asset: "USDT", free: "10", locked: "0" }]);
    expect(deposits.map((deposit) => deposit.amount)).toEqual(["1001"]); // 10 + 990 short + the 1 USDT fee
    expect(withdrawals.map((withdrawal) => `${withdrawal.amount} ${withdrawal.fee}`)).toEqual(["991 1"]);
    expect(withdrawals[0]!.applyTime).toBeGreaterThan(start + 2 * DAY_MS);
    for (const entry of t.exchange.journal("dip")) expect(new Big(entry.free).gte(0)).toBe(true);
  });

  it("refuses a plan whose actions overlap, or an account that already holds something", () => {
    const t = testExchange();
    t.exchange.createAccount("a");
    const start = START_TIME - DAY_MS;
    const order = {
      kind: "order",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "90000",
      quantity: "0.001",
      time: start + 1000,
      fills: [],
      canceledAt: start + 60_000,
    } as const;
    const overlapping: PastPlan = {
      account: "a",
      balances: { USDT: "1000" },
      start,
      actions: [order, { ...order, time: start + 30_000 }],
    };
    expect(() => t.exchange.recordPast([overlapping], createRandom(1))).toThrow(/overlaps/);
    t.exchange.createAccount("b");
    t.exchange.credit("b", "USDT", "1");
    expect(() => t.exchange.recordPast([{ ...overlapping, account: "b", actions: [] }], createRandom(1))).toThrow(
      /already holds/,
    );
  });
});
