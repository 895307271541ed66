import type { AlertDeliveryItem } from "@mexc-live/contract";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampleBalance, sampleFill, sampleHealth, T0 } from "../../../../contract/test/items.js";
import { sumPerformance } from "../../figures/sumAccounts.js";
import type { AccountEntry } from "../accountDirectory.js";
import { allAccountsQueries, sumSeries } from "./allAccountsQueries.js";
import { MemoryQueries } from "./memoryQueries.js";

function entry(name: string, queries: MemoryQueries): AccountEntry {
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

/** An account's delivery log as its store answers it: newest first, at most `limit`. */
function withDeliveries(times: readonly number[]): MemoryQueries {
  const log: AlertDeliveryItem[] = [...times]
    .sort((a, b) => b - a)
    .map((time, n) => ({
      id: `${times.length - n}`,
      ruleId: "1",
      to: "browser",
      channel: "browser",
      status: "sent",
      alerts: 1,
      events: ["fill"],
      title: `at ${time}`,
      attempts: 1,
      createdAt: T0 + time,
      sentAt: T0 + time,
      lastError: null,
    }));
  return Object.assign(new MemoryQueries(), {
    alertDeliveries: ({ limit }: { limit: number }) => log.slice(0, limit),
  });
}

describe("all accounts together", () => {
  it("merges every account's delivery log newest first, each with its account, at most `limit`", async () => {
    const entries = [entry("main", withDeliveries([5, 30, 10])), entry("sub", withDeliveries([20, 1]))];
    const all = allAccountsQueries(() => entries, entries[0]!.queries);
    const log = await all.alertDeliveries({ limit: 4 });
    expect(log.map((item) => `${(item as { account?: string }).account} ${item.title}`)).toEqual([
      "main at 30",
      "sub at 20",
      "main at 10",
      "main at 5",
    ]);
  });

  it("pages fills of every account newest first, each with its account, never skipping or repeating one", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 30 }), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 1, max: 7 }),
        async (timesByAccount, limit) => {
          const entries = timesByAccount.map((times, index) =>
            entry(
              index === 0 ? "main" : `sub${index}`,
              new MemoryQueries({
                fills: times.map((time, n) =>
                  sampleFill(index * 1000 + n, { time: T0 + time * 1000, tradeId: `t${index}-${n}` }),
                ),
              }),
            ),
          );
          const all = allAccountsQueries(() => entries, entries[0]!.queries);
          const seen: { account: string; tradeId: string; time: number }[] = [];
          let cursor: string | undefined;
          for (let page = 0; page < 200; page++) {
            const answer = await all.fills({ limit, ...(cursor === undefined ? {} : { cursor }) });
            // Every page's total is every account's together, also once an account has no more.
            expect(answer.total).toBe(timesByAccount.flat().length);
            seen.push(
              ...answer.items.map((fill) => ({ account: fill.account ?? "", tradeId: fill.tradeId, time: fill.time })),
            );
            if (answer.nextCursor === null) break;
            cursor = answer.nextCursor;
          }
          const expected = timesByAccount.flatMap((times, index) =>
            times.map((_, n) => `${index === 0 ? "main" : `sub${index}`} t${index}-${n}`),
          );
          expect(seen.map((fill) => `${fill.account} ${fill.tradeId}`).sort()).toEqual(expected.sort());
          for (let index = 1; index < seen.length; index++)
            expect(seen[index]!.time).toBeLessThanOrEqual(seen[index - 1]!.time);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("refuses a cursor that is not from a page of all accounts", async () => {
    const entries = [entry("main", new MemoryQueries()), entry("sub1", new MemoryQueries())];
    const all = allAccountsQueries(() => entries, entries[0]!.queries);
    await expect(async () => all.fills({ limit: 5, cursor: "abc" })).rejects.toThrow(/cursor/);
    await expect(async () => all.fills({ limit: 5, cursor: "all.e30x" })).rejects.toThrow(/cursor/);
  });

  it("adds up balances per asset and equity over time exactly", async () => {
    const main = new MemoryQueries({
      balances: [sampleBalance("BTC", "0.1", { locked: "0.05", value: "9000.5" }), sampleBalance("USDT", "100.1")],
      equity: [
        { time: T0, equity: "100", byAsset: { USDT: "100" } },
        { time: T0 + 2000, equity: "110", byAsset: { USDT: "110" } },
      ],
    });
    const sub = new MemoryQueries({
      balances: [sampleBalance("BTC", "0.2", { value: "12000.25" })],
      equity: [{ time: T0 + 1000, equity: "50.5", byAsset: { BTC: "50.5" } }],
    });
    const entries = [entry("main", main), entry("sub1", sub)];
    const all = allAccountsQueries(() => entries, main);
    const balances = await all.balances();
    expect(balances.map((item) => [item.asset, item.free, item.locked, item.value])).toEqual([
      ["BTC", "0.3", "0.05", "21000.75"],
      ["USDT", "100.1", "0", balances.find((item) => item.asset === "USDT")?.value],
    ]);
    // From the time both accounts have a point: main's 100 alone at T0 is not all accounts' equity.
    expect((await all.equity({})).map((point) => [point.time - T0, point.equity, point.byAsset])).toEqual([
      [1000, "150.5", { BTC: "50.5", USDT: "100" }],
      [2000, "160.5", { BTC: "50.5", USDT: "110" }],
    ]);
    expect(sumSeries([])).toEqual([]);
    // An account without a point in the range holds nothing back: the others' sum as it is.
    const point = { time: T0, equity: "7", byAsset: { USDT: "7" } };
    expect(sumSeries([[point], []])).toEqual([point]);
  });

  it("adds up fees and PnL by period across accounts", async () => {
    const period = (day: string, realized: string, unrealized: string | null, fees: string) => ({
      period: day,
      from: Date.parse(`${day}T00:00:00Z`),
      to: Date.parse(`${day}T23:59:59.999Z`),
      realized,
      unrealized,
      fees,
      method: "avg" as const,
    });
    const fees = (byCurrency: Record<string, string>, totalValue: string) => ({
      quote: "USDT",
      byCurrency,
      valueByCurrency: byCurrency,
      totalValue,
    });
    const main = Object.assign(new MemoryQueries(), {
      fees: () => fees({ USDT: "1.5", MX: "0.1" }, "1.6"),
      pnlPeriods: () => [
        period("2026-11-21", "10.5", "2", "0.5"),
        { ...period("2026-11-22", "-3", "1", "0.25"), unpriced: ["MX"] },
      ],
    });
    const sub = Object.assign(new MemoryQueries(), {
      fees: () => fees({ USDT: "0.5" }, "0.5"),
      pnlPeriods: () => [{ ...period("2026-11-22", "4.25", null, "0.75"), unpriced: ["ETH"], pricesPending: true }],
    });
    const entries = [entry("main", main), entry("sub1", sub)];
    const all = allAccountsQueries(() => entries, main);
    expect(await all.fees()).toEqual({
      quote: "USDT",
      byCurrency: { MX: "0.1", USDT: "2" },
      valueByCurrency: { MX: "0.1", USDT: "2" },
      totalValue: "2.1",
    });
    const periods = await all.pnlPeriods({ period: "day", from: 0, to: Date.now() });
    expect(periods.map((item) => [item.period, item.realized, item.unrealized, item.fees])).toEqual([
      ["2026-11-21", "10.5", "2", "0.5"],
      ["2026-11-22", "1.25", null, "1"],
    ]);
    // What any account's period leaves out, named; pending while one account's prices are.
    expect(periods.map(({ unpriced, pricesPending }) => ({ unpriced, pricesPending }))).toEqual([
      { unpriced: undefined, pricesPending: undefined },
      { unpriced: ["ETH", "MX"], pricesPending: true },
    ]);
  });
});

describe("all accounts' word on a range (issue 40)", () => {
  it("says where the range stands against the earliest account's history", async () => {
    const early = { status: "startsBeforeHistory" as const, historyStartsAt: T0 };
    const late = { status: "beforeHistory" as const, historyStartsAt: T0 + 86_400_000 };
    const answer = (coverage: typeof early | typeof late) => ({
      from: T0 - 86_400_000,
      to: T0 + 3_600_000,
      startEquity: "0",
      endEquity: "10",
      netFlows: "0",
      twr: null,
      netDeposits: [],
      coverage,
    });
    const sum = sumPerformance([answer(late), answer(early)]);
    expect(sum.coverage).toEqual(early);
  });

  it("says past prices are still coming when any account's answer waits on them", () => {
    const answer = (pricesPending?: true) => ({
      ...{ from: T0, to: T0 + 3_600_000, startEquity: "0", endEquity: "10", netFlows: "0", twr: null },
      ...{ netDeposits: [], unpriced: pricesPending ? ["BTC"] : [] },
      ...(pricesPending ? { pricesPending } : {}),
    });
    expect(sumPerformance([answer(), answer(true)])).toMatchObject({ unpriced: ["BTC"], pricesPending: true });
    expect(sumPerformance([answer(), answer()]).pricesPending).toBeUndefined();
    // And gives no return meanwhile, as each account's answer gives none.
    const bridged = (pricesPending?: true) => ({
      ...answer(pricesPending),
      ...{ startEquity: "100", endEquity: "110", pnl: "10", byAsset: [] },
      bridge: {
        ...{ startEquity: "100", deposits: "0", withdrawals: "0", transfers: "0" },
        ...{ realized: "10", unrealized: "0", fees: "0", endEquity: "110" },
      },
    });
    expect(sumPerformance([bridged(), bridged()]).twr).toBe("0.1");
    expect(sumPerformance([bridged(), bridged(true)]).twr).toBeNull();
  });
});
