/**
 * Record a session against the real simulator on 127.0.0.1 (`start --record-frames`), then
 * replay its frames into a fresh store: the stream's fills and orders come back the same.
 */

import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { FillItem } from "@mexc-live/contract";
import type { RunningSimulator } from "@mexc-live/simulator";
import { afterAll, describe, expect, it } from "vitest";
import {
  ledger,
  quiesce,
  setTrader,
  settingsFor,
  simulatorEnv,
  startBusySimulator,
  tempDir,
  waitFor,
} from "../../test/e2eKit.js";
import { createLogger } from "../logging.js";
import { type RunningGateway, startGateway } from "../service.js";
import { liveDatabaseFile } from "../store/databaseFile.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { replayIntoStore } from "./replayFrames.js";

/** Valuations need prices, which a replay of the account stream alone does not have. */
const withoutValuation = ({ feeValue: _, ...fill }: FillItem) => fill;

describe("replaying recorded frames", () => {
  const data = tempDir("replay");
  let sim: RunningSimulator | undefined;
  let gateway: RunningGateway | undefined;
  const stores: GatewayStore[] = [];

  afterAll(async () => {
    for (const store of stores) store.close();
    await gateway?.close();
    await sim?.close();
    data.remove();
  });

  it("into a fresh store gives back the session's stream fills and orders", async () => {
    sim = await startBusySimulator({ seed: 23 });
    // Nothing trades until the gateway has reconciled: every fill after that comes by the stream.
    await quiesce(sim);
    const before = await ledger(sim);
    const running = await startGateway(
      settingsFor(["--port", "0", "--data", data.path, "--record-frames"], simulatorEnv(sim)),
      { logger: createLogger({ level: "silent" }) },
    );
    gateway = running;
    await waitFor("the first reconciliation", () =>
      running.health().upstream.reconciliations >= 1 ? true : undefined,
    );

    await setTrader(sim, true);
    await sleep(3_000);
    await quiesce(sim);
    const after = await ledger(sim);
    const oldTrades = new Set(before.trades.map((trade) => trade.id));
    const oldOrders = new Set(before.orders.map((order) => order.orderId));
    const newTrades = after.trades.filter((trade) => !oldTrades.has(trade.id));
    const newOrders = after.orders.filter((order) => !oldOrders.has(order.orderId));
    expect(newTrades.length).toBeGreaterThan(3);
    const live = running.store!;
    await waitFor("every new fill and final order state in the store", () => {
      const stored = new Set([...live.allFills()].map((fill) => fill.tradeId));
      const fills = newTrades.every((trade) => stored.has(trade.id));
      const orders = newOrders.every((order) => live.order(order.orderId)?.status === order.status);
      return fills && orders ? true : undefined;
    });
    expect(running.health().upstream.gaps).toBe(0);
    await running.close();
    gateway = undefined;

    const recorded = openStore({ path: join(data.path, liveDatabaseFile(sim.apiKey)) });
    const fresh = openStore({ path: ":memory:" });
    stores.push(recorded, fresh);
    const report = replayIntoStore(recorded.rawFrames(), fresh);
    expect(report.events).toBeGreaterThan(0);
    expect(report.malformed).toBe(0);

    const streamFills = [...recorded.allFills()].filter((fill) => fill.source === "stream");
    expect(streamFills.length).toBeGreaterThanOrEqual(newTrades.length);
    expect([...fresh.allFills()].map(withoutValuation)).toEqual(streamFills.map(withoutValuation));

    const ids = newOrders.map((order) => order.orderId);
    expect(fresh.counts().orders).toBe(ids.length);
    expect(ids.map((id) => fresh.order(id))).toEqual(ids.map((id) => recorded.order(id)));
  }, 40_000);
});
