/**
 * Two clients of one key on one shared budget are one account to MEXC (a signed call counts per
 * account: protocol's chargedWeight), so they share that account's count: the gateway's
 * key-permission check reads with a client of its own beside the account's collector, and with a
 * count each the two together went over the account's limit (bench:accounts at 50 accounts: five
 * 429s on the main account at start, 2026-11-25). The weight window is scaled down on both sides.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { createMexcClient, type MexcClient } from "../client.js";
import { ServerClock } from "./serverClock.js";
import { WeightBudget } from "./weightBudget.js";

/** 60 weight a second per endpoint and account: six fill reads (weight 10) a second. */
const SCALED = { weightPerWindow: 60, windowMs: 1_000 } as const;
const READS_EACH = 8;

let sim: RunningSimulator | undefined;
const clients: MexcClient[] = [];
let budget: WeightBudget | undefined;

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  budget?.close();
  await sim?.close();
  sim = undefined;
});

describe("one key, two clients, one shared budget", () => {
  it("share the account's count: their fill reads together never earn a 429", async () => {
    sim = await startSimulator({ port: 0, seed: 7, demoTrader: false, historyDays: 0, accounts: 1, rateLimit: SCALED });
    const refused: string[] = [];
    sim.app.server.prependListener("request", (request: IncomingMessage, response: ServerResponse) => {
      response.once("finish", () => {
        if (response.statusCode === 429 || response.statusCode === 418) refused.push(request.url ?? "");
      });
    });
    budget = new WeightBudget(SCALED);
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
