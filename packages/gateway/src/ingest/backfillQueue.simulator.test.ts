/**
 * Several accounts' first backfills in one gateway (issue 31): one at a time, in the configured
 * order, so the first account has its whole month before the second fetches anything, and the
 * second says meanwhile that it waits and for how many. Against the simulator's two funded
 * accounts with a week of past activity.
 */
import { createMexcClient, type MexcClient } from "@mexc-live/client";
import type { HistoryProgress } from "@mexc-live/contract";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { type MarketSymbol, PriceBook } from "../figures/index.js";
import { createLogger } from "../logging.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { Backfill } from "./backfill.js";
import { BackfillTurns } from "./backfillTurns.js";

let sim: RunningSimulator | undefined;
const clients: MexcClient[] = [];
const stores: GatewayStore[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  for (const store of stores.splice(0)) store.close();
  await sim?.close();
  sim = undefined;
});

const QUIET = { makerRequoteMs: 3_600_000, takerIntervalMs: 3_600_000, seedHistoryMinutes: 60 };

describe("backfills of several accounts", () => {
  it("run one after another: the first completes before the second fetches a window, and the second says meanwhile that it is queued", async () => {
    sim = await startSimulator({ port: 0, seed: 31, demoTrader: false, historyDays: 7, accounts: 2, market: QUIET });
    // One slot: the order is plain to see with two accounts (the gateway runs a few at once).
    const turns = new BackfillTurns(1);
    const book = new PriceBook();
    const progress: { account: number; state: HistoryProgress["state"]; ahead?: number; windowsDone: number }[] = [];
    const jobs = await Promise.all(
      sim.accounts.map(async (account, order) => {
        const client = createMexcClient({ apiKey: account.apiKey, apiSecret: account.secretKey, restUrl: sim!.rest });
        clients.push(client);
        const store = openStore({ path: ":memory:" });
        stores.push(store);
        if (order === 0) book.setMarkets((await client.exchangeInfo()).symbols as readonly MarketSymbol[]);
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
        const job: Backfill = new Backfill({
          client,
          store,
          book,
          quote: "USDT",
          symbols: [],
          logger: createLogger({ level: "silent" }).logger,
          now: () => Date.now(),
          live: () => true,
          onStored: () => {},
          onProgress: () => {
            const now = job.progress();
            if (now === undefined) return;
            const windowsDone = store.backfill().windows.filter((window) => window.doneAt !== null).length;
            progress.push({ account: order, state: now.state, ahead: now.ahead, windowsDone });
          },
          pacingMs: 0,
          turns: { queue: turns, order },
        });
        return job;
      }),
    );
    for (const job of jobs) job.start();
    await Promise.all(jobs.map((job) => job.whenDone()));

    expect(jobs.map((job) => job.progress()?.state)).toEqual(["complete", "complete"]);
    const firstComplete = progress.findIndex((step) => step.account === 0 && step.state === "complete");
    const secondFirstWindow = progress.findIndex((step) => step.account === 1 && step.windowsDone > 0);
    expect(firstComplete).toBeGreaterThanOrEqual(0);
    expect(secondFirstWindow).toBeGreaterThan(firstComplete);
    // Meanwhile the second said where it stood.
    expect(progress.slice(0, firstComplete).filter((step) => step.account === 1)).toContainEqual(
      expect.objectContaining({ state: "queued", ahead: 1, windowsDone: 0 }),
    );
    expect(stores.map((store) => [...store.allFills()].length > 0)).toEqual([true, true]);
  }, 120_000);
});
