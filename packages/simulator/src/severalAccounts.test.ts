import { signRequest } from "@mexc-live/protocol/rest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { waitUntil } from "../test/boundedWatch.js";
import type { AccountCredentials } from "./accounts.js";
import { MAX_ACCOUNTS } from "./constants.js";
import { BUSY_DEMO_TRADER } from "./market/market.js";
import { buildSimulator, type RunningSimulator, type SimulatorParts, startSimulator } from "./simulator.js";

/** The demo trader acts every 100-300 ms on each account, as many fills as that makes (as gateway/test/e2eKit.ts BUSY_MARKET). */
const BUSY_MARKET = { ...BUSY_DEMO_TRADER, demoTraderIntervalMs: [100, 300], seedHistoryMinutes: 60 } as const;
const QUIET_MARKET = { seedHistoryMinutes: 60 } as const;
const FILLS_WAIT_MS = 20_000;

interface LedgerTrade {
  id: string;
  orderId: string;
  symbol: string;
  price: string;
  qty: string;
  isBuyer: boolean;
  isMaker: boolean;
}
interface Ledger {
  balances: { asset: string; free: string; locked: string }[];
  orders: { orderId: string; time: number }[];
  trades: LedgerTrade[];
}

const started: (RunningSimulator | SimulatorParts)[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((sim) => sim.close()));
});

async function start(options: Parameters<typeof startSimulator>[0]): Promise<RunningSimulator> {
  const sim = await startSimulator(options);
  started.push(sim);
  return sim;
}

function build(options: Parameters<typeof buildSimulator>[0]): SimulatorParts {
  const sim = buildSimulator(options);
  started.push(sim);
  return sim;
}

async function ledgerOf(sim: RunningSimulator, account: string): Promise<Ledger> {
  const response = await fetch(`${sim.rest}/_sim/ledger?account=${account}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Ledger;
}

async function myTrades(sim: RunningSimulator, credentials: AccountCredentials, symbol: string) {
  const signed = signRequest({
    secret: credentials.secretKey,
    query: { symbol, limit: "1000" },
    timestamp: Date.now(),
  });
  const response = await fetch(`${sim.rest}/api/v3/myTrades?${signed.query}`, {
    headers: { "X-MEXC-APIKEY": credentials.apiKey, "Content-Type": "application/json" },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as LedgerTrade[];
}

/** The fields a trade has in both the ledger and myTrades, sorted by id. */
const comparable = (trades: readonly LedgerTrade[]) =>
  trades
    .map(({ id, orderId, symbol, price, qty, isBuyer, isMaker }) => ({
      id,
      orderId,
      symbol,
      price,
      qty,
      isBuyer,
      isMaker,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));

describe("several accounts (accounts: N)", () => {
  it("trades on every account, each account's trades are its own, and its myTrades equals its ledger", async () => {
    const sim = await start({
      seed: 7,
      accounts: 3,
      admin: true,
      market: BUSY_MARKET,
      // A few dozen REST calls back to back; the 20/s limit has its own tests.
      behaviours: { requestRate: false },
    });
    expect(sim.accounts.map((credentials) => credentials.name)).toEqual(["demo", "sub1", "sub2"]);
    await waitUntil(
      () => sim.accounts.every(({ account }) => sim.exchange.ledger(account).trades.length > 0),
      FILLS_WAIT_MS,
      "a fill on every account",
    );
    // Nothing moves from here on, so the ledgers and REST answer the same moment.
    sim.market.stop();

    const ledgers = new Map<string, Ledger>();
    for (const { account } of sim.accounts) ledgers.set(account, await ledgerOf(sim, account));
    const sidesOf = new Map<string, { account: string; trade: LedgerTrade }[]>();
    for (const [account, ledger] of ledgers) {
      const orderIds = new Set(ledger.orders.map((order) => order.orderId));
      for (const trade of ledger.trades) {
        expect(orderIds.has(trade.orderId), `${account} trade ${trade.id} is of one of its orders`).toBe(true);
        sidesOf.set(trade.id, [...(sidesOf.get(trade.id) ?? []), { account, trade }]);
      }
    }
    // A trade id in two ledgers is one match between two of the accounts (as on MEXC): its two sides.
    for (const [id, sides] of sidesOf) {
      if (sides.length === 1) continue;
      expect(sides, `trade ${id}`).toHaveLength(2);
      const [a, b] = sides as [(typeof sides)[0], (typeof sides)[0]];
      expect(a.account).not.toBe(b.account);
      expect([a.trade.isBuyer, a.trade.isMaker]).toEqual([!b.trade.isBuyer, !b.trade.isMaker]);
    }

    for (const credentials of sim.accounts) {
      const ledger = ledgers.get(credentials.account)!;
      for (const symbol of new Set(ledger.trades.map((trade) => trade.symbol))) {
        const own = ledger.trades.filter((trade) => trade.symbol === symbol);
        expect(comparable(await myTrades(sim, credentials, symbol)), `${credentials.account} ${symbol}`).toEqual(
          comparable(own),
        );
      }
    }

    // Each account's trader runs on its own stream: they do not act in lock-step.
    const firstOrderTimes = [...ledgers.values()].map((ledger) =>
      ledger.orders
        .map((order) => order.time)
        .slice(0, 3)
        .join(),
    );
    expect(new Set(firstOrderTimes).size).toBe(firstOrderTimes.length);
  }, 40_000);

  it("answers each account's ledger by name and a 404 naming an unknown one", async () => {
    const sim = await start({ seed: 3, accounts: 3, admin: true, demoTrader: false, market: QUIET_MARKET });
    expect((await ledgerOf(sim, "sub2")).balances.length).toBeGreaterThan(3);
    const unknown = await fetch(`${sim.rest}/_sim/ledger?account=sub3`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: 404, msg: 'unknown account "sub3"' });
  });

  it("draws distinct credentials, the same for the same seed, and leaves the demo account's as they were", () => {
    const three = build({ seed: 11, accounts: 3, demoTrader: false, market: QUIET_MARKET });
    const again = build({ seed: 11, accounts: 3, demoTrader: false, market: QUIET_MARKET });
    const five = build({ seed: 11, accounts: 5, demoTrader: false, market: QUIET_MARKET });
    const one = build({ seed: 11, demoTrader: false, market: QUIET_MARKET });
    const other = build({ seed: 12, accounts: 3, demoTrader: false, market: QUIET_MARKET });

    expect(three.accounts.map((credentials) => credentials.name)).toEqual(["demo", "sub1", "sub2"]);
    expect(again.accounts).toEqual(three.accounts);
    expect(five.accounts.slice(0, 3)).toEqual(three.accounts);
    expect(one.accounts).toEqual(three.accounts.slice(0, 1));
    expect([three.apiKey, three.secretKey]).toEqual([one.apiKey, one.secretKey]);
    expect(other.accounts.map((credentials) => credentials.apiKey)).not.toEqual(
      three.accounts.map((credentials) => credentials.apiKey),
    );
    expect(new Set(five.accounts.map((credentials) => credentials.apiKey)).size).toBe(5);
    expect(new Set(five.accounts.map((credentials) => credentials.secretKey)).size).toBe(5);
    for (const credentials of five.accounts) {
      expect(credentials.account).toBe(credentials.name);
      expect(credentials.apiKey).toMatch(/^mx0v[0-9A-Za-z]{14}$/);
      expect(credentials.secretKey).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it("funds every sub-account like the demo account", () => {
    const sim = build({ seed: 5, accounts: 3, demoTrader: false, market: QUIET_MARKET });
    const demo = sim.exchange.balances("demo");
    expect(demo.length).toBeGreaterThan(3);
    expect(sim.exchange.balances("sub1")).toEqual(demo);
    expect(sim.exchange.balances("sub2")).toEqual(demo);
  });

  it("gives each account its own past with historyDays, the same for the same seed", () => {
    const options = { seed: 9, accounts: 3, historyDays: 2, demoTrader: false, market: QUIET_MARKET } as const;
    // The past is planned back from now (its minute's prices): both builds see the same now, as two
    // builds in two minutes would not (CI once built them across a minute's turn).
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const [sim, again] = (() => {
      try {
        return [build(options), build(options)];
      } finally {
        vi.useRealTimers();
      }
    })();
    const pastOf = (parts: SimulatorParts, account: string) =>
      parts.exchange.ledger(account).trades.map((trade) => `${trade.symbol} ${trade.isBuyer} ${trade.qty}`);
    const pasts = ["demo", "sub1", "sub2"].map((account) => pastOf(sim, account));
    for (const past of pasts) expect(past.length).toBeGreaterThan(0);
    expect(new Set(pasts.map((past) => past.join("|"))).size).toBe(3);
    expect(pastOf(again, "sub2")).toEqual(pasts[2]);
    // The past ends at the funding the account is configured with.
    expect(sim.exchange.balances("sub1")).toEqual(sim.exchange.balances("demo"));
  });

  it("keeps explicit extra accounts after the sub-accounts, and refuses one named like a sub-account", () => {
    const sim = build({
      seed: 4,
      accounts: 2,
      demoTrader: false,
      market: QUIET_MARKET,
      extraAccounts: [{ account: "second", balances: { USDT: "500" } }],
    });
    expect(sim.accounts.map((credentials) => credentials.name)).toEqual(["demo", "sub1", "second"]);
    expect(sim.exchange.balances("second")).toEqual([{ asset: "USDT", free: "500", locked: "0" }]);
    expect(() => buildSimulator({ accounts: 2, demoTrader: false, extraAccounts: [{ account: "sub1" }] })).toThrow(
      'account "sub1" is defined twice',
    );
  });

  it.each([0, MAX_ACCOUNTS + 1, 1.5])("refuses accounts: %s, naming the option", (accounts) => {
    expect(() => buildSimulator({ accounts })).toThrow(
      `accounts must be a whole number from 1 to 200, got ${accounts}`,
    );
  });

  it(`takes MAX_ACCOUNTS (${MAX_ACCOUNTS}) accounts, each with its own key`, () => {
    const sim = buildSimulator({ accounts: MAX_ACCOUNTS, demoTrader: false });
    expect(sim.accounts).toHaveLength(MAX_ACCOUNTS);
    expect(sim.accounts.at(-1)?.name).toBe(`sub${MAX_ACCOUNTS - 1}`);
    expect(new Set(sim.accounts.map((account) => account.apiKey)).size).toBe(MAX_ACCOUNTS);
  });
});
