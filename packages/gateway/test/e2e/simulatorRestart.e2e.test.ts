/**
 * A local exchange restarted with the same seed (issue 54 item 3): `mexc-sim --seed N` stopped and
 * started again keeps its prices and keys, but never an id of the run before, so a gateway that
 * stored the first run's fills stores the second run's too instead of dropping them as duplicates.
 */

import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterAll, describe, expect, it } from "vitest";
import { GatewayProcess, getJson, simulatorEnv, tempDir, waitFor } from "../e2eKit.js";

/** No maker requotes and no takers once started: the only orders are the test's. */
const STILL_MARKET = { makerRequoteMs: 1e12, takerIntervalMs: 1e12, seedHistoryMinutes: 60 };
const SEED = 54;

function startStill(port = 0): Promise<RunningSimulator> {
  return startSimulator({ seed: SEED, port, demoTrader: false, market: STILL_MARKET });
}

/** Two MARKET buys for the demo account: each fills against the makers' book. */
function buyTwice(sim: RunningSimulator): string[] {
  for (let order = 0; order < 2; order++)
    sim.exchange.placeOrder({ account: "demo", symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.002" });
  return sim.exchange.ledger("demo").trades.map((trade) => trade.id);
}

describe("a simulator restarted with the same seed", () => {
  const data = tempDir("sim-restart");
  let sim: RunningSimulator | undefined;
  let gateway: GatewayProcess | undefined;

  afterAll(async () => {
    await gateway?.stop("SIGKILL");
    await sim?.close();
    data.remove();
  });

  it("hands out new ids, and the gateway stores the second run's fills as well as the first's", async () => {
    sim = await startStill();
    const port = sim.port;
    gateway = GatewayProcess.spawn(["--port", "0", "--data", data.path, "--log-level", "warn"], simulatorEnv(sim));
    const url = await gateway.url();
    const storedIds = async () =>
      new Set(
        (await getJson<{ items: { tradeId: string }[] }>(`${url}api/fills?limit=100`)).items.map((f) => f.tradeId),
      );
    const allStored = (ids: readonly string[]) => async () => {
      const stored = await storedIds();
      return ids.every((id) => stored.has(id)) ? stored : undefined;
    };

    const firstRun = buyTwice(sim);
    expect(firstRun.length).toBeGreaterThanOrEqual(2);
    await waitFor("the first run's fills stored", allStored(firstRun), 20_000);

    await sim.close();
    sim = await startStill(port);
    const secondRun = buyTwice(sim);
    expect(secondRun.filter((id) => firstRun.includes(id))).toEqual([]);
    const stored = await waitFor("the restarted run's fills stored", allStored(secondRun), 30_000);
    expect(stored.size).toBe(firstRun.length + secondRun.length);
  });
});
