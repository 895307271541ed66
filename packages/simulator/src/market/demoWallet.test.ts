import { Decimal as Big } from "@mexc-live/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { testExchange } from "../../test/testExchange.js";
import { createClock } from "../clock.js";
import { createExchange } from "../engine/exchange.js";
import { createRandom } from "../random.js";
import { DEFAULT_SYMBOLS } from "../symbols.js";
import type { BalanceEvent, Market } from "../types.js";
import { createDemoWallet } from "./demoWallet.js";
import { DEMO_FUNDING, startMarket } from "./market.js";

const running: Market[] = [];
afterEach(() => {
  for (const market of running.splice(0)) market.stop();
  vi.useRealTimers();
});

describe("the demo trader's wallet moves", () => {
  it("makes deposits, withdrawals and transfers both ways of a few percent, never draining a balance", () => {
    const t = testExchange();
    t.exchange.createAccount("demo");
    for (const [asset, amount] of Object.entries(DEMO_FUNDING)) t.exchange.credit("demo", asset, amount);
    t.take();
    const wallet = createDemoWallet({
      exchange: t.exchange,
      account: "demo",
      random: createRandom(3),
      symbols: DEFAULT_SYMBOLS,
    });
    for (let i = 0; i < 300; i++) {
      const before = new Map(t.exchange.balances("demo").map((balance) => [balance.asset, new Big(balance.free)]));
      wallet.act();
      for (const event of t.take()) {
        if (event.kind !== "balance" || event.account !== "demo") continue;
        const change = new Big(event.freeChange);
        // Out of the account: at most 5 % of what was free before the move.
        if (change.lt(0)) expect(change.abs().lte(before.get(event.asset)!.times("0.05")), event.changeType).toBe(true);
      }
    }
    const { deposits, withdrawals, transfers } = t.exchange.ledger("demo");
    expect(deposits.length).toBeGreaterThan(50);
    expect(withdrawals.length).toBeGreaterThan(20);
    expect(new Set(transfers.map((transfer) => transfer.fromAccountType))).toEqual(new Set(["SPOT", "FUTURES"]));
    for (const [asset, start] of Object.entries(DEMO_FUNDING)) {
      const free = t.exchange.balances("demo").find((balance) => balance.asset === asset)!.free;
      expect(new Big(free).gt(new Big(start).div(2)), asset).toBe(true);
    }
  });

  it("runs now and then while the demo trader runs, pushing DEPOSIT, WITHDRAW or CONTRACT_TRANSFER changes", async () => {
    vi.useFakeTimers();
    const clock = createClock(200);
    const exchange = createExchange({ symbols: [...DEFAULT_SYMBOLS], clock, random: createRandom(1) });
    const changes: BalanceEvent[] = [];
    exchange.onEvent((event) => {
      if (event.kind === "balance" && event.account === "demo") changes.push(event);
    });
    const market = startMarket({
      exchange,
      clock,
      random: createRandom(1),
      walletRandom: createRandom(2),
      demo: { account: "demo", trader: true },
      options: { seedHistoryMinutes: 0, demoWalletIntervalMs: [1_000, 3_000] },
    });
    running.push(market);
    const wallet = () =>
      changes.filter((event) => ["DEPOSIT", "WITHDRAW", "CONTRACT_TRANSFER"].includes(event.changeType));
    // 400 simulated seconds: moves every 1-3 of them. 6 starting deposits, then the moves.
    for (let i = 0; i < 400 && wallet().length < 6 + 3; i++) await vi.advanceTimersByTimeAsync(5);
    expect(wallet().length).toBeGreaterThanOrEqual(9);
    market.setDemoTraderRunning(false);
    const moves = exchange.ledger("demo");
    const count = moves.deposits.length + moves.withdrawals.length + moves.transfers.length;
    await vi.advanceTimersByTimeAsync(100);
    const after = exchange.ledger("demo");
    expect(after.deposits.length + after.withdrawals.length + after.transfers.length).toBe(count);
  });
});
