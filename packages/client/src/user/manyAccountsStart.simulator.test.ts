/**
 * Twenty accounts starting at once on one machine, as a gateway with twenty sub-accounts starts
 * them (issue 31): each its own client and API key, one REST budget for all (its public calls
 * share the machine's 20 requests a second, each account's signed calls have their own:
 * docs/mexc/rest.md#limits-per-ip-or-per-account) and one
 * server clock (measured once, not twenty times), against the simulator and its real request-rate
 * limit. Every account gets its listen key and goes live, and MEXC refuses none of the calls with
 * a 429.
 *
 * The start is where a gateway is busiest: twenty stores open and twenty clients make their first
 * connections while the budget lets their first calls go. Here each client's first request leaves
 * 300 ms after the budget let it go, as a cold connection or a busy event loop makes it; counted
 * from its release, it then arrives in the simulator's second together with the next twenty, and
 * the listen-key calls were refused (the 429s on GET /api/v3/userDataStream in BENCHMARKS.md's
 * 20-account run).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { budgetRig } from "../../test/budgetRig.js";
import { createMexcClient } from "../client.js";
import { ServerClock } from "../rest/serverClock.js";
import type { UserStream } from "./userStream.js";

const ACCOUNTS = 20;
/** How long each client's first request takes to leave after the budget let it go. */
const FIRST_REQUEST_DELAY_MS = 300;

const rig = budgetRig();
const { clients } = rig;

/** fetch whose first call leaves late. */
function slowFirstFetch(): typeof fetch {
  let first = true;
  return async (url, init) => {
    if (first) {
      first = false;
      await sleep(FIRST_REQUEST_DELAY_MS);
    }
    return fetch(url, init);
  };
}

function goesLive(stream: UserStream): Promise<void> {
  return new Promise((resolve) => {
    stream.on("state", (notice) => {
      if (notice.state === "live") resolve();
    });
  });
}

describe("twenty accounts starting on one machine", () => {
  it("all get their listen keys and go live, and MEXC refuses none of the calls (no 429)", async () => {
    const sim = await rig.start({
      port: 0,
      seed: 31,
      demoTrader: false,
      historyDays: 0,
      accounts: ACCOUNTS,
    });
    const refused: string[] = [];
    const answered: string[] = [];
    sim.app.server.prependListener("request", (request: IncomingMessage, response: ServerResponse) => {
      const endpoint = `${request.method} ${(request.url ?? "").split("?")[0]}`;
      response.once("finish", () => {
        answered.push(endpoint);
        if (response.statusCode === 429 || response.statusCode === 418) refused.push(endpoint);
      });
    });
    const budget = rig.budget();
    const serverClock = new ServerClock();
    const streams = sim.accounts.map((account) => {
      const client = createMexcClient({
        apiKey: account.apiKey,
        apiSecret: account.secretKey,
        restUrl: sim.rest,
        wsUrl: sim.ws,
        budget,
        serverClock,
        fetch: slowFirstFetch(),
      });
      clients.push(client);
      return client.userStream();
    });

    await Promise.all(streams.map(goesLive));

    expect(refused).toEqual([]);
    expect(answered.filter((endpoint) => endpoint === "POST /api/v3/userDataStream")).toHaveLength(ACCOUNTS);
    // MEXC's clock read once for all twenty.
    expect(answered.filter((endpoint) => endpoint === "GET /api/v3/time")).toHaveLength(1);
    expect(clients.map((client) => client.rest.stats().rateLimited429)).toEqual(clients.map(() => 0));
  }, 60_000);
});
