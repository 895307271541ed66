/**
 * Two clients of one key on one shared budget are one account to MEXC (a signed call counts per
 * account: protocol's chargedWeight), so they share that account's count: the gateway's
 * key-permission check reads with a client of its own beside the account's collector, and with a
 * count each the two together went over the account's limit (bench:accounts at 50 accounts: five
 * 429s on the main account at start, 2026-11-25). The weight window is scaled down on both sides.
 */
import { describe, expect, it } from "vitest";
import { budgetRig, refusedRequests } from "../../test/budgetRig.js";
import { createMexcClient } from "../client.js";
import { ServerClock } from "./serverClock.js";

/** 60 weight a second per endpoint and account: six fill reads (weight 10) a second. */
const SCALED = { weightPerWindow: 60, windowMs: 1_000 } as const;
const READS_EACH = 8;

const rig = budgetRig();
const { clients } = rig;

describe("one key, two clients, one shared budget", () => {
  it("share the account's count: their fill reads together never earn a 429", async () => {
    const sim = await rig.start({
      port: 0,
      seed: 7,
      demoTrader: false,
      historyDays: 0,
      accounts: 1,
      rateLimit: SCALED,
    });
    const refused = refusedRequests(sim);
    const budget = rig.budget(SCALED);
    const serverClock = new ServerClock();
    const [account] = sim.accounts;
    for (let i = 0; i < 2; i++)
      clients.push(
        createMexcClient({
          apiKey: account!.apiKey,
          apiSecret: account!.secretKey,
          restUrl: sim.rest,
          wsUrl: sim.ws,
          budget,
          serverClock,
        }),
      );
    await Promise.all(
      clients.map(async (client) => {
        for (let read = 0; read < READS_EACH; read++) await client.myTrades("BTCUSDT");
      }),
    );
    expect(refused).toEqual([]);
    // (With a count per client, the sixth read of the second went out over the account's 60 and
    // was refused; the client then waited out MEXC's pause, past this test's bound.)
  }, 30_000);
});
