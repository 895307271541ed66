/**
 * The README's pattern, as an outside developer writes it (issue 38 item 1):
 *   const user = client.userStream(); await user.live(); for await (const item of user) ...
 * against the simulator on 127.0.0.1 with its demo trader busy. The loop starts only after the
 * first reconciliation, yet sees every item from "connecting" on: every fill of the simulator's
 * own ledger (the reconciliation's `source: "rest"` ones included), the same items in the same
 * order as a listener attached at creation.
 */
import { BUSY_DEMO_TRADER, type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { sleep } from "../backoff.js";
import { createMexcClient, type MexcClient } from "../client.js";
import type { UserStreamItem } from "./userStreamTypes.js";

/** Long enough for the loop to close a stream that never delivers what the ledger has. */
const SAFETY_CLOSE_MS = 20_000;

let sim: RunningSimulator | undefined;
let client: MexcClient | undefined;
afterEach(async () => {
  await client?.close();
  await sim?.close();
  client = undefined;
  sim = undefined;
});

async function ledgerTradeIds(running: RunningSimulator): Promise<string[]> {
  const response = await fetch(`${running.rest}/_sim/ledger?account=demo`);
  expect(response.status).toBe(200);
  const ledger = (await response.json()) as { trades: { id: string }[] };
  return ledger.trades.map((trade) => trade.id).sort();
}

describe("the README's pattern: userStream(), await live(), then for await", () => {
  it("sees every item from the first, every fill of the simulator's ledger among them", async () => {
    sim = await startSimulator({
      port: 0,
      seed: 38,
      admin: true,
      demoTrader: true,
      historyDays: 1,
      market: { ...BUSY_DEMO_TRADER, demoTraderIntervalMs: [50, 150] },
    });
    client = createMexcClient({ apiKey: sim.apiKey, apiSecret: sim.secretKey, restUrl: sim.rest, wsUrl: sim.ws });

    const user = client.userStream();
    const heard: UserStreamItem[] = [];
    user.on("event", (event) => heard.push(event));
    user.on("state", (notice) => heard.push(notice));
    await user.live();
    await sleep(1_000); // the trader goes on: live fills queue up before the loop starts

    const trader = await fetch(`${sim.rest}/_sim/trader`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ running: false }),
    });
    expect(trader.status).toBe(200);
    for (const symbol of sim.exchange.symbols.keys()) sim.exchange.cancelAllOrders("demo", symbol);
    const ledger = await ledgerTradeIds(sim);

    const safety = setTimeout(() => void user.close(), SAFETY_CLOSE_MS);
    const seen: UserStreamItem[] = [];
    const fills = new Set<string>();
    for await (const item of user) {
      seen.push(item);
      if (item.type === "fill") fills.add(item.tradeId);
      if (ledger.every((id) => fills.has(id))) break;
    }
    clearTimeout(safety);

    expect(seen[0]).toMatchObject({ type: "state", state: "connecting" });
    expect(seen).toEqual(heard.slice(0, seen.length));
    expect([...fills].sort()).toEqual(ledger);
    const bySource = (source: string) => seen.filter((item) => item.type === "fill" && item.source === source).length;
    expect(bySource("rest")).toBeGreaterThan(0);
    expect(bySource("stream")).toBeGreaterThan(0);
    expect(seen.some((item) => item.type === "order" && item.source === "rest")).toBe(true);
  }, 40_000);
});
