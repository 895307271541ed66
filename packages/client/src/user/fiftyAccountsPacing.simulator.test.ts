/**
 * Fifty accounts behind one machine (issue 41): each its own client and key, one REST budget for
 * all, against the simulator's limits as MEXC counts them: the 20 requests a second and each
 * endpoint's weight per account for signed calls, per IP for public ones (protocol's
 * chargedWeight). The weight window is scaled down on both sides (60 per second instead of 500 per
 * 10 s), so that a few calls per account reach it. Every account reconciles, goes live and reads
 * ten pages of fills and one order book: no call is refused, and all of it is done in a few
 * seconds. With the fifty accounts' signed calls in the machine's budget, the same work was not
 * done after 120 s; with the weight counted from a call's release instead of its answer, ten
 * fill reads were refused 429 (a call slow to arrive opened the simulator's window late).
 */
import { describe, expect, it } from "vitest";
import { budgetRig, refusedRequests } from "../../test/budgetRig.js";
import { createMexcClient } from "../client.js";
import { ServerClock } from "../rest/serverClock.js";
import type { UserStream } from "./userStream.js";

const ACCOUNTS = 50;
/** The weight window, scaled down alike in the simulator and the budget. */
const SCALED = { weightPerWindow: 60, windowMs: 1_000 } as const;
/** Fill pages each account reads after going live: 10 x weight 10, over its scaled window. */
const PAGES = 10;
/** The whole run's bound: each account's own pace (two scaled windows) and the machine's public second. */
const DONE_WITHIN_MS = 20_000;

const rig = budgetRig();
const { clients } = rig;

function goesLive(stream: UserStream): Promise<void> {
  return new Promise((resolve) => {
    stream.on("state", (notice) => {
      if (notice.state === "live") resolve();
    });
  });
}

describe("fifty accounts on one machine, paced as MEXC counts", () => {
  it("reconcile, go live and read their fills and a book with no 429, within the bound", async () => {
    const sim = await rig.start({
      port: 0,
      seed: 41,
      demoTrader: false,
      historyDays: 0,
      accounts: ACCOUNTS,
      rateLimit: SCALED,
    });
    const refused = refusedRequests(sim);
    const budget = rig.budget(SCALED);
    const serverClock = new ServerClock();
    const started = performance.now();
    await Promise.all(
      sim.accounts.map(async (account) => {
        const client = createMexcClient({
          apiKey: account.apiKey,
          apiSecret: account.secretKey,
          restUrl: sim.rest,
          wsUrl: sim.ws,
          budget,
          serverClock,
        });
        clients.push(client);
        await goesLive(client.userStream());
        for (let page = 0; page < PAGES; page++) await client.myTrades("BTCUSDT");
        await client.depth("BTCUSDT", 5);
      }),
    );
    const elapsed = performance.now() - started;

    expect(refused).toEqual([]);
    expect(clients.map((client) => client.rest.stats().rateLimited429)).toEqual(clients.map(() => 0));
    expect(elapsed).toBeLessThan(DONE_WITHIN_MS);
  }, 120_000);
});
