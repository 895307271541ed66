/**
 * Where the budget counts a call (weightBudget.ts, protocol's chargedWeight): a signed call in its
 * account's second and window, a public one in the machine's. Fifty accounts behind one gateway
 * each have MEXC's 20 requests a second for their signed calls; their public calls share one.
 */

import { MAX_REQUESTS_PER_SECOND } from "@mexc-live/protocol/limits";
import { chargedWeight, REST_WEIGHTS } from "@mexc-live/protocol/rest";
import { describe, expect, it } from "vitest";
import { WeightBudget } from "./weightBudget.js";

const ACCOUNTS = 50;
const MY_TRADES = "GET /api/v3/myTrades";
const DEPTH = "GET /api/v3/depth";
const KLINES = "GET /api/v3/klines";
const signed = (endpoint: keyof typeof REST_WEIGHTS) => chargedWeight(REST_WEIGHTS[endpoint], true);
const unsigned = (endpoint: keyof typeof REST_WEIGHTS) => chargedWeight(REST_WEIGHTS[endpoint], false);

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

describe("WeightBudget: per account and per machine", () => {
  it(`gives each of ${ACCOUNTS} accounts its own ${MAX_REQUESTS_PER_SECOND} signed requests a second`, async () => {
    const budget = new WeightBudget();
    // Ten signed calls per account (a reconciliation's reads), 500 in all: at 20 a second shared
    // by the machine that would be 25 s; each account's own 20 a second lets them all go at once.
    const perAccount = 10;
    const elapsed = await timed(() =>
      Promise.all(
        Array.from({ length: ACCOUNTS }, async (_, account) => {
          for (let call = 0; call < perAccount; call++) {
            (await budget.acquire(MY_TRADES, signed(MY_TRADES), undefined, `account-${account}`))();
          }
        }),
      ),
    );
    expect(elapsed).toBeLessThan(1_000);
    // Each account's window holds its own ten calls' weight, none of another's.
    expect(budget.used("uid", MY_TRADES, "account-7")).toBe(perAccount * 10);
    expect(budget.used("ip", MY_TRADES)).toBe(0);
    budget.close();
  });

  it(`keeps every account's public calls to the machine's ${MAX_REQUESTS_PER_SECOND} a second`, async () => {
    const budget = new WeightBudget();
    const calls = 2 * MAX_REQUESTS_PER_SECOND;
    const leftAt: number[] = [];
    const start = performance.now();
    await Promise.all(
      Array.from({ length: calls }, async (_, n) => {
        const release = await budget.acquire(DEPTH, unsigned(DEPTH), undefined, `account-${n}`);
        leftAt.push(performance.now() - start);
        release();
      }),
    );
    leftAt.sort((a, b) => a - b);
    expect(leftAt[MAX_REQUESTS_PER_SECOND - 1]).toBeLessThan(200);
    // The 21st waits until the first answers have been a second old.
    expect(leftAt[MAX_REQUESTS_PER_SECOND]).toBeGreaterThanOrEqual(1_000);
    budget.close();
  });

  it("sends a reconciliation read at once while the machine's second is full and a price queue waits", async () => {
    const budget = new WeightBudget();
    // The machine's second full of public calls still on their way, and 200 candle reads queued.
    const inFlight = await Promise.all(
      Array.from({ length: MAX_REQUESTS_PER_SECOND }, (_, n) =>
        budget.acquire(DEPTH, unsigned(DEPTH), undefined, `account-${n}`),
      ),
    );
    const lookups = Array.from({ length: 200 }, (_, n) =>
      budget.acquire(KLINES, unsigned(KLINES), undefined, `account-${n % ACCOUNTS}`).then((release) => release()),
    );
    // One account's reconciliation: account, open orders, its fills; then a listen key.
    const elapsed = await timed(async () => {
      for (const endpoint of ["GET /api/v3/account", "GET /api/v3/openOrders", MY_TRADES] as const) {
        (await budget.acquire(endpoint, signed(endpoint), undefined, "account-3"))();
      }
      (
        await budget.acquire(
          "POST /api/v3/userDataStream",
          signed("POST /api/v3/userDataStream"),
          undefined,
          "account-3",
          true,
        )
      )();
    });
    expect(elapsed).toBeLessThan(100);
    for (const release of inFlight) release();
    budget.close();
    await Promise.allSettled(lookups);
  });
});
